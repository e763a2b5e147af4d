// Drift: the providers an inventory declares against the AI usage its application's SBOMs show.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/catalogue.hpp"
#include "sovaudit/graph.hpp"
#include "sovaudit/model.hpp"
#include "sovaudit/sbom.hpp"

namespace sovaudit {

/// One SBOM item that was recognised, and the inventory providers it is attributed to.
struct Recognition {
  std::size_t item = 0;                 ///< index into Observations::items
  const CatalogueEntry* entry = nullptr;  ///< the catalogue entry, or nullptr when a provider's detect matched
  std::vector<NodeIndex> providers;     ///< sorted; empty: nothing declared matches it
};

/// What the SBOMs show that no provider of the inventory stands for: one per vendor (or gateway).
struct ShadowUsage {
  std::string target;  ///< the vendor key ("openai"), or a gateway's package URL ("pkg:pypi/litellm")
  Sighting sighting = Sighting::Service;
  std::vector<std::string_view> could_be;  ///< vendor keys the usage may mean, the likely one first
  std::vector<std::string_view> notes;     ///< why it is ambiguous, once each
  std::vector<std::size_t> recognitions;   ///< indices into DriftResult::recognitions, document order
};

/// A provider that is the primary of some capability and that no SBOM shows.
struct UnseenProvider {
  NodeIndex provider = 0;
  std::vector<NodeIndex> capabilities;  ///< whose slots it is the primary of
  bool recognisable = false;            ///< the catalogue or its detect says how it would appear
};

/// DESIGN 7 (drift): every recognised item, shadow usages by target, unseen primaries.
struct DriftResult {
  const Observations* observations = nullptr;
  std::vector<Recognition> recognitions;  ///< in Observations::items order
  std::vector<ShadowUsage> shadows;       ///< sorted by target
  std::vector<UnseenProvider> unseen;     ///< by provider index; only when the SBOMs are complete
  std::vector<bool> seen;                 ///< per provider: some item is attributed to it
};

/// Compares `inventory` with `observed` (docs/interop.md, "Drift"). A provider's `detect` wins over
/// the catalogue: an item it matches is attributed to the providers whose detect matches it alone.
/// Otherwise the catalogue entry's vendors are looked up among the providers (vendor_of).
DriftResult compute_drift(const Inventory& inventory, const Observations& observed);

}  // namespace sovaudit
