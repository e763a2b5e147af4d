// Finds where an inventory's text can be cut between entries of its top-level lists, from lines alone.
#include "split.hpp"

#include <algorithm>
#include <array>

namespace sovaudit::load {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::array<std::string_view, 4> kEntryLists = {"providers", "capabilities", "data_flows",
                                                          "accepted_risks"};

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// The rest of a line holds nothing: spaces, then the end, a comment or the CR of a CRLF.
bool rest_is_empty(std::string_view line, std::size_t from) {
  while (from < line.size() && line[from] == ' ') ++from;
  return from == line.size() || line[from] == '#' || line[from] == '\r';
}

struct KeyLine {
  std::string_view name;
  bool value_below = false;  ///< nothing after the colon: the value is on the following lines
};

/// `name:` at the start of `line`, followed by a space or the end; anything else is no key line.
std::optional<KeyLine> read_key_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && key_char(line[i])) ++i;
  if (i == 0 || i == line.size() || line[i] != ':') return std::nullopt;
  const std::size_t after = i + 1;
  // `a:b` is one plain scalar, and a tab after the colon is a separator yaml-cpp reads its own way.
  if (after < line.size() && line[after] != ' ' && line[after] != '\r') return std::nullopt;
  return KeyLine{line.substr(0, i), rest_is_empty(line, after)};
}

bool is_entry_list(std::string_view key) {
  return std::find(kEntryLists.begin(), kEntryLists.end(), key) != kEntryLists.end();
}

}  // namespace

std::optional<SplitPlan> plan_split(std::string_view text, std::size_t pieces) {
  if (pieces < 2 || text.empty()) return std::nullopt;
  SplitPlan plan;
  const std::size_t size = text.size();
  std::size_t target = size / pieces;

  // The list being read, when the current top-level key holds a block list of entries.
  bool in_list = false;
  std::string_view list_key;
  constexpr std::size_t kUnknown = std::string_view::npos;
  std::size_t entry_indent = kUnknown;  // of the list's entries, once its first line is seen
  std::size_t entries = 0;

  std::uint32_t line_number = 1;
  for (std::size_t offset = 0; offset < size; ++line_number) {
    std::size_t end = text.find('\n', offset);
    if (end == std::string_view::npos) end = size;
    std::string_view line = text.substr(offset, end - offset);
    if (offset == 0 && line.starts_with(kByteOrderMark)) line.remove_prefix(kByteOrderMark.size());
    const std::size_t line_start = offset;
    offset = end + 1;

    std::size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    if (rest_is_empty(line, indent)) continue;  // blank or a comment, at any indentation

    if (indent == 0) {
      if (line.starts_with("---")) {
        // A document start is fine before the first key; later it is a second document.
        if (!plan.keys.empty() || !rest_is_empty(line, 3)) return std::nullopt;
        continue;
      }
      if (line.starts_with("...")) return std::nullopt;
      const bool entry_at_column_0 = in_list && (entry_indent == kUnknown || entry_indent == 0) && line[0] == '-';
      if (!entry_at_column_0) {
        const std::optional<KeyLine> key = read_key_line(line);
        if (!key) return std::nullopt;
        for (const TopLevelKey& seen : plan.keys) {
          if (seen.name == key->name) return std::nullopt;  // a duplicate: the parser reports it
        }
        plan.keys.push_back({key->name, line_number, line_start});
        in_list = key->value_below && is_entry_list(key->name);
        list_key = key->name;
        entry_indent = kUnknown;
        entries = 0;
        continue;
      }
    }
    if (!in_list) continue;
    if (entry_indent == kUnknown) {
      // The first line of the value says whether it is a block list, and at which indentation.
      if (line[indent] != '-') {
        in_list = false;
        continue;
      }
      entry_indent = indent;
    }
    const bool entry_line = indent == entry_indent && line[indent] == '-' && indent + 1 < line.size() &&
                            line[indent + 1] == ' ';
    if (!entry_line) continue;
    if (entries++ > 0 && line_start >= target && plan.cuts.size() + 1 < pieces) {
      plan.cuts.push_back({line_start, line_number, list_key});
      target = size / pieces * (plan.cuts.size() + 1);
    }
  }
  if (plan.cuts.empty()) return std::nullopt;
  return plan;
}

}  // namespace sovaudit::load
