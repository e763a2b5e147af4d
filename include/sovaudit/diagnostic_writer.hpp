// Rendering diagnostics the way compilers do: location, severity, message, source line, caret.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/diagnostics.hpp"

namespace sovaudit {

/// Whether to decorate text with ANSI colours.
struct TextStyle {
  bool color = false;
};

/// Renders `diags` (in the given order) for the file `path` whose text is `source`:
/// `path:line:col: error: message`, then the source line and a caret under the problem.
/// Inventory text is escaped so control characters never reach the terminal.
std::string render_diagnostics(std::string_view path, std::string_view source, const std::vector<Diagnostic>& diags,
                               TextStyle style);

/// The closing count, e.g. "8 errors and 1 warning generated."; empty when both are zero.
std::string render_diagnostic_count(std::size_t errors, std::size_t warnings);

}  // namespace sovaudit
