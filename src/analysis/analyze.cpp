// analyze(): effective policy, trusted law, then every analysis step in a fixed order.
#include <algorithm>
#include <utility>

#include "analysis_internal.hpp"
#include "sovaudit/parallel.hpp"
#include "sovaudit/exact.hpp"
#include "sovaudit/geo.hpp"

namespace sovaudit {
namespace {

EffectivePolicy effective_policy(const Inventory& inventory, const AnalysisOptions& options) {
  const Policy& p = inventory.policy;
  EffectivePolicy e;
  e.build_threshold = p.build_threshold.value;
  e.notice_months = options.notice_months.value_or(p.notice_months.value);
  e.price_multiplier = options.price_multiplier.value_or(p.price_multiplier.value);
  e.horizon_months = p.horizon_months.value;
  e.existential_value_share = p.existential_value_share.value;
  e.material_value_share = p.material_value_share.value;
  e.existential_budget_share = p.existential_budget_share.value;
  e.material_budget_share = p.material_budget_share.value;
  e.drill_max_age_months = p.drill_max_age_months.value;
  e.min_outage_days = p.min_outage_days.value;
  const Organization& o = inventory.organization;
  if (o.engineer_week_cost.present) e.engineer_week_cost = o.engineer_week_cost.value;
  // A budget is never guessed from the spends: that would make each provider's class depend on
  // every other provider's spend (docs/scoring.md, section 5).
  if (o.annual_ai_budget.present) e.annual_ai_budget = o.annual_ai_budget.value;
  std::vector<double> spends;
  for (const Provider& provider : inventory.providers) spends.push_back(provider.annual_spend.value);
  e.total_annual_spend = order_free_sum(std::move(spends));
  return e;
}

}  // namespace

namespace analysis {

bool TrustedLaw::within(std::string_view code, std::span<const std::string> areas) {
  auto country_within = [&](std::string_view country) {
    return std::any_of(areas.begin(), areas.end(), [&](const std::string& a) { return country_in(country, a); });
  };
  if (!is_country_group(code)) return country_within(code);
  // A group is within the areas only when every member is; EU within EEA, but not EEA within EU.
  if (std::any_of(areas.begin(), areas.end(), [&](const std::string& a) { return a == code; })) return true;
  const auto members = group_members(code);
  return std::all_of(members.begin(), members.end(), country_within);
}

std::vector<std::string> reaching_jurisdictions(const Provider& provider) {
  std::vector<std::string> out;
  if (provider.hq.present) out.push_back(provider.hq.value.str());
  if (provider.ultimate_parent && provider.ultimate_parent->hq.present) out.push_back(provider.ultimate_parent->hq.value);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<NodeIndex> upstream_chain(const DependencyGraph& graph, NodeIndex provider,
                                      std::initializer_list<UpstreamRole> roles) {
  return reach_upstream(graph, provider, [&](NodeIndex, const UpstreamEdge& e) {
    return std::find(roles.begin(), roles.end(), e.role) != roles.end();
  });
}

std::vector<NodeIndex> processing_chain(const DependencyGraph& graph, NodeIndex provider) {
  return reach_upstream(graph, provider, [&](NodeIndex from, const UpstreamEdge& e) {
    const bool sealed = graph.providers[from].provider->air_gapped.value;
    return e.role == UpstreamRole::Model || e.role == UpstreamRole::Storage ||
           (!sealed && (e.role == UpstreamRole::Hosting || e.role == UpstreamRole::Compute));
  });
}

}  // namespace analysis

std::string_view to_string(Classification c) {
  switch (c) {
    case Classification::Existential:
      return "existential";
    case Classification::Material:
      return "material";
    case Classification::Acceptable:
      break;
  }
  return "acceptable";
}

std::string_view to_string(Recommendation r) {
  switch (r) {
    case Recommendation::Migrate:
      return "migrate";
    case Recommendation::ReviewFallback:
      return "review-fallback";
    case Recommendation::NotApplicable:
      return "not-applicable";
    case Recommendation::Unknown:
      return "unknown";
    case Recommendation::Absorb:
      break;
  }
  return "absorb";
}

std::string_view to_string(LayerStatus s) {
  switch (s) {
    case LayerStatus::Own:
      return "own";
    case LayerStatus::Trusted:
      return "trusted";
    case LayerStatus::Unknown:
      return "unknown";
    case LayerStatus::Foreign:
      return "foreign";
    case LayerStatus::NotApplicable:
      break;
  }
  return "n/a";
}

Classification classify_value(double value_at_risk, const EffectivePolicy& policy) {
  if (reaches(value_at_risk, policy.existential_value_share)) return Classification::Existential;
  if (reaches(value_at_risk, policy.material_value_share)) return Classification::Material;
  return Classification::Acceptable;
}

Classification classify_budget(double budget_share, const EffectivePolicy& policy) {
  if (reaches(budget_share, policy.existential_budget_share)) return Classification::Existential;
  if (reaches(budget_share, policy.material_budget_share)) return Classification::Material;
  return Classification::Acceptable;
}

GraphOptions graph_options(const Inventory& inventory, const AnalysisOptions& options) {
  return GraphOptions{options.as_of, effective_policy(inventory, options).drill_max_age_months, options.lifecycle};
}

Analysis analyze(const Inventory& inventory, const AnalysisOptions& options) {
  return analyze(inventory, build_graph(inventory, graph_options(inventory, options)), options);
}

Analysis analyze(const Inventory& inventory, DependencyGraph graph, const AnalysisOptions& options) {
  Analysis analysis;
  analysis.as_of = options.as_of;
  analysis.policy = effective_policy(inventory, options);
  analysis.trusted.push_back(inventory.organization.jurisdiction.value);
  for (const Located<std::string>& t : inventory.organization.trusted_jurisdictions) {
    if (std::find(analysis.trusted.begin(), analysis.trusted.end(), t.value) == analysis.trusted.end()) {
      analysis.trusted.push_back(t.value);  // an organisation may list its own country again
    }
  }
  const analysis::TrustedLaw law(analysis.trusted);

  analysis.graph = std::move(graph);
  // The flows and the dated departures read only the graph, the policy and the date, and each fills
  // members of its own, so they run beside the dependency analyses, which fill the rest.
  run_beside(
      [&] {
        analysis::compute_flows(inventory, law, analysis);
        analysis::compute_dated_departures(inventory, options.lifecycle, analysis);
      },
      [&] {
        analysis.sets = compute_dependency_sets(analysis.graph);
        analysis::compute_provider_dependence(inventory, analysis);
        analysis::compute_price_shocks(inventory, analysis);
        for (ProviderResult& p : analysis.providers) {
          p.reaching_jurisdictions = analysis::reaching_jurisdictions(inventory.providers[p.provider]);
          for (const std::string& j : p.reaching_jurisdictions) {
            if (!law.trusts(j)) p.foreign_jurisdictions.push_back(j);
          }
          p.classification = std::max(p.departure.classification, p.price_shock.classification);
        }
        // Once every provider's dependence is known, the provider groups (groups, the capability
        // set arena, the concentration) and the jurisdictions and criteria (jurisdictions,
        // capabilities) read it and fill members of their own, so they too run side by side.
        run_beside([&] { analysis::compute_groups(inventory, analysis); },
                   [&] {
                     analysis::compute_jurisdictions(inventory, law, analysis);
                     analysis::compute_criteria(inventory, analysis);
                   });
      });
  if (options.observed) analysis.drift = compute_drift(inventory, *options.observed);
  // The passes and writers only read the sets, and the scan's memory peaks after this point: keep
  // the nodes of the sets still held, not those of every union and intersection on the way.
  DependencySets& sets = analysis.sets;
  sets.arena.keep_reachable([&](auto&& keep) {
    for (auto* list : {&sets.provider_critical, &sets.slot_critical, &sets.capability_own_critical,
                       &sets.capability_critical, &sets.provider_touched, &sets.capability_own_touched,
                       &sets.capability_touched}) {
      for (SetHandle& handle : *list) keep(handle);
    }
    for (CapabilityResult& c : analysis.capabilities) keep(c.critical_providers);
  });
  analysis.capability_sets.keep_reachable([&](auto&& keep) {
    for (SetHandle& handle : analysis.capability_dependants) keep(handle);
    for (ProviderResult& p : analysis.providers) keep(p.critical_capabilities);
    for (GroupResult& g : analysis.groups) keep(g.critical_capabilities);
  });
  return analysis;
}

}  // namespace sovaudit
