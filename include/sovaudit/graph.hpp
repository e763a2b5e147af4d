// The dependency graph (DESIGN 4.1): capabilities, slots and providers as an AND-OR graph.
#pragma once

#include <cstdint>
#include <vector>

#include "sovaudit/dates.hpp"
#include "sovaudit/lifecycle.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit {

/// Index of a provider, capability or slot in the graph (equal to its position in the inventory).
using NodeIndex = std::uint32_t;

/// provider -> upstream provider (AND).
struct UpstreamEdge {
  NodeIndex provider = 0;          ///< the upstream provider
  UpstreamRole role = UpstreamRole::Model;
  double price_passthrough = 1.0;  ///< the link's, or default_passthrough(role); 0 for held weights
  bool passthrough_defaulted = false;  ///< the link gives no price_passthrough
  bool propagates_failure = true;  ///< false for licensed open weights: the model keeps running without its licensor
  const UpstreamLink* link = nullptr;

  /// Published weights that the licensee holds: no failure, no price and no control passes along it.
  [[nodiscard]] bool held_weights() const { return !propagates_failure; }
};

/// The documented share of a provider's price that an upstream of `role` makes up, used when a
/// link gives no price_passthrough (docs/scoring.md, section 5): model 0.8, weights 0.3, hosting and
/// compute 0.3, storage 0.1, other 0.1.
double default_passthrough(UpstreamRole role);

/// One way a slot can be served.
struct SlotOption {
  NodeIndex provider = 0;
  bool primary = false;
  bool ready = false;  ///< the primary, or a fallback tested within the drill age and still served on as_of
  const ProviderUse* use = nullptr;
};

/// capability -> slot (AND); slot -> providers (OR over the ready options).
struct SlotNode {
  NodeIndex capability = 0;
  const Need* need = nullptr;
  std::vector<SlotOption> options;  ///< primary first, then fallbacks in file order
};

/// A provider node and its upstream edges.
struct ProviderNode {
  const Provider* provider = nullptr;
  std::vector<UpstreamEdge> upstream;
};

/// A capability node: its slots (AND) and required capabilities (AND).
struct CapabilityNode {
  const Capability* capability = nullptr;
  std::vector<NodeIndex> slots;
  std::vector<NodeIndex> requires_capabilities;
  std::vector<NodeIndex> required_by;  ///< reverse of requires_capabilities
};

/// What decides whether a fallback is ready.
struct GraphOptions {
  Date as_of;
  double drill_max_age_months = 12;
  /// --lifecycle dates (may be null): a fallback whose model or provider is gone by as_of is not ready.
  const Lifecycle* lifecycle = nullptr;
};

/// The AND-OR graph of a valid inventory. Pointers refer into the inventory, which must outlive it.
struct DependencyGraph {
  std::vector<ProviderNode> providers;
  std::vector<CapabilityNode> capabilities;
  std::vector<SlotNode> slots;
  std::vector<NodeIndex> provider_order;    ///< every provider after all of its upstream providers
  std::vector<NodeIndex> capability_order;  ///< every capability after all capabilities it requires
  std::vector<NodeIndex> capability_position;  ///< capability -> its index in capability_order
  std::vector<std::vector<NodeIndex>> downstream;  ///< provider -> providers that list it as upstream
};

/// Builds the graph of an inventory that passed check_inventory (no dangling references, no cycles).
/// Entries with a duplicate id are left out; references resolve to the first definition.
DependencyGraph build_graph(const Inventory& inventory, const GraphOptions& options);

/// Average length of a month in days (365.25 / 12), used to turn outage months into days.
inline constexpr double kDaysPerMonth = 30.4375;

/// True when `tested` lies at most `max_age_months` calendar months before `as_of` (and not after it).
bool tested_within(const Date& tested, const Date& as_of, double max_age_months);

/// Age of `tested` at `as_of` in calendar months (negative when in the future).
double age_in_months(const Date& tested, const Date& as_of);

}  // namespace sovaudit
