// SOV-ACCEPTANCE-EXPIRED: an accepted risk whose acceptance has lapsed (DESIGN 4.10).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-ACCEPTANCE-EXPIRED",
    "ExpiredAcceptance",
    "An accepted risk has passed its expiry date",
    "Accepted risks keep matching findings out of the gate only until they expire. After that the "
    "findings count again, and the lapsed decision itself needs an owner's attention: renew it with a "
    "new justification, or fix the risk.",
    "Review the risk with its owner: extend expires with a fresh justification, or remove the acceptance "
    "once the risk is fixed.",
    "the acceptance of {accepted_rule} for {target}, owned by {owner}, expired on {expired_on}; its "
    "findings count again",
    "material, while the lapsed acceptance still matches a finding; one that matches no finding is a "
    "warning to remove it, not a finding",
    "governance,accepted-risk",
    Severity::Material,
    TargetKind::AcceptedTarget,
    "",
}};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (std::size_t i = 0; i < ctx.inventory.accepted_risks.size(); ++i) {
    const AcceptedRisk& risk = ctx.inventory.accepted_risks[i];
    if (!risk.expires.present || !(risk.expires.value < ctx.analysis.as_of)) continue;
    Finding f = make_finding(kRules[0], Severity::Material, risk.target.value, risk.expires.loc);
    f.discriminator = risk.rule.value;
    f.evidence = evidence_of(evidence_text("accepted_rule", risk.rule.value), evidence_date("expired_on", risk.expires.value),
                             evidence_text("owner", risk.owner.value));
    f.related.push_back({risk.rule.loc, "acceptance", risk.rule.value});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_acceptance_expiry_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
