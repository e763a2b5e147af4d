// TextList: an immutable list of short strings kept in one heap block, for the evidence of findings.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sovaudit {

/// An immutable list of strings stored in a single allocation: a count, each item's end offset and
/// the characters. A scan of a large inventory holds a quarter of a million evidence lists, most of one
/// short id, so a vector of strings (24 bytes, then one heap string each) would cost several times the
/// text it holds. A list of one item of up to 7 bytes (a provider id, a country code, a slot name)
/// is kept in the list's own word and allocates nothing; neither does an empty list. Items read as
/// `std::string_view`s that stay valid while the list is neither destroyed nor moved from (a short
/// item's characters live in the list object itself). Copying copies the block; moving steals it.
class TextList {
 public:
  /// Reads item `i` of a list; random access, so `std::find`, `std::sort` on copies and ranges work.
  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    const_iterator() = default;
    const_iterator(const TextList* list, std::size_t index) : list_(list), index_(index) {}
    std::string_view operator*() const { return (*list_)[index_]; }
    std::string_view operator[](difference_type n) const { return (*list_)[static_cast<std::size_t>(static_cast<difference_type>(index_) + n)]; }
    const_iterator& operator++() { ++index_; return *this; }
    const_iterator operator++(int) { const_iterator old = *this; ++index_; return old; }
    const_iterator& operator--() { --index_; return *this; }
    const_iterator operator--(int) { const_iterator old = *this; --index_; return old; }
    const_iterator& operator+=(difference_type n) { index_ = static_cast<std::size_t>(static_cast<difference_type>(index_) + n); return *this; }
    const_iterator& operator-=(difference_type n) { return *this += -n; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.index_ == b.index_; }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.index_ <=> b.index_; }

   private:
    const TextList* list_ = nullptr;
    std::size_t index_ = 0;
  };
  using iterator = const_iterator;
  using value_type = std::string_view;
  using size_type = std::size_t;

  TextList() = default;
  /// The items in order. Throws std::length_error past 4 GiB of text (no evidence comes near it).
  TextList(std::initializer_list<std::string_view> items);
  TextList(const std::vector<std::string>& items);  // NOLINT: evidence is built from vectors of ids
  TextList(const std::vector<std::string_view>& items);  // NOLINT
  TextList(const TextList& other);
  TextList(TextList&& other) noexcept : bits_(std::exchange(other.bits_, 0)) {}
  TextList& operator=(const TextList& other);
  TextList& operator=(TextList&& other) noexcept {
    if (this != &other) {
      release();
      bits_ = std::exchange(other.bits_, 0);
    }
    return *this;
  }
  ~TextList() { release(); }

  /// The number of items.
  std::size_t size() const { return bits_ == 0 ? 0 : is_short() ? 1 : header(0); }
  bool empty() const { return bits_ == 0; }
  /// Item `i`; `i` < size().
  std::string_view operator[](std::size_t i) const {
    if (is_short()) return {short_chars(), static_cast<std::size_t>((bits_ & 0xFF) >> 1)};
    const std::uint32_t begin = i == 0 ? 0 : header(i);
    return {text() + begin, header(i + 1) - begin};
  }
  /// The most bytes a one-item list keeps without allocating.
  static constexpr std::size_t kShortBytes = sizeof(std::uintptr_t) - 1;
  std::string_view front() const { return (*this)[0]; }
  std::string_view back() const { return (*this)[size() - 1]; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }
  /// The items as owned strings.
  std::vector<std::string> to_vector() const { return {begin(), end()}; }

  friend bool operator==(const TextList& a, const TextList& b);
  friend bool operator==(const TextList& a, const std::vector<std::string>& b);

 private:
  template <typename Range>
  void assign(const Range& items);
  // bits_ is 0 (empty), a block from new char[] (whose alignment leaves bit 0 clear), or a short
  // item: its low byte is (length << 1) | 1 and its other bytes hold the characters.
  bool is_short() const { return (bits_ & 1U) != 0; }
  const char* short_chars() const {
    return reinterpret_cast<const char*>(&bits_) + (std::endian::native == std::endian::little ? 1 : 0);
  }
  char* short_chars() { return const_cast<char*>(std::as_const(*this).short_chars()); }
  const char* block() const { return reinterpret_cast<const char*>(bits_); }
  void release() {
    if (bits_ != 0 && !is_short()) delete[] reinterpret_cast<char*>(bits_);
    bits_ = 0;
  }
  // Header words: [0] the count, [i] for 1 <= i <= count the end offset of item i-1 in the text.
  std::uint32_t header(std::size_t i) const {
    std::uint32_t word;
    std::memcpy(&word, block() + i * sizeof word, sizeof word);
    return word;
  }
  const char* text() const { return block() + (header(0) + 1) * sizeof(std::uint32_t); }
  std::size_t block_bytes() const;

  std::uintptr_t bits_ = 0;
};

}  // namespace sovaudit
