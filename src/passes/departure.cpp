// SOV-DEPARTURE: a provider whose end-of-life would put core value at risk (DESIGN 4.4).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-DEPARTURE",
    "ProviderDeparture",
    "A provider's departure would take core value down for longer than its notice period",
    "If this provider announced end-of-life with its contractual notice (or the policy's default), "
    "migrating the capabilities for which it is a single point of failure would take longer than the "
    "notice, so part of the product would be down. Value at risk is the summed value share of the "
    "capabilities down for at least min_outage_days, plus every capability that requires one of them; "
    "value-months weigh each share by the months it is down. Migrations run in parallel: the time is "
    "the longest one, the effort the sum of engineer-weeks.",
    "Shorten the migration: put an abstraction layer in front of the provider, keep a fallback tested "
    "within the drill age, or build cross-provider evaluations. Or lengthen the notice in the contract.",
    "if {target} left with {notice_months} notice, {value_at_risk} of core value would be down for up to "
    "{outage_months} (likely estimate; {outage_months_high} at worst); moving off it takes {elapsed_weeks} ({effort_weeks} of effort) and costs {migration_cost}",
    "existential when value at risk (likely) >= existential_value_share; material when >= "
    "material_value_share",
    "departure,resilience,dora",
    Severity::Existential,
    TargetKind::Provider,
    "capabilities",
}};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const ProviderResult& r : ctx.analysis.providers) {
    const auto severity = severity_of(r.departure.classification);
    if (!severity) continue;
    const Provider& p = ctx.inventory.providers[r.provider];
    if (p.operated_by.value == Operator::Self) continue;  // nobody gives us notice on our own machines
    const DepartureResult& d = r.departure;
    Finding f = make_finding(kRules[0], *severity, p.id.value, p.id.loc);
    f.evidence = evidence_of(
        evidence_number("value_at_risk", Unit::Share, d.value_at_risk.likely),
        evidence_number("value_at_risk_low", Unit::Share, d.value_at_risk.low),
        evidence_number("value_at_risk_high", Unit::Share, d.value_at_risk.high),
        evidence_number("value_months_at_risk", Unit::Number, d.value_months_at_risk.likely),
        evidence_number("outage_months", Unit::Months, d.outage_months.likely),
        evidence_number("outage_months_high", Unit::Months, d.outage_months.high),
        evidence_number("notice_months", Unit::Months, d.notice_months),
        evidence_number("elapsed_weeks", Unit::Weeks, d.elapsed_weeks.likely),
        evidence_number("effort_weeks", Unit::EngineerWeeks, d.effort_weeks.likely),
        evidence_number("migration_weeks", Unit::Weeks, d.migration_weeks.likely),
        evidence_cost("migration_cost", d.migration_cost ? std::optional<double>(d.migration_cost->likely) : std::nullopt),
        evidence_list("broken_capabilities", capability_ids(ctx.inventory, d.broken_capabilities)));
    for (NodeIndex c : d.broken_capabilities) {
      const Capability& capability = ctx.inventory.capabilities[c];
      f.related.push_back({capability.id.loc, "capability", capability.id.value});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_departure_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
