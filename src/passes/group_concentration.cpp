// SOV-GROUP-CONCENTRATION: providers under one ultimate parent whose joint departure puts core value
// at risk (DESIGN 4.3): Microsoft behind Azure OpenAI and GitHub Copilot leave together.
#include <algorithm>

#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-GROUP-CONCENTRATION",
    "ProviderGroupConcentration",
    "Providers owned by one parent would take core value down if they left together",
    "Several providers in the inventory share an ultimate parent. A decision of that parent (an end of "
    "service, a sanction on it, a change of terms) reaches all of them at once, so a fallback to a sister "
    "provider is no way out. The group departure scenario switches every member off together, at the "
    "shortest notice among them, and measures the value at risk as for a single provider.",
    "Keep a tested fallback outside the group for the capabilities the group is critical for, or record "
    "why the concentration is acceptable by accepting the finding with an owner and an expiry.",
    "{target} owns {providers}; if they all left with {notice_months} notice, {value_at_risk} of core value "
    "would be down for up to {outage_months}, and the group is critical for {critical_share}",
    "existential when the group's value at risk (likely) >= existential_value_share; material when >= "
    "material_value_share; only for groups of two or more providers",
    "concentration,departure,dora",
    Severity::Existential,
    TargetKind::Group,
    "providers,capabilities",
}};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const GroupResult& g : ctx.analysis.groups) {
    if (g.providers.size() < 2) continue;
    const auto severity = severity_of(g.classification);
    if (!severity) continue;
    const Provider& first = ctx.inventory.providers[g.providers.front()];
    const SourceLoc loc = first.ultimate_parent ? first.ultimate_parent->loc : first.id.loc;
    Finding f = make_finding(kRules[0], *severity, g.name, loc);
    const DepartureResult& d = g.departure;
    f.evidence = evidence_of(
        evidence_list("providers", provider_ids(ctx.inventory, g.providers)),
        evidence_number("value_at_risk", Unit::Share, d.value_at_risk.likely),
        evidence_number("value_months_at_risk", Unit::Number, d.value_months_at_risk.likely),
        evidence_number("outage_months", Unit::Months, d.outage_months.likely),
        evidence_number("notice_months", Unit::Months, d.notice_months),
        evidence_number("critical_share", Unit::Share, g.critical_share),
        evidence_number("exposure", Unit::Share, g.exposure),
        evidence_number("spend_share", Unit::Share, g.spend_share),
        evidence_list("broken_capabilities", capability_ids(ctx.inventory, d.broken_capabilities)));
    for (NodeIndex p : g.providers) {
      const Provider& member = ctx.inventory.providers[p];
      if (p != g.providers.front()) {
        f.related.push_back({member.ultimate_parent ? member.ultimate_parent->loc : member.id.loc, "member",
                             member.id.value});
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_group_concentration_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
