// Internal to the CLI: the commands, each a list of stages over already-parsed options.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/exit_code.hpp"
#include "sovaudit/loader.hpp"

namespace sovaudit::cli {

/// Options of `sovaudit validate`.
struct ValidateOptions {
  std::vector<std::string> files;
  LoadLimits limits;
};

/// `sovaudit validate FILE...`: load and check each file; diagnostics to `err`, a verdict per
/// valid file to `out`. Exit 0 when every file is valid, 2 when any is not, 3 on internal failure.
ExitCode run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style);

}  // namespace sovaudit::cli
