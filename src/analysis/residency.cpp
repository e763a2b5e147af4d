// Data residency (DESIGN 4.7): where each data flow is processed, what lies outside the allowed
// jurisdictions under which transfer mechanism, and which processing providers answer to untrusted law.
#include <algorithm>
#include <map>

#include "analysis_internal.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/index.hpp"

namespace sovaudit::analysis {
namespace {

using Pins = std::vector<Located<std::string>>;
using OutsideMap = std::map<std::string, std::vector<NodeIndex>>;

void add_unique(std::vector<std::string>& into, const std::string& value) {
  if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
}

/// Records where `processor` handles the data: `regions` (its pinned regions, or all of its own when
/// `pins` is empty) go to `all`, those outside `allowed` to `outside` with the processor.
void place(NodeIndex processor, const Provider& provider, const Pins& pins, const std::vector<std::string>& allowed,
           std::vector<std::string>& all, OutsideMap& outside) {
  for (const Located<std::string>& region : pins.empty() ? provider.regions : pins) {
    add_unique(all, region.value);
    if (TrustedLaw::within(region.value, allowed)) continue;
    auto& by = outside[region.value];
    if (std::find(by.begin(), by.end(), processor) == by.end()) by.push_back(processor);
  }
}

/// True when a law the organisation does not trust reaches the processor; nobody reaches into an
/// air-gapped machine, so its own operator's law does not count.
bool foreign(const Provider& processor, const TrustedLaw& law) {
  if (processor.air_gapped.value) return false;
  const auto reach = reaching_jurisdictions(processor);
  return std::any_of(reach.begin(), reach.end(), [&](const std::string& j) { return !law.trusts(j); });
}

/// The flow's mechanism for a destination: its own entry, a group's entry containing it, else the default.
TransferMechanism mechanism_for(const DataFlow& flow, const std::string& region) {
  const auto* entry = entry_for(flow.transfer_mechanisms, region, group_contains);
  return entry ? entry->value.value : flow.transfer_mechanism.value;
}

std::vector<Destination> destinations(const DataFlow& flow, OutsideMap outside) {
  std::vector<Destination> out;
  out.reserve(outside.size());
  for (auto& [region, providers] : outside) {
    std::sort(providers.begin(), providers.end());
    out.push_back({region, std::move(providers), mechanism_for(flow, region)});
  }
  return out;
}

/// The regions the flow's own provider processes it in: the flow's pins, else the pins of every
/// slot of the capability that the provider serves as primary (none when one of them pins nothing).
Pins provider_pins(const DependencyGraph& graph, const DataFlow& flow, std::optional<std::size_t> capability,
                   NodeIndex provider) {
  if (!flow.regions.empty()) return flow.regions;
  Pins pins;
  if (!capability) return pins;
  for (NodeIndex s : graph.capabilities[*capability].slots) {
    const SlotOption& primary = graph.slots[s].options.front();
    if (primary.provider != provider) continue;
    const Pins& own = primary.use->regions.list();
    if (own.empty()) return {};
    for (const Located<std::string>& r : own) {
      if (std::none_of(pins.begin(), pins.end(), [&](const auto& p) { return p.value == r.value; })) pins.push_back(r);
    }
  }
  return pins;
}

}  // namespace

void compute_flows(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis) {
  const InventoryIndex index(inventory);
  const DependencyGraph& graph = analysis.graph;
  const Pins none;
  for (NodeIndex f = 0; f < inventory.data_flows.size(); ++f) {
    const DataFlow& flow = inventory.data_flows[f];
    FlowResult r;
    r.flow = f;
    for (const Located<DataClass>& d : flow.data) r.most_sensitive = std::max(r.most_sensitive, d.value);
    if (flow.allowed.empty()) {
      r.allowed = law.areas();
    } else {
      for (const Located<std::string>& a : flow.allowed) add_unique(r.allowed, a.value);
    }
    const auto provider = index.provider(flow.provider.value);
    if (!provider) {
      analysis.flows.push_back(std::move(r));
      continue;
    }
    const auto capability = index.capability(flow.capability.value);
    if (capability) r.capability = static_cast<NodeIndex>(*capability);
    const auto first = static_cast<NodeIndex>(*provider);
    const Pins pins = provider_pins(graph, flow, capability, first);
    OutsideMap outside;
    r.processing_providers = processing_chain(graph, first);
    std::sort(r.processing_providers.begin(), r.processing_providers.end());
    for (NodeIndex p : r.processing_providers) {
      const Provider& processor = inventory.providers[p];
      const Pins& own = p == first ? pins : none;
      if (own.empty() && processor.regions.empty()) r.regions_unknown = true;
      place(p, processor, own, r.allowed, r.processing_regions, outside);
      if (foreign(processor, law)) r.foreign_controllers.push_back(p);
    }
    r.outside = destinations(flow, std::move(outside));
    // A ready fallback takes the data over when the provider fails: its chain processes it then.
    FailoverResult failover;
    std::vector<std::pair<NodeIndex, const Pins*>> takers;  // each failover processor, with its pins
    if (capability) {
      for (NodeIndex s : graph.capabilities[*capability].slots) {
        const auto& options = graph.slots[s].options;
        if (options.front().provider != first) continue;
        for (std::size_t o = 1; o < options.size(); ++o) {
          if (!options[o].ready) continue;
          for (NodeIndex p : processing_chain(graph, options[o].provider)) {
            if (std::binary_search(r.processing_providers.begin(), r.processing_providers.end(), p)) continue;
            const Pins* own = p == options[o].provider ? &options[o].use->regions.list() : &none;
            const auto known = std::find_if(takers.begin(), takers.end(), [&](const auto& t) { return t.first == p; });
            if (known == takers.end()) {
              takers.emplace_back(p, own);
            } else if (known->second != own) {
              known->second = &none;  // two uses pin it differently: count any of its regions
            }
          }
        }
      }
    }
    if (!takers.empty()) {
      std::sort(takers.begin(), takers.end());
      OutsideMap failover_outside;
      for (const auto& [p, own] : takers) {
        const Provider& processor = inventory.providers[p];
        failover.providers.push_back(p);
        place(p, processor, *own, r.allowed, failover.regions, failover_outside);
        if (foreign(processor, law)) failover.foreign_controllers.push_back(p);
      }
      std::sort(failover.regions.begin(), failover.regions.end());
      failover.outside = destinations(flow, std::move(failover_outside));
      r.failover = std::make_shared<const FailoverResult>(std::move(failover));
    }
    std::sort(r.processing_regions.begin(), r.processing_regions.end());
    analysis.flows.push_back(std::move(r));
  }
}

}  // namespace sovaudit::analysis
