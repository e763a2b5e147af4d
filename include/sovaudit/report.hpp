// The report writers: everything a run concluded, rendered as text for one audience each.
#pragma once

#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/analysis.hpp"
#include "sovaudit/changes.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/plan.hpp"
#include "sovaudit/simulation.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit {

/// Choices that change how a report is rendered, not what it says.
struct ReportOptions {
  std::string artifact_uri{};  ///< the inventory as a URI relative to the repository root (SARIF)
  Severity sarif_min_severity = Severity::Advisory;  ///< SARIF leaves out results below this
  std::string graph_focus{};  ///< graph writers: a provider or capability id to draw with its neighbourhood
  Classification graph_min_class = Classification::Acceptable;  ///< graph writers: providers at least this
  std::string repository_path{};  ///< the inventory relative to the repository root, unencoded (GitLab, JUnit)
  std::string sarif_category{};  ///< SARIF automationDetails.id (with a trailing '/'), so runs do not replace each other
  std::vector<std::string> run_warnings{};  ///< warnings of the run (SARIF invocations' notifications)
  /// Other files findings point into (--observed SBOMs) as named on the command line, and each one's
  /// URI relative to the repository root, index for index.
  std::vector<std::string> artifact_paths{};
  std::vector<std::string> artifact_uris{};
};

struct ChangesReport;
class ColumnIndex;
struct PlanReport;

/// The one result object every writer renders. All references must outlive the report.
struct Report {
  const Inventory& inventory;
  const Analysis& analysis;
  const Verdict& verdict;
  const PassRegistry& rules;
  std::string_view source_text;  ///< the inventory's text, to turn byte columns into characters
  ReportOptions options;
  const ChangesReport* changes = nullptr;  ///< since the previous review (scan --previous), or none
  const PlanReport* plan = nullptr;        ///< the plan for next quarter (scan --plan), or none
  const Simulation* simulation = nullptr;  ///< scan --simulate, or none
  /// The character columns of the findings' places (`index_columns`), or none: the writers that
  /// need columns then index `source_text` themselves.
  const ColumnIndex* columns = nullptr;
};

/// What `sovaudit diff` and the review's changes section render: the changes and both inventories.
struct ChangesReport {
  const Changes& changes;
  const Inventory& before;
  const Inventory& after;
  const PassRegistry& rules;
  Date as_of;
};

/// A registered output format.
struct Writer {
  std::string_view name;         ///< the --format value
  std::string_view description;  ///< one line for --help
  std::vector<std::string_view> extensions;  ///< file extensions that select it, without the dot
  bool graph = false;            ///< also offered by `sovaudit graph`
  /// Writes the report to `out` as it is rendered; large formats stream instead of building it whole.
  void (*write)(const Report& report, TextStyle style, std::ostream& out);
  bool character_columns = false;  ///< counts columns in characters: give it `Report::columns`
  /// Its rendering time relative to the others' (measured, docs/performance.md): reports written
  /// side by side start with the dearest, so the cores finish together.
  unsigned rendering_cost = 1;
};

/// The report `writer` renders, as one string (tests and small outputs).
std::string render(const Writer& writer, const Report& report, TextStyle style);

/// Every built-in writer, in the order --help lists them (src/report/writers.cpp, one line each).
const std::vector<Writer>& builtin_writers();
/// The writer named `name` or by one of its extensions (`md` is markdown), or nullptr.
const Writer* find_writer(std::string_view name);
/// The writer whose extensions include the one of `path` ("review.md" -> markdown), or nullptr.
const Writer* writer_for_path(std::string_view path);

/// One evidence value as messages print it ("6 months", "EUR 90,000", "DE, FR", "none").
std::string render_evidence_value(const Evidence& evidence, const Inventory& inventory);

/// The finding's message: its rule's template with {target} and evidence values filled in; shares
/// are printed with `thresholds` (see format_share).
std::string render_message(const Finding& finding, const RuleInfo& rule, const Inventory& inventory,
                           std::span<const double> thresholds = {});

/// "35%", "4.5%", "0%": a share as a percentage with one decimal, or with up to four when one
/// decimal would put it on the other side of one of `thresholds` ("24.996%" for a material
/// provider whose existential threshold is 25%).
std::string format_share(double share, std::span<const double> thresholds = {});
/// The policy's classification thresholds (value and budget shares), for format_share.
std::vector<double> share_thresholds(const EffectivePolicy& policy);
/// "EUR 576,000": whole units with thousands separators, prefixed by the currency when known;
/// exact for every finite amount.
std::string format_money(double amount, std::string_view currency);
/// A cost, or "unknown: set organization.engineer_week_cost".
std::string format_cost(const std::optional<double>& amount, std::string_view currency);
/// "1.2 months": at most one decimal; "< 0.1 months" for a positive figure that would round to 0.
std::string format_months(double months);
/// "10 weeks", "7.5 weeks"; "< 0.1 weeks" likewise.
std::string format_weeks(double weeks);
/// "12 engineer-weeks": effort, weeks x engineers.
std::string format_engineer_weeks(double effort);

