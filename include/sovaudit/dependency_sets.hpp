// Single points of failure for all providers at once (DESIGN 4.2), and what-if outages.
#pragma once

#include <span>
#include <vector>

#include "sovaudit/graph.hpp"
#include "sovaudit/persistent_set.hpp"

namespace sovaudit {

/// For every node, the providers it cannot survive without, and the providers it touches at all.
///
/// Computed in one pass over the topological orders: a node's critical set is the union of its
/// AND-children's sets (plus the provider itself) and the intersection of its OR-children's sets.
/// The sets are persistent and share structure, so a chain of 20,000 upstreams or `requires`
/// costs O(n log n) nodes, not the n^2 / 2 elements its sets hold between them.
struct DependencySets {
  SetArena arena;                                   ///< owns every set below
  std::vector<SetHandle> provider_critical;         ///< the provider itself and its failure-propagating upstream chain
  std::vector<SetHandle> slot_critical;             ///< intersection over the slot's ready options
  std::vector<SetHandle> capability_own_critical;   ///< union over the capability's own slots
  std::vector<SetHandle> capability_critical;       ///< the same plus everything required capabilities need
  std::vector<SetHandle> provider_touched;          ///< the provider and its whole upstream chain
  std::vector<SetHandle> capability_own_touched;    ///< every provider any option of any own slot reaches
  std::vector<SetHandle> capability_touched;        ///< the same plus what required capabilities touch

  /// True when `set` holds `key`.
  [[nodiscard]] bool contains(SetHandle set, NodeIndex key) const { return arena.contains(set, key); }
  /// The elements of `set`, ascending.
  [[nodiscard]] std::vector<NodeIndex> elements(SetHandle set) const { return arena.elements(set); }
};

/// Computes every set of `DependencySets` for `graph`.
DependencySets compute_dependency_sets(const DependencyGraph& graph);

/// A key_of value for a provider that belongs to no key: it adds nothing to any set.
inline constexpr NodeIndex kNoKey = static_cast<NodeIndex>(-1);

/// The same sets with each provider p replaced by `key_of[p]` (for example its provider group), so
/// that a capability's critical set names the groups whose loss, all members at once, stops it.
/// Still one pass: the sets of several members of a group merge into one key.
DependencySets compute_keyed_dependency_sets(const DependencyGraph& graph, std::span<const NodeIndex> key_of);

/// What stops when a set of providers fails at once, with no notice.
struct Outage {
  std::vector<bool> provider_down;    ///< failed directly or through a failure-propagating upstream
  std::vector<bool> capability_down;  ///< a slot has no ready option left, or a required capability is down
};

/// Propagates the simultaneous failure of `failed` through upstream chains, slots (only ready
/// fallbacks help) and required capabilities. Linear in the size of the graph.
Outage simulate_outage(const DependencyGraph& graph, std::span<const NodeIndex> failed);

}  // namespace sovaudit
