// `sovaudit scan` and `sovaudit graph`: load -> analyses -> passes -> verdict -> writers -> outputs.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <ostream>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "commands.hpp"
#include "load_stage.hpp"
#include "baseline.hpp"
#include "output_file.hpp"
#include "sovaudit/parallel.hpp"
#include "sovaudit/changes.hpp"
#include "sovaudit/column_index.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/index.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/what_if.hpp"

namespace sovaudit::cli {

namespace {

bool g_free_before_exit = true;
// A global, so that leak checkers see what it points to as still reachable.
Scanned* g_left_for_exit = nullptr;

/// Frees a scan's results, or, when the process is about to end, leaves them to the OS.
void release(std::unique_ptr<Scanned> scanned) {
  const bool leave = !g_free_before_exit && g_left_for_exit == nullptr;
  if (leave) g_left_for_exit = scanned.release();
  // Otherwise `scanned` frees them here.
}

}  // namespace

void leave_results_to_exit() { g_free_before_exit = false; }

void map_large_blocks_apart() {
#ifdef __GLIBC__
  // Setting it also turns off glibc's adjustment of the threshold (and of the trim threshold).
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

namespace {

/// One report to write: which writer, where.
struct PlannedOutput {
  const Writer* writer = nullptr;
  std::string path;
};

/// The inventory relative to the repository root (--sarif-base, default the working directory).
/// Code scanning needs a relative URI, so one outside the base keeps its "../" steps.
std::string repository_path(const std::string& inventory, const std::string& base, bool& outside) {
  std::error_code ec;
  const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(inventory, ec), ec);
  const auto root = std::filesystem::weakly_canonical(std::filesystem::absolute(base.empty() ? "." : base, ec), ec);
  const std::filesystem::path relative = absolute.lexically_relative(root);
  outside = relative.empty() || *relative.begin() == "..";
  return relative.empty() ? std::filesystem::path(inventory).filename().generic_string() : relative.generic_string();
}

/// Decides each --output's writer: FORMAT:PATH, else the extension, else --format when given.
std::optional<std::vector<PlannedOutput>> plan_outputs(const ScanOptions& o, std::ostream& err) {
  std::vector<PlannedOutput> plan;
  for (const std::string& spec : o.outputs) {
    PlannedOutput out;
    const std::size_t colon = spec.find(':');
    if (colon != std::string::npos && find_writer(spec.substr(0, colon))) {
      out.writer = find_writer(spec.substr(0, colon));
      out.path = spec.substr(colon + 1);
    } else {
      out.path = spec;
      out.writer = writer_for_path(spec);
      if (!out.writer && o.format_given) out.writer = find_writer(o.format);
    }
    if (!out.writer) {
      err << "sovaudit: error: cannot tell the format of " << quote(spec)
          << " from its extension; write FORMAT:PATH, e.g. json:" << terminal_safe(spec) << "\n";
      return std::nullopt;
    }
    if (out.path.empty()) {
      err << "sovaudit: error: --output " << quote(spec) << " names no file\n";
      return std::nullopt;
    }
    // Compared by file identity, not spelling: "./a.json" and "a.json" are one file.
    const std::pair<const std::string*, const char*> inputs[] = {
        {&o.file, "the inventory itself"}, {&o.previous, "the --previous inventory"}, {&o.baseline, "the --baseline report"}};
    for (const auto& [input, what] : inputs) {
      if (!input->empty() && same_file(out.path, *input)) {
        err << "sovaudit: error: --output " << quote(out.path) << " is " << what << "; refusing to overwrite it\n";
        return std::nullopt;
      }
    }
    if (!o.lifecycle.empty() && same_file(out.path, o.lifecycle)) {
      err << "sovaudit: error: --output " << quote(out.path) << " is the --lifecycle file; refusing to overwrite it\n";
      return std::nullopt;
    }
    for (const std::string& sbom : o.observed) {
      if (same_file(out.path, sbom)) {
        err << "sovaudit: error: --output " << quote(out.path) << " is an --observed SBOM; refusing to overwrite it\n";
        return std::nullopt;
      }
    }
    for (const PlannedOutput& earlier : plan) {
      // Two reports can go to one device or stream, never to one file: one of them would be lost.
      if ((earlier.path == out.path || same_file(earlier.path, out.path)) && !is_stream(out.path)) {
        err << "sovaudit: error: --output " << quote(out.path) << " and --output " << quote(earlier.path)
            << " are the same file\n";
        return std::nullopt;
      }
    }
    if (const std::string problem = check_output_directory(out.path); !problem.empty()) {
      err << "sovaudit: error: " << terminal_safe(problem) << "\n";
      return std::nullopt;
    }
    plan.push_back(std::move(out));
  }
  return plan;
}

/// Renders every planned output to a temporary, then renames them all; the first failure in
/// command-line order is reported. Files are rendered on several cores (writers only read the
/// report); with a stream among the outputs (standard output, a FIFO) they go one by one, so
/// nothing reaches a stream after an output before it failed.
ExitCode write_outputs(const std::vector<PlannedOutput>& plan, const Report& report, std::ostream& err) {
  std::vector<PendingFile> prepared(plan.size());
  std::vector<WriteError> errors(plan.size());
  const bool streams = std::any_of(plan.begin(), plan.end(), [](const PlannedOutput& p) { return is_stream(p.path); });
  std::vector<char> ready(plan.size(), 0);
  std::atomic<bool> failed{false};
  // Side by side, the dearest first (a stream keeps command-line order); results stay by index.
  std::vector<std::size_t> order(plan.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (!streams) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return plan[a].writer->rendering_cost > plan[b].writer->rendering_cost;
    });
  }
  parallel_for(plan.size(), streams ? 1 : available_cores(), [&](std::size_t k) {
    const std::size_t i = order[k];
    if (streams && failed) return;
    const PlannedOutput& out = plan[i];
    errors[i] = prepare_file(out.path, [&](std::ostream& stream) { out.writer->write(report, TextStyle{}, stream); },
                             prepared[i]);
    if (errors[i]) failed = true;
    else ready[i] = 1;
  });
  std::vector<PendingFile> pending;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (ready[i]) pending.push_back(std::move(prepared[i]));
  }
  for (const WriteError& error : errors) {
    if (!error) continue;
    discard_files(pending);
    err << "sovaudit: error: " << terminal_safe(error.message) << "; no report file was replaced\n";
    return error.code;
  }
  if (const std::string error = commit_files(pending); !error.empty()) {
    err << "sovaudit: error: " << terminal_safe(error) << "\n";
    return ExitCode::Internal;
  }
  return ExitCode::Ok;
}

