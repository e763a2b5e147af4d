// Internal to the writers: columns counted in characters, as GitHub and SARIF count them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sovaudit/column_index.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit {

/// Columns in characters (GitHub and SARIF count them so; the model counts bytes). A place in the
/// report's ColumnIndex is answered from it; any other is looked up in the text, whose line starts
/// are then indexed once, so each look-up is a scan of one line.
class Columns {
 public:
  explicit Columns(std::string_view text, const ColumnIndex* index = nullptr) : text_(text), index_(index) {}

  /// `loc` in characters, with the end of the token that starts there (see token_end_at).
  [[nodiscard]] PlaceColumns place(SourceLoc loc) const {
    if (const PlaceColumns* known = indexed(loc)) return *known;
    const SourceLoc end = token_end(loc);
    return PlaceColumns{loc, character_column(loc), end, character_column(end)};
  }

  /// The 1-based column of `loc`; its byte column when the line is not in the text.
  [[nodiscard]] std::uint32_t character_column(SourceLoc loc) const {
    if (const PlaceColumns* known = indexed(loc)) return known->column;
    const std::size_t start = line_start(loc.line);
    if (start == kNoLine) return loc.column == 0 ? 1 : loc.column;
    return character_column_at(text_.substr(start), loc);
  }

 private:
  static constexpr std::size_t kNoLine = static_cast<std::size_t>(-1);

  [[nodiscard]] SourceLoc token_end(SourceLoc loc) const {
    const std::size_t start = line_start(loc.line);
    if (start == kNoLine || loc.column == 0) return SourceLoc{loc.line, loc.column + 1};
    return token_end_at(text_.substr(start), loc);
  }

  [[nodiscard]] const PlaceColumns* indexed(SourceLoc loc) const {
    return index_ != nullptr ? index_->find(loc) : nullptr;
  }
  /// Where 1-based `line` starts, or kNoLine.
  [[nodiscard]] std::size_t line_start(std::uint32_t line) const {
    if (starts_.empty()) {
      starts_.push_back(0);
      for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') starts_.push_back(i + 1);
      }
    }
    return line == 0 || line > starts_.size() ? kNoLine : starts_[line - 1];
  }

  std::string_view text_;
  const ColumnIndex* index_;
  mutable std::vector<std::size_t> starts_;
};

}  // namespace sovaudit
