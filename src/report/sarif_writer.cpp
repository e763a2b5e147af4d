// SARIF 2.1.0 for code scanning: every rule with its help, every result pointing at its line in
// the inventory, accepted risks as suppressions, fingerprints that survive line moves.
#include <algorithm>
#include <array>
#include <span>
#include <sstream>

#include "columns.hpp"
#include "json_out.hpp"

#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

constexpr const char* kInformationUri = "https://github.com/sovaudit/sovaudit";

/// GitHub code scanning refuses a run with more results than this.
constexpr std::size_t kMaxSarifResults = 25000;

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "error";
    case Severity::Material:
      return "warning";
    case Severity::Advisory:
      break;
  }
  return "note";
}

/// GitHub's code-scanning score (0.1 to 10; 9+ critical, 7+ high, 4+ medium, else low), given only
/// to rules about legal or data exposure, from the worst severity the rule reports.
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "9.0";
    case Severity::Material:
      return "6.0";
    case Severity::Advisory:
      break;
  }
  return "3.0";
}

std::vector<std::string> split_tags(std::string_view tags) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= tags.size()) {
    const std::size_t comma = tags.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? tags.size() : comma;
    if (end > start) out.emplace_back(tags.substr(start, end - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

constexpr std::string_view kDeclareHere = "declare the provider in the inventory";

/// A place in another file (an --observed SBOM): its artifact, line and column.
void physical_elsewhere(JsonOut& j, const Report& r, const RelatedLocation& place) {
  const auto& paths = r.options.artifact_paths;
  const auto it = std::find(paths.begin(), paths.end(), place.artifact);
  const std::size_t index = static_cast<std::size_t>(it - paths.begin());
  const std::string uri = it == paths.end() ? percent_encode_path(place.artifact) : r.options.artifact_uris[index];
  const SourceLoc where = place.loc.known() ? place.loc : SourceLoc{1, 1};
  j.key("physicalLocation").begin_object();
  j.key("artifactLocation").begin_object().field("uri", uri).field("uriBaseId", "%SRCROOT%");
  if (it != paths.end()) j.field("index", index + 1);
  j.end_object();
  j.key("region").begin_object().field("startLine", where.line).field("startColumn", where.column).end_object();
  j.end_object();
}

void physical(JsonOut& j, const Report& r, const Columns& columns, SourceLoc loc) {
  const SourceLoc where = loc.known() ? loc : SourceLoc{1, 1};
  j.key("physicalLocation").begin_object();
  j.key("artifactLocation").begin_object();
  j.field("uri", r.options.artifact_uri).field("uriBaseId", "%SRCROOT%").field("index", 0).end_object();
  j.key("region").begin_object();
  // The token the finding is about, so code scanning underlines it rather than one character.
  const PlaceColumns place = columns.place(where);
  j.field("startLine", where.line).field("startColumn", place.column);
  j.field("endLine", place.token_end.line).field("endColumn", place.token_end_column).end_object();
  j.end_object();
}

/// SARIF message text takes [text](id) as a link (3.11.6): literal brackets are escaped.
std::string escape_brackets(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

/// The docs/rules.md heading of a rule, as GitHub anchors it ("## SOV-DEPARTURE" -> sov-departure).
std::string rule_anchor(std::string_view id) {
  std::string anchor;
  for (char c : id) anchor += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return anchor;
}

void write_rule(JsonOut& j, const RuleInfo& rule) {
  const std::string help_text = std::string(rule.description) + "\n\nFix: " + std::string(rule.remediation);
  const std::string help_markdown = "**Meaning.** " + std::string(rule.description) + "\n\n**Severity.** " +
                                    std::string(rule.severities) + ".\n\n**Fix.** " + std::string(rule.remediation) +
                                    "\n\nRun `sovaudit explain " + std::string(rule.id) + "` for more.";
  j.begin_object().field("id", rule.id).field("name", rule.name);
  j.key("shortDescription").begin_object().field("text", rule.summary).end_object();
  j.key("fullDescription").begin_object().field("text", rule.description).end_object();
  j.key("help").begin_object().field("text", help_text).field("markdown", help_markdown).end_object();
  j.field("helpUri", std::string(kInformationUri) + "/blob/main/docs/rules.md#" + rule_anchor(rule.id));
  j.key("defaultConfiguration").begin_object().field("level", level_of(rule.default_severity)).end_object();
  std::vector<std::string> tags = split_tags(rule.tags);
  // A price shock or a missing drill is not a security alert; whose law reaches the data is.
  if (rule.legal_exposure) tags.insert(tags.begin(), "security");
  j.key("properties").begin_object().array_field("tags", tags);
  if (rule.legal_exposure) j.field("security-severity", security_severity(rule.default_severity));
  j.end_object();
  j.end_object();
}

void write_result(JsonOut& j, const Report& r, const Columns& columns, std::span<const RuleInfo* const> rules,
                  const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  const auto index = std::find(rules.begin(), rules.end(), rule) - rules.begin();
  j.begin_object().field("ruleId", f.rule).field("ruleIndex", index).field("level", level_of(f.severity));
  // GitHub shows the first sentence alone: the message is one sentence that names the target; the
  // related places follow as a second one, linked to relatedLocations so GitHub shows them.
  std::string text = escape_brackets(
      sarif_text(rule ? render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy)) : f.rule));
  // What was found in an SBOM is located there; the inventory's line is where to declare it.
  const bool found_elsewhere = rule && rule->target == TargetKind::Observed && !f.related.empty();
  if (!f.related.empty()) {
    text += ". Related: ";
    for (std::size_t i = 0; i < f.related.size(); ++i) {
      text += (i == 0 ? "" : ", ") + ("[" + escape_brackets(sarif_text(f.related[i].role + " " + f.related[i].id)) +
                                      "](" + std::to_string(i + 1) + ")");
    }
    if (found_elsewhere) text += ", [" + std::string(kDeclareHere) + "](" + std::to_string(f.related.size() + 1) + ")";
    text += ".";
  }
  j.key("message").begin_object().field("text", text).end_object();
  j.key("locations").begin_array().begin_object();
  if (found_elsewhere) {
    physical_elsewhere(j, r, f.related.front());
  } else {
    physical(j, r, columns, f.loc);
  }
  j.end_object().end_array();
  if (!f.related.empty()) {
    j.key("relatedLocations").begin_array();
    int id = 1;
    for (const RelatedLocation& rel : f.related) {
      j.begin_object().field("id", id++);
      if (rel.artifact.empty()) {
        physical(j, r, columns, rel.loc);
      } else {
        physical_elsewhere(j, r, rel);
      }
      j.key("message").begin_object().field("text", sarif_text(rel.role + " " + rel.id)).end_object();
      j.end_object();
    }
    if (found_elsewhere) {
      j.begin_object().field("id", id++);
      physical(j, r, columns, f.loc);
      j.key("message").begin_object().field("text", kDeclareHere).end_object();
      j.end_object();
    }
    j.end_array();
  }
  // GitHub matches alerts across runs by primaryLocationLineHash alone; derived from the stable
  // fingerprint (rule, target, discriminator) rather than the line, an alert survives edits above it.
  const std::string print = fingerprint(f);
  j.key("partialFingerprints").begin_object().field("primaryLocationLineHash", print + ":1");
  j.field("sovauditFinding/v1", print).end_object();
  if (f.baseline_state != BaselineState::None) j.field("baselineState", to_string(f.baseline_state));
  if (f.acceptance) {
    const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
    // The acceptance is written in the inventory itself: an in-source suppression (3.35.2).
    j.key("suppressions").begin_array().begin_object().field("kind", "inSource").field("status", "accepted");
    j.field("justification", a.justification.value + " (accepted by " + a.owner.value + " until " +
                                 to_string(a.expires.value) + ")");
    j.end_object().end_array();
  }
  j.key("properties").begin_object().field("severity", to_string(f.severity)).field("target", f.target).end_object();
  j.end_object();
}

/// A finding of the baseline that this run no longer finds (SARIF 2.1.0, 3.27.24): kind "pass" with
/// level "none", so a consumer that raises alerts only for failures closes it rather than opens one.
void write_absent_result(JsonOut& j, const Report& r, const Columns& columns, std::span<const RuleInfo* const> rules,
                         const std::string& print, const BaselineFinding& gone) {
  const RuleInfo* rule = r.rules.rule(gone.rule);
  j.begin_object().field("ruleId", gone.rule);
  if (rule) j.field("ruleIndex", std::find(rules.begin(), rules.end(), rule) - rules.begin());
  j.field("kind", "pass").field("level", "none");
  const std::string text = "no longer found (was " + std::string(to_string(gone.severity)) + ")" +
                           (gone.message.empty() ? std::string() : ": " + gone.message);
  j.key("message").begin_object().field("text", sarif_text(text)).end_object();
  j.key("locations").begin_array().begin_object();
  physical(j, r, columns, SourceLoc{1, 1});
  j.end_object().end_array();
  j.key("partialFingerprints").begin_object().field("primaryLocationLineHash", print + ":1");
  j.field("sovauditFinding/v1", print).end_object();
  j.field("baselineState", "absent");
  j.key("properties").begin_object().field("severity", to_string(gone.severity)).field("target", gone.target).end_object();
  j.end_object();
}

/// The results a run carries: findings at or above the floor, then the baseline's absent ones, at
/// most kMaxSarifResults. Over it, absent results go first (GitHub closes a missing alert anyway),
/// then advisory, then material findings; what is left out is counted for the run's notification.
struct SarifSelection {
  std::vector<const Finding*> findings;
  std::vector<const std::pair<std::string, BaselineFinding>*> absent;
  std::size_t dropped_absent = 0;
  std::array<std::size_t, 3> dropped{};  ///< per Severity
};

SarifSelection select_sarif_results(const Verdict& verdict, Severity floor) {
  SarifSelection s;
  std::array<std::size_t, 3> per_severity{};
  for (const Finding& f : verdict.findings) {
    if (f.severity >= floor) ++per_severity[static_cast<std::size_t>(f.severity)];
  }
  // Keep the most severe first: the lowest severity that still fits whole sets the cut.
  std::size_t room = kMaxSarifResults;
  std::array<std::size_t, 3> keep{};
  for (int level = 2; level >= 0; --level) {
    const auto i = static_cast<std::size_t>(level);
    keep[i] = std::min(per_severity[i], room);
    room -= keep[i];
    s.dropped[i] = per_severity[i] - keep[i];
  }
  std::array<std::size_t, 3> taken{};
  for (const Finding& f : verdict.findings) {
    const auto i = static_cast<std::size_t>(f.severity);
    if (f.severity >= floor && taken[i] < keep[i]) {
      ++taken[i];
      s.findings.push_back(&f);
    }
  }
  for (const auto& entry : verdict.absent) {
    if (entry.second.severity < floor) continue;
    if (room > 0) {
      s.absent.push_back(&entry);
      --room;
    } else {
      ++s.dropped_absent;
    }
  }
  return s;
}

/// The run's invocation: it succeeded, and its notifications carry what a person would otherwise
/// only see on stderr — the run's warnings, the inventory's warnings, and results left out.
void write_invocation(JsonOut& j, const Report& r, const Columns& columns, const SarifSelection& chosen) {
  j.key("invocations").begin_array().begin_object().field("executionSuccessful", true);
  j.key("toolExecutionNotifications").begin_array();
  auto notification = [&](std::string_view level, const std::string& text, SourceLoc loc) {
    j.begin_object().field("level", level);
    j.key("message").begin_object().field("text", sarif_text(text)).end_object();
    if (loc.known()) {
      j.key("locations").begin_array().begin_object();
      physical(j, r, columns, loc);
      j.end_object().end_array();
    }
    j.end_object();
  };
  for (const std::string& warning : r.options.run_warnings) notification("warning", warning, {});
  for (const Diagnostic& d : r.verdict.warnings.sorted()) {
    notification(d.severity == DiagSeverity::Note ? "note" : "warning", d.message, d.loc);
  }
  const std::size_t left_out = chosen.dropped[0] + chosen.dropped[1] + chosen.dropped[2] + chosen.dropped_absent;
  if (left_out > 0) {
    std::string parts;
    auto part = [&](std::size_t n, std::string_view what) {
      if (n > 0) parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(what);
    };
    part(chosen.dropped[1], "material");
    part(chosen.dropped[0], "advisory");
    part(chosen.dropped_absent, "absent (baseline)");
    notification("warning",
                 std::to_string(left_out) + " results left out (" + parts + "): GitHub code scanning accepts at most " +
                     std::to_string(kMaxSarifResults) +
                     " per run, so the lowest severities go first; the JSON report lists every finding",
                 {});
  }
  j.end_array().end_object().end_array();
}

}  // namespace

void write_sarif(const Report& r, TextStyle, std::ostream& out) {
  const Columns columns(r.source_text, r.columns);
  const auto rules = r.rules.rules();
  const SarifSelection chosen = select_sarif_results(r.verdict, r.options.sarif_min_severity);
  JsonOut j(out);
  j.begin_object().field("$schema", "https://json.schemastore.org/sarif-2.1.0.json").field("version", "2.1.0");
  j.key("runs").begin_array().begin_object();
  j.key("tool").begin_object().key("driver").begin_object();
  j.field("name", "sovaudit").field("version", kVersion).field("semanticVersion", kVersion);
  j.field("informationUri", kInformationUri);
  j.key("rules").begin_array();
  for (const RuleInfo* rule : rules) write_rule(j, *rule);
  j.end_array().end_object().end_object();
  if (!r.options.sarif_category.empty()) {
    // GitHub takes what precedes the last '/' as the category; a trailing '/' makes it all of it.
    const std::string id = r.options.sarif_category.ends_with('/') ? r.options.sarif_category
                                                                   : r.options.sarif_category + "/";
    j.key("automationDetails").begin_object().field("id", id).end_object();
  }
  write_invocation(j, r, columns, chosen);
  if (r.simulation) {
    // The sample count and seed reproduce the run's probabilities; SARIF has no field for them.
    j.key("properties").begin_object().key("simulation").begin_object();
    j.field("samples", r.simulation->samples).field("seed", r.simulation->seed);
    j.field("gate_tripped", probability_gate_trips(*r.simulation)).end_object().end_object();
  }
  j.key("artifacts").begin_array().begin_object();
  j.key("location").begin_object().field("uri", r.options.artifact_uri).field("uriBaseId", "%SRCROOT%").end_object();
  j.field("mimeType", "application/yaml").end_object();
  for (const std::string& uri : r.options.artifact_uris) {
    j.begin_object().key("location").begin_object().field("uri", uri).field("uriBaseId", "%SRCROOT%").end_object();
    j.field("mimeType", "application/vnd.cyclonedx+json").end_object();
  }
  j.end_array();
  j.field("columnKind", "unicodeCodePoints");
  j.key("results").begin_array();
  for (const Finding* f : chosen.findings) write_result(j, r, columns, rules, *f);
  for (const auto* gone : chosen.absent) write_absent_result(j, r, columns, rules, gone->first, gone->second);
  j.end_array();
  j.end_object().end_array().end_object();
  j.flush();
  out << '\n';
}

std::string render_sarif(const Report& r, TextStyle style) {
  std::ostringstream out;
  write_sarif(r, style, out);
  return std::move(out).str();
}

}  // namespace sovaudit