ReviewState review_of(const Scanned& s) { return ReviewState{s.loaded.parsed.inventory, s.analysis, s.verdict}; }

Report report_of(const Scanned& s, const ScanOptions& o, const std::vector<PlannedOutput>& plan, std::ostream& err) {
  bool outside = false;
  const std::string path = repository_path(o.file, o.sarif_base, outside);
  const std::string uri = percent_encode_path(path);
  const bool sarif = std::any_of(plan.begin(), plan.end(), [](const PlannedOutput& p) { return p.writer->name == "sarif"; });
  ReportOptions options{uri, o.min_severity, o.focus, o.min_class, path, o.sarif_category, {}};
  // Findings on an SBOM point into it: SARIF names it relative to the same base as the inventory.
  for (const std::string& sbom : o.observed) {
    bool sbom_outside = false;
    options.artifact_paths.push_back(sbom);
    options.artifact_uris.push_back(percent_encode_path(repository_path(sbom, o.sarif_base, sbom_outside)));
  }
  // Dates from --lifecycle point into it the same way.
  if (!o.lifecycle.empty()) {
    bool lifecycle_outside = false;
    options.artifact_paths.push_back(o.lifecycle);
    options.artifact_uris.push_back(percent_encode_path(repository_path(o.lifecycle, o.sarif_base, lifecycle_outside)));
  }
  if (outside && (sarif || (o.format == "sarif" && plan.empty()))) {
    const std::string warning = "the inventory lies outside " +
                                (o.sarif_base.empty() ? std::string("the working directory") : quote(o.sarif_base)) +
                                "; SARIF paths start with '..'. Run from the repository root or set --sarif-base";
    if (!o.console.quiet) err << "sovaudit: warning: " << warning << "\n";
    options.run_warnings.push_back(warning);
  }
  return Report{s.loaded.parsed.inventory, s.analysis, s.verdict, builtin_passes(), s.loaded.source->text,
                std::move(options)};
}

/// The planner's options from the command line's choices.
PlanOptions plan_options(const PlanChoices& choices, const AnalysisOptions& analysis) {
  PlanOptions o;
  o.analysis = analysis;
  o.budget_weeks = choices.budget_weeks;
  o.until = choices.until == "existential" ? PlanGoal::Existential
            : choices.until == "material"  ? PlanGoal::Material
                                           : PlanGoal::All;
  o.max_steps = choices.max_steps;
  return o;
}

