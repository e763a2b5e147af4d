// `sovaudit drift` on a terminal: what the SBOMs show that the inventory does not say, and the reverse.
#include <fmt/format.h>

#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

std::string painted(bool on, std::string_view text, std::string_view code) {
  return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
}

std::string_view color_of(Severity s) {
  return s == Severity::Existential ? "1;31" : s == Severity::Material ? "1;33" : "1;36";
}

}  // namespace

void write_drift_summary(const Report& r, TextStyle style, std::ostream& out) {
  const Verdict& v = r.verdict;
  std::string text = fmt::format("sovaudit {} drift: {}, as of {}\n", kVersion,
                                 terminal_safe(r.inventory.organization.name.value), to_string(r.analysis.as_of));
  if (r.analysis.drift) {
    const DriftResult& d = *r.analysis.drift;
    const Observations& o = *d.observations;
    text += fmt::format("Read {} SBOM{} ({}): {} package{} and endpoint{}, {} recognised as AI usage\n", o.files.size(),
                        o.files.size() == 1 ? "" : "s", o.complete ? "declared complete" : "not declared complete",
                        o.items.size(), o.items.size() == 1 ? "" : "s", o.items.size() == 1 ? "" : "s",
                        d.recognitions.size());
    for (const SbomFile& f : o.files) {
      text += fmt::format("  {} (CycloneDX {}{})\n", terminal_safe(f.path), f.spec_version, f.complete ? ", complete" : "");
    }
  }
  if (v.fail_on == FailOn::None) {
    text += painted(style.color, "GATE OFF", "1;33") + " (--fail-on none)\n";
  } else {
    text += fmt::format("{} at --fail-on {}\n",
                        v.gate_failed ? painted(style.color, "GATE FAILED", "1;31") : painted(style.color, "GATE PASSED", "1;32"),
                        to_string(v.fail_on));
  }
  text += "\n";
  if (v.findings.empty()) {
    text += "No drift: every AI SDK and endpoint the SBOMs show stands for a declared provider";
    text += r.analysis.drift && r.analysis.drift->observations->complete
                ? ", and every primary provider appears in them.\n"
                : ".\n(Without --observed-complete, primary providers missing from the SBOMs are not reported.)\n";
  }
  const std::vector<double> thresholds = share_thresholds(r.analysis.policy);
  for (const Finding& f : v.findings) {
    const RuleInfo* rule = r.rules.rule(f.rule);
    if (!rule) continue;
    const std::string label = f.accepted ? "accepted" : std::string(to_string(f.severity));
    text += fmt::format("{} {}: {}\n", painted(style.color, label, f.accepted ? "2" : color_of(f.severity)), f.rule,
                        terminal_safe(render_message(f, *rule, r.inventory, thresholds)));
    for (const RelatedLocation& rel : f.related) {
      if (rel.artifact.empty()) continue;
      text += fmt::format("    seen at {}:{}:{} ({})\n", terminal_safe(rel.artifact), rel.loc.line, rel.loc.column,
                          terminal_safe(rel.id));
    }
    if (const Evidence* manifests = find_evidence(f, "manifests")) {
      text += "    from " + terminal_safe(render_evidence_value(*manifests, r.inventory)) + "\n";
    }
    if (const Evidence* ambiguity = find_evidence(f, "ambiguity")) {
      for (const std::string_view note : ambiguity->items) text += "    cannot tell apart: " + std::string(note) + "\n";
    }
    text += fmt::format("    inventory: {}:{}:{}\n", terminal_safe(r.inventory.path), f.loc.line, f.loc.column);
  }
  if (!v.findings.empty()) text += "\nRun 'sovaudit explain RULE' for what each rule means and how to fix it.\n";
  out << text;
}

}  // namespace sovaudit
