// Critical and touched provider sets over the AND-OR graph, and simultaneous-outage propagation.
#include <algorithm>
#include <iterator>

#include "sovaudit/dependency_sets.hpp"

namespace sovaudit {
namespace {

void unite(ProviderSet& into, const ProviderSet& other) {
  if (other.empty()) return;
  if (into.empty()) {
    into = other;
    return;
  }
  ProviderSet merged;
  merged.reserve(into.size() + other.size());
  std::set_union(into.begin(), into.end(), other.begin(), other.end(), std::back_inserter(merged));
  into.swap(merged);
}

ProviderSet intersect(const ProviderSet& a, const ProviderSet& b) {
  ProviderSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

bool contains(const ProviderSet& set, NodeIndex provider) {
  return std::binary_search(set.begin(), set.end(), provider);
}

DependencySets compute_dependency_sets(const DependencyGraph& graph) {
  std::vector<NodeIndex> identity(graph.providers.size());
  for (NodeIndex p = 0; p < identity.size(); ++p) identity[p] = p;
  return compute_keyed_dependency_sets(graph, identity);
}

DependencySets compute_keyed_dependency_sets(const DependencyGraph& graph, std::span<const NodeIndex> key_of) {
  DependencySets sets;
  const std::size_t providers = graph.providers.size();
  sets.provider_critical.resize(providers);
  sets.provider_touched.resize(providers);
  for (NodeIndex p : graph.provider_order) {  // upstream providers come first
    ProviderSet critical, touched;
    if (key_of[p] != kNoKey) {
      critical.push_back(key_of[p]);
      touched.push_back(key_of[p]);
    }
    for (const UpstreamEdge& e : graph.providers[p].upstream) {
      if (e.propagates_failure) unite(critical, sets.provider_critical[e.provider]);
      unite(touched, sets.provider_touched[e.provider]);
    }
    sets.provider_critical[p] = std::move(critical);
    sets.provider_touched[p] = std::move(touched);
  }

  sets.slot_critical.resize(graph.slots.size());
  for (NodeIndex s = 0; s < graph.slots.size(); ++s) {
    bool first = true;
    ProviderSet critical;
    for (const SlotOption& option : graph.slots[s].options) {
      if (!option.ready) continue;
      const ProviderSet& option_set = sets.provider_critical[option.provider];
      critical = first ? option_set : intersect(critical, option_set);
      first = false;
      if (critical.empty()) break;  // some pair of options shares nothing: no single point of failure
    }
    sets.slot_critical[s] = std::move(critical);
  }

  const std::size_t capabilities = graph.capabilities.size();
  sets.capability_own_critical.resize(capabilities);
  sets.capability_critical.resize(capabilities);
  sets.capability_own_touched.resize(capabilities);
  sets.capability_touched.resize(capabilities);
  for (NodeIndex c : graph.capability_order) {  // required capabilities come first
    const CapabilityNode& node = graph.capabilities[c];
    ProviderSet own_critical;
    ProviderSet own_touched;
    for (NodeIndex s : node.slots) {
      unite(own_critical, sets.slot_critical[s]);
      for (const SlotOption& option : graph.slots[s].options) unite(own_touched, sets.provider_touched[option.provider]);
    }
    ProviderSet critical = own_critical;
    ProviderSet touched = own_touched;
    for (NodeIndex required : node.requires_capabilities) {
      unite(critical, sets.capability_critical[required]);
      unite(touched, sets.capability_touched[required]);
    }
    sets.capability_own_critical[c] = std::move(own_critical);
    sets.capability_critical[c] = std::move(critical);
    sets.capability_own_touched[c] = std::move(own_touched);
    sets.capability_touched[c] = std::move(touched);
  }
  return sets;
}

Outage simulate_outage(const DependencyGraph& graph, std::span<const NodeIndex> failed) {
  Outage outage;
  outage.provider_down.assign(graph.providers.size(), false);
  for (NodeIndex p : failed) outage.provider_down[p] = true;
  for (NodeIndex p : graph.provider_order) {
    if (outage.provider_down[p]) continue;
    for (const UpstreamEdge& e : graph.providers[p].upstream) {
      if (e.propagates_failure && outage.provider_down[e.provider]) {
        outage.provider_down[p] = true;
        break;
      }
    }
  }
  outage.capability_down.assign(graph.capabilities.size(), false);
  for (NodeIndex c : graph.capability_order) {
    const CapabilityNode& node = graph.capabilities[c];
    bool down = std::any_of(node.requires_capabilities.begin(), node.requires_capabilities.end(),
                            [&](NodeIndex r) { return outage.capability_down[r]; });
    for (std::size_t i = 0; !down && i < node.slots.size(); ++i) {
      const auto& options = graph.slots[node.slots[i]].options;
      down = std::none_of(options.begin(), options.end(),
                          [&](const SlotOption& o) { return o.ready && !outage.provider_down[o.provider]; });
    }
    outage.capability_down[c] = down;
  }
  return outage;
}

}  // namespace sovaudit
