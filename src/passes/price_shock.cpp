// SOV-PRICE-SHOCK: a provider whose price rise would eat a material share of the AI budget (DESIGN 4.5).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-PRICE-SHOCK",
    "PriceShock",
    "A price rise at a provider would cost a material share of the AI budget",
    "Under the price-shock scenario the provider multiplies its prices. The added annual cost is its own "
    "spend times (multiplier - 1), plus what providers built on it pass on, each within its contractual "
    "cap and from the end of its price lock. Break-even is the month at which the added cost has paid "
    "for leaving; within the planning horizon, migrating pays. A provider that serves only as a fallback "
    "is never told to migrate: nothing would move off it. Without an annual_ai_budget nothing is classified.",
    "Negotiate price caps or longer price commitments, spread the workload over a second provider, or "
    "start the migration when the recommendation is to migrate.",
    "if prices at {target} rose {multiplier}x, that would add {added_annual_cost} a year, {budget_share} of the "
    "AI budget; leaving would cost {cost_of_leaving}, break-even {break_even_months} (the scenario's answer: "
    "{recommendation})",
    "existential when added cost / AI budget >= existential_budget_share; material when >= "
    "material_budget_share",
    "cost,price-shock",
    Severity::Existential,
    TargetKind::Provider,
    "",
}};

Evidence break_even_evidence(const PriceShockResult& s) {
  if (s.break_even_months) return evidence_number("break_even_months", Unit::Months, *s.break_even_months);
  if (s.recommendation == Recommendation::Unknown) {
    return evidence_unknown("break_even_months", Unit::Months, std::string(kNoEngineerWeekCost));
  }
  const bool moves = s.recommendation == Recommendation::Migrate || s.recommendation == Recommendation::Absorb;
  return evidence_text("break_even_months", moves ? "never" : "not applicable");
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const ProviderResult& r : ctx.analysis.providers) {
    const auto severity = severity_of(r.price_shock.classification);
    if (!severity) continue;
    const Provider& p = ctx.inventory.providers[r.provider];
    const PriceShockResult& s = r.price_shock;
    Finding f = make_finding(kRules[0], *severity, p.id.value, loc_or(p.annual_spend, p.id.loc));
    f.evidence = evidence_of(
        evidence_number("multiplier", Unit::Number, s.multiplier),
        evidence_number("added_annual_cost", Unit::Money, s.added_annual_cost),
        evidence_number("budget_share", Unit::Share, s.budget_share.value_or(0)),
        evidence_cost("cost_of_leaving", s.cost_of_leaving),
        break_even_evidence(s),
        evidence_text("recommendation", std::string(to_string(s.recommendation))),
        evidence_list("passthrough_from", provider_ids(ctx.inventory, s.passthrough_from)),
        evidence_number("starts_in_months", Unit::Months, s.starts_in_months),
        evidence_number("added_within_horizon", Unit::Money, s.added_within_horizon));
    for (NodeIndex from : s.passthrough_from) {
      const Provider& reseller = ctx.inventory.providers[from];
      f.related.push_back({reseller.id.loc, "pass-through", reseller.id.value});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_price_shock_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
