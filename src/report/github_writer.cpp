// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`): findings and diagnostics
// become annotations on the inventory's lines in a pull request.
#include <fmt/format.h>

#include "columns.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

/// A command's message: '%', CR and LF are escaped, as the runner decodes them.
std::string escape_data(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

/// A property value: as data, and ':' and ',' too, which would end the property.
std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}


/// One workflow command. Text from the inventory passes terminal_safe first: a log line must not
/// carry escape sequences or a second command.
std::string command(std::string_view kind, std::string_view file, const Columns& columns, SourceLoc loc,
                    std::string_view title, std::string_view message) {
  std::string out = "::" + std::string(kind) + " file=" + escape_property(terminal_safe(file));
  if (loc.known()) out += fmt::format(",line={},col={}", loc.line, columns.character_column(loc));
  if (!title.empty()) out += ",title=" + escape_property(terminal_safe(title));
  out += "::" + escape_data(terminal_safe(message)) + "\n";
  return out;
}

std::string_view kind_of(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "error";
    case Severity::Material:
      return "warning";
    case Severity::Advisory:
      break;
  }
  return "notice";
}

}  // namespace

void write_github(const Report& r, TextStyle, std::ostream& out) {
  const std::string& file = r.inventory.path;
  const Columns columns(r.source_text, r.columns);
  for (const Finding& f : r.verdict.findings) {
    // An accepted risk is a decision, not a problem in this change: a notice says it holds.
    const RuleInfo* rule = r.rules.rule(f.rule);
    std::string message = rule ? render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy)) : std::string(f.rule);
    std::string_view kind = kind_of(f.severity);
    if (f.accepted && f.acceptance) {
      const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
      message = fmt::format("accepted by {} until {}: {}", a.owner.value, to_string(a.expires.value), message);
      kind = "notice";
    } else if (escalated(f)) {
      // A baselined finding that rose counts for the gate again; the annotation says why.
      message = fmt::format("{} in the baseline, {} now: {}", to_string(f.baseline_severity), to_string(f.severity),
                            message);
    }
    out << command(kind, file, columns, f.loc, fmt::format("{} {} ({})", f.rule, f.target, to_string(f.severity)), message);
  }
  const Verdict& v = r.verdict;
  out << command("notice", file, columns, SourceLoc{},
                 "sovaudit",
                 fmt::format("{} existential, {} material, {} advisory open findings; {} accepted; gate {} at "
                             "--fail-on {}{}",
                             v.counts.existential, v.counts.material, v.counts.advisory, v.counts.accepted,
                             v.fail_on == FailOn::None ? "off" : v.gate_failed ? "failed" : "passed",
                             to_string(v.fail_on),
                             r.simulation ? fmt::format("; simulated with {} samples, seed {}", r.simulation->samples,
                                                        r.simulation->seed)
                                          : std::string()));
}

std::string render_diagnostics_github(std::string_view path, std::string_view source,
                                      const std::vector<Diagnostic>& diags) {
  std::string out;
  const Columns columns(source);
  for (const Diagnostic& d : diags) {
    const std::string_view kind = d.severity == DiagSeverity::Error     ? "error"
                                  : d.severity == DiagSeverity::Warning ? "warning"
                                                                        : "notice";
    out += command(kind, path, columns, d.loc, "sovaudit", d.message);
  }
  return out;
}

}  // namespace sovaudit
