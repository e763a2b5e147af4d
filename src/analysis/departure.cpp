// Exposure, critical share and concentration (DESIGN 4.3) and the departure scenario (DESIGN 4.4),
// for one provider or for a group of providers that leave together.
#include <algorithm>
#include <unordered_map>

#include "analysis_internal.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::analysis {
namespace {

double& pick(Estimate& e, int which) { return which == 0 ? e.low : which == 1 ? e.likely : e.high; }
double pick(const Estimate& e, int which) { return which == 0 ? e.low : which == 1 ? e.likely : e.high; }

}  // namespace

std::vector<std::pair<NodeIndex, double>> propagate_outage(const DependencyGraph& graph,
                                                           const std::vector<NodeIndex>& position,
                                                           const std::vector<std::pair<NodeIndex, double>>& seeds) {
  std::unordered_map<NodeIndex, double> outage;
  std::vector<NodeIndex> reached;
  for (const auto& [c, months] : seeds) {
    if (outage.emplace(c, months).second) reached.push_back(c);
  }
  for (std::size_t i = 0; i < reached.size(); ++i) {
    for (NodeIndex dependant : graph.capabilities[reached[i]].required_by) {
      if (outage.emplace(dependant, 0.0).second) reached.push_back(dependant);
    }
  }
  std::sort(reached.begin(), reached.end(), [&](NodeIndex a, NodeIndex b) { return position[a] < position[b]; });
  for (NodeIndex c : reached) {
    double& here = outage[c];
    for (NodeIndex r : graph.capabilities[c].requires_capabilities) {
      const auto it = outage.find(r);
      if (it != outage.end()) here = std::max(here, it->second);
    }
  }
  std::vector<std::pair<NodeIndex, double>> out(outage.begin(), outage.end());
  std::sort(out.begin(), out.end());
  return out;
}

ShareUnits value_units(const Inventory& inventory, const std::vector<NodeIndex>& capabilities) {
  ShareUnits sum = 0;
  for (NodeIndex c : capabilities) sum += to_share_units(inventory.capabilities[c].value_share.value);
  return sum;
}

double value_of(const Inventory& inventory, const std::vector<NodeIndex>& capabilities) {
  return from_share_units(std::min<ShareUnits>(to_share_units(1.0), value_units(inventory, capabilities)));
}

std::vector<ShareUnits> capability_units(const Inventory& inventory) {
  std::vector<ShareUnits> units;
  units.reserve(inventory.capabilities.size());
  for (const Capability& c : inventory.capabilities) units.push_back(to_share_units(c.value_share.value));
  return units;
}

double value_of(const SetArena& arena, SetHandle capabilities) {
  return from_share_units(std::min<ShareUnits>(to_share_units(1.0), arena.weight(capabilities)));
}

std::vector<SetHandle> dependant_closures(const DependencyGraph& graph, SetArena& into) {
  std::vector<SetHandle> closure(graph.capabilities.size());
  // capability_order puts required capabilities first: backwards, every dependant is finished first.
  for (auto it = graph.capability_order.rbegin(); it != graph.capability_order.rend(); ++it) {
    SetHandle set = into.singleton(*it);
    for (NodeIndex dependant : graph.capabilities[*it].required_by) set = into.unite(set, closure[dependant]);
    closure[*it] = set;
  }
  return closure;
}

std::vector<SetHandle> capabilities_by_key(const DependencySets& keyed, const std::vector<SetHandle>& own_per_capability,
                                           std::size_t keys, const std::vector<SetHandle>& closures, SetArena& into) {
  std::vector<std::vector<NodeIndex>> holders(keys);
  for (NodeIndex c = 0; c < own_per_capability.size(); ++c) {
    keyed.arena.for_each(own_per_capability[c], [&](NodeIndex k) {
      if (k < keys) holders[k].push_back(c);
    });
  }
  std::vector<SetHandle> out(keys);
  std::vector<NodeIndex> alone;
  for (std::size_t k = 0; k < keys; ++k) {
    // Most capabilities are required by none: their closures are themselves and are built into one
    // set at once; only the closures of required capabilities need a union each.
    alone.clear();
    SetHandle set;
    for (NodeIndex c : holders[k]) {
      if (into.is_singleton(closures[c])) {
        alone.push_back(c);
      } else {
        set = into.unite(set, closures[c]);
      }
    }
    out[k] = into.unite(set, into.from_sorted(alone));
    std::vector<NodeIndex>().swap(holders[k]);
  }
  return out;
}

