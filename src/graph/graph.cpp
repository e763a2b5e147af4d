// Building the AND-OR dependency graph and its topological orders from a checked inventory.
#include "sovaudit/graph.hpp"
#include "sovaudit/retirements.hpp"

#include "sovaudit/index.hpp"

namespace sovaudit {
namespace {

/// Orders nodes so that each comes after everything it points to (iterative, no recursion).
std::vector<NodeIndex> post_order(std::size_t count, const auto& targets_of) {
  std::vector<NodeIndex> order;
  order.reserve(count);
  std::vector<unsigned char> state(count, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<NodeIndex, std::size_t>> stack;
  for (NodeIndex start = 0; start < count; ++start) {
    if (state[start] != 0) continue;
    stack.emplace_back(start, 0);
    state[start] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      const auto& targets = targets_of(node);
      if (next < targets.size()) {
        const NodeIndex target = targets[next++];
        if (state[target] == 0) {
          state[target] = 1;
          stack.emplace_back(target, 0);
        }
        continue;  // a target on the stack would be a cycle; the checks refused those
      }
      state[node] = 2;
      order.push_back(node);
      stack.pop_back();
    }
  }
  return order;
}

}  // namespace

double default_passthrough(UpstreamRole role) {
  switch (role) {
    case UpstreamRole::Model:
      return 0.8;  // a resold model service's price is mostly the model it resells
    case UpstreamRole::Weights:
    case UpstreamRole::Hosting:
    case UpstreamRole::Compute:
      return 0.3;  // a licence or the machines are a part of the price, never the whole
    case UpstreamRole::Storage:
    case UpstreamRole::Other:
      break;
  }
  return 0.1;
}

double age_in_months(const Date& tested, const Date& as_of) { return calendar_months_between(tested, as_of); }

bool tested_within(const Date& tested, const Date& as_of, double max_age_months) {
  return within_months(tested, as_of, max_age_months);
}

DependencyGraph build_graph(const Inventory& inventory, const GraphOptions& options) {
  const InventoryIndex index(inventory);
  DependencyGraph graph;
  graph.providers.resize(inventory.providers.size());
  graph.downstream.resize(inventory.providers.size());
  for (NodeIndex p = 0; p < inventory.providers.size(); ++p) {
    const Provider& provider = inventory.providers[p];
    graph.providers[p].provider = &provider;
    if (index.provider(provider.id.value) != p) continue;
    for (const UpstreamLink& link : provider.upstream) {
      const auto target = index.provider(link.provider.value);
      if (!target) continue;
      const bool held_weights =
          link.role.value == UpstreamRole::Weights && inventory.providers[*target].open_weights.value;
      // Published weights cannot be repriced or withdrawn: nothing passes along such a link.
      const double share = held_weights                      ? 0.0
                           : link.price_passthrough.present ? link.price_passthrough.value
                                                             : default_passthrough(link.role.value);
      graph.providers[p].upstream.push_back(UpstreamEdge{static_cast<NodeIndex>(*target), link.role.value, share,
                                                         !held_weights && !link.price_passthrough.present,
                                                         !held_weights, &link});
      graph.downstream[*target].push_back(p);
    }
  }

  const RetirementDates dates(inventory, options.lifecycle);
  graph.capabilities.resize(inventory.capabilities.size());
  // Every list at its exact size: the graph lives to the end of the scan, where its memory peaks.
  std::size_t slot_count = 0;
  for (const Capability& capability : inventory.capabilities) {
    for (const Need& need : capability.needs) slot_count += need.primary ? 1 : 0;
  }
  graph.slots.reserve(slot_count);
  for (NodeIndex c = 0; c < inventory.capabilities.size(); ++c) {
    const Capability& capability = inventory.capabilities[c];
    CapabilityNode& node = graph.capabilities[c];
    node.capability = &capability;
    if (index.capability(capability.id.value) != c) continue;
    for (const Located<std::string>& required : capability.required_capabilities) {
      if (auto target = index.capability(required.value)) node.requires_capabilities.push_back(static_cast<NodeIndex>(*target));
    }
    node.slots.reserve(capability.needs.size());
    for (const Need& need : capability.needs) {
      if (!need.primary) continue;
      SlotNode slot{c, &need, {}};
      slot.options.reserve(1 + need.fallbacks.size());
      if (auto p = index.provider(need.primary->provider.value)) {
        slot.options.push_back({static_cast<NodeIndex>(*p), true, true, &*need.primary});
      }
      for (const ProviderUse& fallback : need.fallbacks) {
        const auto p = index.provider(fallback.provider.value);
        if (!p) continue;
        // A fallback whose model has retired, or whose provider's contract has ended, serves nobody.
        const auto gone = dates.empty() ? std::nullopt : dates.gone_on(fallback);
        const bool ready = fallback.tested.present &&
                           tested_within(fallback.tested.value, options.as_of, options.drill_max_age_months) &&
                           (!gone || days_since_epoch(options.as_of) < days_since_epoch(*gone));
        slot.options.push_back({static_cast<NodeIndex>(*p), false, ready, &fallback});
      }
      node.slots.push_back(static_cast<NodeIndex>(graph.slots.size()));
      graph.slots.push_back(std::move(slot));
    }
  }
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    for (NodeIndex required : graph.capabilities[c].requires_capabilities) graph.capabilities[required].required_by.push_back(c);
  }

  std::vector<std::vector<NodeIndex>> upstream_targets(graph.providers.size());
  for (NodeIndex p = 0; p < graph.providers.size(); ++p) {
    for (const UpstreamEdge& e : graph.providers[p].upstream) upstream_targets[p].push_back(e.provider);
  }
  graph.provider_order =
      post_order(graph.providers.size(), [&](NodeIndex p) -> const std::vector<NodeIndex>& { return upstream_targets[p]; });
  graph.capability_order = post_order(graph.capabilities.size(), [&](NodeIndex c) -> const std::vector<NodeIndex>& {
    return graph.capabilities[c].requires_capabilities;
  });
  graph.capability_position.resize(graph.capability_order.size());
  for (NodeIndex i = 0; i < graph.capability_order.size(); ++i) graph.capability_position[graph.capability_order[i]] = i;
  return graph;
}

}  // namespace sovaudit