/// Plans the outputs, runs every stage to the verdict and writes the files; `show` then prints to
/// standard output. The shared body of `scan` and `graph`.
template <class Show>
ExitCode scan_and_write(const ScanOptions& options, std::ostream& err, TextStyle err_style, Show show) {
  std::error_code ec;
  if (!options.sarif_base.empty() && !std::filesystem::is_directory(options.sarif_base, ec)) {
    err << "sovaudit: error: --sarif-base " << quote(options.sarif_base)
        << " is not a directory; give the repository root that SARIF paths are relative to\n";
    return ExitCode::InvalidInput;
  }
  const auto plan = plan_outputs(options, err);
  if (!plan) return ExitCode::InvalidInput;
  ScanSettings settings{AnalysisOptions{options.as_of, options.price_multiplier, options.notice_months},
                        options.fail_on, JudgeOptions{{}, options.expiring_within_days}};
  if (!options.baseline.empty()) {
    std::string problem;
    auto fingerprints = read_baseline(options.baseline, options.limits.max_file_bytes, problem);
    if (!fingerprints) {
      err << "sovaudit: error: --baseline: " << terminal_safe(problem) << "\n";
      return ExitCode::InvalidInput;
    }
    settings.judge.baseline = std::move(*fingerprints);
    settings.judge.has_baseline = true;
  }
  ExitCode failure = ExitCode::Ok;
  std::optional<Observations> observed;
  if (!options.observed.empty()) {
    observed = load_observations(options.observed, options.observed_complete, options.limits, err, err_style, failure,
                                 options.console);
    if (!observed) return failure;
    settings.analysis.observed = &*observed;
  }
  settings.drift_only = options.drift_only;
  std::unique_ptr<LoadedLifecycle> lifecycle;
  if (!options.lifecycle.empty()) {
    lifecycle = load_lifecycle(options.lifecycle, options.limits, err, err_style, failure, options.console);
    if (!lifecycle) return failure;
    use_lifecycle(settings, lifecycle.get());
  }
  auto scanned = scan_inventory(options.file, options.limits, settings, err, err_style, failure, options.console);
  if (!scanned) return failure;
  if (!options.focus.empty()) {
    const Inventory& inv = scanned->loaded.parsed.inventory;
    const InventoryIndex index(inv);
    if (!index.provider(options.focus) && !index.capability(options.focus)) {
      std::vector<std::string> ids = index.provider_ids();
      ids.insert(ids.end(), index.capability_ids().begin(), index.capability_ids().end());
      err << "sovaudit: error: --focus: no provider or capability is called " << quote(options.focus)
          << did_you_mean(closest_match(options.focus, ids)) << "\n";
      return ExitCode::InvalidInput;
    }
  }
  Report report = report_of(*scanned, options, *plan, err);
  // The previous review is judged by the same rules and date, so only the inventory differs.
  std::unique_ptr<Scanned> previous;
  std::optional<Changes> changes;
  std::optional<ChangesReport> changes_report;
  if (!options.previous.empty()) {
    ScanSettings before = settings;
    before.judge.baseline.clear();
    before.judge.has_baseline = false;
    previous = scan_inventory(options.previous, options.limits, before, err, err_style, failure, options.console);
    if (!previous) return failure;
    changes = compare_reviews(review_of(*previous), review_of(*scanned));
    changes_report.emplace(ChangesReport{*changes, previous->loaded.parsed.inventory, scanned->loaded.parsed.inventory,
                                         builtin_passes(), options.as_of});
    report.changes = &*changes_report;
  }
  std::optional<Simulation> simulation;
  if (options.simulate || options.fail_on_probability) {
    simulation = simulate(scanned->loaded.parsed.inventory, scanned->analysis,
                          SimulationOptions{options.simulate.value_or(10000), options.seed});
    simulation->fail_on_probability = options.fail_on_probability;
    if (probability_gate_trips(*simulation)) scanned->verdict.gate_failed = true;
    report.simulation = &*simulation;
  }
  std::optional<Plan> plan_made;
  std::optional<PlanReport> plan_report;
  if (options.plan.wanted) {
    plan_made = make_plan(scanned->loaded.parsed.inventory, plan_options(options.plan, settings.analysis));
    plan_report.emplace(PlanReport{*plan_made, scanned->loaded.parsed.inventory, builtin_passes(), options.as_of,
                                   options.plan.max_steps});
    report.plan = &*plan_report;
  }
  // SARIF and GitHub count columns in characters: the findings' places are worked out once, in a
  // pass that gives a mapped inventory's pages back, rather than by each writer over every line.
  std::optional<ColumnIndex> columns;
  const Writer* named = find_writer(options.format);
  if ((named && named->character_columns) ||
      std::any_of(plan->begin(), plan->end(), [](const PlannedOutput& p) { return p.writer->character_columns; })) {
    columns = ColumnIndex::of(scanned->loaded.source->text, places_of(scanned->verdict.findings));
    report.columns = &*columns;
  }
  if (const ExitCode written = write_outputs(*plan, report, err); written != ExitCode::Ok) return written;
  const ExitCode shown = show(report, *plan, scanned->verdict);
  release(std::move(scanned));  // the report refers into it, but is not used again
  return shown;
}

