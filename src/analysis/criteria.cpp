// Sovereignty criteria (DESIGN 4.8): score, build or buy, and the money on both sides.
#include <algorithm>

#include "analysis_internal.hpp"

namespace sovaudit::analysis {

void compute_criteria(const Inventory& inventory, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  const EffectivePolicy& policy = analysis.policy;

  // Each provider's spend is attributed to the capabilities that use it through a primary
  // (directly or upstream), in proportion to their value shares, or equally when those are all 0.
  std::vector<std::vector<NodeIndex>> users(graph.providers.size());
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    ProviderSet reached;
    for (NodeIndex s : graph.capabilities[c].slots) {
      const ProviderSet& chain = analysis.sets.provider_touched[graph.slots[s].options.front().provider];
      reached.insert(reached.end(), chain.begin(), chain.end());
    }
    std::sort(reached.begin(), reached.end());
    reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
    for (NodeIndex p : reached) users[p].push_back(c);
  }
  std::vector<double> attributed(graph.capabilities.size(), 0);
  for (NodeIndex p = 0; p < users.size(); ++p) {
    if (users[p].empty()) continue;
    double weight_sum = 0;
    for (NodeIndex c : users[p]) weight_sum += inventory.capabilities[c].value_share.value;
    const double spend = inventory.providers[p].annual_spend.value;
    for (NodeIndex c : users[p]) {
      const double weight = weight_sum > 0 ? inventory.capabilities[c].value_share.value / weight_sum
                                           : 1.0 / static_cast<double>(users[p].size());
      attributed[c] += spend * weight;
    }
  }

  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    const Capability& capability = inventory.capabilities[c];
    CapabilityResult& r = analysis.capabilities[c];
    if (capability.criteria) {
      const Criteria& k = *capability.criteria;
      r.criteria_score = int{k.differentiating.value} + int{k.proprietary_data.value} + int{k.compliance.value} +
                         int{k.stable.value};
    }
    r.recommendation = r.criteria_score >= policy.build_threshold ? Sourcing::Build : Sourcing::Buy;
    r.critical_providers = analysis.sets.capability_critical[c];
    r.build_weeks = build_weeks(capability, &r.build_weeks_derived);
    r.build_cost = r.build_weeks.likely * capability.engineers.value * policy.engineer_week_cost;
    r.buy_annual_spend = attributed[c];
    r.buy_spend_over_horizon = attributed[c] * policy.horizon_months / 12.0;
  }
}

}  // namespace sovaudit::analysis
