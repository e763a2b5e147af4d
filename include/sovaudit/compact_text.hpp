// CompactText: an owned string in 16 bytes, for the ids the model, findings and related places hold.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

namespace sovaudit {

/// An immutable owned string in 16 bytes, half a std::string: up to 15 bytes (most ids, slot
/// names, country codes and short names) live in the object itself and allocate nothing; longer
/// text is one heap block of exactly its characters, its length kept in the object. A large
/// inventory holds hundreds of thousands of ids, and a report a few per finding and related place.
/// Reads as a std::string_view that stays valid while the text is neither destroyed nor moved from
/// (short text lives in the object itself).
class CompactText {
 public:
  CompactText() = default;
  CompactText(std::string_view text) { assign(text); }            // NOLINT: stands for the text
  CompactText(const std::string& text) : CompactText(std::string_view(text)) {}  // NOLINT
  CompactText(const char* text) : CompactText(std::string_view(text)) {}         // NOLINT
  CompactText(const CompactText& other) { assign(other.view()); }
  CompactText(CompactText&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    std::memset(other.bytes_, 0, sizeof other.bytes_);
  }
  CompactText& operator=(const CompactText& other) {
    if (this != &other) {
      CompactText copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  CompactText& operator=(CompactText&& other) noexcept {
    if (this != &other) {
      release();
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      std::memset(other.bytes_, 0, sizeof other.bytes_);
    }
    return *this;
  }
  ~CompactText() { release(); }

  /// The text.
  [[nodiscard]] std::string_view view() const {
    if (is_short()) return {reinterpret_cast<const char*>(bytes_), static_cast<std::size_t>(bytes_[kTag] >> 1)};
    return {heap_chars(), heap_size()};
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  /// The text as an owned std::string.
  [[nodiscard]] std::string str() const { return std::string(view()); }
  [[nodiscard]] bool empty() const { return view().empty(); }
  [[nodiscard]] std::size_t size() const { return view().size(); }
  /// The most bytes kept without allocating.
  static constexpr std::size_t kShortBytes = 15;

  friend bool operator==(const CompactText& a, const CompactText& b) { return a.view() == b.view(); }
  friend bool operator==(const CompactText& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const CompactText& a, const std::string& b) { return a.view() == b; }
  friend bool operator==(const CompactText& a, const char* b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(const CompactText& a, const CompactText& b) { return a.view() <=> b.view(); }
  friend std::strong_ordering operator<=>(const CompactText& a, std::string_view b) { return a.view() <=> b; }
  friend std::strong_ordering operator<=>(const CompactText& a, const std::string& b) {
    return a.view() <=> std::string_view(b);
  }
  friend std::strong_ordering operator<=>(const CompactText& a, const char* b) { return a.view() <=> std::string_view(b); }
  /// Writes the text.
  friend std::ostream& operator<<(std::ostream& out, const CompactText& text);
  friend std::string operator+(std::string a, const CompactText& b) { return a.append(b.view()); }
  friend std::string operator+(const CompactText& a, std::string_view b) { return a.str().append(b); }
  friend std::string operator+(const CompactText& a, const char* b) { return a.str().append(b); }

 private:
  void assign(std::string_view text);
  // bytes_[kTag] is odd for short text: (length << 1) | 1, the characters in bytes_[0..15).
  // Otherwise (even, 0) bytes_[0..8) hold a pointer from new char[] (null when empty) and
  // bytes_[8..12) the length.
  static constexpr std::size_t kTag = 15;
  [[nodiscard]] bool is_short() const { return (bytes_[kTag] & 1U) != 0; }
  [[nodiscard]] const char* heap_chars() const {
    const char* chars;
    std::memcpy(&chars, bytes_, sizeof chars);
    return chars;
  }
  [[nodiscard]] std::size_t heap_size() const {
    std::uint32_t size;
    std::memcpy(&size, bytes_ + sizeof(const char*), sizeof size);
    return size;
  }
  void release() {
    if (!is_short()) delete[] heap_chars();
    std::memset(bytes_, 0, sizeof bytes_);
  }

  alignas(8) unsigned char bytes_[16] = {};
};

}  // namespace sovaudit
