// An input's text in memory or mapped from its file, so a large inventory costs no resident copy.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

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

void SourceText::release_pages(std::size_t begin, std::size_t end) const {
  if (mapped_ == nullptr) return;
  end = std::min(end, mapped_size_);
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  // The mapping starts on a page; only pages wholly inside the range go.
  const std::uintptr_t base = reinterpret_cast<std::uintptr_t>(mapped_);
  const std::uintptr_t first = (base + begin + page - 1) / page * page;
  const std::uintptr_t last = (base + end) / page * page;
  if (first < last) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace sovaudit
