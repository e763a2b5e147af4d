// SOV-SOURCING-BUY and SOV-SOURCING-BUILD: sourcing that contradicts the sovereignty criteria (DESIGN 4.8);
// SOV-CRITERIA-UNASSESSED: no criteria recorded, so no build-or-buy verdict.
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr const char* kSeverities = "material when all four criteria hold (buy) or none holds (build); advisory otherwise";

constexpr RuleInfo kRules[] = {
    {
        "SOV-SOURCING-BUY",
        "BuyingCoreCapability",
        "A capability that meets the build threshold of the sovereignty criteria is bought",
        "The four sovereignty criteria are: core to differentiation, proprietary data, compliance or "
        "latency constraints outside APIs cannot meet, and stable enough to amortise a build. When at "
        "least build_threshold of them hold, owning the capability is recommended; this one is bought "
        "outright. The build estimate and the provider spend over the planning horizon are shown.",
        "Plan to own the capability (at least the model and data layers), or record why buying is right "
        "by accepting the finding with an owner and an expiry.",
        "{target} meets {criteria_score} of the 4 sovereignty criteria (build at {build_threshold}) but is "
        "bought; building costs about {build_cost} against {buy_spend} of provider spend over {horizon_months}",
        kSeverities,
        "build-vs-buy,criteria",
        Severity::Material,
        TargetKind::Capability,
        "",
    },
    {
        "SOV-SOURCING-BUILD",
        "BuildingCommodityCapability",
        "A capability below the build threshold of the sovereignty criteria is built in-house",
        "Fewer than build_threshold of the four sovereignty criteria hold, so buying is recommended, yet "
        "the capability is built and run in-house: engineering time goes to something a provider could "
        "supply.",
        "Evaluate replacing it with a bought product behind an abstraction layer.",
        "{target} meets {criteria_score} of the 4 sovereignty criteria (build at {build_threshold}) but is "
        "built in-house; building costs about {build_cost} against {buy_spend} of provider spend over "
        "{horizon_months}",
        kSeverities,
        "build-vs-buy,criteria",
        Severity::Material,
        TargetKind::Capability,
        "",
    },
    {
        "SOV-CRITERIA-UNASSESSED",
        "CriteriaNotAssessed",
        "A capability's build-or-buy question has not been assessed",
        "The inventory records no sovereignty criteria for this capability, so sovaudit cannot say whether "
        "to build or buy it. A missing assessment is not a score of zero: no sourcing finding is raised, "
        "and the capability is listed as not assessed.",
        "Record the four criteria (differentiating, proprietary_data, compliance, stable) under the "
        "capability's criteria key.",
        "{target} has no recorded sovereignty criteria, so whether to build or buy it ({sourcing} today) is "
        "not assessed",
        "advisory",
        "build-vs-buy,criteria",
        Severity::Advisory,
        TargetKind::Capability,
        "",
    }};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  const EffectivePolicy& policy = ctx.analysis.policy;
  for (const CapabilityResult& r : ctx.analysis.capabilities) {
    const Capability& c = ctx.inventory.capabilities[r.capability];
    const Sourcing sourcing = c.sourcing.value;
    if (!r.assessed) {
      Finding f = make_finding(kRules[2], Severity::Advisory, c.id.value, c.id.loc);
      f.evidence = evidence_of(evidence_text("sourcing", std::string(to_string(sourcing))));
      out.push_back(std::move(f));
      continue;
    }
    const bool buys_core = sourcing == Sourcing::Buy && r.recommendation == Sourcing::Build;
    const bool builds_commodity = sourcing == Sourcing::Build && r.recommendation == Sourcing::Buy;
    if (!buys_core && !builds_commodity) continue;
    const bool extreme = buys_core ? r.criteria_score == 4 : r.criteria_score == 0;
    Finding f = make_finding(kRules[buys_core ? 0 : 1], extreme ? Severity::Material : Severity::Advisory,
              c.id.value, loc_or(c.sourcing, c.id.loc));
    f.evidence = evidence_of(
        evidence_number("criteria_score", Unit::Number, r.criteria_score),
        evidence_number("build_threshold", Unit::Number, policy.build_threshold),
        evidence_cost("build_cost", r.build_cost),
        evidence_number("build_weeks", Unit::Weeks, r.build_weeks.likely),
        evidence_number("buy_spend", Unit::Money, r.buy_spend_over_horizon),
        evidence_number("horizon_months", Unit::Months, policy.horizon_months));
    if (c.criteria) f.related.push_back({c.criteria->loc, "criteria", c.id.value});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_sourcing_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
