// CompactText: an owned string in one word, for the ids that every finding and related place holds.
#pragma once

#include <bit>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

namespace sovaudit {

/// An immutable owned string kept in a single word: up to 7 bytes (a provider, capability or flow
/// id, a slot name, a country code) live in the word itself and allocate nothing; a longer one is a
/// heap block of its length and characters. A std::string costs 32 bytes, and a large report holds
/// a few of them per finding and per related place. Reads as a std::string_view that stays valid
/// while the text is neither destroyed nor moved from (short text lives in the object itself).
class CompactText {
 public:
  CompactText() = default;
  CompactText(std::string_view text) { assign(text); }            // NOLINT: stands for the text
  CompactText(const std::string& text) : CompactText(std::string_view(text)) {}  // NOLINT
  CompactText(const char* text) : CompactText(std::string_view(text)) {}         // NOLINT
  CompactText(const CompactText& other) { assign(other.view()); }
  CompactText(CompactText&& other) noexcept : bits_(std::exchange(other.bits_, 0)) {}
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
      bits_ = std::exchange(other.bits_, 0);
    }
    return *this;
  }
  ~CompactText() { release(); }

  /// The text.
  [[nodiscard]] std::string_view view() const {
    if (bits_ == 0) return {};
    if (is_short()) return {short_chars(), static_cast<std::size_t>((bits_ & 0xFF) >> 1)};
    std::uint32_t length;
    std::memcpy(&length, block(), sizeof length);
    return {block() + sizeof length, length};
  }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  /// The text as an owned std::string.
  [[nodiscard]] std::string str() const { return std::string(view()); }
  [[nodiscard]] bool empty() const { return bits_ == 0; }
  [[nodiscard]] std::size_t size() const { return view().size(); }
  /// The most bytes kept without allocating.
  static constexpr std::size_t kShortBytes = sizeof(std::uintptr_t) - 1;

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
  // bits_ is 0 (empty), a block from new char[] (whose alignment leaves bit 0 clear), or short
  // text: its low byte is (length << 1) | 1 and its other bytes hold the characters.
  [[nodiscard]] bool is_short() const { return (bits_ & 1U) != 0; }
  [[nodiscard]] const char* short_chars() const {
    return reinterpret_cast<const char*>(&bits_) + (std::endian::native == std::endian::little ? 1 : 0);
  }
  [[nodiscard]] const char* block() const { return reinterpret_cast<const char*>(bits_); }
  void release() {
    if (bits_ != 0 && !is_short()) delete[] reinterpret_cast<char*>(bits_);
    bits_ = 0;
  }

  std::uintptr_t bits_ = 0;
};

}  // namespace sovaudit
