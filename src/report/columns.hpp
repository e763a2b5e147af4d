// Internal to the writers: columns counted in characters, as GitHub and SARIF count them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sovaudit/source.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {

/// Columns in characters (GitHub and SARIF count them so; the model counts bytes), with the start of
/// every line indexed once so each look-up is a scan of one line.
class Columns {
 public:
  explicit Columns(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  /// Where the YAML token that starts at `loc` ends, exclusive, in bytes on the same line: past the
  /// closing quote of a quoted scalar, the bracket that closes a flow collection, else before a
  /// separator (`,` `]` `}` `: ` ` #`) or the end of the line. One past `loc` when nothing is there.
  [[nodiscard]] SourceLoc token_end(SourceLoc loc) const {
    if (loc.line == 0 || loc.line > starts_.size() || loc.column == 0) return SourceLoc{loc.line, loc.column + 1};
    const std::size_t start = starts_[loc.line - 1];
    std::string_view line = text_.substr(start);
    line = line.substr(0, std::min(line.find('\n'), line.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t i = loc.column - 1;
    if (i >= line.size()) return SourceLoc{loc.line, loc.column + 1};
    std::size_t end = i;
    const char first = line[i];
    if (first == '"' || first == '\'') {
      for (end = i + 1; end < line.size(); ++end) {
        if (first == '"' && line[end] == '\\') { ++end; continue; }
        if (line[end] != first) continue;
        if (first == '\'' && end + 1 < line.size() && line[end + 1] == '\'') { ++end; continue; }
        ++end;
        break;
      }
    } else if (first == '{' || first == '[') {
      int depth = 0;
      for (end = i; end < line.size(); ++end) {
        if (line[end] == '{' || line[end] == '[') ++depth;
        if ((line[end] == '}' || line[end] == ']') && --depth == 0) { ++end; break; }
      }
    } else {
      for (end = i; end < line.size(); ++end) {
        const char c = line[end];
        const bool spaced = end + 1 >= line.size() || line[end + 1] == ' ';
        if (c == ',' || c == ']' || c == '}' || (c == ':' && spaced) || (c == '#' && end > i && line[end - 1] == ' ')) break;
      }
      while (end > i && line[end - 1] == ' ') --end;
    }
    end = std::min(end, line.size());
    if (end <= i) end = i + 1;
    return SourceLoc{loc.line, static_cast<std::uint32_t>(end + 1)};
  }

  /// The 1-based column of `loc`; its byte column when the line is not in the text.
  [[nodiscard]] std::uint32_t character_column(SourceLoc loc) const {
    if (loc.line == 0 || loc.line > starts_.size()) return loc.column == 0 ? 1 : loc.column;
    const std::size_t start = starts_[loc.line - 1];
    return static_cast<std::uint32_t>(count_code_points(text_.substr(start), loc.column - 1) + 1);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

}  // namespace sovaudit
