// Jurisdiction scenarios (DESIGN 4.6): each foreign jurisdiction switches off every provider it
// reaches; and the data, compute and model layers of every capability.
#include <algorithm>
#include <map>
#include <optional>

#include "analysis_internal.hpp"
#include "sovaudit/geo.hpp"

namespace sovaudit::analysis {
namespace {

/// A layer being assembled from the slots of one capability.
struct LayerDraft {
  LayerStatus status = LayerStatus::NotApplicable;
  std::vector<std::string> controllers;  ///< process (data), operate (compute) or control (model)
  std::vector<std::string> origins;      ///< where open weights we hold come from (model only)

  void raise(LayerStatus s) { status = std::max(status, s); }
  /// Adds `code` once: there are at most a few hundred codes, but a hostile list may repeat one
  /// 100,000 times and many capabilities may share the list.
  static void add(std::vector<std::string>& into, const std::string& code) {
    if (std::find(into.begin(), into.end(), code) == into.end()) into.push_back(code);
  }
  /// Folds another slot's layer in: the worst status wins, jurisdictions accumulate.
  void merge(const LayerDraft& other) {
    raise(other.status);
    for (const std::string& c : other.controllers) add(controllers, c);
    for (const std::string& o : other.origins) add(origins, o);
  }
  /// Controllers sorted and unique, then origins sorted and unique.
  [[nodiscard]] LayerResult finish() && {
    const auto tidy = [](std::vector<std::string>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    tidy(controllers);
    tidy(origins);
    LayerResult out;
    out.status = status;
    out.controller_count = static_cast<std::uint32_t>(controllers.size());
    // One block at its exact size: one result per capability, and the drafts held every slot's repeats.
    std::vector<std::string_view> codes(controllers.begin(), controllers.end());
    codes.insert(codes.end(), origins.begin(), origins.end());
    out.jurisdictions = TextList(codes);
    return out;
  }
};

/// The layer run by `operators`: our own machines and the open weights we hold count as own (the
/// weights' publisher as their origin, when `weights_can_be_held`); otherwise foreign when any
/// operator answers to untrusted law, unknown when one's law is unknown.
LayerDraft controller_layer(const Inventory& inventory, const TrustedLaw& law, const std::vector<NodeIndex>& operators,
                            bool weights_can_be_held) {
  LayerDraft out;
  out.status = LayerStatus::Own;
  for (NodeIndex o : operators) {
    const Provider& p = inventory.providers[o];
    const auto reach = reaching_jurisdictions(p);
    // Open weights can be run anywhere: whoever publishes them cannot take them back.
    if (weights_can_be_held && p.open_weights.value) {
      for (const std::string& j : reach) LayerDraft::add(out.origins, j);
      continue;
    }
    for (const std::string& j : reach) LayerDraft::add(out.controllers, j);
    if (p.operated_by.value == Operator::Self) continue;
    out.raise(LayerStatus::Trusted);
    if (!p.hq.present) out.raise(LayerStatus::Unknown);
    for (const std::string& j : reach) {
      if (!law.trusts(j)) out.raise(LayerStatus::Foreign);
    }
  }
  return out;
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

/// Data: every region where the primary (in its pinned regions, if any) or its processing chain
/// handles the data.
LayerDraft data_layer(const Inventory& inventory, const TrustedLaw& law, const DependencyGraph& graph,
                      NodeIndex primary, const std::vector<Located<std::string>>& pins) {
  LayerDraft out;
  out.status = LayerStatus::Trusted;
  for (NodeIndex p : processing_chain(graph, primary)) {
    const auto& regions = p == primary && !pins.empty() ? pins : inventory.providers[p].regions;
    if (regions.empty()) out.raise(LayerStatus::Unknown);
    for (const auto& region : regions) {
      LayerDraft::add(out.controllers, region.value);
      if (!law.trusts(region.value)) out.raise(LayerStatus::Foreign);
    }
  }
  return out;
}

/// The three layers of a slot served by one primary provider (data without pins).
struct ProviderLayers {
  LayerDraft data, compute, model;
};

ProviderLayers layers_of(const Inventory& inventory, const TrustedLaw& law, const DependencyGraph& graph,
                         NodeIndex primary) {
  ProviderLayers out;
  out.data = data_layer(inventory, law, graph, primary, {});
  // Compute: whoever runs the machines at the end of the chain that serves requests.
  const auto hosts = chain_ends(graph, primary, {UpstreamRole::Model, UpstreamRole::Hosting, UpstreamRole::Compute});
  out.compute = controller_layer(inventory, law, hosts, false);
  // Model: whoever can change or withdraw the weights at the end of the model chain.
  if (serves_a_model(inventory.providers[primary], graph, primary)) {
    const auto owners = chain_ends(graph, primary, {UpstreamRole::Model, UpstreamRole::Weights});
    out.model = controller_layer(inventory, law, owners, true);
  }
  return out;
}

void compute_layers(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  // Many slots share a primary: work each provider's layers out once.
  std::vector<std::optional<ProviderLayers>> cache(graph.providers.size());
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    CapabilityResult& r = analysis.capabilities[c];
    LayerDraft data, compute, model;
    for (NodeIndex s : graph.capabilities[c].slots) {
      const SlotOption& primary = graph.slots[s].options.front();
      if (!cache[primary.provider]) cache[primary.provider] = layers_of(inventory, law, graph, primary.provider);
      const ProviderLayers& layers = *cache[primary.provider];
      const auto& pins = primary.use->regions.list();
      data.merge(pins.empty() ? layers.data : data_layer(inventory, law, graph, primary.provider, pins));
      compute.merge(layers.compute);
      model.merge(layers.model);
    }
    r.data = std::move(data).finish();
    r.compute = std::move(compute).finish();
    r.model = std::move(model).finish();
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
    if (provider.hq.present) why[provider.hq.value.str()] |= kReachHq;
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
