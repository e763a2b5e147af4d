// SOV-NO-ABSTRACTION: a critical dependency reached without an abstraction layer (DESIGN 4.9).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-NO-ABSTRACTION",
    "NoAbstractionLayer",
    "A capability calls a provider it cannot survive without directly, not through an abstraction layer",
    "The slot has no ready alternative, so one provider is a single point of failure for it, and the "
    "code reaches that provider through its SDK or deeper. A departure or price shock then means a "
    "rewrite instead of a configuration change.",
    "Put a provider-neutral interface (a gateway or an internal client library) between the capability "
    "and the provider, then add and test a fallback behind it.",
    "{target} uses {provider} for slot {slot} through {integration} code with no ready alternative",
    "material when the integration is deep and the capability carries at least material_value_share of "
    "core value; advisory otherwise",
    "practices,portability",
    Severity::Material,
    TargetKind::Capability,
    "providers",
}};

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  const DependencyGraph& graph = ctx.analysis.graph;
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    const Capability& capability = ctx.inventory.capabilities[c];
    for (NodeIndex s : graph.capabilities[c].slots) {
      if (ctx.analysis.sets.slot_critical[s].empty()) continue;
      const SlotOption& primary = graph.slots[s].options.front();
      const Integration integration = primary.use->integration.value;
      if (integration == Integration::AbstractionLayer) continue;
      const bool heavy = integration == Integration::Deep &&
                         capability.value_share.value >= ctx.analysis.policy.material_value_share;
      Finding f = make_finding(kRules[0], heavy ? Severity::Material : Severity::Advisory, capability.id.value,
                loc_or(primary.use->integration, primary.use->provider.loc));
      f.discriminator = graph.slots[s].need->slot.value;
      f.evidence = evidence_of(
          evidence_text("slot", graph.slots[s].need->slot.value),
          evidence_text("provider", primary.use->provider.value),
          evidence_text("integration", std::string(to_string(integration))),
          evidence_list("critical_providers", provider_ids(ctx.inventory, ctx.analysis.sets.elements(ctx.analysis.sets.slot_critical[s]))));
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_abstraction_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
