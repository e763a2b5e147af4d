// Critical and touched provider sets over the AND-OR graph, and simultaneous-outage propagation.
#include <algorithm>

#include "sovaudit/dependency_sets.hpp"

namespace sovaudit {

DependencySets compute_dependency_sets(const DependencyGraph& graph) {
  std::vector<NodeIndex> identity(graph.providers.size());
  for (NodeIndex p = 0; p < identity.size(); ++p) identity[p] = p;
  return compute_keyed_dependency_sets(graph, identity);
}

DependencySets compute_keyed_dependency_sets(const DependencyGraph& graph, std::span<const NodeIndex> key_of) {
  DependencySets sets;
  SetArena& arena = sets.arena;
  const std::size_t providers = graph.providers.size();
  std::vector<SetHandle> own_key(providers);
  for (NodeIndex p = 0; p < providers; ++p) {
    if (key_of[p] != kNoKey) own_key[p] = arena.singleton(key_of[p]);
  }
  sets.provider_critical.resize(providers);
  sets.provider_touched.resize(providers);
  for (NodeIndex p : graph.provider_order) {  // upstream providers come first
    SetHandle critical = own_key[p], touched = own_key[p];
    bool same = true;  // every upstream fails with its whole chain: touched is critical, built once
    for (const UpstreamEdge& e : graph.providers[p].upstream) {
      same = same && e.propagates_failure && sets.provider_touched[e.provider] == sets.provider_critical[e.provider];
      if (e.propagates_failure) critical = arena.unite(critical, sets.provider_critical[e.provider]);
    }
    if (same) {
      touched = critical;
    } else {
      for (const UpstreamEdge& e : graph.providers[p].upstream) {
        touched = arena.unite(touched, sets.provider_touched[e.provider]);
      }
    }
    sets.provider_critical[p] = critical;
    sets.provider_touched[p] = touched;
  }

  sets.slot_critical.resize(graph.slots.size());
  for (NodeIndex s = 0; s < graph.slots.size(); ++s) {
    bool first = true;
    SetHandle critical;
    for (const SlotOption& option : graph.slots[s].options) {
      if (!option.ready) continue;
      const SetHandle option_set = sets.provider_critical[option.provider];
      critical = first ? option_set : arena.intersect(critical, option_set);
      first = false;
      if (critical.empty()) break;  // some pair of options shares nothing: no single point of failure
    }
    sets.slot_critical[s] = critical;
  }

  const std::size_t capabilities = graph.capabilities.size();
  sets.capability_own_critical.resize(capabilities);
  sets.capability_critical.resize(capabilities);
  sets.capability_own_touched.resize(capabilities);
  sets.capability_touched.resize(capabilities);
  for (NodeIndex c : graph.capability_order) {  // required capabilities come first
    const CapabilityNode& node = graph.capabilities[c];
    SetHandle own_critical, own_touched;
    for (NodeIndex s : node.slots) {
      own_critical = arena.unite(own_critical, sets.slot_critical[s]);
      for (const SlotOption& option : graph.slots[s].options) {
        own_touched = arena.unite(own_touched, sets.provider_touched[option.provider]);
      }
    }
    SetHandle critical = own_critical, touched = own_touched;
    bool same = own_critical == own_touched;  // as for providers: one set when the two coincide
    for (NodeIndex required : node.requires_capabilities) {
      same = same && sets.capability_critical[required] == sets.capability_touched[required];
      critical = arena.unite(critical, sets.capability_critical[required]);
    }
    if (same) {
      touched = critical;
    } else {
      for (NodeIndex required : node.requires_capabilities) touched = arena.unite(touched, sets.capability_touched[required]);
    }
    sets.capability_own_critical[c] = own_critical;
    sets.capability_critical[c] = critical;
    sets.capability_own_touched[c] = own_touched;
    sets.capability_touched[c] = touched;
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
