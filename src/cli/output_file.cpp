// Atomic report files: every report is streamed to a temporary sibling first; only when all are
// written are they renamed over their targets, with backups that undo a partial commit.
#include "output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
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

// ---------------------------------------------------------------- removal on signals

// Paths the signal handler removes. Fixed storage, because a handler may not allocate.
constexpr std::size_t kMaxTracked = 64;
std::array<std::array<char, PATH_MAX>, kMaxTracked> g_tracked{};
// Reports are written on several threads: a slot is claimed, then filled, then tracked, so the
// handler never reads a path being written.
enum SlotState : unsigned char { kFree, kFilling, kTracked };
std::array<std::atomic<unsigned char>, kMaxTracked> g_state{};

extern "C" void remove_temporaries_and_die(int sig) {
  for (std::size_t i = 0; i < kMaxTracked; ++i) {
    if (g_state[i].load() == kTracked) ::unlink(g_tracked[i].data());
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void install_handlers() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_die;
    sigemptyset(&action.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &action, nullptr);
    return true;
  }();
  (void)installed;
}

void track(const std::string& path) {
  install_handlers();
  if (path.size() >= PATH_MAX) return;
  for (std::size_t i = 0; i < kMaxTracked; ++i) {
    unsigned char free = kFree;
    if (!g_state[i].compare_exchange_strong(free, kFilling)) continue;
    std::memcpy(g_tracked[i].data(), path.c_str(), path.size() + 1);
    g_state[i].store(kTracked);
    return;
  }
}

void untrack(const std::string& path) {
  for (std::size_t i = 0; i < kMaxTracked; ++i) {
    if (g_state[i].load() == kTracked && path == g_tracked[i].data()) g_state[i].store(kFree);
  }
}

void remove_temporary(const std::string& path) {
  ::unlink(path.c_str());
  untrack(path);
}

// ---------------------------------------------------------------- paths

/// The file a report for `target` replaces: a symlink's final target (which may not exist yet).
std::filesystem::path resolved(const std::string& target) {
  std::error_code ec;
  const auto link = std::filesystem::symlink_status(target, ec);
  if (ec || !std::filesystem::is_symlink(link)) return target;
  const auto real = std::filesystem::weakly_canonical(std::filesystem::absolute(target, ec), ec);
  return ec ? std::filesystem::path(target) : real;
}

/// A sibling of `file` for a temporary: ".NAME.sovaudit-XXXXXX", shortened when NAME is too long.
std::string temporary_pattern(const std::filesystem::path& file, std::string_view kind) {
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  std::string name = "." + file.filename().string() + ".sovaudit-" + std::string(kind) + "XXXXXX";
  if (name.size() > NAME_MAX) name = ".sovaudit-" + std::string(kind) + "XXXXXX";
  return (dir / name).string();
}

mode_t new_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

/// Hard-links `file` under `pattern` with its XXXXXX replaced by a name nobody uses, and returns
/// that name ("" when no link could be made). link() itself claims the name, so no file is created
/// and deleted to find one: on ext4 every deleted inode slows the next allocation in its group.
std::string link_under_fresh_name(const std::string& file, std::string pattern) {
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static std::atomic<std::uint64_t> counter{0};
  const std::size_t at = pattern.rfind("XXXXXX");
  if (at == std::string::npos) return {};
  for (int attempt = 0; attempt < 64; ++attempt) {
    std::uint64_t bits = (static_cast<std::uint64_t>(::getpid()) << 32) ^ std::random_device{}() ^
                         (counter.fetch_add(1) * 0x9E3779B97F4A7C15ull);
    for (std::size_t k = 0; k < 6; ++k, bits /= 62) pattern[at + k] = kLetters[bits % 62];
    if (::link(file.c_str(), pattern.c_str()) == 0) return pattern;
    if (errno != EEXIST) return {};
  }
  return {};
}

WriteError stream_to(int fd, const std::string& target, const std::function<void(std::ostream&)>& write) {
  FdBuffer buffer(fd);
  std::ostream out(&buffer);
  write(out);
  out.flush();
  if (!buffer.error().empty() || !out) {
    return {"cannot write '" + target + "': " + (buffer.error().empty() ? "the report could not be written" : buffer.error()),
            ExitCode::Internal};
  }
  return {};
}

}  // namespace

