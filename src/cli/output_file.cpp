// Atomic report files: every report goes to a flushed temporary sibling first; only when all are
// written are they renamed over their targets, so a failure changes no existing file.
#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sovaudit::cli {

std::string prepare_file(const std::string& target, std::string_view content, PendingFile& pending) {
  const std::filesystem::path path(target);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string pattern = (dir / ("." + path.filename().string() + ".sovaudit-XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return "cannot write '" + target + "': " + std::strerror(errno);
  std::size_t written = 0;
  std::string error;
  while (written < content.size() && error.empty()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno != EINTR) error = std::strerror(errno);
    if (n > 0) written += static_cast<std::size_t>(n);
  }
  // mkstemp creates the file readable by its owner only; a report is an ordinary file.
  if (error.empty() && ::fchmod(fd, 0644) != 0) error = std::strerror(errno);
  if (error.empty() && ::fsync(fd) != 0) error = std::strerror(errno);
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
