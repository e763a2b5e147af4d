// Internal to the CLI: the config file (.sovaudit.toml, --config) as the user sees it — whether it
// can be read safely, what is wrong in it, and where a refused value came from.
#pragma once

#include <string>
#include <vector>

#include "command_line.hpp"

namespace sovaudit::cli {

/// The config file this run reads: --config's value, or the default .sovaudit.toml.
std::string config_file(const CommandLine& line);

/// CLI11's "INI was not able to parse scan.fail-onn" as a whole diagnostic line (no newline):
/// `FILE:LINE:COL: error: [scan] has no option 'fail-onn' (did you mean 'fail-on'?)`, located at the
/// key or table in the file, else `sovaudit: error: FILE: ...`.
std::string config_problem(const CommandLine& line, const std::string& message);

/// Why the config file cannot be read safely, or "". CLI11 reads whatever path it is given to the
/// end, so a FIFO, a device or a huge file would hang it or exhaust memory; a config is small text.
std::string config_file_problem(const std::vector<std::string>& args);

/// Where a refused option value came from when the command line did not give it: " (from
/// SOVAUDIT_X)" or " (from FILE:LINE:COL)", so a value nobody typed can be found; "" otherwise.
std::string value_source(const CommandLine& line, const std::vector<std::string>& args, const std::string& message);

}  // namespace sovaudit::cli
