// Character columns of the places a report names, found in one pass over the inventory's text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sovaudit/findings.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit {

/// The 1-based character column (as GitHub and SARIF count columns) of `loc`, where `rest` is the
/// text from the start of `loc`'s line to the end of the text.
std::uint32_t character_column_at(std::string_view rest, SourceLoc loc);

/// Where the YAML token that starts at `loc` ends, exclusive, in bytes on the same line (`rest` as
/// above): past the closing quote of a quoted scalar, the bracket that closes a flow collection, else
/// before a separator (`,` `]` `}` `: ` ` #`) or the end of the line. One past `loc` when nothing is there.
SourceLoc token_end_at(std::string_view rest, SourceLoc loc);

/// One place in characters: its column and the end of the token that starts there.
struct PlaceColumns {
  SourceLoc place;                     ///< line and byte column, as the model keeps them
  std::uint32_t column = 0;            ///< character_column_at the place
  SourceLoc token_end;                 ///< token_end_at the place (bytes)
  std::uint32_t token_end_column = 0;  ///< character_column_at that end
};

/// The columns of a set of places, worked out before the writers run, so that the SARIF and GitHub
/// writers neither index every line of a large inventory again nor bring its pages back.
class ColumnIndex {
 public:
  ColumnIndex() = default;
  /// Indexes `places` (any order, repeats allowed) in one pass over `text`; a mapped text gives its
  /// pages back behind the pass. Places beyond the text or at column 0 are left out.
  static ColumnIndex of(const SourceText& text, std::vector<SourceLoc> places);
  /// The columns of `place`, or nullptr when it was not indexed.
  [[nodiscard]] const PlaceColumns* find(SourceLoc place) const;
  [[nodiscard]] std::size_t size() const { return places_.size(); }

 private:
  std::vector<PlaceColumns> places_;  // by line, then column
};

/// The inventory places `findings` point at: each one's own and its related ones in the inventory,
/// and line 1, column 1 (where SARIF puts what has no place).
std::vector<SourceLoc> places_of(const std::vector<Finding>& findings);

}  // namespace sovaudit
