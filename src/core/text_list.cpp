// TextList: the one-block layout of evidence lists.
#include "sovaudit/text_list.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace sovaudit {

template <typename Range>
void TextList::assign(const Range& items) {
  release();
  const std::size_t count = std::size(items);
  if (count == 0) return;
  if (count == 1 && std::string_view(*std::begin(items)).size() <= kShortBytes) {
    const std::string_view item(*std::begin(items));
    bits_ = (static_cast<std::uintptr_t>(item.size()) << 1) | 1U;
    if (!item.empty()) std::memcpy(short_chars(), item.data(), item.size());  // an empty view may hold no pointer
    return;
  }
  std::size_t chars = 0;
  for (const auto& item : items) chars += std::string_view(item).size();
  if (chars > std::numeric_limits<std::uint32_t>::max() || count >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("TextList: more than 4 GiB of text");
  }
  const std::size_t words = count + 1;
  char* block = new char[words * sizeof(std::uint32_t) + chars];
  bits_ = reinterpret_cast<std::uintptr_t>(block);
  auto put_word = [&](std::size_t i, std::size_t value) {
    const auto word = static_cast<std::uint32_t>(value);
    std::memcpy(block + i * sizeof word, &word, sizeof word);
  };
  put_word(0, count);
  char* out = block + words * sizeof(std::uint32_t);
  std::size_t end = 0;
  std::size_t i = 0;
  for (const auto& item : items) {
    const std::string_view view(item);
    std::copy(view.begin(), view.end(), out + end);
    end += view.size();
    put_word(++i, end);
  }
}

TextList::TextList(std::initializer_list<std::string_view> items) { assign(items); }
TextList::TextList(const std::vector<std::string>& items) { assign(items); }
TextList::TextList(const std::vector<std::string_view>& items) { assign(items); }

std::size_t TextList::block_bytes() const {
  if (bits_ == 0 || is_short()) return 0;
  const std::size_t count = header(0);
  return (count + 1) * sizeof(std::uint32_t) + header(count);
}

TextList::TextList(const TextList& other) {
  if (other.bits_ == 0 || other.is_short()) {
    bits_ = other.bits_;
    return;
  }
  const std::size_t bytes = other.block_bytes();
  char* block = new char[bytes];
  std::memcpy(block, other.block(), bytes);
  bits_ = reinterpret_cast<std::uintptr_t>(block);
}

TextList& TextList::operator=(const TextList& other) {
  if (this != &other) *this = TextList(other);
  return *this;
}

bool operator==(const TextList& a, const TextList& b) {
  // A list has one form for its content (short items never go to a block, and the unused bytes of
  // a short one are zero), so two short or empty lists are equal exactly when their words are.
  if (a.bits_ == 0 || a.is_short() || b.bits_ == 0 || b.is_short()) return a.bits_ == b.bits_;
  const std::size_t bytes = a.block_bytes();
  return bytes == b.block_bytes() && std::memcmp(a.block(), b.block(), bytes) == 0;
}

bool operator==(const TextList& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace sovaudit
