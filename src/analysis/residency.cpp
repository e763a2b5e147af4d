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
      bool outside = false;
      for (const Located<std::string>& region : processor.regions) {
        add_unique(r.processing_regions, region.value);
        if (!TrustedLaw::within(region.value, r.allowed)) {
          add_unique(r.outside, region.value);
          outside = true;
        }
      }
      if (outside) r.outside_providers.push_back(p);
      const auto reach = reaching_jurisdictions(processor);
      if (std::any_of(reach.begin(), reach.end(), [&](const std::string& j) { return !law.trusts(j); })) {
        r.foreign_controllers.push_back(p);
      }
    }
    std::sort(r.processing_regions.begin(), r.processing_regions.end());
    std::sort(r.outside.begin(), r.outside.end());
    analysis.flows.push_back(std::move(r));
  }
}

}  // namespace sovaudit::analysis
