// check_inventory and the checks of duplicate ids and consistency inside entries.
#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

#include "checks_internal.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace check {
namespace {

template <class Entity>
void report_duplicates(const EntryList<Entity>& entities, std::string_view what, Diagnostics& diags) {
  std::unordered_map<std::string_view, SourceLoc> first;
  first.reserve(entities.size());
  for (const Entity& e : entities) {
    if (!e.id.present) continue;
    const auto [it, inserted] = first.emplace(e.id.value, e.id.loc);
    if (inserted) continue;
    const auto length = static_cast<std::uint32_t>(e.id.value.size());
    diags.error(e.id.loc, "duplicate " + std::string(what) + " id " + quote(e.id.value), length);
    diags.note(it->second, quote(e.id.value) + " is first defined here", length);
  }
}

/// Every provider a capability's slots name, with their upstream chains.
std::set<std::size_t> providers_reached(const Inventory& inventory, const InventoryIndex& index,
                                        const Capability& capability) {
  std::set<std::size_t> reached;
  std::vector<std::size_t> pending;
  auto visit = [&](const Located<std::string>& id) {
    if (auto p = index.provider(id.value); p && reached.insert(*p).second) pending.push_back(*p);
  };
  for (const Need& need : capability.needs) {
    if (need.primary) visit(need.primary->provider);
    for (const ProviderUse& f : need.fallbacks) visit(f.provider);
  }
  while (!pending.empty()) {
    const std::size_t p = pending.back();
    pending.pop_back();
    for (const UpstreamLink& link : inventory.providers[p].upstream) visit(link.provider);
  }
  return reached;
}

void check_needs(const Capability& capability, Diagnostics& diags) {
  std::unordered_map<std::string_view, SourceLoc> slots;
  for (const Need& need : capability.needs) {
    if (need.slot.present) {
      const auto [it, inserted] = slots.emplace(need.slot.value, need.slot.loc);
      if (!inserted) {
        diags.error(need.slot.loc,
                    "capability " + quote(capability.id.value) + " has two slots named " + quote(need.slot.value),
                    static_cast<std::uint32_t>(need.slot.value.size()));
        diags.note(it->second, "the first is here", static_cast<std::uint32_t>(need.slot.value.size()));
      }
    }
    std::set<std::string_view> fallbacks;
    for (const ProviderUse& f : need.fallbacks) {
      if (!f.provider.present) continue;
      const auto length = static_cast<std::uint32_t>(f.provider.value.size());
      if (need.primary && f.provider.value == need.primary->provider.value) {
        diags.warning(f.provider.loc,
                      "fallback " + quote(f.provider.value) + " is the primary provider of slot " +
                          quote(need.slot.value) + " too; it adds no resilience",
                      length);
      } else if (!fallbacks.insert(f.provider.value).second) {
        diags.warning(f.provider.loc,
                      "fallback " + quote(f.provider.value) + " is listed twice in slot " + quote(need.slot.value),
                      length);
      }
    }
  }
}

}  // namespace

namespace {

/// Ids that differ only in case, and ids that are also jurisdictions: both read as the same name
/// to a person, and an accepted risk's target can name a jurisdiction.
template <class Entity>
void report_confusable_ids(const EntryList<Entity>& entities, std::string_view what, Diagnostics& diags) {
  const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const auto folded_less = [&](const Located<std::string>* a, const Located<std::string>* b) {
    return std::lexicographical_compare(a->value.begin(), a->value.end(), b->value.begin(), b->value.end(),
                                        [&](char x, char y) { return fold(x) < fold(y); });
  };
  // Pointers sorted by the folded id, file order kept among equals: no copy of any id is made.
  std::vector<const Located<std::string>*> ids;
  ids.reserve(entities.size());
  for (const Entity& e : entities) {
    if (!e.id.present) continue;
    ids.push_back(&e.id);
    if (is_country_code(e.id.value) || is_country_group(e.id.value)) {
      diags.warning(e.id.loc,
                    std::string(what) + " id " + quote(e.id.value) +
                        " is also a jurisdiction code; an accepted risk that targets it is ambiguous",
                    static_cast<std::uint32_t>(e.id.value.size()));
    }
  }
  std::stable_sort(ids.begin(), ids.end(), folded_less);
  for (std::size_t first = 0, i = 1; i < ids.size(); ++i) {
    if (folded_less(ids[first], ids[i])) {
      first = i;
      continue;
    }
    if (ids[i]->value == ids[first]->value) continue;  // exact duplicates are errors elsewhere
    diags.warning(ids[i]->loc,
                  std::string(what) + " id " + quote(ids[i]->value) + " differs from " + quote(ids[first]->value) +
                      " only in case; they are two entries, though they read as one",
                  static_cast<std::uint32_t>(ids[i]->value.size()));
    diags.note(ids[first]->loc, quote(ids[first]->value) + " is defined here",
               static_cast<std::uint32_t>(ids[first]->value.size()));
  }
}

}  // namespace

