// The bounded summary for a CI job page ($GITHUB_STEP_SUMMARY): the verdict, the largest risks, the
// providers that matter and the actions, under 64 KiB whatever the size of the inventory.
#include <sstream>

#include "markdown_support.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

using namespace md;

// Each list is capped and each text clipped, so the whole stays far below the budget; the budget
// check at the end is the guarantee.
constexpr std::size_t kRisks = 15;
constexpr std::size_t kProviders = 10;
constexpr std::size_t kActionsPerSeverity = 8;
constexpr std::size_t kTargetsPerAction = 5;
constexpr std::size_t kTextBytes = 300;  ///< of any inventory text or message, before escaping
constexpr std::size_t kBudget = 60 * 1024;  ///< below GitHub's 1 MiB and the documented 64 KiB

std::string clipped(std::string_view text) { return markdown_text(clip_utf8(text, kTextBytes)); }

std::string clipped_message(const Report& r, const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  return rule ? clipped(render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy))) : std::string();
}

void largest_risks(Out& out, const Report& r) {
  std::vector<Row> rows;
  std::size_t open = 0;
  for (const Finding& f : r.verdict.findings) {
    if (f.accepted || f.severity == Severity::Advisory) continue;
    ++open;
    if (rows.size() < kRisks) {
      rows.push_back({std::string(to_string(f.severity)), std::string(f.rule), code(clip_utf8(f.target, kTextBytes)), clipped_message(r, f)});
    }
  }
  out += "## Largest risks\n\n";
  if (rows.empty()) {
    out += "No open existential or material finding.\n\n";
    return;
  }
  table(out, {"Severity", "Rule", "Target", "Finding"}, rows);
  if (open > rows.size()) {
    out += fmt::format("And {} more existential or material finding{}: the full review lists every one.\n\n",
                       open - rows.size(), open - rows.size() == 1 ? "" : "s");
  }
}

void providers_that_matter(Out& out, const Report& r) {
  std::vector<const ProviderResult*> ranked;
  for (const ProviderResult& p : r.analysis.providers) {
    if (p.classification != Classification::Acceptable) ranked.push_back(&p);
  }
  // Worse class, then larger critical share, then id: the same order whatever the file order.
  std::sort(ranked.begin(), ranked.end(), [&](const ProviderResult* a, const ProviderResult* b) {
    if (a->classification != b->classification) return a->classification > b->classification;
    if (a->critical_share != b->critical_share) return a->critical_share > b->critical_share;
    return r.inventory.providers[a->provider].id.value < r.inventory.providers[b->provider].id.value;
  });
  if (ranked.empty()) return;
  out += "## Providers that matter\n\n";
  std::vector<Row> rows;
  for (std::size_t i = 0; i < ranked.size() && i < kProviders; ++i) {
    const ProviderResult& p = *ranked[i];
    rows.push_back({code(clip_utf8(r.inventory.providers[p.provider].id.value, kTextBytes)),
                    std::string(to_string(p.classification)), share(r, p.critical_share),
                    share(r, p.departure.value_at_risk.likely), money(r, p.price_shock.added_annual_cost)});
  }
  table(out, {"Provider", "Class", "Critical share", "Value at risk (departure)", "Added / year (price shock)"}, rows);
  if (ranked.size() > rows.size()) {
    out += fmt::format("And {} more material or existential provider{}.\n\n", ranked.size() - rows.size(),
                       ranked.size() - rows.size() == 1 ? "" : "s");
  }
}

void top_actions(Out& out, const Report& r) {
  const auto by_severity = actions_by_severity(r.verdict);
  bool any = false;
  for (const Severity severity : {Severity::Existential, Severity::Material}) {
    const auto& actions = by_severity[static_cast<std::size_t>(severity)];
    if (actions.empty()) continue;
    if (!any) out += "## Actions\n\n";
    any = true;
    out += fmt::format("### {}\n\n", severity_title(severity));
    for (std::size_t n = 0; n < actions.size() && n < kActionsPerSeverity; ++n) {
      const Action& action = actions[n];
      // Only the targets shown are clipped; the count of the rest stays exact.
      std::vector<std::string> targets;
      for (std::size_t t = 0; t < action.targets.size(); ++t) {
        targets.push_back(t < kTargetsPerAction ? clip_utf8(action.targets[t], kTextBytes) : std::string());
      }
      const RuleInfo* rule = r.rules.rule(action.rule);
      out += fmt::format("{}. **{}**, {}: {}\n", n + 1, action.rule, capped_codes(targets, kTargetsPerAction),
                         rule ? std::string(rule->remediation) : std::string());
    }
    if (actions.size() > kActionsPerSeverity) {
      const std::size_t more = actions.size() - kActionsPerSeverity;
      out += fmt::format("\nAnd {} more rule{} with {} findings: the full review lists every action.\n", more,
                         more == 1 ? "" : "s", to_string(severity));
    }
    out += "\n";
  }
}

}  // namespace

void write_markdown_summary(const Report& r, TextStyle, std::ostream& stream) {
  // Kept whole (no stream): the summary is bounded, and cut at its budget below.
  Out out;
  out += fmt::format("# AI dependency summary: {}\n\n", clipped(r.inventory.organization.name.value));
  out += fmt::format("As of {}, inventory {}, sovaudit {}.\n\n", to_string(r.analysis.as_of), clipped(r.inventory.path),
                     kVersion);
  gate_line(out, r);
  largest_risks(out, r);
  providers_that_matter(out, r);
  top_actions(out, r);
  if (!r.verdict.expiring.empty()) {
    out += fmt::format("{} accepted risk{} expire{} within {} days.\n\n", r.verdict.expiring.size(),
                       r.verdict.expiring.size() == 1 ? "" : "s", r.verdict.expiring.size() == 1 ? "s" : "",
                       r.verdict.expiring_within_days);
  }
  // The path stays out of the code span: escaping does not apply inside one, and a backtick would end it.
  out += fmt::format("{} findings in all. The full review of {}, with every finding, every table and the diagram: "
                     "`sovaudit scan <inventory> --output review.md`.\n",
                     r.verdict.findings.size(), clipped(r.inventory.path.empty() ? "the inventory" : r.inventory.path));
  std::string& text = out.pending();
  if (text.size() > kBudget) {
    // Not reached with the caps above; if it were, whole lines are kept and the cut is said.
    const std::size_t cut = text.rfind('\n', kBudget - 200);
    text.resize(cut == std::string::npos ? 0 : cut + 1);
    text += "\nThe summary was cut at 60 KiB; the full review has everything.\n";
  }
  stream << text;
}

}  // namespace sovaudit
