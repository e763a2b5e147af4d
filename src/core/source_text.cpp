// An input's text in memory or mapped from its file, so a large inventory costs no resident copy.
#include <sys/mman.h>

#include "sovaudit/source.hpp"

namespace sovaudit {

std::optional<SourceText> SourceText::map(int fd, std::size_t size) {
  if (size == 0) return SourceText{};
  void* at = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (at == MAP_FAILED) return std::nullopt;
  SourceText text;
  text.mapped_ = static_cast<const char*>(at);
  text.mapped_size_ = size;
  return text;
}

SourceText& SourceText::operator=(const SourceText& other) {
  if (this != &other) *this = SourceText(std::string(other.view()));
  return *this;
}

SourceText::SourceText(SourceText&& other) noexcept
    : owned_(std::move(other.owned_)), mapped_(other.mapped_), mapped_size_(other.mapped_size_) {
  other.mapped_ = nullptr;
  other.mapped_size_ = 0;
}

SourceText& SourceText::operator=(SourceText&& other) noexcept {
  if (this == &other) return *this;
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), mapped_size_);
  owned_ = std::move(other.owned_);
  mapped_ = other.mapped_;
  mapped_size_ = other.mapped_size_;
  other.mapped_ = nullptr;
  other.mapped_size_ = 0;
  return *this;
}

SourceText::~SourceText() {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), mapped_size_);
}

void SourceText::release_pages() const {
  // A private read-only mapping of an unchanged file: dropped pages are read again on use.
  if (mapped_ != nullptr) (void)::madvise(const_cast<char*>(mapped_), mapped_size_, MADV_DONTNEED);
}

}  // namespace sovaudit
