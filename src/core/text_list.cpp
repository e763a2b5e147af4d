// TextList: the one-block layout of evidence lists.
#include "sovaudit/text_list.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace sovaudit {

template <typename Range>
void TextList::assign(const Range& items) {
  const std::size_t count = std::size(items);
  if (count == 0) {
    block_.reset();
    return;
  }
  std::size_t chars = 0;
  for (const auto& item : items) chars += std::string_view(item).size();
  if (chars > std::numeric_limits<std::uint32_t>::max() || count >= std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("TextList: more than 4 GiB of text");
  }
  const std::size_t words = count + 1;
  block_ = std::make_unique_for_overwrite<char[]>(words * sizeof(std::uint32_t) + chars);
  auto put_word = [&](std::size_t i, std::size_t value) {
    const auto word = static_cast<std::uint32_t>(value);
    std::memcpy(block_.get() + i * sizeof word, &word, sizeof word);
  };
  put_word(0, count);
  char* out = block_.get() + words * sizeof(std::uint32_t);
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
  const std::size_t count = size();
  return count == 0 ? 0 : (count + 1) * sizeof(std::uint32_t) + header(count);
}

TextList::TextList(const TextList& other) {
  if (const std::size_t bytes = other.block_bytes()) {
    block_ = std::make_unique_for_overwrite<char[]>(bytes);
    std::memcpy(block_.get(), other.block_.get(), bytes);
  }
}

TextList& TextList::operator=(const TextList& other) {
  if (this != &other) *this = TextList(other);
  return *this;
}

bool operator==(const TextList& a, const TextList& b) {
  const std::size_t bytes = a.block_bytes();
  return bytes == b.block_bytes() && (bytes == 0 || std::memcmp(a.block_.get(), b.block_.get(), bytes) == 0);
}

bool operator==(const TextList& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace sovaudit