/// The settings of a command that reviews without a gate (diff, what-if, plan): the options' date
/// and scenario, no --fail-on.
ScanSettings comparison_settings(const DiffOptions& o) {
  return ScanSettings{AnalysisOptions{o.as_of, o.price_multiplier, o.notice_months}, FailOn::None, JudgeOptions{}};
}

/// The --lifecycle file of a comparison, loaded and put into `settings`; none without the option.
/// Sets `failure` when the file cannot be used.
std::unique_ptr<LoadedLifecycle> lifecycle_for(const DiffOptions& o, ScanSettings& settings, std::ostream& err,
                                               TextStyle err_style, ExitCode& failure) {
  if (o.lifecycle.empty()) return nullptr;
  auto loaded = load_lifecycle(o.lifecycle, o.limits, err, err_style, failure, o.console);
  use_lifecycle(settings, loaded.get());
  return loaded;
}

/// Renders a comparison with the writer `options.format` names (unless --quiet without --format)
/// and returns its exit code: 1 with --fail-on-regression when something got worse.
ExitCode show_changes(const DiffOptions& options, const Changes& changes, const Scanned& before, const Scanned& after,
                      std::ostream& out, TextStyle out_style) {
  const ChangesWriter* writer = find_changes_writer(options.format);
  const ChangesReport report{changes, before.loaded.parsed.inventory, after.loaded.parsed.inventory, builtin_passes(),
                             options.as_of};
  if (!options.console.quiet || options.format_given) {
    out << writer->render(report, writer->name == "table" ? out_style : TextStyle{});
  }
  return options.fail_on_regression && changes.regressed() ? ExitCode::GateTripped : ExitCode::Ok;
}

}  // namespace

ExitCode run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style) {
  ScanSettings settings = comparison_settings(options);
  ExitCode failure = ExitCode::Ok;
  const auto lifecycle = lifecycle_for(options, settings, err, err_style, failure);
  if (failure != ExitCode::Ok) return failure;
  const auto before = scan_inventory(options.old_file, options.limits, settings, err, err_style, failure, options.console);
  if (!before) return failure;
  const auto after = scan_inventory(options.new_file, options.limits, settings, err, err_style, failure, options.console);
  if (!after) return failure;
  const Changes changes = compare_reviews(review_of(*before), review_of(*after));
  return show_changes(options, changes, *before, *after, out, out_style);
}

ExitCode run_what_if(const WhatIfOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                     TextStyle err_style) {
  const DiffOptions& o = options.compare;
  ScanSettings settings = comparison_settings(o);
  ExitCode failure = ExitCode::Ok;
  const auto lifecycle = lifecycle_for(o, settings, err, err_style, failure);
  if (failure != ExitCode::Ok) return failure;
  const auto before = scan_inventory(o.old_file, o.limits, settings, err, err_style, failure, o.console);
  if (!before) return failure;
  std::vector<WhatIfChange> changes;
  for (const std::string& s : options.add_provider) changes.push_back({WhatIfKind::AddProvider, s});
  for (const std::string& s : options.set) changes.push_back({WhatIfKind::Set, s});
  for (const std::string& s : options.add_fallback) changes.push_back({WhatIfKind::AddFallback, s});
  for (const std::string& s : options.remove) changes.push_back({WhatIfKind::Remove, s});
  for (const std::string& s : options.switch_off) changes.push_back({WhatIfKind::SwitchOff, s});
  if (changes.empty()) {
    err << "sovaudit: error: what-if needs at least one change: --add-provider, --set, --add-fallback, --remove or --switch-off\n";
    return ExitCode::InvalidInput;
  }
  WhatIfOutcome outcome = apply_what_if(before->loaded.parsed.inventory, changes, o.limits.max_string_bytes);
  for (const std::string& e : outcome.errors) err << "sovaudit: error: " << terminal_safe(e) << "\n";
  if (!outcome.errors.empty()) return ExitCode::InvalidInput;
  auto after = std::make_unique<Scanned>();
  after->loaded.source = before->loaded.source;
  after->loaded.parsed.complete = true;
  after->loaded.parsed.inventory = std::move(outcome.inventory);
  // The report names the changes, so that a what-if read later says what it assumed.
  std::string described = o.old_file + " with";
  for (const WhatIfChange& c : changes) described += " " + describe(c);
  after->loaded.parsed.inventory.path = std::move(described);
  // The changed inventory is checked as a whole like a file would be: a change can break a
  // reference or a sum that each value alone does not.
  const Diagnostics checks = check_inventory(after->loaded.parsed.inventory, builtin_passes().rules());
  if (checks.has_errors()) {
    err << "sovaudit: error: the inventory with these changes is not valid:\n"
        << render_diagnostics(o.old_file, before->loaded.source->text, checks.sorted(), err_style);
    return ExitCode::InvalidInput;
  }
  if (!o.console.quiet) {
    for (const std::string& note : outcome.notes) err << "sovaudit: note: " << terminal_safe(note) << "\n";
  }
  analyse_and_judge(*after, settings);
  Changes compared = compare_reviews(review_of(*before), review_of(*after));
  compared.command = "what-if";
  return show_changes(o, compared, *before, *after, out, out_style);
}

