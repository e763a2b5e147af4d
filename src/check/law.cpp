// Checks of the law-and-data fields: pinned regions lie within the provider's, the trust default is
// spelled out, and weights licensors are used as what they are.
#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "checks_internal.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::check {
namespace {

std::uint32_t length_of(std::string_view s) { return static_cast<std::uint32_t>(s.size()); }

/// "SE, FR", at most eight regions then a count, so a hostile list cannot flood the message.
std::string region_list(const Provider& provider) {
  constexpr std::size_t kShown = 8;
  std::string out;
  for (std::size_t i = 0; i < provider.regions.size() && i < kShown; ++i) {
    out += (i ? ", " : "") + provider.regions[i].value;
  }
  if (provider.regions.size() > kShown) out += " and " + std::to_string(provider.regions.size() - kShown) + " more";
  return out;
}

/// The provider's distinct regions: a hostile list may repeat one 100,000 times.
std::vector<std::string_view> distinct_regions(const Provider& provider) {
  std::set<std::string_view> seen;
  std::vector<std::string_view> out;
  for (const Located<std::string>& r : provider.regions) {
    if (seen.insert(r.value).second) out.push_back(r.value);
  }
  return out;
}

/// Each provider's distinct regions, worked out when first needed.
class RegionCache {
 public:
  explicit RegionCache(const Inventory& inventory) : inventory_(inventory), regions_(inventory.providers.size()) {}
  const std::vector<std::string_view>& of(std::size_t provider) {
    if (!regions_[provider]) regions_[provider] = distinct_regions(inventory_.providers[provider]);
    return *regions_[provider];
  }

 private:
  const Inventory& inventory_;
  std::vector<std::optional<std::vector<std::string_view>>> regions_;
};

/// Reports every pinned region that `provider` does not list. `who()` names the pinning entry; it is
/// called only to word a diagnostic, so a clean inventory builds none of the names (a million uses
/// would otherwise allocate three million strings).
template <class Who>
void check_pins(const std::vector<Located<std::string>>& pins, const Provider& provider,
                const std::vector<std::string_view>& regions, const Who& who, Diagnostics& diags) {
  std::set<std::string_view> seen;  // a hostile pin list may repeat one region 100,000 times
  for (const Located<std::string>& pin : pins) {
    if (!seen.insert(pin.value).second) continue;
    if (provider.regions.empty()) {
      diags.error(pin.loc,
                  who() + " pins region " + quote(pin.value) + ", but provider " + quote(provider.id.value) +
                      " lists no regions; record the provider's regions first",
                  length_of(pin.value));
      return;
    }
    if (std::any_of(regions.begin(), regions.end(), [&](std::string_view r) { return country_in(pin.value, r); })) {
      continue;
    }
    diags.error(pin.loc,
                who() + " pins region " + quote(pin.value) + ", which provider " + quote(provider.id.value) +
                    " does not list (its regions: " + region_list(provider) + ")",
                length_of(pin.value));
  }
}

template <class Who>
void check_use(const ProviderUse& use, const InventoryIndex& index, const Inventory& inventory, RegionCache& regions,
               const Who& who, Diagnostics& diags) {
  const auto p = index.provider(use.provider.value);
  if (!p) return;  // reported as a dangling reference
  const Provider& provider = inventory.providers[*p];
  if (!use.regions.empty()) check_pins(use.regions.list(), provider, regions.of(*p), who, diags);
  if (provider.kind.value == ProviderKind::WeightsLicensor) {
    diags.warning(use.provider.loc,
                  who() + " is served by " + quote(provider.id.value) +
                      ", a weights-licensor that runs nothing; name the provider that runs the model and give it "
                      "an upstream with role weights",
                  length_of(use.provider.value));
  }
}

}  // namespace

void check_law_fields(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  RegionCache regions(inventory);
  for (const Capability& c : inventory.capabilities) {
    for (const Need& need : c.needs) {
      const auto slot = [&] { return "slot " + quote(need.slot.value) + " of capability " + quote(c.id.value); };
      if (need.primary) {
        check_use(*need.primary, index, inventory, regions, [&] { return "the primary of " + slot(); }, diags);
      }
      for (const ProviderUse& f : need.fallbacks) {
        check_use(f, index, inventory, regions, [&] { return "fallback " + quote(f.provider.value) + " of " + slot(); },
                  diags);
      }
    }
  }
  for (const DataFlow& flow : inventory.data_flows) {
    const auto p = index.provider(flow.provider.value);
    if (!p) continue;
    const Provider& provider = inventory.providers[*p];
    if (!flow.regions.empty()) {
      check_pins(flow.regions, provider, regions.of(*p), [&] { return "data flow " + quote(flow.id.value); }, diags);
    }
    if (provider.kind.value == ProviderKind::WeightsLicensor) {
      diags.warning(flow.provider.loc,
                    "data flow " + quote(flow.id.value) + " sends data to " + quote(provider.id.value) +
                        ", a weights-licensor that sees no data; name the provider that processes it",
                    length_of(flow.provider.value));
    }
  }
  for (const Provider& provider : inventory.providers) {
    for (const UpstreamLink& link : provider.upstream) {
      const auto up = index.provider(link.provider.value);
      if (!up || inventory.providers[*up].kind.value != ProviderKind::WeightsLicensor) continue;
      if (link.role.value == UpstreamRole::Weights) continue;
      diags.warning(link.role.present ? link.role.loc : link.provider.loc,
                    "provider " + quote(provider.id.value) + " uses weights-licensor " + quote(link.provider.value) +
                        " with role " + std::string(to_string(link.role.value)) +
                        "; a licensor only licenses weights (role weights)",
                    length_of(link.provider.value));
    }
  }
}

void check_trust_default(const Inventory& inventory, Diagnostics& diags) {
  const Organization& o = inventory.organization;
  if (!o.trusted_jurisdictions.empty() || !o.jurisdiction.present) return;
  const std::string& home = o.jurisdiction.value;
  std::string fix = country_in(home, "EEA")
                        ? "if EEA law is trusted, add 'trusted_jurisdictions: [EEA]'"
                        : "list the countries or groups whose law you trust in 'trusted_jurisdictions'";
  diags.warning(o.loc,
                "organization has no 'trusted_jurisdictions': only " + home +
                    " is trusted, so a provider under any other law counts as foreign; " + fix,
                12);
}

}  // namespace sovaudit::check
