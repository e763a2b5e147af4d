// SOV-NO-EVALS: no cross-provider evaluation for a capability with critical dependencies (DESIGN 4.9).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-NO-EVALS",
    "NoCrossProviderEvals",
    "A capability with critical providers has no cross-provider evaluation",
    "Without an evaluation suite that runs against more than one provider, nobody can tell whether a "
    "replacement model is good enough, so every switch is verified by hand. Derived migration estimates "
    "are 1.5 times longer for such capabilities.",
    "Build a small evaluation set from real (anonymised) cases and run it against the current and one "
    "alternative provider in CI; then set evals: true.",
    "{target} has no cross-provider evaluation, so a switch away from {critical_providers} cannot be verified",
    "advisory",
    "practices,evals",
    Severity::Advisory,
    TargetKind::Capability,
    "providers",
}};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const CapabilityResult& r : ctx.analysis.capabilities) {
    const Capability& c = ctx.inventory.capabilities[r.capability];
    if (c.evals.value || c.value_share.value <= 0 || ctx.analysis.sets.capability_own_critical[r.capability].empty()) {
      continue;
    }
    Finding f = make_finding(kRules[0], Severity::Advisory, c.id.value, loc_or(c.evals, c.id.loc));
    f.evidence = evidence_of(evidence_list("critical_providers",
                                provider_ids(ctx.inventory, ctx.analysis.sets.elements(
                                    ctx.analysis.sets.capability_own_critical[r.capability]))));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_evals_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
