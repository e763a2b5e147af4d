// CompactText's one out-of-line step: placing text in the word or in a heap block.
#include "sovaudit/compact_text.hpp"

#include <limits>
#include <ostream>
#include <stdexcept>

namespace sovaudit {

void CompactText::assign(std::string_view text) {
  release();
  if (text.empty()) return;
  if (text.size() <= kShortBytes) {
    bits_ = (static_cast<std::uintptr_t>(text.size()) << 1) | 1U;
    std::memcpy(const_cast<char*>(short_chars()), text.data(), text.size());
    return;
  }
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("CompactText: over 4 GiB");
  const auto length = static_cast<std::uint32_t>(text.size());
  char* block = new char[sizeof length + text.size()];
  std::memcpy(block, &length, sizeof length);
  std::memcpy(block + sizeof length, text.data(), text.size());
  bits_ = reinterpret_cast<std::uintptr_t>(block);
}

std::ostream& operator<<(std::ostream& out, const CompactText& text) { return out << text.view(); }

}  // namespace sovaudit
