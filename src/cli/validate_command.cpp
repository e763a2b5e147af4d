// `sovaudit validate`: read -> parse -> check, then render diagnostics and a verdict per file.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::cli {
namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string inventory_summary(const Inventory& inv) {
  return fmt::format("{}, {}, {}, {}", plural(inv.providers.size(), "provider", "providers"),
                     plural(inv.capabilities.size(), "capability", "capabilities"),
                     plural(inv.data_flows.size(), "data flow", "data flows"),
                     plural(inv.accepted_risks.size(), "accepted risk", "accepted risks"));
}

}  // namespace

ExitCode run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style) {
  ExitCode result = ExitCode::Ok;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const std::string& path : options.files) {
    SourceRead read = read_source_file(path, options.limits);
    if (!read.source) {
      err << render_diagnostics(path, {}, read.diagnostics.sorted(), err_style);
      errors += read.diagnostics.error_count();
      if (read.io_failure) result = ExitCode::Internal;
      else if (result == ExitCode::Ok) result = ExitCode::InvalidInput;
      continue;
    }
    ParseResult parsed = parse_inventory(*read.source, options.limits);
    Diagnostics diags = std::move(parsed.diagnostics);
    // Cross-entity checks on a half-read file would report phantom dangling references.
    if (parsed.complete) diags.append(check_inventory(parsed.inventory));

    err << render_diagnostics(path, read.source->text, diags.sorted(), err_style);
    errors += diags.error_count();
    warnings += diags.warning_count();
    if (parsed.internal_failure) {
      result = ExitCode::Internal;
    } else if (diags.has_errors()) {
      if (result == ExitCode::Ok) result = ExitCode::InvalidInput;
    } else {
      out << terminal_safe(path) << ": valid (" << inventory_summary(parsed.inventory) << ")\n";
    }
  }
  const std::string count = render_diagnostic_count(errors, warnings);
  if (!count.empty()) err << count << "\n";
  return result;
}

}  // namespace sovaudit::cli