std::vector<double> exposure_by_key(const Inventory& inventory, const DependencyGraph& graph,
                                    const DependencySets& keyed, std::size_t keys) {
  SetArena scratch(capability_units(inventory));
  const std::vector<SetHandle> closures = dependant_closures(graph, scratch);
  const std::vector<SetHandle> exposed = capabilities_by_key(keyed, keyed.capability_own_touched, keys, closures, scratch);
  std::vector<double> shares;
  shares.reserve(keys);
  for (SetHandle set : exposed) shares.push_back(value_of(scratch, set));
  return shares;
}

std::vector<std::vector<NodeIndex>> exit_candidates(const DependencyGraph& graph, const DependencySets& sets,
                                                    std::size_t keys) {
  std::vector<std::vector<NodeIndex>> out(keys);
  for (NodeIndex s = 0; s < graph.slots.size(); ++s) {
    const NodeIndex c = graph.slots[s].capability;
    sets.arena.for_each(sets.provider_critical[graph.slots[s].options.front().provider], [&](NodeIndex k) {
      if (k < keys && (out[k].empty() || out[k].back() != c)) out[k].push_back(c);
    });
  }
  for (auto& list : out) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  return out;
}

ExitWork exit_work(const Inventory& inventory, const Analysis& analysis, NodeIndex capability,
                   std::span<const NodeIndex> broken_slots, std::span<const NodeIndex> switched_slots) {
  const EffectivePolicy& policy = analysis.policy;
  ExitWork w;
  w.capability = capability;
  w.full_migration = !broken_slots.empty();
  w.weeks = exit_weeks(analysis.graph, capability, broken_slots, switched_slots);
  const double engineers = inventory.capabilities[capability].engineers.value;
  w.effort = {w.weeks.low * engineers, w.weeks.likely * engineers, w.weeks.high * engineers};
  if (policy.engineer_week_cost) {
    const double rate = *policy.engineer_week_cost;
    w.cost = Estimate{w.effort.low * rate, w.effort.likely * rate, w.effort.high * rate};
  }
  return w;
}

std::vector<ExitWork> exit_works(const Inventory& inventory, const Analysis& analysis, const DependencySets& sets,
                                NodeIndex key, const std::vector<NodeIndex>& candidates) {
  const DependencyGraph& graph = analysis.graph;
  return exit_works_by(inventory, analysis, candidates, [&](NodeIndex s) {
    if (sets.contains(sets.slot_critical[s], key)) return SlotFate::Broken;
    if (sets.contains(sets.provider_critical[graph.slots[s].options.front().provider], key)) return SlotFate::Switched;
    return SlotFate::Unaffected;
  });
}

