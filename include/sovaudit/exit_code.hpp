// The process exit codes, a contract with CI pipelines.
#pragma once

namespace sovaudit {

/// What the sovaudit process returns to its caller.
enum class ExitCode : int {
  Ok = 0,            ///< nothing at or above the gate's threshold; input valid
  GateTripped = 1,   ///< a finding at or above --fail-on
  InvalidInput = 2,  ///< the inventory or the command line is wrong; nothing was written
  Internal = 3,      ///< a bug in sovaudit or an environment failure (out of memory, I/O)
};

}  // namespace sovaudit