ExitCode run_plan(const PlanCommandOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style) {
  const DiffOptions& o = options.compare;
  ScanSettings settings = comparison_settings(o);
  ExitCode failure = ExitCode::Ok;
  const auto lifecycle = lifecycle_for(o, settings, err, err_style, failure);
  if (failure != ExitCode::Ok) return failure;
  const auto scanned = scan_inventory(o.old_file, o.limits, settings, err, err_style, failure, o.console);
  if (!scanned) return failure;
  const Plan plan = make_plan(scanned->loaded.parsed.inventory, plan_options(options.choices, settings.analysis));
  const PlanReport report{plan, scanned->loaded.parsed.inventory, builtin_passes(), o.as_of, options.choices.max_steps};
  const PlanWriter* writer = find_plan_writer(o.format);
  if (!o.console.quiet || o.format_given) out << writer->render(report, writer->name == "table" ? out_style : TextStyle{});
  return ExitCode::Ok;
}

ExitCode run_scan(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style) {
  return scan_and_write(options, err, err_style,
                        [&](const Report& report, const std::vector<PlannedOutput>& plan, const Verdict& verdict) {
                          // A report on standard output (`--output FORMAT:-`) is all that goes there.
                          const bool to_stdout = std::any_of(plan.begin(), plan.end(),
                                                             [](const PlannedOutput& p) { return p.path == "-"; });
                          if (to_stdout) return verdict.gate_failed ? ExitCode::GateTripped : ExitCode::Ok;
                          // --quiet leaves the exit code and the files; a --format given is still written.
                          if (options.console.quiet && !options.format_given) {
                            return verdict.gate_failed ? ExitCode::GateTripped : ExitCode::Ok;
                          }
                          // With files written, the terminal still shows the verdict for the CI log.
                          const Writer* shown = plan.empty() || options.format_given ? find_writer(options.format)
                                                                                     : find_writer("table");
                          shown->write(report, shown->name == "table" ? out_style : TextStyle{}, out);
                          return verdict.gate_failed ? ExitCode::GateTripped : ExitCode::Ok;
                        });
}

ExitCode run_drift(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                   TextStyle err_style) {
  return scan_and_write(options, err, err_style,
                        [&](const Report& report, const std::vector<PlannedOutput>& plan, const Verdict& verdict) {
                          const ExitCode code = verdict.gate_failed ? ExitCode::GateTripped : ExitCode::Ok;
                          const bool to_stdout = std::any_of(plan.begin(), plan.end(),
                                                             [](const PlannedOutput& p) { return p.path == "-"; });
                          if (to_stdout || (options.console.quiet && !options.format_given)) return code;
                          if (options.format == "table") {
                            write_drift_summary(report, out_style, out);
                          } else {
                            find_writer(options.format)->write(report, TextStyle{}, out);
                          }
                          return code;
                        });
}

ExitCode run_graph(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style) {
  return scan_and_write(options, err, err_style,
                        [&](const Report& report, const std::vector<PlannedOutput>& plan, const Verdict&) {
                          if (plan.empty()) find_writer(options.format)->write(report, TextStyle{}, out);
                          return ExitCode::Ok;
                        });
}

}  // namespace sovaudit::cli
