// The shared load stage of the CLI commands.
#include "load_stage.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <vector>

#include "sovaudit/checks.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::cli {

LoadedInventory load_inventory(const std::string& path, const LoadLimits& limits) {
  LoadedInventory loaded;
  SourceRead read = read_source_file(path, limits);
  loaded.diagnostics = std::move(read.diagnostics);
  if (!read.source) {
    loaded.failure = read.io_failure ? ExitCode::Internal : ExitCode::InvalidInput;
    return loaded;
  }
  loaded.source = std::move(read.source);
  loaded.parsed = parse_inventory(*loaded.source, limits);
  // The model holds what the rest needs; a mapped text keeps only the lines read again later.
  loaded.source->text.release_pages();
  loaded.diagnostics.append(loaded.parsed.diagnostics);
  // Cross-entity checks on a half-read file would report phantom dangling references.
  if (loaded.parsed.complete) {
    const auto rules = builtin_passes().rules();
    loaded.diagnostics.append(check_inventory(loaded.parsed.inventory, rules));
  }
  if (loaded.parsed.internal_failure) {
    loaded.failure = ExitCode::Internal;
  } else if (loaded.diagnostics.has_errors()) {
    loaded.failure = ExitCode::InvalidInput;
  }
  return loaded;
}

void Progress::show(std::string_view what) {
  if (!enabled_) return;
  err_ << "\r\x1b[Ksovaudit: " << what << "..." << std::flush;
  shown_ = true;
}

void Progress::clear() {
  if (!shown_) return;
  err_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

/// The errors (or, with `errors` false, the warnings) of `diags`, each with the notes that follow it.
std::vector<Diagnostic> with_notes(const std::vector<Diagnostic>& diags, bool errors) {
  std::vector<Diagnostic> kept;
  bool keep = false;
  for (const Diagnostic& d : diags) {
    if (d.severity != DiagSeverity::Note) keep = (d.severity == DiagSeverity::Error) == errors;
    if (keep) kept.push_back(d);
  }
  return kept;
}

void print_diagnostics(const std::string& path, const LoadedInventory& loaded, std::ostream& err, TextStyle style,
                       bool quiet, std::size_t max_shown) {
  const std::string_view text = loaded.source ? std::string_view(loaded.source->text) : std::string_view();
  std::vector<Diagnostic> diags = quiet ? with_notes(loaded.diagnostics.sorted(), true) : loaded.diagnostics.sorted();
  // A file with thousands of problems needs its first ones fixed, not all of them on screen; when
  // some must go, warnings go before any error does (each keeps its notes).
  const std::size_t total = diags.size();
  if (total > max_shown) {
    std::vector<Diagnostic> errors_first = with_notes(diags, true);
    const std::vector<Diagnostic> warnings = with_notes(diags, false);
    errors_first.insert(errors_first.end(), warnings.begin(), warnings.end());
    errors_first.resize(max_shown);
    diags = std::move(errors_first);
  }
  err << render_diagnostics(loaded.source ? loaded.source->path : path == "-" ? "<stdin>" : path, text, diags, style);
  if (total > max_shown) err << "... and " << (total - max_shown) << " more diagnostics not shown\n";
}

void analyse_and_judge(Scanned& s, const ScanSettings& settings, Progress* progress) {
  const Inventory& inventory = s.loaded.parsed.inventory;
  s.analysis = analyze(inventory, settings.analysis);
  if (progress != nullptr) progress->show("running the rules");
  std::vector<Finding> findings = run_passes(builtin_passes(), PassContext{inventory, s.analysis});
  if (settings.drift_only) {
    std::erase_if(findings, [](const Finding& f) {
      const RuleInfo* rule = builtin_passes().rule(f.rule);
      return rule == nullptr || std::string_view(rule->tags).find("drift") == std::string_view::npos;
    });
  }
  s.verdict = judge(std::move(findings), inventory, settings.analysis.as_of, settings.fail_on, settings.judge);
}

/// Each model whose inventory date differs from the lifecycle file's: a warning on the inventory's
/// line, then a note on the file's. Returns how many warnings were printed.
std::size_t print_lifecycle_conflicts(const Scanned& s, const ScanSettings& settings, const std::string& path,
                                      std::ostream& err, TextStyle style) {
  const Inventory& inventory = s.loaded.parsed.inventory;
  const std::string shown_path = s.loaded.source ? s.loaded.source->path : path;
  for (const LifecycleConflict& c : s.analysis.lifecycle_conflicts) {
    Diagnostics here;
    here.warning(c.inventory_date.loc,
                 "model " + quote(c.model) + " at " + quote(inventory.providers[c.provider].id.value) + " retires on " +
                     to_string(c.inventory_date.value) + " here but on " + to_string(c.entry->retires.value) +
                     " in the lifecycle file; the inventory's date is used",
                 10);
    err << render_diagnostics(shown_path, s.loaded.source->text, here.all(), style);
    if (settings.lifecycle_source) {
      Diagnostics there;
      there.note(c.entry->retires.loc,
                 "the lifecycle file's date" +
                     (c.entry->source.present ? " (source: " + clip_utf8(c.entry->source.value, 120) + ")" : std::string()),
                 10);
      err << render_diagnostics(settings.lifecycle_source->path, settings.lifecycle_source->text, there.all(), style);
    }
  }
  return s.analysis.lifecycle_conflicts.size();
}

std::unique_ptr<Scanned> scan_inventory(const std::string& path, const LoadLimits& limits, const ScanSettings& settings,
                                        std::ostream& err, TextStyle err_style, ExitCode& failure,
                                        const Console& console) {
  auto s = std::make_unique<Scanned>();
  std::error_code ec;
  const bool large = path != "-" && std::filesystem::is_regular_file(path, ec) &&
                     std::filesystem::file_size(path, ec) >= kProgressBytes && !ec;
  Progress progress(err, console.progress && large);
  progress.show("reading and checking " + terminal_safe(path));
  s->loaded = load_inventory(path, limits);
  progress.clear();
  print_diagnostics(path, s->loaded, err, err_style, console.quiet);
  if (!s->loaded.usable()) {
    err << render_diagnostic_count(s->loaded.diagnostics.error_count(),
                                   console.quiet ? 0 : s->loaded.diagnostics.warning_count())
        << "\n";
    failure = s->loaded.failure;
    return nullptr;
  }
  const Inventory& inventory = s->loaded.parsed.inventory;
  progress.show("analysing " + std::to_string(inventory.providers.size()) + " providers and " +
                std::to_string(inventory.capabilities.size()) + " capabilities");
  analyse_and_judge(*s, settings, &progress);
  progress.clear();
  if (console.quiet) return s;
  if (!s->verdict.warnings.all().empty()) {
    err << render_diagnostics(path, s->loaded.source->text, s->verdict.warnings.sorted(), err_style);
  }
  const std::size_t conflicts = print_lifecycle_conflicts(*s, settings, path, err, err_style);
  const std::size_t warnings =
      s->loaded.diagnostics.warning_count() + s->verdict.warnings.warning_count() + conflicts;
  if (warnings > 0) err << render_diagnostic_count(0, warnings) << "\n";
  return s;
}

std::optional<Observations> load_observations(const std::vector<std::string>& paths, bool complete,
                                              const LoadLimits& limits, std::ostream& err, TextStyle err_style,
                                              ExitCode& failure, const Console& console) {
  Observations observed;
  bool every_file_complete = !paths.empty();
  std::size_t errors = 0;
  for (const std::string& path : paths) {
    SourceRead read = read_source_file(path, limits);
    Diagnostics diags = std::move(read.diagnostics);
    if (read.source) {
      const std::size_t files_before = observed.files.size();
      read_observed_sbom(*read.source, observed, diags);
      if (observed.files.size() > files_before) every_file_complete = every_file_complete && observed.files.back().complete;
    } else if (read.io_failure) {
      failure = ExitCode::Internal;
    }
    const std::vector<Diagnostic> shown = console.quiet ? with_notes(diags.sorted(), true) : diags.sorted();
    if (!shown.empty()) {
      err << render_diagnostics(path, read.source ? std::string_view(read.source->text) : std::string_view(), shown,
                                err_style);
    }
    errors += diags.error_count();
  }
  if (errors > 0) {
    err << render_diagnostic_count(errors, 0) << "\n";
    if (failure == ExitCode::Ok) failure = ExitCode::InvalidInput;
    return std::nullopt;
  }
  if (failure != ExitCode::Ok) return std::nullopt;
  observed.complete = complete || every_file_complete;
  return observed;
}

}  // namespace sovaudit::cli

