// Rendering diagnostics the way compilers do: location, severity, message, source line, caret.
#pragma once

#include <cstddef>
#include <cstdint>
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

/// One validated file: its path and every diagnostic about it, sorted; it does not keep the text.
struct FileDiagnostics {
  std::string path;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::uint32_t> character_columns;  ///< per diagnostic, its column in characters
  std::vector<std::uint32_t> end_columns;        ///< per diagnostic, where its token ends (characters, exclusive)
  bool valid = false;
};

/// The record of one file, with each diagnostic's column converted from bytes of `source`.
FileDiagnostics file_diagnostics(std::string path, std::string_view source, std::vector<Diagnostic> diagnostics,
                                 bool valid);

/// The diagnostics of `validate` as JSON for scripts: per file its path, validity, counts and each
/// diagnostic's severity, line, column (bytes, as in the text form) and message.
std::string render_diagnostics_json(const std::vector<FileDiagnostics>& files);

/// The diagnostics of `validate` as SARIF 2.1.0: one result per diagnostic (level error, warning or
/// note) under the rule SOV-INVENTORY, at its line and column (in characters).
std::string render_diagnostics_sarif(const std::vector<FileDiagnostics>& files);

/// The closing count, e.g. "8 errors and 1 warning generated."; empty when both are zero.
std::string render_diagnostic_count(std::size_t errors, std::size_t warnings);

}  // namespace sovaudit
