// Jurisdiction scenarios (DESIGN 4.6): each foreign jurisdiction switches off every provider it
// reaches; and the data, compute and model layers of every capability.
#include <algorithm>
#include <map>
#include <optional>

#include "analysis_internal.hpp"
#include "sovaudit/geo.hpp"

namespace sovaudit::analysis {
namespace {

/// Folds one slot's layer into the capability's: the worst status wins, jurisdictions accumulate.
void merge_layer(LayerResult& into, LayerStatus status, const std::vector<std::string>& jurisdictions) {
  into.status = std::max(into.status, status);
  bool added = false;
  for (const std::string& j : jurisdictions) {
    if (std::find(into.jurisdictions.begin(), into.jurisdictions.end(), j) == into.jurisdictions.end()) {
      into.jurisdictions.push_back(j);
      added = true;
    }
  }
  if (added) std::sort(into.jurisdictions.begin(), into.jurisdictions.end());
}

/// Status of a layer run by `operators`: foreign when any answers to untrusted law.
LayerStatus controller_status(const Inventory& inventory, const TrustedLaw& law, const std::vector<NodeIndex>& operators,
                              std::vector<std::string>& jurisdictions, bool open_weights_count_as_held) {
  LayerStatus status = LayerStatus::Trusted;
  for (NodeIndex o : operators) {
    const Provider& p = inventory.providers[o];
    const auto reach = reaching_jurisdictions(p);
    jurisdictions.insert(jurisdictions.end(), reach.begin(), reach.end());
    // Open weights can be run anywhere: whoever publishes them cannot take them back.
    if (open_weights_count_as_held && p.open_weights.value) continue;
    if (!p.hq.present) status = std::max(status, LayerStatus::Unknown);
    for (const std::string& j : reach) {
      if (!law.trusts(j)) status = LayerStatus::Foreign;
    }
  }
  return status;
}

/// The providers at the end of `roles` chains from `start` (those with no further such upstream).
std::vector<NodeIndex> chain_ends(const DependencyGraph& graph, NodeIndex start, std::initializer_list<UpstreamRole> roles) {
  std::vector<NodeIndex> ends;
  for (NodeIndex p : upstream_chain(graph, start, roles)) {
    const auto& up = graph.providers[p].upstream;
    const bool has_more = std::any_of(up.begin(), up.end(), [&](const UpstreamEdge& e) {
      return std::find(roles.begin(), roles.end(), e.role) != roles.end();
    });
    if (!has_more) ends.push_back(p);
  }
  return ends;
}

bool serves_a_model(const Provider& p, const DependencyGraph& graph, NodeIndex index) {
  const ProviderKind k = p.kind.value;
  if (k == ProviderKind::ModelApi || k == ProviderKind::HostedModel || k == ProviderKind::SelfHosted) return true;
  const auto& up = graph.providers[index].upstream;
  return std::any_of(up.begin(), up.end(), [](const UpstreamEdge& e) {
    return e.role == UpstreamRole::Model || e.role == UpstreamRole::Weights;
  });
}

/// The three layers of a slot served by one primary provider.
struct ProviderLayers {
  LayerResult data, compute, model;
};

ProviderLayers layers_of(const Inventory& inventory, const TrustedLaw& law, const DependencyGraph& graph,
                         NodeIndex primary) {
  ProviderLayers out;
  // Data: every region where the primary or its processing chain handles the data.
  out.data.status = LayerStatus::Trusted;
  for (NodeIndex p : upstream_chain(graph, primary, {UpstreamRole::Model, UpstreamRole::Hosting,
                                                     UpstreamRole::Compute, UpstreamRole::Storage})) {
    const Provider& provider = inventory.providers[p];
    if (provider.regions.empty()) out.data.status = std::max(out.data.status, LayerStatus::Unknown);
    for (const auto& region : provider.regions) {
      out.data.jurisdictions.push_back(region.value);
      if (!law.trusts(region.value)) out.data.status = LayerStatus::Foreign;
    }
  }
  // Compute: whoever runs the servers at the end of the hosting chain.
  const auto hosts = chain_ends(graph, primary, {UpstreamRole::Hosting, UpstreamRole::Compute});
  out.compute.status = controller_status(inventory, law, hosts, out.compute.jurisdictions, false);
  // Model: whoever controls the weights at the end of the model chain.
  if (serves_a_model(inventory.providers[primary], graph, primary)) {
    const auto owners = chain_ends(graph, primary, {UpstreamRole::Model, UpstreamRole::Weights});
    out.model.status = controller_status(inventory, law, owners, out.model.jurisdictions, true);
  }
  return out;
}

void compute_layers(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  // Many slots share a primary: work each provider's layers out once.
  std::vector<std::optional<ProviderLayers>> cache(graph.providers.size());
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    CapabilityResult& r = analysis.capabilities[c];
    for (NodeIndex s : graph.capabilities[c].slots) {
      const NodeIndex primary = graph.slots[s].options.front().provider;
      if (!cache[primary]) cache[primary] = layers_of(inventory, law, graph, primary);
      const ProviderLayers& layers = *cache[primary];
      merge_layer(r.data, layers.data.status, layers.data.jurisdictions);
      merge_layer(r.compute, layers.compute.status, layers.compute.jurisdictions);
      merge_layer(r.model, layers.model.status, layers.model.jurisdictions);
    }
  }
}

}  // namespace

void compute_jurisdictions(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  // A jurisdiction reaches a provider through its hq, its parent's hq, and the countries where its
  // machines stand (seizure, local orders): each with its reason, ordered by code for a stable report.
  std::map<std::string, std::vector<std::pair<NodeIndex, std::uint8_t>>> reach;
  for (const ProviderResult& p : analysis.providers) {
    const Provider& provider = inventory.providers[p.provider];
    std::map<std::string, std::uint8_t> why;
    if (provider.hq.present) why[provider.hq.value] |= kReachHq;
    if (provider.ultimate_parent && provider.ultimate_parent->hq.present) {
      why[provider.ultimate_parent->hq.value] |= kReachParent;
    }
    for (const Located<std::string>& region : provider.regions) {
      if (!is_country_group(region.value)) why[region.value] |= kReachRegion;  // a group names no single law
    }
    for (const auto& [code, reasons] : why) {
      if (!law.trusts(code)) reach[code].emplace_back(p.provider, reasons);
    }
  }
  std::map<std::string, std::vector<NodeIndex>> reached;
  for (const auto& [code, list] : reach) {
    for (const auto& entry : list) reached[code].push_back(entry.first);
  }
  for (const auto& [code, providers] : reached) {
    JurisdictionResult r;
    r.code = code;
    r.providers = providers;
    for (const auto& entry : reach[code]) r.reasons.push_back(entry.second);
    const Outage outage = simulate_outage(graph, providers);
    for (NodeIndex p = 0; p < graph.providers.size(); ++p) {
      if (outage.provider_down[p] && !std::binary_search(providers.begin(), providers.end(), p)) {
        r.affected_providers.push_back(p);
      }
    }
    for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
      if (!outage.capability_down[c]) continue;
      r.broken_capabilities.push_back(c);
    }
    r.value_at_risk = value_of(inventory, r.broken_capabilities);
    r.classification = classify_value(r.value_at_risk, analysis.policy);
    analysis.jurisdictions.push_back(std::move(r));
  }
  analysis.capabilities.resize(graph.capabilities.size());
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) analysis.capabilities[c].capability = c;
  compute_layers(inventory, law, analysis);
}

}  // namespace sovaudit::analysis
