// check_inventory and the checks of duplicate ids and consistency inside entries.
#include <algorithm>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>

#include "checks_internal.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/parallel.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace check {
namespace {

template <class Text>
void report_duplicate(const Located<Text>& id, SourceLoc first, std::string_view what, Diagnostics& diags) {
  const auto length = static_cast<std::uint32_t>(id.value.size());
  diags.error(id.loc, "duplicate " + std::string(what) + " id " + quote(id.value), length);
  diags.note(first, quote(id.value) + " is first defined here", length);
}

/// Duplicates among entities the index holds: the index keeps each id's first definition, so an
/// entity it does not point back to repeats an earlier id (no second table is built).
template <class Entity, class Lookup>
void report_duplicates(const EntryList<Entity>& entities, const Lookup& first_of, std::string_view what,
                       Diagnostics& diags) {
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const auto& id = entities[i].id;
    if (!id.present) continue;
    const std::optional<std::size_t> first = first_of(id.value);
    if (first && *first != i) report_duplicate(id, entities[*first].id.loc, what, diags);
  }
}

/// The same for entities no index holds.
template <class Entity>
void report_duplicates(const EntryList<Entity>& entities, std::string_view what, Diagnostics& diags) {
  std::unordered_map<std::string_view, SourceLoc> first;
  first.reserve(entities.size());
  for (const Entity& e : entities) {
    if (!e.id.present) continue;
    const auto [it, inserted] = first.emplace(e.id.value, e.id.loc);
    if (!inserted) report_duplicate(e.id, it->second, what, diags);
  }
}

