// Provider groups (DESIGN 4.3): providers under one ultimate parent can leave together, so their
// concentration and a departure of the whole group are scored as one.
#include <algorithm>
#include <map>

#include "analysis_internal.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::analysis {

void compute_groups(const Inventory& inventory, Analysis& analysis) {
  const std::size_t providers = analysis.graph.providers.size();
  // Providers named by the same parent form a group. A provider without a parent is a group of
  // its own whose figures are the provider's, so it is counted in the concentration but not
  // scored again (at 100,000 providers that would double the analysis).
  std::map<std::string, std::vector<NodeIndex>> members;
  for (NodeIndex p = 0; p < providers; ++p) {
    const Provider& provider = inventory.providers[p];
    if (provider.ultimate_parent && provider.ultimate_parent->name.present) {
      members[provider.ultimate_parent->name.value].push_back(p);
    }
  }
  const auto groups = static_cast<NodeIndex>(members.size());
  // A provider outside every named group adds no key: its failure alone is the provider's own result.
  std::vector<NodeIndex> group_of(providers, kNoKey);
  analysis.groups.reserve(members.size());
  for (auto& [name, list] : members) {
    GroupResult r;
    r.name = name;
    r.named_by_parent = true;
    r.providers = std::move(list);
    std::sort(r.providers.begin(), r.providers.end(), [&](NodeIndex a, NodeIndex b) {
      return inventory.providers[a].id.value < inventory.providers[b].id.value;
    });
    for (NodeIndex p : r.providers) group_of[p] = static_cast<NodeIndex>(analysis.groups.size());
    analysis.groups.push_back(std::move(r));
  }
  const DependencySets sets = compute_keyed_dependency_sets(analysis.graph, group_of);
  const std::vector<SetHandle> critical = capabilities_by_key(sets, sets.capability_own_critical, groups,
                                                              analysis.capability_dependants, analysis.capability_sets);
  const std::vector<double> exposure = exposure_by_key(inventory, analysis.graph, sets, groups);
  const auto candidates = exit_candidates(analysis.graph, sets, groups);

  const EffectivePolicy& policy = analysis.policy;
  Concentration& k = analysis.concentration;
  std::vector<double> squares;
  // The largest group, named or single, ties broken by name.
  std::string largest_name;
  const auto consider = [&](double share, const std::string& name, std::optional<std::size_t> group,
                            std::optional<NodeIndex> single) {
    squares.push_back(share * share);
    if (share <= 0) return;
    if (share > k.largest_group_critical_share || (share == k.largest_group_critical_share && name < largest_name)) {
      k.largest_group_critical_share = share;
      k.largest_group = group;
      k.largest_single_provider_group = single;
      largest_name = name;
    }
  };
  for (NodeIndex g = 0; g < groups; ++g) {
    GroupResult& r = analysis.groups[g];
    double notice = 0;
    std::vector<double> spends;
    for (std::size_t i = 0; i < r.providers.size(); ++i) {
      const Provider& p = inventory.providers[r.providers[i]];
      const double own = notice_of(p, policy);
      notice = i == 0 ? own : std::min(notice, own);
      spends.push_back(p.annual_spend.value);
    }
    r.annual_spend = order_free_sum(std::move(spends));
    r.spend_share = policy.total_annual_spend > 0 ? r.annual_spend / policy.total_annual_spend : 0;
    r.critical_capabilities = critical[g];
    r.critical_share = value_of(analysis.capability_sets, critical[g]);
    r.exposure = exposure[g];
    r.departure = departure_scenario(inventory, analysis, sets, g, notice, candidates[g]);
    r.classification = r.departure.classification;
    consider(r.critical_share, r.name, g, std::nullopt);
    if (r.providers.size() > 1 && r.critical_share > 0 &&
        (!k.most_critical_shared_group ||
         r.critical_share > analysis.groups[*k.most_critical_shared_group].critical_share)) {
      k.most_critical_shared_group = g;
    }
  }
  for (NodeIndex p = 0; p < providers; ++p) {
    if (group_of[p] != kNoKey) continue;
    consider(analysis.providers[p].critical_share, inventory.providers[p].id.value.str(), std::nullopt, p);
  }
  k.group_hhi = order_free_sum(std::move(squares));
}

}  // namespace sovaudit::analysis
