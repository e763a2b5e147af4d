// SOV-UNKNOWN-HQ: a provider in use whose headquarters are not recorded (DESIGN 4.6 cannot cover it).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-UNKNOWN-HQ",
    "UnknownHeadquarters",
    "A provider in use has no recorded headquarters",
    "Jurisdiction scenarios and the compute and model layers depend on where a provider's headquarters "
    "(and ultimate parent) are. A provider without hq is invisible to them, which can hide a foreign "
    "dependency.",
    "Record hq (and ultimate_parent where one exists) from the provider's contract or register entry.",
    "{target} has no recorded headquarters, so no jurisdiction scenario covers it",
    "advisory",
    "inventory,jurisdiction",
    Severity::Advisory,
    TargetKind::Provider,
    "",
        true,  // legal or data exposure
}};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const ProviderResult& r : ctx.analysis.providers) {
    const Provider& p = ctx.inventory.providers[r.provider];
    if (p.hq.present || (r.exposure <= 0 && p.annual_spend.value <= 0)) continue;
    out.push_back(make_finding(kRules[0], Severity::Advisory, p.id.value, p.id.loc));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_unknown_hq_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