/// Every provider a capability's slots name, with their upstream chains.
std::set<std::size_t> providers_reached(const Inventory& inventory, const InventoryIndex& index,
                                        const Capability& capability) {
  std::set<std::size_t> reached;
  std::vector<std::size_t> pending;
  auto visit = [&](const Located<CompactText>& id) {
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

/// Whether a name (a slot, a fallback) appeared earlier in its list, and where first. Slots and
/// fallbacks are a handful per capability, so looking back through the list costs less than a hash
/// table made for each one; a hostile list longer than kLookBackLimit uses the table.
class FirstSeen {
 public:
  static constexpr std::size_t kLookBackLimit = 16;
  /// For a list of `count` entries.
  explicit FirstSeen(std::size_t count) : hashed_(count > kLookBackLimit) {}
  /// Where `key` first appeared before this entry, or nullptr. `earlier(value)` answers the same
  /// by looking back through a short list. Call in list order, once per present key.
  template <class Text, class Earlier>
  const SourceLoc* seen(const Located<Text>& key, const Earlier& earlier) {
    if (!hashed_) return earlier(key.value);
    const auto [it, inserted] = first_.emplace(key.value, key.loc);
    return inserted ? nullptr : &it->second;
  }

 private:
  bool hashed_;
  std::unordered_map<std::string_view, SourceLoc> first_;
};

/// Whether a slot of `capability` names `provider` itself, as the primary or a fallback: most data
/// flows go to such a provider, and the walk through upstream chains is then not needed.
bool uses_directly(const Capability& capability, std::string_view provider) {
  for (const Need& need : capability.needs) {
    if (need.primary && need.primary->provider.value == provider) return true;
    for (const ProviderUse& f : need.fallbacks) {
      if (f.provider.value == provider) return true;
    }
  }
  return false;
}

void check_needs(const Capability& capability, Diagnostics& diags) {
  FirstSeen slots(capability.needs.size());
  for (std::size_t i = 0; i < capability.needs.size(); ++i) {
    const Need& need = capability.needs[i];
    if (need.slot.present) {
      const SourceLoc* first = slots.seen(need.slot, [&](std::string_view slot) -> const SourceLoc* {
        for (std::size_t j = 0; j < i; ++j) {
          const auto& other = capability.needs[j].slot;
          if (other.present && other.value == slot) return &other.loc;
        }
        return nullptr;
      });
      if (first) {
        diags.error(need.slot.loc,
                    "capability " + quote(capability.id.value) + " has two slots named " + quote(need.slot.value),
                    static_cast<std::uint32_t>(need.slot.value.size()));
        diags.note(*first, "the first is here", static_cast<std::uint32_t>(need.slot.value.size()));
      }
    }
    FirstSeen fallbacks(need.fallbacks.size());
    for (std::size_t k = 0; k < need.fallbacks.size(); ++k) {
      const ProviderUse& f = need.fallbacks[k];
      if (!f.provider.present) continue;
      const auto length = static_cast<std::uint32_t>(f.provider.value.size());
      // An earlier fallback equal to the primary would make this one equal to it too, so the look
      // back may count every earlier fallback, as the table (which skips those) does.
      const auto earlier = [&](std::string_view provider) -> const SourceLoc* {
        for (std::size_t m = 0; m < k; ++m) {
          const auto& other = need.fallbacks[m].provider;
          if (other.present && other.value == provider) return &other.loc;
        }
        return nullptr;
      };
      if (need.primary && f.provider.value == need.primary->provider.value) {
        diags.warning(f.provider.loc,
                      "fallback " + quote(f.provider.value) + " is the primary provider of slot " +
                          quote(need.slot.value) + " too; it adds no resilience",
                      length);
      } else if (fallbacks.seen(f.provider, earlier)) {
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
  using Id = std::remove_cvref_t<decltype(entities.front().id)>;
  const auto folded_less = [&](const Id* a, const Id* b) {
    const std::string_view x = a->value, y = b->value;
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(),
                                        [&](char p, char q) { return fold(p) < fold(q); });
  };
  // Pointers sorted by the folded id, file order kept among equals: no copy of any id is made.
  std::vector<const Id*> ids;
  ids.reserve(entities.size());
  bool any_upper = false;  // of two ids that fold alike but differ, one has an upper-case letter
  for (const Entity& e : entities) {
    if (!e.id.present) continue;
    ids.push_back(&e.id);
    const std::string_view id = e.id.value;
    any_upper = any_upper || std::any_of(id.begin(), id.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (is_country_code(e.id.value) || is_country_group(e.id.value)) {
      diags.warning(e.id.loc,
                    std::string(what) + " id " + quote(e.id.value) +
                        " is also a jurisdiction code; an accepted risk that targets it is ambiguous",
                    static_cast<std::uint32_t>(e.id.value.size()));
    }
  }
  if (!any_upper) return;  // the sort below would find no pair
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

void check_duplicate_ids(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  report_duplicates(inventory.providers, [&](std::string_view id) { return index.provider(id); }, "provider", diags);
  report_duplicates(inventory.capabilities, [&](std::string_view id) { return index.capability(id); }, "capability",
                    diags);
  report_confusable_ids(inventory.providers, "provider", diags);
  report_confusable_ids(inventory.capabilities, "capability", diags);
  report_duplicates(inventory.data_flows, [&](std::string_view id) { return index.data_flow(id); }, "data flow", diags);
  report_duplicates(inventory.accepted_risks, "accepted risk", diags);

  for (const Capability& c : inventory.capabilities) {
    if (!c.id.present || !index.provider(c.id.value)) continue;
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
    if (!uses_directly(capability, flow.provider.value) && !providers_reached(inventory, index, capability).contains(*p)) {
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
  // The checks only read the inventory and the index: the second half runs beside the first, into
  // a list of its own appended after the first's, so the diagnostics come in the same order.
  Diagnostics second_half;
  run_beside(
      [&] {
        check::check_consistency(inventory, index, second_half);
        check::check_law_fields(inventory, index, second_half);
        check::check_model_dates(inventory, second_half);
        check::check_trust_default(inventory, second_half);
        check::check_missing_figures(inventory, second_half);
      },
      [&] {
        check::check_duplicate_ids(inventory, index, diags);
        check::check_references(inventory, index, known_rules, diags);
        check::check_acceptance_scopes(inventory, index, diags);
        if (!known_rules.empty()) check::check_rule_ids(inventory, index, known_rules, diags);
        check::check_cycles(inventory, index, diags);
      });
  diags.append(second_half);
  return diags;
}

}  // namespace sovaudit
