// Sovereignty criteria (DESIGN 4.8): score, build or buy, and the money on both sides.
#include <algorithm>

#include "analysis_internal.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::analysis {

void compute_criteria(const Inventory& inventory, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  const EffectivePolicy& policy = analysis.policy;

  // A capability buys what its slots' primaries sell: each such provider's spend is shared among
  // the capabilities that use it by value share (equally when those are all 0). A paid provider's
  // upstream bill is already inside its price, so it is never charged again; only behind a
  // primary we pay nothing for (our own machines) do its upstreams' bills come to us directly.
  std::vector<std::vector<NodeIndex>> users(graph.providers.size());
  for (const SlotNode& slot : graph.slots) {
    const auto billed = reach_upstream(graph, slot.options.front().provider, [&](NodeIndex from, const UpstreamEdge& e) {
      return inventory.providers[from].annual_spend.value <= 0 && !e.held_weights();
    });
    for (NodeIndex p : billed) {
      auto& list = users[p];
      if (list.empty() || list.back() != slot.capability) list.push_back(slot.capability);
    }
  }
  std::vector<std::vector<double>> attributed(graph.capabilities.size());
  for (NodeIndex p = 0; p < users.size(); ++p) {
    auto& list = users[p];
    if (list.empty()) continue;
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    const ShareUnits weight_sum = value_units(inventory, list);
    const double spend = inventory.providers[p].annual_spend.value;
    for (NodeIndex c : list) {
      const double weight =
          weight_sum > 0 ? static_cast<double>(to_share_units(inventory.capabilities[c].value_share.value)) /
                               static_cast<double>(weight_sum)
                         : 1.0 / static_cast<double>(list.size());
      attributed[c].push_back(spend * weight);
    }
  }

  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    const Capability& capability = inventory.capabilities[c];
    CapabilityResult& r = analysis.capabilities[c];
    r.assessed = capability.criteria.has_value();
    if (capability.criteria) {
      const Criteria& k = *capability.criteria;
      r.criteria_score = int{k.differentiating.value} + int{k.proprietary_data.value} + int{k.compliance.value} +
                         int{k.stable.value};
    }
    r.recommendation = r.criteria_score >= policy.build_threshold ? Sourcing::Build : Sourcing::Buy;
    r.critical_providers = analysis.sets.capability_critical[c];
    r.build_weeks = build_weeks(capability, &r.build_weeks_derived);
    if (policy.engineer_week_cost) {
      r.build_cost = r.build_weeks.likely * capability.engineers.value * *policy.engineer_week_cost;
    }
    r.buy_annual_spend = order_free_sum(std::move(attributed[c]));
    r.buy_spend_over_horizon = r.buy_annual_spend * policy.horizon_months / 12.0;
  }
}

}  // namespace sovaudit::analysis