bool is_stream(const std::string& path) {
  if (path == "-") return true;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

WriteError prepare_file(const std::string& target, const std::function<void(std::ostream&)>& write,
                        PendingFile& pending) {
  if (is_stream(target)) {
    // A device, FIFO or standard output is written, never replaced; O_NONBLOCK so that a FIFO
    // without a reader is an error instead of a hang.
    const int fd = target == "-" ? ::dup(1) : ::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      const int error = errno;
      return {"cannot write '" + target + "': " + (error == ENXIO ? "nobody reads from it" : std::strerror(error)),
              ExitCode::Internal};
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) (void)::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    WriteError error = stream_to(fd, target, write);
    if (::close(fd) != 0 && !error) error = {"cannot write '" + target + "': " + std::strerror(errno), ExitCode::Internal};
    if (!error) pending = PendingFile{target, {}, true};
    return error;
  }
  const std::filesystem::path file = resolved(target);
  std::string pattern = temporary_pattern(file, "");
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return {"cannot write '" + target + "': " + std::strerror(errno), ExitCode::InvalidInput};
  track(pattern);
  WriteError error = stream_to(fd, target, write);
  struct stat old {};
  const bool existed = ::stat(file.c_str(), &old) == 0 && S_ISREG(old.st_mode);
  if (!error) {
    // A replaced report keeps its mode (and, for root, its owner); a new one follows the umask.
    if (existed && ::geteuid() == 0) (void)::fchown(fd, old.st_uid, old.st_gid);
    if (::fchmod(fd, existed ? old.st_mode & 07777 : new_file_mode()) != 0) {
      error = {"cannot write '" + target + "': " + std::strerror(errno), ExitCode::Internal};
    }
  }
  if (::close(fd) != 0 && !error) error = {"cannot write '" + target + "': " + std::strerror(errno), ExitCode::Internal};
  if (error) {
    remove_temporary(pattern);
    return error;
  }
  pending = PendingFile{file.string(), pattern, existed};
  return {};
}

std::string commit_files(std::vector<PendingFile>& pending) {
  // An existing report is exchanged with its temporary (RENAME_EXCHANGE): the new report appears
  // whole and the temporary's name holds the old one until every report is in place, so a failure
  // can exchange it back. A rename over an existing file would also do, but ext4 then starts writing
  // the new file's blocks at once (auto_da_alloc): 0.2 ms a report. Where the file system cannot
  // exchange, the old report is kept as a hard link and the temporary renamed over it.
  enum class Step : unsigned char { Untouched, Exchanged, Renamed };
  std::vector<Step> steps(pending.size(), Step::Untouched);
  std::vector<std::string> backups(pending.size());
  std::string error;
  std::size_t done = 0;
  for (; done < pending.size(); ++done) {
    const PendingFile& p = pending[done];
    if (p.temporary.empty()) continue;
    if (p.existed && ::renameat2(AT_FDCWD, p.temporary.c_str(), AT_FDCWD, p.target.c_str(), RENAME_EXCHANGE) == 0) {
      steps[done] = Step::Exchanged;
      continue;
    }
    if (p.existed) {
      backups[done] = link_under_fresh_name(p.target, temporary_pattern(p.target, "old-"));
      if (!backups[done].empty()) track(backups[done]);
    }
    if (::rename(p.temporary.c_str(), p.target.c_str()) != 0) {
      error = "cannot replace '" + p.target + "': " + std::strerror(errno);
      break;
    }
    untrack(p.temporary);
    steps[done] = Step::Renamed;
  }
  if (!error.empty()) {
    std::string lost;
    for (std::size_t i = 0; i < done; ++i) {
      const PendingFile& p = pending[i];
      const bool restored =
          steps[i] == Step::Untouched ||
          (steps[i] == Step::Exchanged &&
           ::renameat2(AT_FDCWD, p.temporary.c_str(), AT_FDCWD, p.target.c_str(), RENAME_EXCHANGE) == 0) ||
          (steps[i] == Step::Renamed && !p.existed && ::unlink(p.target.c_str()) == 0) ||
          (steps[i] == Step::Renamed && p.existed && !backups[i].empty() &&
           ::rename(backups[i].c_str(), p.target.c_str()) == 0);
      if (!restored) lost += (lost.empty() ? "" : ", ") + ("'" + p.target + "'");
    }
    if (!lost.empty()) error += "; already replaced and not restored: " + lost;
  }
  // What is left under a temporary name is an old report once committed, else an unused new one.
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (!pending[i].temporary.empty() && steps[i] != Step::Renamed) remove_temporary(pending[i].temporary);
    if (!backups[i].empty()) remove_temporary(backups[i]);
  }
  pending.clear();
  return error;
}

void discard_files(std::vector<PendingFile>& pending) {
  for (const PendingFile& p : pending) {
    if (!p.temporary.empty()) remove_temporary(p.temporary);
  }
  pending.clear();
}

bool same_file(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return false;
  struct stat sa {}, sb {};
  const bool ea = ::stat(a.c_str(), &sa) == 0;
  const bool eb = ::stat(b.c_str(), &sb) == 0;
  if (ea && eb) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ea != eb) return false;
  std::error_code ec;
  const auto ra = std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec), ec);
  const auto rb = std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec), ec);
  return !ec && ra == rb;
}

std::string check_output_directory(const std::string& target) {
  if (is_stream(target)) return {};
  const std::filesystem::path path = resolved(target);
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
