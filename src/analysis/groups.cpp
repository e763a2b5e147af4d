// Provider groups (DESIGN 4.3): providers under one ultimate parent can leave together, so their
// concentration and a departure of the whole group are scored as one.
#include <algorithm>
#include <map>

#include "analysis_internal.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::analysis {

void compute_groups(const Inventory& inventory, Analysis& analysis) {
  const std::size_t providers = analysis.graph.providers.size();
  // Keyed by (named_by_parent, name): a parent called like a provider id is still its own group.
  std::map<std::pair<bool, std::string>, std::vector<NodeIndex>> members;
  for (NodeIndex p = 0; p < providers; ++p) {
    const Provider& provider = inventory.providers[p];
    if (provider.ultimate_parent && provider.ultimate_parent->name.present) {
      members[{true, provider.ultimate_parent->name.value}].push_back(p);
    } else {
      members[{false, provider.id.value}].push_back(p);
    }
  }
  std::vector<std::pair<std::string, std::pair<bool, std::vector<NodeIndex>>>> ordered;
  for (auto& [key, list] : members) ordered.push_back({key.second, {key.first, std::move(list)}});
  // By name; a parent group before a provider of the same name.
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.first > b.second.first;
  });

  std::vector<NodeIndex> group_of(providers);
  for (NodeIndex g = 0; g < ordered.size(); ++g) {
    for (NodeIndex p : ordered[g].second.second) group_of[p] = g;
  }
  const DependencySets sets = compute_keyed_dependency_sets(analysis.graph, group_of);
  const auto critical = by_key(sets.capability_critical, ordered.size());
  const auto exposed = by_key(sets.capability_touched, ordered.size());
  const auto candidates = exit_candidates(analysis.graph, sets, ordered.size());

  const EffectivePolicy& policy = analysis.policy;
  Concentration& k = analysis.concentration;
  std::vector<double> squares;
  analysis.groups.resize(ordered.size());
  for (NodeIndex g = 0; g < ordered.size(); ++g) {
    GroupResult& r = analysis.groups[g];
    r.name = ordered[g].first;
    r.named_by_parent = ordered[g].second.first;
    r.providers = ordered[g].second.second;
    std::sort(r.providers.begin(), r.providers.end(), [&](NodeIndex a, NodeIndex b) {
      return inventory.providers[a].id.value < inventory.providers[b].id.value;
    });
    double notice = 0;
    std::vector<double> spends;
    for (std::size_t i = 0; i < r.providers.size(); ++i) {
      const Provider& p = inventory.providers[r.providers[i]];
      const double own = p.notice_months.present ? p.notice_months.value : policy.notice_months;
      notice = i == 0 ? own : std::min(notice, own);
      spends.push_back(p.annual_spend.value);
    }
    r.annual_spend = order_free_sum(std::move(spends));
    r.spend_share = policy.total_annual_spend > 0 ? r.annual_spend / policy.total_annual_spend : 0;
    r.critical_capabilities = critical[g];
    r.critical_share = value_of(inventory, critical[g]);
    r.exposure = value_of(inventory, exposed[g]);
    r.departure = departure_scenario(inventory, analysis, sets, g, notice, candidates[g]);
    r.classification = r.departure.classification;
    squares.push_back(r.critical_share * r.critical_share);
    // Groups are sorted by name, so the first of equal shares is the tie-break by name.
    if (r.critical_share > k.largest_group_critical_share) {
      k.largest_group_critical_share = r.critical_share;
      k.largest_group = g;
    }
  }
  k.group_hhi = order_free_sum(std::move(squares));
}

}  // namespace sovaudit::analysis
