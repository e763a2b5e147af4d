// JUnit XML for CI test views (GitLab, Jenkins): one suite per inventory, a test case per finding
// that fails exactly when the finding trips the gate.
#include <fmt/format.h>

#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

/// Text for an attribute or element: terminal-safe first (XML 1.0 forbids most control
/// characters), then the five XML entities.
std::string xml(std::string_view text) {
  std::string safe = terminal_safe(text);
  // U+FFFE and U+FFFF are not XML characters either; they stay visible, as terminal_safe writes bytes.
  for (const std::string_view bad : {std::string_view("\xEF\xBF\xBE"), std::string_view("\xEF\xBF\xBF")}) {
    for (std::size_t at = safe.find(bad); at != std::string::npos; at = safe.find(bad, at)) {
      safe.replace(at, bad.size(), bad.back() == '\xBE' ? "\\uFFFE" : "\\uFFFF");
    }
  }
  std::string out;
  for (const char c : safe) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// The test's name: what the finding is about, stable while its severity or figures change, so a
/// CI's test history follows one finding across runs.
std::string case_name(const Finding& f) {
  return f.discriminator.empty() ? f.target.str() : f.target + " [" + f.discriminator + "]";
}

}  // namespace

void write_junit(const Report& r, TextStyle, std::ostream& out) {
  const Verdict& v = r.verdict;
  const std::string& path = r.options.repository_path.empty() ? r.inventory.path : r.options.repository_path;
  const auto thresholds = share_thresholds(r.analysis.policy);
  std::size_t failures = 0, skipped = 0;
  for (const Finding& f : v.findings) {
    failures += trips_gate(f, v.fail_on) ? 1 : 0;
    skipped += f.accepted ? 1 : 0;
  }
  const std::string gate = v.fail_on == FailOn::None ? "off" : v.gate_failed ? "failed" : "passed";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"sovaudit\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n",
                     v.findings.size(), failures);
  out << fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\" "
      "timestamp=\"{}T00:00:00\">\n",
      xml("sovaudit " + path), v.findings.size(), failures, skipped, to_string(r.analysis.as_of));
  out << "    <properties>\n";
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"organization", r.inventory.organization.name.value},
                                    {"inventory", path},
                                    {"fail_on", std::string(to_string(v.fail_on))},
                                    {"gate", gate}}) {
    out << fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml(value));
  }
  if (r.simulation) {
    out << fmt::format("      <property name=\"simulation\" value=\"{} samples, seed {}\"/>\n", r.simulation->samples,
                       r.simulation->seed);
  }
  out << "    </properties>\n";
  for (const Finding& f : v.findings) {
    const RuleInfo* rule = r.rules.rule(f.rule);
    const std::string message = rule ? render_message(f, *rule, r.inventory, thresholds) : std::string(f.rule);
    const std::string where = f.loc.known() ? fmt::format("{}:{}:{}", path, f.loc.line, f.loc.column) : path;
    out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n", xml(f.rule), xml(case_name(f)));
    if (f.accepted && f.acceptance) {
      const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
      out << fmt::format("      <skipped>{}</skipped>\n",
                         xml(fmt::format("{} finding accepted by {} until {}: {}", to_string(f.severity),
                                         a.owner.value, to_string(a.expires.value), a.justification.value)));
    } else if (trips_gate(f, v.fail_on)) {
      const std::string fix = rule ? "\n" + xml("Fix: " + std::string(rule->remediation)) : "";
      out << fmt::format("      <failure message=\"{}\" type=\"{}\">{}{}</failure>\n", xml(message),
                         to_string(f.severity), xml(where + ": " + message), fix);
    } else {
      // Open but not blocking: below the gate, or known from the baseline at this severity.
      const std::string why = f.baselined                 ? std::string("in the baseline")
                              : v.fail_on == FailOn::None ? std::string("the gate is off")
                                                          : fmt::format("below --fail-on {}", to_string(v.fail_on));
      out << fmt::format("      <system-out>{}</system-out>\n",
                         xml(fmt::format("{}: {} ({}, {})", where, message, to_string(f.severity), why)));
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace sovaudit
