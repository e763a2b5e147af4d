// CompactText's out-of-line steps: placing text in the object or in a heap block, and writing it.
#include "sovaudit/compact_text.hpp"

#include <limits>
#include <ostream>
#include <stdexcept>

namespace sovaudit {

void CompactText::assign(std::string_view text) {
  release();
  if (text.size() <= kShortBytes) {
    if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());  // an empty view may hold no pointer
    bytes_[kTag] = static_cast<unsigned char>((text.size() << 1) | 1U);
    return;
  }
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("CompactText: over 4 GiB");
  char* chars = new char[text.size()];
  std::memcpy(chars, text.data(), text.size());
  const auto size = static_cast<std::uint32_t>(text.size());
  std::memcpy(bytes_, &chars, sizeof chars);
  std::memcpy(bytes_ + sizeof chars, &size, sizeof size);
}

std::ostream& operator<<(std::ostream& out, const CompactText& text) { return out << text.view(); }

}  // namespace sovaudit
