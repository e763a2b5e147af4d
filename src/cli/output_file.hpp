// Internal to the CLI: writing reports so that a reader never sees half a file, and a failure
// changes no existing file.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/exit_code.hpp"

namespace sovaudit::cli {

/// A report ready to appear: written to a temporary file beside its target (through symlinks, the
/// link's target) and not yet renamed over it; or already streamed to a device, FIFO or standard output.
struct PendingFile {
  std::string target;     ///< the file to replace, symlinks resolved
  std::string temporary;  ///< empty when the report was streamed
  bool existed = false;   ///< the target existed: its mode was kept and a rollback restores it
};

/// Why a report could not be written, and the exit code that says so.
struct WriteError {
  std::string message;  ///< empty on success
  ExitCode code = ExitCode::Ok;
  [[nodiscard]] explicit operator bool() const { return !message.empty(); }
};

/// Writes what `write` produces for `target`. A regular (or new) file is streamed into a temporary
/// sibling named `.NAME.sovaudit-XXXXXX` (`.sovaudit-XXXXXX` when NAME is too long), with the mode of
/// the file it will replace or, for a new one, 0666 less the umask; a character device, FIFO or
/// socket (and `-`, standard output) is written directly, and a write error there is an
/// environment error (exit 3). SIGINT, SIGTERM and SIGHUP remove the temporaries. No fsync: the
/// rename already makes the report appear whole or not at all.
WriteError prepare_file(const std::string& target, const std::function<void(std::ostream&)>& write,
                        PendingFile& pending);

/// Puts every pending temporary in its target's place, all or nothing: an existing target is
/// exchanged with its temporary (or, where the file system cannot exchange, kept as a hard link and
/// renamed over) and the old file removed only once every report is in place; a failure puts back
/// every file replaced before it (the error names any that could not be put back). Then none is
/// pending. Returns "" or an error.
std::string commit_files(std::vector<PendingFile>& pending);

/// Removes every pending temporary file without touching the targets.
void discard_files(std::vector<PendingFile>& pending);

/// True when `a` and `b` are the same file: the same device and inode after following links when
/// both exist, the same absolute path with links resolved when neither does. "-" is never a file.
bool same_file(const std::string& a, const std::string& b);

/// True when `path` exists and is not a regular file or a directory (a device, FIFO or socket), or is "-".
bool is_stream(const std::string& path);

/// Why a report cannot be written to `target` (missing or non-directory parent), or "".
std::string check_output_directory(const std::string& target);

}  // namespace sovaudit::cli
