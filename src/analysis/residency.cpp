// Data residency (DESIGN 4.7): where each data flow is processed, what lies outside the allowed
// jurisdictions, and which processing providers answer to untrusted law.
#include <algorithm>

#include "analysis_internal.hpp"
#include "sovaudit/index.hpp"

namespace sovaudit::analysis {
namespace {

// Roles whose providers process or store the data itself; `weights` and `other` see none of it.
constexpr std::initializer_list<UpstreamRole> kProcessingRoles = {UpstreamRole::Model, UpstreamRole::Hosting,
                                                                  UpstreamRole::Compute, UpstreamRole::Storage};

void add_unique(std::vector<std::string>& into, const std::string& value) {
  if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
}

/// Adds the processor's regions to `regions` and those outside `allowed` to `outside`; true when any is.
bool place(const Provider& processor, const std::vector<std::string>& allowed, std::vector<std::string>& regions,
           std::vector<std::string>& outside) {
  bool any = false;
  for (const Located<std::string>& region : processor.regions) {
    add_unique(regions, region.value);
    if (!TrustedLaw::within(region.value, allowed)) {
      add_unique(outside, region.value);
      any = true;
    }
  }
  return any;
}

bool foreign(const Provider& processor, const TrustedLaw& law) {
  const auto reach = reaching_jurisdictions(processor);
  return std::any_of(reach.begin(), reach.end(), [&](const std::string& j) { return !law.trusts(j); });
}

}  // namespace

void compute_flows(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis) {
  const InventoryIndex index(inventory);
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
    r.processing_providers = upstream_chain(analysis.graph, static_cast<NodeIndex>(*provider), kProcessingRoles);
    std::sort(r.processing_providers.begin(), r.processing_providers.end());
    for (NodeIndex p : r.processing_providers) {
      const Provider& processor = inventory.providers[p];
      if (processor.regions.empty()) r.regions_unknown = true;
      if (place(processor, r.allowed, r.processing_regions, r.outside)) r.outside_providers.push_back(p);
      if (foreign(processor, law)) r.foreign_controllers.push_back(p);
    }
    // A ready fallback takes the data over when the provider fails: its chain processes it then.
    FailoverResult failover;
    if (const auto capability = index.capability(flow.capability.value)) {
      for (NodeIndex s : analysis.graph.capabilities[*capability].slots) {
        const auto& options = analysis.graph.slots[s].options;
        if (options.front().provider != *provider) continue;
        for (std::size_t o = 1; o < options.size(); ++o) {
          if (!options[o].ready) continue;
          for (NodeIndex p : upstream_chain(analysis.graph, options[o].provider, kProcessingRoles)) {
            if (std::binary_search(r.processing_providers.begin(), r.processing_providers.end(), p)) continue;
            if (std::find(failover.providers.begin(), failover.providers.end(), p) == failover.providers.end()) {
              failover.providers.push_back(p);
            }
          }
        }
      }
    }
    if (!failover.providers.empty()) {
      std::sort(failover.providers.begin(), failover.providers.end());
      for (NodeIndex p : failover.providers) {
        const Provider& processor = inventory.providers[p];
        if (place(processor, r.allowed, failover.regions, failover.outside)) failover.outside_providers.push_back(p);
        if (foreign(processor, law)) failover.foreign_controllers.push_back(p);
      }
      std::sort(failover.regions.begin(), failover.regions.end());
      std::sort(failover.outside.begin(), failover.outside.end());
      r.failover = std::make_shared<const FailoverResult>(std::move(failover));
    }
    std::sort(r.processing_regions.begin(), r.processing_regions.end());
    std::sort(r.outside.begin(), r.outside.end());
    analysis.flows.push_back(std::move(r));
  }
}

}  // namespace sovaudit::analysis
