// The command-line front end: parses arguments, runs a command's stages, returns the exit code.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/exit_code.hpp"

namespace sovaudit::cli {

/// What the process learned from its surroundings, passed in so tests can fake it.
struct Environment {
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;
  bool no_color = false;  ///< NO_COLOR is set to a non-empty value, or TERM is "dumb"
  bool force_color = false;  ///< FORCE_COLOR or CLICOLOR_FORCE asks for colour even off a terminal

  /// Reads isatty(1), isatty(2), NO_COLOR and TERM from the running process.
  static Environment from_process();
};

/// Runs sovaudit with `args` (without the program name), writing to `out` and `err`.
/// Never throws: unexpected failures become ExitCode::Internal with a message on `err`.
ExitCode run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env);

/// Tells run() that the process ends as soon as it returns (main says so; tests, which call run()
/// many times in one process, do not): a scan then leaves its model, analysis and findings to the
/// OS instead of freeing them one by one, which at 50 MB of input takes a quarter of a second.
void leave_results_to_exit();

/// Makes the C library map every block of 128 KiB or more on its own, for the whole process (main
/// calls it). glibc raises that threshold as large blocks are freed, after which the big lists of a
/// scan (findings, analysis tables, a piece's copy of the model) come from the heap and their freed
/// pages stay resident: at 10 MB of input the peak RSS is 7 % higher without it.
void map_large_blocks_apart();

/// Parses a byte count such as "1048576", "512K", "64M" or "1G" (binary multiples).
std::optional<std::uint64_t> parse_byte_size(std::string_view text);

}  // namespace sovaudit::cli
