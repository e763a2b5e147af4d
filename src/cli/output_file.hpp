// Internal to the CLI: writing reports so that a reader never sees half a file.
#pragma once

#include <string>
#include <string_view>

namespace sovaudit::cli {

/// Writes `content` to `path` through a temporary file in the same directory and a rename, so the
/// file is either the old one or the complete new one. Returns an error message, or "" on success.
std::string write_file_atomically(const std::string& path, std::string_view content);

/// True when `a` and `b` name the same existing file (through links or relative paths).
bool same_file(const std::string& a, const std::string& b);

}  // namespace sovaudit::cli
