// Atomic report files: every report is streamed to a temporary sibling first; only when all are
// written are they renamed over their targets, so a failure changes no existing file.
#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <streambuf>

namespace sovaudit::cli {

namespace {

/// A stream buffer over a file descriptor that remembers the first write error.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;
  ~FdBuffer() override = default;

  /// The first write error, or "".
  [[nodiscard]] const std::string& error() const { return error_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* data = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && error_.empty()) {
      const ssize_t n = ::write(fd_, data, left);
      if (n < 0 && errno != EINTR) error_ = std::strerror(errno);
      if (n > 0) {
        data += n;
        left -= static_cast<std::size_t>(n);
      }
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_.empty();
  }

  int fd_;
  std::array<char, 1 << 16> buffer_{};
  std::string error_;
};

}  // namespace

std::string prepare_file(const std::string& target, const std::function<void(std::ostream&)>& write,
                         PendingFile& pending) {
  const std::filesystem::path path(target);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern = (dir / ("." + path.filename().string() + ".sovaudit-XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return "cannot write '" + target + "': " + std::strerror(errno);
  std::string error;
  {
    FdBuffer buffer(fd);
    std::ostream out(&buffer);
    write(out);
    out.flush();
    error = buffer.error();
    if (error.empty() && !out) error = "the report could not be written";
  }
  // mkstemp creates the file readable by its owner only; a report is an ordinary file.
  if (error.empty() && ::fchmod(fd, 0644) != 0) error = std::strerror(errno);
  if (::close(fd) != 0 && error.empty()) error = std::strerror(errno);
  if (!error.empty()) {
    ::unlink(pattern.c_str());
    return "cannot write '" + target + "': " + error;
  }
  pending = PendingFile{target, pattern};
  return {};
}

std::string commit_files(std::vector<PendingFile>& pending) {
  std::string error;
  for (const PendingFile& p : pending) {
    if (error.empty() && ::rename(p.temporary.c_str(), p.target.c_str()) != 0) {
      error = "cannot replace '" + p.target + "': " + std::strerror(errno);
    }
    if (!error.empty()) ::unlink(p.temporary.c_str());
  }
  pending.clear();
  return error;
}

void discard_files(std::vector<PendingFile>& pending) {
  for (const PendingFile& p : pending) ::unlink(p.temporary.c_str());
  pending.clear();
}

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

std::string check_output_directory(const std::string& target) {
  const std::filesystem::path path(target);
  if (path.filename().empty()) return "'" + target + "' names a directory, not a file";
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  const auto status = std::filesystem::status(dir, ec);
  if (!std::filesystem::exists(status)) return "cannot write '" + target + "': directory '" + dir.string() + "' does not exist";
  if (!std::filesystem::is_directory(status)) return "cannot write '" + target + "': '" + dir.string() + "' is not a directory";
  if (std::filesystem::is_directory(std::filesystem::status(path, ec))) return "'" + target + "' is a directory";
  return {};
}

}  // namespace sovaudit::cli
