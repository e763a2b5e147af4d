// SOV-JURISDICTION: a foreign jurisdiction could switch off providers that core value needs (DESIGN 4.6).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-JURISDICTION",
    "ForeignJurisdiction",
    "A foreign jurisdiction reaches providers that core value cannot do without",
    "A jurisdiction reaches a provider through its headquarters, its ultimate parent, or a country where "
    "it processes (the law where the machines stand: seizure, local orders). For each "
    "jurisdiction outside the trusted set, sovaudit switches off every provider it reaches at once and "
    "with no notice, as export controls or sanctions would, and lets the failure run through upstream "
    "chains and ready fallbacks. The value at risk is what stops.",
    "Keep a ready fallback under trusted law for each capability at risk, prefer providers without a "
    "foreign parent, or accept the risk explicitly with an owner and an expiry.",
    "if {target} law switched off {providers} with no notice, {value_at_risk} of core value would stop: "
    "{broken_capabilities}",
    "existential when value at risk >= existential_value_share; material when >= material_value_share",
    "jurisdiction,sovereignty,sanctions",
    Severity::Existential,
    TargetKind::Jurisdiction,
    "providers,capabilities",
        true,  // legal or data exposure
}};

constexpr std::size_t kMaxRelatedProviders = 16;

/// Where the jurisdiction enters the file: the provider's hq, its parent's, or the region.
SourceLoc entry_point(const Provider& p, const std::string& code) {
  if (p.hq.present && p.hq.value == code) return p.hq.loc;
  if (p.ultimate_parent && p.ultimate_parent->hq.value == code) return p.ultimate_parent->hq.loc;
  for (const Located<std::string>& region : p.regions) {
    if (region.value == code) return region.loc;
  }
  return p.id.loc;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const JurisdictionResult& j : ctx.analysis.jurisdictions) {
    const auto severity = severity_of(j.classification);
    if (!severity || j.providers.empty()) continue;
    const Provider& first = ctx.inventory.providers[j.providers.front()];
    Finding f = make_finding(kRules[0], *severity, j.code, entry_point(first, j.code));
    // The providers in this scenario only because their machines stand there.
    std::vector<NodeIndex> by_region;
    for (std::size_t i = 0; i < j.providers.size(); ++i) {
      if (j.reasons[i] == kReachRegion) by_region.push_back(j.providers[i]);
    }
    f.evidence = evidence_of(
        evidence_number("value_at_risk", Unit::Share, j.value_at_risk),
        evidence_list("providers", provider_ids(ctx.inventory, j.providers)),
        evidence_list("through_region", provider_ids(ctx.inventory, by_region)),
        evidence_list("affected_providers", provider_ids(ctx.inventory, j.affected_providers)),
        evidence_list("broken_capabilities", capability_ids(ctx.inventory, j.broken_capabilities)));
    // Enough places for a reader to follow; the evidence still names every provider.
    for (std::size_t i = 1; i < j.providers.size() && i <= kMaxRelatedProviders; ++i) {
      const Provider& p = ctx.inventory.providers[j.providers[i]];
      f.related.push_back({entry_point(p, j.code), "provider", p.id.value});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_jurisdiction_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
