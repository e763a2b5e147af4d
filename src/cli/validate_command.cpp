// `sovaudit validate`: the load stage on each file, then diagnostics and a verdict per file.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "load_stage.hpp"
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
    const LoadedInventory loaded = load_inventory(path, options.limits);
    print_diagnostics(path, loaded, err, err_style);
    errors += loaded.diagnostics.error_count();
    warnings += loaded.diagnostics.warning_count();
    if (loaded.failure == ExitCode::Internal) {
      result = ExitCode::Internal;
    } else if (!loaded.usable()) {
      if (result == ExitCode::Ok) result = ExitCode::InvalidInput;
    } else {
      out << terminal_safe(loaded.source->path) << ": valid (" << inventory_summary(loaded.parsed.inventory) << ")\n";
    }
  }
  const std::string count = render_diagnostic_count(errors, warnings);
  if (!count.empty()) err << count << "\n";
  return result;
}

}  // namespace sovaudit::cli
