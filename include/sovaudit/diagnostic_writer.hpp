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

/// `diags` as GitHub Actions workflow commands (`::error file=PATH,line=L,col=C,title=sovaudit::message`),
/// so a pull request shows each problem on its line; columns count characters.
std::string render_diagnostics_github(std::string_view path, std::string_view source, const std::vector<Diagnostic>& diags);

/// The closing count, e.g. "8 errors and 1 warning generated."; empty when both are zero.
std::string render_diagnostic_count(std::size_t errors, std::size_t warnings);

}  // namespace sovaudit
