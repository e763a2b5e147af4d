// `sovaudit scan`: load -> graph and analyses -> passes -> verdict -> writer -> output, then the gate.
#include <ostream>

#include "commands.hpp"
#include "load_stage.hpp"
#include "output_file.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::cli {

ExitCode run_scan(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style) {
  const Writer* writer = find_writer(options.format);
  if (!writer) {
    err << "sovaudit: error: unknown format " << quote(options.format) << "\n";
    return ExitCode::InvalidInput;
  }
  if (options.output && same_file(*options.output, options.file)) {
    err << "sovaudit: error: --output " << quote(*options.output)
        << " is the inventory itself; refusing to overwrite it\n";
    return ExitCode::InvalidInput;
  }

  const LoadedInventory loaded = load_inventory(options.file, options.limits);
  print_diagnostics(options.file, loaded, err, err_style);
  if (!loaded.usable()) {
    err << render_diagnostic_count(loaded.diagnostics.error_count(), loaded.diagnostics.warning_count()) << "\n";
    return loaded.failure;
  }
  const Inventory& inventory = loaded.parsed.inventory;

  const Analysis analysis = analyze(inventory, AnalysisOptions{options.as_of, options.price_multiplier,
                                                               options.notice_months});
  const PassRegistry& registry = builtin_passes();
  std::vector<Finding> findings = run_passes(registry, PassContext{inventory, analysis});
  const Verdict verdict = judge(std::move(findings), inventory, options.as_of, options.fail_on);
  const Report report{inventory, analysis, verdict, registry};

  if (!verdict.warnings.all().empty()) {
    const std::string_view text = loaded.source->text;
    err << render_diagnostics(options.file, text, verdict.warnings.sorted(), err_style);
  }
  const std::size_t warnings = loaded.diagnostics.warning_count() + verdict.warnings.warning_count();
  if (warnings > 0) err << render_diagnostic_count(0, warnings) << "\n";

  if (options.output) {
    const std::string error = write_file_atomically(*options.output, writer->render(report, TextStyle{}));
    if (!error.empty()) {
      err << "sovaudit: error: " << error << "\n";
      return ExitCode::Internal;
    }
    // The terminal summary still prints, so a CI log shows the verdict.
    out << render_terminal_summary(report, out_style);
  } else {
    out << writer->render(report, writer->render == render_terminal_summary ? out_style : TextStyle{});
  }
  return verdict.gate_failed ? ExitCode::GateTripped : ExitCode::Ok;
}

}  // namespace sovaudit::cli
