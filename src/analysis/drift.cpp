// Drift: attributes each AI package and endpoint an SBOM lists to the inventory's providers.
#include "sovaudit/drift.hpp"

#include <algorithm>
#include <map>

namespace sovaudit {
namespace {

/// A provider's own recognition patterns, parsed once.
struct ProviderPatterns {
  NodeIndex provider = 0;
  std::vector<PackageName> packages;
  std::vector<std::string_view> hosts;
};

std::vector<ProviderPatterns> detect_patterns(const Inventory& inventory) {
  std::vector<ProviderPatterns> out;
  for (std::size_t i = 0; i < inventory.providers.size(); ++i) {
    const Provider& p = inventory.providers[i];
    if (!p.detect) continue;
    ProviderPatterns patterns{static_cast<NodeIndex>(i), {}, {}};
    for (const auto& purl : p.detect->purls) {
      if (auto package = parse_purl(purl.value)) patterns.packages.push_back(std::move(*package));
    }
    for (const auto& host : p.detect->hosts) patterns.hosts.push_back(host.value);
    out.push_back(std::move(patterns));
  }
  return out;
}

bool patterns_match(const ProviderPatterns& patterns, const std::optional<PackageName>& package, std::string_view host) {
  if (package && std::find(patterns.packages.begin(), patterns.packages.end(), *package) != patterns.packages.end()) {
    return true;
  }
  return !host.empty() && std::any_of(patterns.hosts.begin(), patterns.hosts.end(),
                                      [&](std::string_view pattern) { return host_matches(pattern, host); });
}

/// Whether a usage of `vendors` could be `provider` by its id or name.
bool stands_for(const Provider& provider, std::span<const std::string_view> vendors) {
  const Vendor* vendor = vendor_of(provider);
  return vendor && std::find(vendors.begin(), vendors.end(), vendor->key) != vendors.end();
}

/// Kinds reached through a vendor's SDK or endpoint: a primary of these kinds is expected in an SBOM.
bool reached_through_sdk(const Provider& p) {
  if (p.operated_by.value == Operator::Self) return false;
  const ProviderKind k = p.kind.value;
  return k == ProviderKind::ModelApi || k == ProviderKind::HostedModel || k == ProviderKind::VectorDb;
}

}  // namespace

DriftResult compute_drift(const Inventory& inventory, const Observations& observed) {
  DriftResult result;
  result.observations = &observed;
  result.seen.assign(inventory.providers.size(), false);
  const std::vector<ProviderPatterns> patterns = detect_patterns(inventory);
  std::map<std::string, ShadowUsage> shadows;
  for (std::size_t i = 0; i < observed.items.size(); ++i) {
    const SbomItem& item = observed.items[i];
    const std::optional<PackageName> package = item.purl.empty() ? std::nullopt : parse_purl(item.purl);
    Recognition r;
    r.item = i;
    for (const ProviderPatterns& p : patterns) {
      if (patterns_match(p, package, item.host)) r.providers.push_back(p.provider);
    }
    if (r.providers.empty()) {
      r.entry = package ? catalogue_entry_for(*package) : catalogue_entry_for_host(item.host);
      if (!r.entry) continue;  // not AI usage the catalogue knows
      for (std::size_t p = 0; p < inventory.providers.size(); ++p) {
        if (stands_for(inventory.providers[p], r.entry->vendors)) r.providers.push_back(static_cast<NodeIndex>(p));
      }
    }
    for (NodeIndex p : r.providers) result.seen[p] = true;
    if (r.providers.empty()) {
      const bool gateway = r.entry->vendors.empty();
      const std::string target = gateway ? display_purl(*package) : std::string(r.entry->vendors.front());
      ShadowUsage& usage = shadows[target];
      usage.target = target;
      // The strongest sighting decides: a service client outweighs a weights download.
      if (usage.recognitions.empty() || r.entry->sighting != Sighting::Weights) usage.sighting = r.entry->sighting;
      for (std::string_view vendor : r.entry->vendors) {
        if (std::find(usage.could_be.begin(), usage.could_be.end(), vendor) == usage.could_be.end()) usage.could_be.push_back(vendor);
      }
      if (!r.entry->note.empty() &&
          std::find(usage.notes.begin(), usage.notes.end(), r.entry->note) == usage.notes.end()) {
        usage.notes.push_back(r.entry->note);
      }
      usage.recognitions.push_back(result.recognitions.size());
    }
    result.recognitions.push_back(std::move(r));
  }
  for (auto& [target, usage] : shadows) result.shadows.push_back(std::move(usage));

  if (!observed.complete) return result;
  std::vector<std::vector<NodeIndex>> primary_of(inventory.providers.size());
  std::map<std::string_view, NodeIndex> index_of;
  for (std::size_t p = 0; p < inventory.providers.size(); ++p) index_of[inventory.providers[p].id.value] = static_cast<NodeIndex>(p);
  for (std::size_t c = 0; c < inventory.capabilities.size(); ++c) {
    for (const Need& need : inventory.capabilities[c].needs) {
      if (!need.primary) continue;
      const auto it = index_of.find(need.primary->provider.value);
      if (it == index_of.end()) continue;
      std::vector<NodeIndex>& list = primary_of[it->second];
      if (list.empty() || list.back() != c) list.push_back(static_cast<NodeIndex>(c));
    }
  }
  for (std::size_t p = 0; p < inventory.providers.size(); ++p) {
    const Provider& provider = inventory.providers[p];
    if (result.seen[p] || primary_of[p].empty()) continue;
    const bool recognisable = provider.detect || vendor_of(provider) != nullptr;
    if (!recognisable && !reached_through_sdk(provider)) continue;
    result.unseen.push_back(UnseenProvider{static_cast<NodeIndex>(p), primary_of[p], recognisable});
  }
  return result;
}

}  // namespace sovaudit
