// Reads a large inventory in pieces on several threads, then joins them into the one-piece result.
#include <malloc.h>

#include <algorithm>
#include <exception>
#include <thread>

#include "pieces.hpp"
#include "schema.hpp"
#include "sovaudit/parallel.hpp"
#include "split.hpp"

namespace sovaudit::load {
namespace {

constexpr std::size_t kBytesPerPiece = 16 * 1024;  // below this a thread costs more than it saves
constexpr std::size_t kMaxPieces = 16;

std::size_t pieces_for(std::size_t bytes, const ParseOptions& options) {
  if (options.pieces > 0) return options.pieces;
  return std::min({std::size_t{available_cores()}, std::max<std::size_t>(1, bytes / kBytesPerPiece), kMaxPieces});
}

/// The piece reads what the lines promised: the same top-level keys on the same lines (a later
/// piece first reads its list's key), and a later piece's first entry opens on the cut's line.
/// Anything else means the cut fell inside something the lines did not show, such as a
/// multi-line text, and the pieces are not the file.
bool piece_matches(const PieceResult& piece, const SplitPlan& plan, std::size_t index, std::size_t begin,
                   std::size_t end) {
  if (!piece.complete || piece.diagnostics.has_errors()) return false;
  std::size_t k = 0;
  if (index > 0) {
    const Cut& cut = plan.cuts[index - 1];
    if (piece.keys.empty() || piece.keys[0].first != cut.list_key) return false;
    if (piece.first_nested.line != cut.line) return false;
    k = 1;
  }
  for (const TopLevelKey& key : plan.keys) {
    if (key.offset < begin || key.offset >= end) continue;
    if (k >= piece.keys.size() || piece.keys[k].first != key.name || piece.keys[k].second != key.line) return false;
    ++k;
  }
  return k == piece.keys.size();
}

template <class T>
void append_entries(EntryList<T>& into, EntryList<T>& from) {
  // Entries leave the piece one at a time, so its blocks are freed while the whole grows.
  while (!from.empty()) {
    into.push_back(std::move(from.front()));
    from.pop_front();
  }
}

/// Moves into `whole` what a later piece read: the sections whose key is on its lines, and every
/// entry of every list, after the entries already there.
void join(Inventory& whole, PieceResult& piece, const SplitPlan& plan, std::size_t begin, std::size_t end) {
  Inventory& part = piece.inventory;
  for (const TopLevelKey& key : plan.keys) {
    if (key.offset < begin || key.offset >= end) continue;
    if (key.name == "sovaudit") whole.format_version = part.format_version;
    if (key.name == "organization") whole.organization = std::move(part.organization);
    if (key.name == "policy") whole.policy = std::move(part.policy);
    if (key.name == "providers") whole.providers_loc = part.providers_loc;
    if (key.name == "capabilities") whole.capabilities_loc = part.capabilities_loc;
    if (key.name == "data_flows") whole.data_flows_loc = part.data_flows_loc;
    if (key.name == "accepted_risks") whole.accepted_risks_loc = part.accepted_risks_loc;
  }
  append_entries(whole.providers, part.providers);
  append_entries(whole.capabilities, part.capabilities);
  append_entries(whole.data_flows, part.data_flows);
  append_entries(whole.accepted_risks, part.accepted_risks);
}

}  // namespace

std::optional<ParseResult> parse_in_pieces(const SourceFile& source, const LoadLimits& limits,
                                           const ParseOptions& options) {
  const std::string_view text = source.text;
  const std::size_t wanted = pieces_for(text.size(), options);
  if (wanted < 2) return std::nullopt;
  const std::optional<SplitPlan> plan = plan_split(text, wanted);
  if (!plan) return std::nullopt;
  for (std::string_view required : required_top_level_keys()) {
    // The one-piece read reports a missing key, at the place it reports it.
    if (std::none_of(plan->keys.begin(), plan->keys.end(), [&](const TopLevelKey& k) { return k.name == required; })) {
      return std::nullopt;
    }
  }

  const std::size_t count = plan->cuts.size() + 1;
  auto begin_of = [&](std::size_t i) { return i == 0 ? std::size_t{0} : plan->cuts[i - 1].offset; };
  auto end_of = [&](std::size_t i) { return i + 1 == count ? text.size() : plan->cuts[i].offset; };
  std::vector<PieceResult> pieces(count);
  // One thread per piece, whatever the cores: the pieces were sized for them, and a forced count
  // (ParseOptions::pieces) must still be read as asked.
  parallel_for(count, static_cast<unsigned>(count), [&](std::size_t i) {
    const std::string_view list_key = i == 0 ? std::string_view() : plan->cuts[i - 1].list_key;
    const std::uint32_t line = i == 0 ? 1 : plan->cuts[i - 1].line;
    pieces[i] = parse_piece(text, begin_of(i), end_of(i), list_key, line, limits);
  });

  for (std::size_t i = 0; i < count; ++i) {
    if (!piece_matches(pieces[i], *plan, i, begin_of(i), end_of(i))) return std::nullopt;
  }
  std::size_t entries[4] = {};
  for (const PieceResult& piece : pieces) {
    entries[0] += piece.inventory.providers.size();
    entries[1] += piece.inventory.capabilities.size();
    entries[2] += piece.inventory.data_flows.size();
    entries[3] += piece.inventory.accepted_risks.size();
  }
  if (*std::max_element(std::begin(entries), std::end(entries)) > limits.max_entries) return std::nullopt;

  ParseResult result;
  result.inventory = std::move(pieces[0].inventory);
  result.inventory.path = source.path;
  result.diagnostics.append(pieces[0].diagnostics);
  for (std::size_t i = 1; i < count; ++i) {
    join(result.inventory, pieces[i], *plan, begin_of(i), end_of(i));
    result.diagnostics.append(pieces[i].diagnostics);
    pieces[i] = PieceResult{};
  }
  pieces.clear();
  // Each thread allocated from an arena of its own, and what it freed there (its copy of the
  // entries, yaml-cpp's buffers) would otherwise stay resident while the main thread grows.
#ifdef __GLIBC__
  malloc_trim(0);
#endif
  finish_inventory(result.diagnostics, result.inventory);
  if (result.diagnostics.has_errors()) return std::nullopt;
  result.complete = true;
  Inventory& inventory = result.inventory;
  shrink_entry_lists(inventory);
  return result;
}

}  // namespace sovaudit::load