void check_duplicate_ids(const Inventory& inventory, Diagnostics& diags) {
  report_duplicates(inventory.providers, "provider", diags);
  report_duplicates(inventory.capabilities, "capability", diags);
  report_confusable_ids(inventory.providers, "provider", diags);
  report_confusable_ids(inventory.capabilities, "capability", diags);
  report_duplicates(inventory.data_flows, "data flow", diags);
  report_duplicates(inventory.accepted_risks, "accepted risk", diags);

  std::unordered_map<std::string_view, SourceLoc> provider_ids;
  for (const Provider& p : inventory.providers) {
    if (p.id.present) provider_ids.emplace(p.id.value, p.id.loc);
  }
  for (const Capability& c : inventory.capabilities) {
    if (!c.id.present || !provider_ids.contains(c.id.value)) continue;
    diags.warning(c.id.loc,
                  "id " + quote(c.id.value) +
                      " names both a provider and a capability; an accepted risk that targets it is ambiguous",
                  static_cast<std::uint32_t>(c.id.value.size()));
  }
}

void check_missing_figures(const Inventory& inventory, Diagnostics& diags) {
  const Organization& o = inventory.organization;
  // Once each: every cost and every budget share depends on these two figures.
  if (!o.engineer_week_cost.present && !inventory.capabilities.empty()) {
    diags.warning(o.loc,
                  "organization has no 'engineer_week_cost': every migration, exit and build cost is reported as "
                  "unknown",
                  12);
  }
  const bool spends = std::any_of(inventory.providers.begin(), inventory.providers.end(),
                                  [](const Provider& p) { return p.annual_spend.value > 0; });
  if (!o.annual_ai_budget.present && spends) {
    diags.warning(o.loc, "organization has no 'annual_ai_budget': price shocks are reported but not classified", 12);
  }
}

void check_consistency(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  double total_share = 0;
  for (const Capability& c : inventory.capabilities) {
    total_share += c.value_share.value;
    check_needs(c, diags);
  }
  // Shares are fractions of one whole; a tolerance absorbs decimal rounding such as 0.1 + 0.2.
  if (total_share > 1.0 + 1e-9) {
    diags.error(inventory.capabilities_loc,
                "capability value shares sum to " + format_number(total_share) +
                    ", above 1; each is a share of the same core user value",
                12);
  }

  for (const DataFlow& flow : inventory.data_flows) {
    const auto c = index.capability(flow.capability.value);
    const auto p = index.provider(flow.provider.value);
    if (!c || !p) continue;  // reported as dangling references
    const Capability& capability = inventory.capabilities[*c];
    if (!providers_reached(inventory, index, capability).contains(*p)) {
      diags.warning(flow.provider.loc,
                    "data flow " + quote(flow.id.value) + " sends data to " + quote(flow.provider.value) +
                        ", which capability " + quote(capability.id.value) + " does not use",
                    static_cast<std::uint32_t>(flow.provider.value.size()));
    }
  }
}

}  // namespace check

Diagnostics check_inventory(const Inventory& inventory, std::span<const RuleInfo* const> known_rules) {
  Diagnostics diags;
  const InventoryIndex index(inventory);
  check::check_duplicate_ids(inventory, diags);
  check::check_references(inventory, index, known_rules, diags);
  check::check_acceptance_scopes(inventory, index, diags);
  if (!known_rules.empty()) check::check_rule_ids(inventory, index, known_rules, diags);
  check::check_cycles(inventory, index, diags);
  check::check_consistency(inventory, index, diags);
  check::check_law_fields(inventory, index, diags);
  check::check_model_dates(inventory, diags);
  check::check_trust_default(inventory, diags);
  check::check_missing_figures(inventory, diags);
  return diags;
}

}  // namespace sovaudit
