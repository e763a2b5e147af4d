// Exposure, critical share and concentration (DESIGN 4.3) and the departure scenario (DESIGN 4.4).
#include <algorithm>

#include "analysis_internal.hpp"

namespace sovaudit::analysis {
namespace {

constexpr double kMonthsPerWeek = 12.0 / 52.0;

/// Inverts per-capability provider sets into per-provider capability lists (ascending).
std::vector<std::vector<NodeIndex>> by_provider(const std::vector<ProviderSet>& per_capability, std::size_t providers) {
  std::vector<std::vector<NodeIndex>> out(providers);
  for (NodeIndex c = 0; c < per_capability.size(); ++c) {
    for (NodeIndex p : per_capability[c]) out[p].push_back(c);
  }
  return out;
}

double value_of(const Inventory& inventory, const std::vector<NodeIndex>& capabilities) {
  double sum = 0;
  for (NodeIndex c : capabilities) sum += inventory.capabilities[c].value_share.value;
  return sum;
}

/// `seeds` plus every capability that requires one of them, directly or not, ascending.
std::vector<NodeIndex> with_dependants(const DependencyGraph& graph, const std::vector<NodeIndex>& seeds) {
  std::vector<bool> in(graph.capabilities.size(), false);
  std::vector<NodeIndex> out;
  for (NodeIndex c : seeds) {
    if (!in[c]) {
      in[c] = true;
      out.push_back(c);
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (NodeIndex dependant : graph.capabilities[out[i]].required_by) {
      if (!in[dependant]) {
        in[dependant] = true;
        out.push_back(dependant);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

double& pick(Estimate& e, int which) { return which == 0 ? e.low : which == 1 ? e.likely : e.high; }

DepartureResult departure_of(const Inventory& inventory, const Analysis& analysis, NodeIndex provider,
                             const std::vector<NodeIndex>& migrating) {
  const DependencyGraph& graph = analysis.graph;
  const Provider& p = inventory.providers[provider];
  DepartureResult d;
  d.notice_months = p.notice_months.present ? p.notice_months.value : analysis.policy.notice_months;
  d.migrating_capabilities = migrating;

  std::vector<Estimate> weeks(migrating.size());
  for (std::size_t i = 0; i < migrating.size(); ++i) {
    const NodeIndex c = migrating[i];
    std::vector<NodeIndex> slots;
    for (NodeIndex s : graph.capabilities[c].slots) {
      if (contains(analysis.sets.slot_critical[s], provider)) slots.push_back(s);
    }
    weeks[i] = migration_weeks(graph, c, slots);
  }
  for (int which = 0; which < 3; ++which) {
    std::vector<NodeIndex> down;
    double longest = 0;
    for (std::size_t i = 0; i < migrating.size(); ++i) {
      const double w = pick(weeks[i], which);
      const double outage = std::max(0.0, w * kMonthsPerWeek - d.notice_months);
      if (outage > 0) down.push_back(migrating[i]);
      longest = std::max(longest, outage);
      pick(d.migration_weeks, which) += w;
      pick(d.migration_cost, which) +=
          w * inventory.capabilities[migrating[i]].engineers.value * analysis.policy.engineer_week_cost;
    }
    const std::vector<NodeIndex> broken = with_dependants(graph, down);
    pick(d.value_at_risk, which) = std::min(1.0, value_of(inventory, broken));
    pick(d.outage_months, which) = longest;
    if (which == 1) d.broken_capabilities = broken;
  }
  d.classification = classify_value(d.value_at_risk.likely, analysis.policy);
  return d;
}

}  // namespace

void compute_provider_dependence(const Inventory& inventory, Analysis& analysis) {
  const std::size_t providers = analysis.graph.providers.size();
  const auto critical = by_provider(analysis.sets.capability_critical, providers);
  const auto migrating = by_provider(analysis.sets.capability_own_critical, providers);
  const auto exposed = by_provider(analysis.sets.capability_touched, providers);

  analysis.providers.resize(providers);
  double total_critical = 0;
  for (NodeIndex p = 0; p < providers; ++p) {
    ProviderResult& r = analysis.providers[p];
    r.provider = p;
    r.exposed_capabilities = exposed[p];
    r.critical_capabilities = critical[p];
    r.exposure = std::min(1.0, value_of(inventory, exposed[p]));
    r.critical_share = std::min(1.0, value_of(inventory, critical[p]));
    r.departure = departure_of(inventory, analysis, p, migrating[p]);
    total_critical += r.critical_share;
    Concentration& k = analysis.concentration;
    if (r.critical_share > k.largest_critical_share) {
      k.largest_critical_share = r.critical_share;
      k.largest_provider = p;
    }
  }
  if (total_critical > 0) {
    for (const ProviderResult& r : analysis.providers) {
      const double s = r.critical_share / total_critical;
      analysis.concentration.hhi += s * s;
    }
  }
}

}  // namespace sovaudit::analysis
