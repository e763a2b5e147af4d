// SARIF 2.1.0 for code scanning: every rule with its help, every result pointing at its line in
// the inventory, accepted risks as suppressions, fingerprints that survive line moves.
#include <algorithm>
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

// GitHub orders code-scanning alerts by this score (0.1 to 10).
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

void physical(JsonOut& j, const Report& r, const Columns& columns, SourceLoc loc) {
  const SourceLoc where = loc.known() ? loc : SourceLoc{1, 1};
  j.key("physicalLocation").begin_object();
  j.key("artifactLocation").begin_object();
  j.field("uri", r.options.artifact_uri).field("uriBaseId", "%SRCROOT%").field("index", 0).end_object();
  j.key("region").begin_object();
  j.field("startLine", where.line).field("startColumn", columns.character_column(where)).end_object();
  j.end_object();
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
  j.field("helpUri", std::string(kInformationUri) + "/blob/main/docs/rules.md");
  j.key("defaultConfiguration").begin_object().field("level", level_of(rule.default_severity)).end_object();
  j.key("properties").begin_object().array_field("tags", split_tags(rule.tags));
  j.field("security-severity", security_severity(rule.default_severity)).end_object();
  j.end_object();
}

void write_result(JsonOut& j, const Report& r, const Columns& columns, std::span<const RuleInfo* const> rules,
                  const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  const auto index = std::find(rules.begin(), rules.end(), rule) - rules.begin();
  j.begin_object().field("ruleId", f.rule).field("ruleIndex", index).field("level", level_of(f.severity));
  j.key("message")
      .begin_object()
      .field("text", sarif_text(rule ? render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy)) : f.rule))
      .end_object();
  j.key("locations").begin_array().begin_object();
  physical(j, r, columns, f.loc);
  j.end_object().end_array();
  if (!f.related.empty()) {
    j.key("relatedLocations").begin_array();
    int id = 1;
    for (const RelatedLocation& rel : f.related) {
      j.begin_object().field("id", id++);
      physical(j, r, columns, rel.loc);
      j.key("message").begin_object().field("text", sarif_text(rel.role + " " + rel.id)).end_object();
      j.end_object();
    }
    j.end_array();
  }
  j.key("partialFingerprints").begin_object().field("sovauditFinding/v1", fingerprint(f)).end_object();
  if (f.baseline_state != BaselineState::None) j.field("baselineState", to_string(f.baseline_state));
  if (f.acceptance) {
    const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
    j.key("suppressions").begin_array().begin_object().field("kind", "external").field("status", "accepted");
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
  j.key("partialFingerprints").begin_object().field("sovauditFinding/v1", print).end_object();
  j.field("baselineState", "absent");
  j.key("properties").begin_object().field("severity", to_string(gone.severity)).field("target", gone.target).end_object();
  j.end_object();
}

}  // namespace

void write_sarif(const Report& r, TextStyle, std::ostream& out) {
  const Columns columns(r.source_text);
  const auto rules = r.rules.rules();
  JsonOut j(out);
  j.begin_object().field("$schema", "https://json.schemastore.org/sarif-2.1.0.json").field("version", "2.1.0");
  j.key("runs").begin_array().begin_object();
  j.key("tool").begin_object().key("driver").begin_object();
  j.field("name", "sovaudit").field("version", kVersion).field("semanticVersion", kVersion);
  j.field("informationUri", kInformationUri);
  j.key("rules").begin_array();
  for (const RuleInfo* rule : rules) write_rule(j, *rule);
  j.end_array().end_object().end_object();
  j.key("artifacts").begin_array().begin_object();
  j.key("location").begin_object().field("uri", r.options.artifact_uri).field("uriBaseId", "%SRCROOT%").end_object();
  j.field("mimeType", "application/yaml").end_object().end_array();
  j.field("columnKind", "unicodeCodePoints");
  j.key("results").begin_array();
  for (const Finding& f : r.verdict.findings) {
    if (f.severity >= r.options.sarif_min_severity) write_result(j, r, columns, rules, f);
  }
  for (const auto& [print, gone] : r.verdict.absent) {
    if (gone.severity >= r.options.sarif_min_severity) write_absent_result(j, r, columns, rules, print, gone);
  }
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
