// The price-shock scenario (DESIGN 4.5): added cost with pass-through along upstream chains,
// the cost of leaving, break-even and the migrate-or-absorb recommendation.
#include <algorithm>
#include <unordered_map>

#include "analysis_internal.hpp"

namespace sovaudit::analysis {

void compute_price_shocks(const Inventory& inventory, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  const EffectivePolicy& policy = analysis.policy;
  const double m = policy.price_multiplier;
  const std::size_t providers = graph.providers.size();

  std::vector<NodeIndex> topo_position(providers);
  for (NodeIndex i = 0; i < graph.provider_order.size(); ++i) topo_position[graph.provider_order[i]] = i;

  // Pass-through: a provider built on X passes on its own spend times the largest product of
  // price_passthrough over the paths to X, capped at 1 (one rise is not passed on twice).
  std::vector<double> passthrough(providers, 0);
  std::vector<std::vector<NodeIndex>> passthrough_from(providers);
  std::unordered_map<NodeIndex, double> best;
  for (NodeIndex y = 0; y < providers; ++y) {
    const ProviderSet& chain = analysis.sets.provider_touched[y];
    if (chain.size() < 2) continue;
    std::vector<NodeIndex> order(chain.begin(), chain.end());
    // Dependants before their upstream providers, so every path into a node is known before it is used.
    std::sort(order.begin(), order.end(), [&](NodeIndex a, NodeIndex b) { return topo_position[a] > topo_position[b]; });
    best.clear();
    best[y] = 1.0;
    for (NodeIndex n : order) {
      const auto it = best.find(n);
      if (it == best.end()) continue;
      const double here = it->second;
      for (const UpstreamEdge& e : graph.providers[n].upstream) {
        double& slot = best[e.provider];
        slot = std::max(slot, here * e.price_passthrough);
      }
    }
    const double spend = inventory.providers[y].annual_spend.value;
    for (NodeIndex x : chain) {
      if (x == y) continue;
      const double factor = std::min(1.0, best[x]);
      if (factor <= 0) continue;
      passthrough[x] += spend * factor * (m - 1);
      passthrough_from[x].push_back(y);
    }
  }

  // Capabilities whose primaries reach X (directly or upstream) have to move if we leave X.
  std::vector<std::vector<NodeIndex>> users(providers);
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    for (NodeIndex p : analysis.sets.capability_own_touched[c]) users[p].push_back(c);
  }

  for (NodeIndex x = 0; x < providers; ++x) {
    PriceShockResult& r = analysis.providers[x].price_shock;
    r.multiplier = m;
    r.direct_added_cost = inventory.providers[x].annual_spend.value * (m - 1);
    r.passthrough_added_cost = passthrough[x];
    r.passthrough_from = passthrough_from[x];
    r.added_annual_cost = r.direct_added_cost + r.passthrough_added_cost;
    r.budget_share = policy.annual_ai_budget > 0 ? r.added_annual_cost / policy.annual_ai_budget : 0;
    for (NodeIndex c : users[x]) {
      std::vector<NodeIndex> slots;
      for (NodeIndex s : graph.capabilities[c].slots) {
        const SlotOption& primary = graph.slots[s].options.front();
        if (contains(analysis.sets.provider_touched[primary.provider], x)) slots.push_back(s);
      }
      if (slots.empty()) continue;  // only a fallback reaches X: nothing to migrate
      r.cost_of_leaving += migration_weeks(graph, c, slots).likely * inventory.capabilities[c].engineers.value *
                           policy.engineer_week_cost;
    }
    if (r.added_annual_cost > 0) {
      r.break_even_months = r.cost_of_leaving / (r.added_annual_cost / 12.0);
      if (*r.break_even_months < policy.horizon_months) r.recommendation = Recommendation::Migrate;
    }
    r.classification = classify_budget(r.budget_share, policy);
  }
}

}  // namespace sovaudit::analysis
