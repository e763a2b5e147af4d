// Internal to the CLI: the commands, each a list of stages over already-parsed options.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "load_stage.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/exit_code.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/analysis.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit::cli {

/// Options of `sovaudit validate`.
struct ValidateOptions {
  std::vector<std::string> files;
  LoadLimits limits;
  Date as_of;  ///< the day the findings that acceptances must match are computed for
  std::string format = "text";  ///< text (diagnostics on stderr only), or also on stdout json, sarif or github
  Console console;
};

/// The planner's limits, shared by `sovaudit plan` and `scan --plan`.
struct PlanChoices {
  bool wanted = false;                   ///< scan --plan: add "Plan for next quarter"
  std::optional<double> budget_weeks;    ///< --budget-weeks
  std::string until = "all";             ///< --until: all, existential or material
  std::optional<std::size_t> max_steps;  ///< --max-steps
};

/// Options of `sovaudit scan`.
struct ScanOptions {
  std::string file;
  std::string format = "table";
  bool format_given = false;         ///< --format was on the command line
  std::vector<std::string> outputs;  ///< --output values: PATH or FORMAT:PATH
  std::string sarif_base;            ///< directory SARIF URIs are relative to (default: working directory)
  std::string sarif_category;        ///< SARIF runs[].automationDetails.id, when given
  Severity min_severity = Severity::Advisory;  ///< SARIF leaves out results below this
  std::string focus;                           ///< graph --focus: a provider or capability id
  Classification min_class = Classification::Acceptable;  ///< graph --min-class
  FailOn fail_on = FailOn::Existential;
  Date as_of;
  std::optional<double> price_multiplier;
  std::optional<double> notice_months;
  LoadLimits limits;
  std::string previous;  ///< --previous: last review's inventory, for "Changes since last review"
  std::string baseline;  ///< --baseline: a JSON report (or SARIF) whose findings the gate ignores
  int expiring_within_days = 30;  ///< --expiring-within
  std::vector<std::string> observed;  ///< --observed: CycloneDX SBOMs of the application, for drift findings
  bool observed_complete = false;     ///< --observed-complete: the SBOMs cover all the application's code
  std::string lifecycle;              ///< --lifecycle: retirement dates shared across inventories
  bool drift_only = false;            ///< `sovaudit drift`: report the drift rules' findings alone
  PlanChoices plan;                   ///< scan --plan and its limits
  std::optional<std::size_t> simulate;          ///< --simulate N: sample the estimates N times
  std::uint64_t seed = 1;                       ///< --seed
  std::optional<double> fail_on_probability;    ///< --fail-on-probability P (implies --simulate 10000)
  Console console;
};

/// Options of `sovaudit diff`.
struct DiffOptions {
  std::string old_file;
  std::string new_file;
  std::string format = "table";
  bool format_given = false;  ///< --format was given (or set by the environment or config file)
  bool fail_on_regression = false;
  Date as_of;
  std::optional<double> price_multiplier;
  std::optional<double> notice_months;
  LoadLimits limits;
  std::string lifecycle;  ///< --lifecycle: retirement dates shared across inventories, both sides
  Console console;
};

/// Options of `sovaudit what-if`: the comparison's settings (old_file is the inventory; new_file
/// unused) and the changes, applied as --add-provider, then --set, then --add-fallback, then
/// --remove, then --switch-off.
struct WhatIfOptions {
  DiffOptions compare;
  std::vector<std::string> add_provider;  ///< --add-provider ID:KIND:HQ
  std::vector<std::string> set;           ///< --set PATH=VALUE
  std::vector<std::string> add_fallback;  ///< --add-fallback CAPABILITY:SLOT:PROVIDER[@TESTED]
  std::vector<std::string> remove;        ///< --remove PROVIDER
  std::vector<std::string> switch_off;    ///< --switch-off JURISDICTION
};

/// Options of `sovaudit plan`: the comparison's settings (old_file is the inventory) and the limits.
struct PlanCommandOptions {
  DiffOptions compare;
  PlanChoices choices;
};

/// `sovaudit plan INVENTORY`: an ordered, costed plan whose every step is proved by re-running the
/// analysis. Exit 0, or 2 on an input or usage error; a plan never trips a gate.
ExitCode run_plan(const PlanCommandOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style);

/// `sovaudit what-if INVENTORY [changes]`: the inventory against itself with the changes applied,
/// rendered like `diff`; nothing is written to the inventory. Exit 2 when a change is refused or
/// leaves an invalid inventory, 1 with --fail-on-regression when something got worse.
ExitCode run_what_if(const WhatIfOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                     TextStyle err_style);

/// `sovaudit diff OLD NEW`: what changed between two inventories. Exit 1 with --fail-on-regression
/// when something got worse, 2 on invalid input, 3 on internal failure.
ExitCode run_diff(const DiffOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style);

/// `sovaudit init [FILE]`: writes an annotated starter inventory dated `today`; refuses to replace
/// an existing file unless `force`. Exit 0, or 2 when the file exists or cannot be written.
ExitCode run_init(const std::string& path, bool force, const Date& today, bool quiet, std::ostream& out,
                  std::ostream& err);

/// `sovaudit scan FILE`: analyse and report. Exit 0 when nothing open reaches --fail-on, 1 when
/// something does, 2 on invalid input, 3 on internal failure.
ExitCode run_scan(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                  TextStyle err_style);

/// `sovaudit drift FILE --observed SBOM...`: the inventory against what the SBOMs show; only the drift
/// rules report, and the gate applies to them. Exit codes as `scan`.
ExitCode run_drift(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle out_style,
                   TextStyle err_style);

/// Options of `sovaudit import cyclonedx`.
struct ImportOptions {
  std::string kind;     ///< the input format: cyclonedx
  std::string file;     ///< the BOM; - reads standard input
  std::string output;   ///< where the inventory goes; - (the default) is standard output
  bool force = false;   ///< replace an existing output file
  Date as_of;           ///< the date written into the starter inventory
  LoadLimits limits;
  Console console;
};

/// `sovaudit import cyclonedx BOM.json`: a starter inventory from a services BOM. Exit 0, or 2 when
/// the BOM is invalid or the output exists (without --force).
ExitCode run_import(const ImportOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style);

/// `sovaudit catalogue`: the SDK packages and endpoint hosts drift recognises, as text or Markdown.
ExitCode run_catalogue(std::ostream& out, bool markdown);

/// `sovaudit graph FILE`: the dependency graph as Mermaid or DOT (options.format); never gates.
ExitCode run_graph(const ScanOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style);

/// `sovaudit explain RULE`: a rule's meaning, severity and fix; unknown rules get a suggestion.
ExitCode run_explain(const std::string& rule_id, std::ostream& out, std::ostream& err);

/// `sovaudit rules`: every rule id with its one-line summary, or (markdown) docs/rules.md.
ExitCode run_rules(std::ostream& out, bool markdown);

/// `sovaudit validate FILE...`: load and check each file; diagnostics to `err`, a verdict per
/// valid file to `out`. Exit 0 when every file is valid, 2 when any is not, 3 on internal failure.
ExitCode run_validate(const ValidateOptions& options, std::ostream& out, std::ostream& err, TextStyle err_style);

}  // namespace sovaudit::cli