namespace sovaudit::cli {

std::unique_ptr<LoadedLifecycle> load_lifecycle(const std::string& path, const LoadLimits& limits, std::ostream& err,
                                                TextStyle err_style, ExitCode& failure, const Console& console) {
  LoadLimits bounded = limits;
  bounded.max_file_bytes = std::min<std::uint64_t>(limits.max_file_bytes, kMaxLifecycleBytes);
  SourceRead read = read_source_file(path, bounded, "the lifecycle file");
  Diagnostics diags = std::move(read.diagnostics);
  auto loaded = std::make_unique<LoadedLifecycle>();
  if (read.source) {
    loaded->source = std::move(*read.source);
    loaded->lifecycle = parse_lifecycle(loaded->source, limits, diags);
  } else if (read.io_failure) {
    failure = ExitCode::Internal;
  }
  const std::vector<Diagnostic> shown = console.quiet ? with_notes(diags.sorted(), true) : diags.sorted();
  if (!shown.empty()) {
    err << render_diagnostics(loaded->source.path.empty() ? path : loaded->source.path,
                              std::string_view(loaded->source.text), shown, err_style);
  }
  if (diags.has_errors() || !read.source) {
    if (diags.has_errors()) err << render_diagnostic_count(diags.error_count(), 0) << "\n";
    if (failure == ExitCode::Ok) failure = ExitCode::InvalidInput;
    return nullptr;
  }
  return loaded;
}

void use_lifecycle(ScanSettings& settings, const LoadedLifecycle* loaded) {
  settings.analysis.lifecycle = loaded ? &loaded->lifecycle : nullptr;
  settings.lifecycle_source = loaded ? &loaded->source : nullptr;
}

}  // namespace sovaudit::cli
