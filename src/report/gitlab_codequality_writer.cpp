// GitLab Code Quality: the CodeClimate JSON subset GitLab reads, one issue per finding, so merge
// requests show the findings a change adds or resolves.
#include "json_out.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

/// GitLab's severities are info, minor, major, critical and blocker; an accepted risk is a decision
/// already taken, so it is info whatever its severity.
std::string_view gitlab_severity(const Finding& f) {
  if (f.accepted) return "info";
  switch (f.severity) {
    case Severity::Existential:
      return "critical";
    case Severity::Material:
      return "major";
    case Severity::Advisory:
      break;
  }
  return "minor";
}

}  // namespace

void write_gitlab_codequality(const Report& r, TextStyle, std::ostream& out) {
  const std::string& path = r.options.repository_path.empty() ? r.inventory.path : r.options.repository_path;
  const auto thresholds = share_thresholds(r.analysis.policy);
  JsonOut j(out);
  j.begin_array();
  for (const Finding& f : r.verdict.findings) {
    const RuleInfo* rule = r.rules.rule(f.rule);
    std::string description = rule ? render_message(f, *rule, r.inventory, thresholds) : std::string(f.rule);
    if (f.accepted && f.acceptance) {
      const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
      description = "accepted by " + a.owner.value + " until " + to_string(a.expires.value) + ": " + description;
    }
    j.begin_object().field("type", "issue").field("check_name", f.rule);
    j.field("description", terminal_safe(description));
    if (rule) {
      j.key("content").begin_object().field("body", std::string(rule->remediation)).end_object();
      j.key("categories").begin_array().value(rule->legal_exposure ? "Security" : "Bug Risk").end_array();
    }
    // The stable fingerprint (rule, target, discriminator): GitLab compares base and head by it, so a
    // finding that only moved lines is neither new nor resolved.
    j.field("fingerprint", fingerprint(f)).field("severity", gitlab_severity(f));
    j.key("location").begin_object().field("path", path);
    j.key("lines").begin_object().field("begin", f.loc.known() ? f.loc.line : 1u).end_object();
    j.end_object().end_object();
  }
  j.end_array();
  j.flush();
  out << '\n';
}

}  // namespace sovaudit