DepartureResult score_departure(const Inventory& inventory, const Analysis& analysis, double notice_months,
                                const std::vector<ExitWork>& exits) {
  const DependencyGraph& graph = analysis.graph;
  const EffectivePolicy& policy = analysis.policy;
  DepartureResult d;
  d.notice_months = notice_months;
  if (policy.engineer_week_cost) d.migration_cost = Estimate{};
  for (const ExitWork& w : exits) (w.full_migration ? d.migrating_capabilities : d.switching_capabilities).push_back(w.capability);

  const std::vector<NodeIndex>& position = graph.capability_position;
  const double min_outage_months = policy.min_outage_days / kDaysPerMonth;
  for (int which = 0; which < 3; ++which) {
    std::vector<std::pair<NodeIndex, double>> seeds;
    std::vector<double> weeks, effort, cost;
    double longest_outage = 0, longest_exit = 0;
    for (const ExitWork& w : exits) {
      const double exit = pick(w.weeks, which);
      weeks.push_back(exit);
      effort.push_back(pick(w.effort, which));
      if (w.cost) cost.push_back(pick(*w.cost, which));
      longest_exit = std::max(longest_exit, exit);
      if (!w.full_migration) continue;  // a tested fallback takes over at once
      const double outage = std::max(0.0, exit * kMonthsPerWeek - notice_months);
      longest_outage = std::max(longest_outage, outage);
      // A blip shorter than min_outage_days is an incident, not lost value.
      if (outage > 0 && outage >= min_outage_months) seeds.emplace_back(w.capability, outage);
    }
    pick(d.migration_weeks, which) = order_free_sum(weeks);
    pick(d.effort_weeks, which) = order_free_sum(effort);
    pick(d.elapsed_weeks, which) = longest_exit;
    pick(d.outage_months, which) = longest_outage;
    if (d.migration_cost) pick(*d.migration_cost, which) = order_free_sum(cost);

    const auto down = seeds.empty() ? decltype(seeds){} : propagate_outage(graph, position, seeds);
    std::vector<NodeIndex> broken;
    std::vector<double> value_months;
    for (const auto& [c, months] : down) {
      broken.push_back(c);
      value_months.push_back(inventory.capabilities[c].value_share.value * months);
    }
    pick(d.value_at_risk, which) = value_of(inventory, broken);
    pick(d.value_months_at_risk, which) = order_free_sum(value_months);
    if (which == 1) d.broken_capabilities = std::move(broken);
  }
  d.classification = classify_value(d.value_at_risk.likely, policy);
  return d;
}

DepartureResult departure_scenario(const Inventory& inventory, const Analysis& analysis, const DependencySets& sets,
                                   NodeIndex key, double notice_months, const std::vector<NodeIndex>& candidates) {
  // The exits are held only while scoring: at 300,000 exits a stored copy would cost more than the inventory.
  return score_departure(inventory, analysis, notice_months, exit_works(inventory, analysis, sets, key, candidates));
}

void compute_provider_dependence(const Inventory& inventory, Analysis& analysis) {
  const std::size_t providers = analysis.graph.providers.size();
  analysis.capability_sets = SetArena(capability_units(inventory));
  analysis.capability_dependants = dependant_closures(analysis.graph, analysis.capability_sets);
  const std::vector<SetHandle> critical = capabilities_by_key(analysis.sets, analysis.sets.capability_own_critical, providers,
                                                              analysis.capability_dependants, analysis.capability_sets);
  const std::vector<double> exposure = exposure_by_key(inventory, analysis.graph, analysis.sets, providers);
  const auto candidates = exit_candidates(analysis.graph, analysis.sets, providers);

  analysis.providers.resize(providers);
  Concentration& k = analysis.concentration;
  std::vector<double> squares;
  for (NodeIndex p = 0; p < providers; ++p) {
    ProviderResult& r = analysis.providers[p];
    const Provider& provider = inventory.providers[p];
    r.provider = p;
    r.critical_capabilities = critical[p];
    r.exposure = exposure[p];
    r.critical_share = value_of(analysis.capability_sets, critical[p]);
    const double notice = notice_of(provider, analysis.policy);
    r.departure = departure_scenario(inventory, analysis, analysis.sets, p, notice, candidates[p]);
    squares.push_back(r.critical_share * r.critical_share);
    const bool larger = r.critical_share > k.largest_critical_share;
    const bool tie_by_id = k.largest_provider && r.critical_share == k.largest_critical_share &&
                           provider.id.value < inventory.providers[*k.largest_provider].id.value;
    if (r.critical_share > 0 && (larger || tie_by_id)) {
      k.largest_critical_share = r.critical_share;
      k.largest_provider = p;
    }
  }
  k.hhi = order_free_sum(std::move(squares));
  std::vector<NodeIndex> with_spof;
  for (NodeIndex c = 0; c < analysis.sets.capability_critical.size(); ++c) {
    if (!analysis.sets.capability_critical[c].empty()) with_spof.push_back(c);
  }
  k.value_with_single_point_of_failure = value_of(inventory, with_spof);
}

}  // namespace sovaudit::analysis