/// Renders the terminal summary: gate verdict, counts, top risks and a provider table in 80 columns.
std::string render_terminal_summary(const Report& report, TextStyle style);
/// Renders the JSON report of DESIGN section 5 (schemas/report.schema.json).
std::string render_json(const Report& report, TextStyle style);
/// Streams the JSON report to `out`.
void write_json(const Report& report, TextStyle style, std::ostream& out);
/// Renders the quarterly review in GitHub-flavoured Markdown.
std::string render_markdown(const Report& report, TextStyle style);
/// Streams the quarterly review to `out`, section by section.
void write_markdown(const Report& report, TextStyle style, std::ostream& out);
/// GitHub Actions workflow commands: one annotation per finding on its inventory line (`::error`
/// existential, `::warning` material, `::notice` advisory and accepted), then a notice with the counts.
void write_github(const Report& report, TextStyle style, std::ostream& out);
/// GitLab Code Quality (the CodeClimate subset GitLab reads): one issue per finding with its
/// description, check_name, fingerprint, severity and location.path/lines.begin.
void write_gitlab_codequality(const Report& report, TextStyle style, std::ostream& out);
/// JUnit XML, one suite per inventory: each finding a test case that fails when it trips the gate,
/// passes (with its message) when open below the gate or in the baseline, and is skipped when accepted.
void write_junit(const Report& report, TextStyle style, std::ostream& out);
/// The bounded summary: verdict, largest risks, providers that matter and actions, each list
/// capped and each text clipped, under 64 KiB at any input size (for $GITHUB_STEP_SUMMARY).
void write_markdown_summary(const Report& report, TextStyle style, std::ostream& out);
/// `sovaudit drift` on a terminal: the SBOMs read, each shadow and unseen provider with where it was
/// seen, and the gate.
void write_drift_summary(const Report& report, TextStyle style, std::ostream& out);
/// CycloneDX 1.6 JSON: providers as services, models as machine-learning-model components,
/// capabilities as application components, upstream chains as nested services and dependencies,
/// the rest as `sovaudit:` properties (docs/interop.md). Deterministic for an inventory and --as-of.
void write_cyclonedx(const Report& report, TextStyle style, std::ostream& out);
/// The same bytes as write_cyclonedx; the document is held in memory only while it is at most
/// `keep_limit` bytes (write_cyclonedx keeps up to 4 MiB), and a larger one is rendered twice.
void write_cyclonedx_kept_up_to(const Report& report, std::ostream& out, std::size_t keep_limit);
/// Renders SARIF 2.1.0 for code-scanning tools.
std::string render_sarif(const Report& report, TextStyle style);
/// Streams SARIF 2.1.0 to `out`.
void write_sarif(const Report& report, TextStyle style, std::ostream& out);
/// Renders the dependency graph as a Mermaid flowchart (no Markdown fence).
std::string render_mermaid(const Report& report, TextStyle style);
/// Streams the Mermaid flowchart to `out`.
void write_mermaid(const Report& report, TextStyle style, std::ostream& out);
/// Renders the dependency graph in Graphviz DOT.
std::string render_dot(const Report& report, TextStyle style);
/// Streams the DOT graph to `out`.
void write_dot(const Report& report, TextStyle style, std::ostream& out);

/// The formats of `sovaudit diff`: terminal text, Markdown and JSON.
struct ChangesWriter {
  std::string_view name;
  std::string_view description;
  std::string (*render)(const ChangesReport& report, TextStyle style);
};
/// Every `diff` format (src/report/changes_writer.cpp).
const std::vector<ChangesWriter>& builtin_changes_writers();
/// The `diff` writer named `name`, or nullptr.
const ChangesWriter* find_changes_writer(std::string_view name);
/// The body of a Markdown changes report with headings at `level` (2 = "##"); used by `diff` and
/// by the review's "Changes since last review" section.
std::string render_changes_markdown_body(const ChangesReport& report, int level);

/// What `sovaudit plan` and the review's "Plan for next quarter" render.
struct PlanReport {
  const Plan& plan;
  const Inventory& inventory;  ///< the inventory as it is, before the plan
  const PassRegistry& rules;
  Date as_of;
  std::optional<std::size_t> max_steps;  ///< --max-steps, when given
};

/// The formats of `sovaudit plan`: terminal text, Markdown and JSON.
struct PlanWriter {
  std::string_view name;
  std::string_view description;
  std::string (*render)(const PlanReport& report, TextStyle style);
};
/// Every `plan` format (src/report/plan_writer.cpp).
const std::vector<PlanWriter>& builtin_plan_writers();
/// The `plan` writer named `name`, or nullptr.
const PlanWriter* find_plan_writer(std::string_view name);
/// The body of a Markdown plan with headings at `level`; used by `plan` and by the review's
/// "Plan for next quarter" section.
std::string render_plan_markdown_body(const PlanReport& report, int level);
/// One action in words, for people: "Add mistral as a tested fallback for triage/llm".
std::string describe_action(const PlanAction& action);

/// Inventory text made safe inside GitHub-flavoured Markdown: no markup, no HTML, one line.
std::string markdown_text(std::string_view text);

}  // namespace sovaudit
