// Source positions: every value read from an inventory remembers where it was written.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <utility>

namespace sovaudit {

/// A 1-based line and column (in bytes) inside one inventory file; line 0 means "no position".
struct SourceLoc {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// True when the location points into the file.
  [[nodiscard]] constexpr bool known() const { return line != 0; }
  friend constexpr auto operator<=>(const SourceLoc&, const SourceLoc&) = default;
};

/// A value together with the place it was written; `present` is false when the value is a default.
template <class T>
struct Located {
  // The place first: small values then share its word with `present` (a bool or an enum in 12
  // bytes, a date in 16), which matters at 200,000 entries.
  SourceLoc loc{};
  T value{};
  bool present = false;

  Located() = default;
  /// A default value that was not written in the file.
  explicit Located(T default_value) : value(std::move(default_value)) {}
  /// A value read from the file at `where`.
  Located(T v, SourceLoc where) : loc(where), value(std::move(v)), present(true) {}
  friend bool operator==(const Located&, const Located&) = default;
};

/// An inventory file's name and its whole text, kept so diagnostics can quote the line.
struct SourceFile {
  std::string path;
  std::string text;
};

}  // namespace sovaudit
