// `sovaudit validate`: the load stage on each file, then diagnostics and a verdict per file.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "load_stage.hpp"
#include "sovaudit/passes.hpp"
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

/// The verdict's warnings about acceptances, for an inventory analysed as of `as_of`.
Diagnostics unmatched_acceptances(const Inventory& inventory, const Date& as_of) {
  AnalysisOptions analysis_options;
  analysis_options.as_of = as_of;
  const Analysis analysis = analyze(inventory, analysis_options);
  return judge(run_passes(builtin_passes(), PassContext{inventory, analysis}), inventory, as_of, FailOn::None).warnings;
}

}  // namespace

ExitCode run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style) {
  ExitCode result = ExitCode::Ok;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::vector<FileDiagnostics> files;  // for json and sarif, written once every file is read
  for (const std::string& path : options.files) {
    const LoadedInventory loaded = load_inventory(path, options.limits);
    print_diagnostics(path, loaded, err, err_style, options.console.quiet);
    errors += loaded.diagnostics.error_count();
    warnings += loaded.diagnostics.warning_count();
    Diagnostics unmatched;
    if (loaded.usable() && !loaded.parsed.inventory.accepted_risks.empty()) {
      // Whether an acceptance still matches a finding takes the analysis; an inventory without
      // acceptances is not analysed, so validating stays as cheap as reading.
      unmatched = unmatched_acceptances(loaded.parsed.inventory, options.as_of);
      if (!unmatched.all().empty() && !options.console.quiet) {
        err << render_diagnostics(loaded.source->path, loaded.source->text, unmatched.sorted(), err_style);
      }
      warnings += unmatched.warning_count();
    }
    if (options.format == "json" || options.format == "sarif") {
      std::vector<Diagnostic> all = loaded.diagnostics.sorted();
      for (Diagnostic& d : unmatched.sorted()) all.push_back(std::move(d));
      files.push_back(file_diagnostics(loaded.source ? loaded.source->path : path,
                                       loaded.source ? std::string_view(loaded.source->text) : std::string_view(),
                                       std::move(all), loaded.usable()));
    }
    if (options.format == "github") {
      // The log keeps the readable form on stderr; the annotations go to stdout for the runner.
      const std::string shown = loaded.source ? loaded.source->path : path;
      const std::string_view text = loaded.source ? std::string_view(loaded.source->text) : std::string_view();
      out << render_diagnostics_github(shown, text, loaded.diagnostics.sorted());
      out << render_diagnostics_github(shown, text, unmatched.sorted());
    }
    if (loaded.failure == ExitCode::Internal) {
      result = ExitCode::Internal;
    } else if (!loaded.usable()) {
      if (result == ExitCode::Ok) result = ExitCode::InvalidInput;
    } else {
      // With json or sarif, standard output holds that document alone.
      if ((options.format == "text" || options.format == "github") && !options.console.quiet) {
        out << terminal_safe(loaded.source->path) << ": valid (" << inventory_summary(loaded.parsed.inventory) << ")\n";
      }
    }
  }
  if (options.format == "json") out << render_diagnostics_json(files);
  if (options.format == "sarif") out << render_diagnostics_sarif(files);
  const std::string count = render_diagnostic_count(errors, options.console.quiet ? 0 : warnings);
  if (!count.empty()) err << count << "\n";
  return result;
}

}  // namespace sovaudit::cli
