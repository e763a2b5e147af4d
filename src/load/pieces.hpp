// Internal to the loader: parsing an inventory in pieces on several threads, and one piece's result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sovaudit/loader.hpp"

namespace sovaudit::load {

/// One piece of a split file, read into an inventory of its own.
struct PieceResult {
  Inventory inventory;
  Diagnostics diagnostics;
  bool complete = false;  ///< one document read to its end, nothing thrown
  /// The top-level keys the parser read, with their file lines (a piece after the first starts
  /// with its list's key, read from the key line put in front of it).
  std::vector<std::pair<std::string, std::uint32_t>> keys;
  SourceLoc first_nested;  ///< where the first collection inside a top-level value opened
};

/// Parses `text[begin, end)` as a piece: the first piece as it is, a later one behind the line
/// `list_key:` so its entries read as that list's; `first_line` is the file line at `begin`.
PieceResult parse_piece(std::string_view text, std::size_t begin, std::size_t end, std::string_view list_key,
                        std::uint32_t first_line, const LoadLimits& limits);

/// Drops the spare capacity of the inventory's entry lists once a clean parse is done with them.
inline void shrink_entry_lists(Inventory& inventory) {
  inventory.providers.shrink_to_fit();
  inventory.capabilities.shrink_to_fit();
  inventory.data_flows.shrink_to_fit();
  inventory.accepted_risks.shrink_to_fit();
}

/// The parse of a file cut between list entries and read on several threads, when that applies
/// and the pieces confirm the cuts; nullopt means: read the file in one piece.
std::optional<ParseResult> parse_in_pieces(const SourceFile& source, const LoadLimits& limits,
                                           const ParseOptions& options);

}  // namespace sovaudit::load
