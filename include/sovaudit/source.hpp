// Source positions: every value read from an inventory remembers where it was written.
#pragma once

#include <compare>
#include <optional>
#include <string_view>
#include <cstdint>
#include <string>
#include <type_traits>
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
  /// The same value and place kept as another type (an id as CompactText or as std::string).
  template <class U>
    requires(!std::is_same_v<U, T> && std::is_constructible_v<T, const U&>)
  Located(const Located<U>& other)  // NOLINT(google-explicit-constructor): the same located value
      : loc(other.loc), value(other.value), present(other.present) {}
  friend bool operator==(const Located&, const Located&) = default;
};

/// An input's whole text: held in memory, or a read-only mapping of a large regular file, whose
/// pages the process can give back once it has read them (they return from the page cache when a
/// diagnostic or a SARIF column needs a line). Reads as a std::string_view either way.
class SourceText {
 public:
  SourceText() = default;
  SourceText(std::string text) : owned_(std::move(text)) {}  // NOLINT: implicit, like the string it holds
  SourceText(const char* text) : owned_(text) {}             // NOLINT
  /// Maps `size` bytes of the open regular file `fd` (kept open by the caller only for this call);
  /// nullopt when the system refuses, and the caller reads the file instead.
  static std::optional<SourceText> map(int fd, std::size_t size);
  SourceText(const SourceText& other) : owned_(other.view()) {}
  SourceText& operator=(const SourceText& other);
  SourceText(SourceText&& other) noexcept;
  SourceText& operator=(SourceText&& other) noexcept;
  ~SourceText();

  [[nodiscard]] std::string_view view() const { return mapped_ ? std::string_view(mapped_, mapped_size_) : owned_; }
  operator std::string_view() const { return view(); }  // NOLINT: reads as the text it is
  [[nodiscard]] const char* data() const { return view().data(); }
  [[nodiscard]] std::size_t size() const { return view().size(); }
  [[nodiscard]] bool empty() const { return size() == 0; }
  /// A mapping gives its resident pages back to the system (the text stays readable); else nothing.
  void release_pages() const;
  /// The same for the whole pages of bytes [begin, end), once a pass has read them.
  void release_pages(std::size_t begin, std::size_t end) const;

 private:
  std::string owned_;
  const char* mapped_ = nullptr;
  std::size_t mapped_size_ = 0;
};

/// An inventory file's name and its whole text, kept so diagnostics can quote the line.
struct SourceFile {
  std::string path;
  SourceText text;
};

}  // namespace sovaudit
