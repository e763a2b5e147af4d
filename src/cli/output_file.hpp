// Internal to the CLI: writing reports so that a reader never sees half a file.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sovaudit::cli {

/// A report written to a temporary file next to its target, not yet renamed over it.
struct PendingFile {
  std::string target;
  std::string temporary;
};

/// Streams what `write` produces into a new temporary file in `target`'s directory. Returns an
/// error message ("" on success); on error nothing is left behind. No fsync: the rename already
/// makes the report appear whole or not at all, a report can be rendered again, and six fsyncs
/// took ten milliseconds, half the run of a typical inventory.
std::string prepare_file(const std::string& target, const std::function<void(std::ostream&)>& write,
                         PendingFile& pending);

/// Renames every pending file over its target; then none is pending. Returns "" or an error.
std::string commit_files(std::vector<PendingFile>& pending);

/// Removes every pending temporary file without touching the targets.
void discard_files(std::vector<PendingFile>& pending);

/// True when `a` and `b` name the same existing file (through links or relative paths).
bool same_file(const std::string& a, const std::string& b);

/// Why a report cannot be written to `target` (missing or non-directory parent), or "".
std::string check_output_directory(const std::string& target);

}  // namespace sovaudit::cli
