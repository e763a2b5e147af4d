// SOV-EXIT-PLAN-MISSING and SOV-EXIT-PLAN-STALE: no rehearsed way out of a critical provider (DESIGN 4.9).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr const char* kSeverities =
    "material when the provider is classified existential; advisory for other single points of failure";

constexpr RuleInfo kRules[] = {
    {
        "SOV-EXIT-PLAN-MISSING",
        "MissingExitPlan",
        "A provider that is a single point of failure has no exit plan",
        "At least one capability cannot survive this provider's loss, and no written exit plan exists. "
        "DORA requires exit strategies for ICT services supporting critical functions; without one, the "
        "migration estimate is a guess.",
        "Write an exit plan: the target provider, the migration steps, the data to move, and who decides. "
        "Rehearse it within drill_max_age_months.",
        "{target} is a single point of failure for {critical_share} of core value and has no exit plan",
        kSeverities,
        "practices,exit-plan,dora",
        Severity::Material,
        TargetKind::Provider,
        "",
    },
    {
        "SOV-EXIT-PLAN-STALE",
        "StaleExitPlan",
        "The exit plan of a critical provider was never rehearsed, or not recently",
        "An exit plan exists for a provider that is a single point of failure, but it was never tested, "
        "its recorded test lies after the review date, or its last rehearsal is older than the policy's "
        "drill_max_age_months (in calendar months). Untested plans fail in "
        "the ways nobody wrote down.",
        "Run a departure drill: switch a staging environment to the plan's target and record the date in "
        "exit_plan.tested.",
        "{target} is a single point of failure for {critical_share} of core value and its exit plan was "
        "{rehearsal} (limit {max_age_months})",
        kSeverities,
        "practices,exit-plan,dora",
        Severity::Material,
        TargetKind::Provider,
        "",
    }};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  const double max_age = ctx.analysis.policy.drill_max_age_months;
  for (const ProviderResult& r : ctx.analysis.providers) {
    if (r.critical_share <= 0) continue;
    const Provider& p = ctx.inventory.providers[r.provider];
    if (p.operated_by.value == Operator::Self) continue;  // no contract to exit from ourselves
    const Severity severity =
        r.classification == Classification::Existential ? Severity::Material : Severity::Advisory;
    const bool exists = p.exit_plan && p.exit_plan->exists.value;
    if (!exists) {
      Finding f = make_finding(kRules[0], severity, p.id.value, p.exit_plan ? p.exit_plan->loc : p.id.loc);
      f.evidence = evidence_of(evidence_number("critical_share", Unit::Share, r.critical_share));
      out.push_back(std::move(f));
      continue;
    }
    const Located<Date>& tested = p.exit_plan->tested;
    if (tested.present && tested_within(tested.value, ctx.analysis.as_of, max_age)) continue;
    Finding f = make_finding(kRules[1], severity, p.id.value, loc_or(tested, p.exit_plan->loc));
    const bool future = tested.present && ctx.analysis.as_of < tested.value;
    const std::string rehearsal = !tested.present ? "never rehearsed"
                                  : future        ? "recorded as rehearsed on " + to_string(tested.value) +
                                                 ", after the review date"
                                                  : "last rehearsed on " + to_string(tested.value);
    f.evidence = evidence_of(evidence_number("critical_share", Unit::Share, r.critical_share), evidence_text("rehearsal", rehearsal),
                             evidence_number("max_age_months", Unit::Months, max_age));
    if (tested.present) {
      f.evidence.push_back(evidence_date("last_tested", tested.value));
      f.evidence.push_back(evidence_number("age_months", Unit::Months, age_in_months(tested.value, ctx.analysis.as_of)));
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_exit_plan_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
