// Internal to the writers: columns counted in characters, as GitHub and SARIF count them.
#pragma once

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
