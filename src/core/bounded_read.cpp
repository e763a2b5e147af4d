// read_bounded: open without blocking, measure regular files first, read everything else up to the limit.
#include "sovaudit/bounded_read.hpp"

#include <cerrno>
#include <cstring>
#include <optional>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sovaudit {
namespace {

/// Closes a descriptor on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

BoundedRead failure(ReadOutcome outcome, int error = 0) {
  BoundedRead r;
  r.outcome = outcome;
  if (error != 0) r.detail = std::strerror(error);
  return r;
}

}  // namespace

BoundedRead read_bounded(const std::string& path, std::uint64_t max_bytes, bool map_large) {
  const bool standard_input = path == "-";
  // O_NONBLOCK: opening a FIFO for reading waits for a writer otherwise, possibly forever.
  const Descriptor fd(standard_input ? ::dup(0) : ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) return failure(ReadOutcome::Missing);
    if (error == ELOOP) return failure(ReadOutcome::LinkLoop);
    if (error == EISDIR) return failure(ReadOutcome::Directory);
    return failure(ReadOutcome::Unreadable, error);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return failure(ReadOutcome::Unreadable, errno);
  if (S_ISDIR(st.st_mode)) return failure(ReadOutcome::Directory);
  BoundedRead result;
  const bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    result.outcome = ReadOutcome::TooLarge;
    result.size = static_cast<std::uint64_t>(st.st_size);
    return result;
  }
  if (!standard_input) {
    // Reads may block from here on: a FIFO without a writer reads as end of file, a slow writer is waited for.
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0) (void)::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
  }
  if (map_large && regular && static_cast<std::uint64_t>(st.st_size) >= kMapFromBytes) {
    if (std::optional<SourceText> mapped = SourceText::map(fd.get(), static_cast<std::size_t>(st.st_size))) {
      result.text = std::move(*mapped);
      return result;
    }
  }
  std::string text;
  if (regular) text.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failure(ReadOutcome::Unreadable, errno);
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      result.outcome = ReadOutcome::TooLarge;
      return result;
    }
  }
  result.text = std::move(text);
  return result;
}

}  // namespace sovaudit
