// What-if changes applied to a copy of an inventory, each value checked by the loader's own tables.
#include "sovaudit/what_if.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

#include "frames.hpp"
#include "schema.hpp"
#include "sovaudit/dates.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/suggest.hpp"

namespace sovaudit {
namespace {

constexpr std::string_view kSections[] = {"organization", "policy", "providers", "capabilities", "data_flows"};

std::string quoted(std::string_view text) { return "'" + terminal_safe(text) + "'"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

/// A key whose value can be written as one scalar (a map or list key refuses scalars with a
/// message, which is not a value `--set` can give).
template <class T>
bool settable(const load::FieldSpec<T>& field) {
  const std::string_view expected = field.read.expected;
  return field.read.scalar && field.key != "id" && expected != "a map" && !expected.starts_with("a list");
}

template <class T>
std::vector<std::string> scalar_keys(const load::MapSchema<T>& schema) {
  std::vector<std::string> keys;
  for (const load::FieldSpec<T>& field : schema.fields) {
    if (settable(field)) keys.emplace_back(field.key);
  }
  return keys;
}

template <class Entry>
std::vector<std::string> ids_of(const EntryList<Entry>& entries) {
  std::vector<std::string> ids;
  for (const Entry& e : entries) ids.push_back(e.id.value.str());
  return ids;
}

template <class Entry>
Entry* find_entry(EntryList<Entry>& entries, std::string_view id) {
  const auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.id.value == id; });
  return it == entries.end() ? nullptr : &*it;
}

/// "no provider is called 'openia' (did you mean 'openai'?)"
template <class Entry>
std::string unknown_entry(std::string_view what, std::string_view id, const EntryList<Entry>& entries) {
  return "no " + std::string(what) + " is called " + quoted(id) + did_you_mean(closest_match(id, ids_of(entries)));
}

/// Reads `value` into `target.key` exactly as the loader reads the inventory, then re-runs the
/// checks across keys of that map. The value takes the entry's place, so findings still point
/// into the file.
template <class T>
void set_key(const load::MapSchema<T>& schema, T& target, SourceLoc where, std::string_view key,
             std::string_view value, const std::string& option, std::vector<std::string>& errors,
             bool new_entry = false) {
  const auto field = std::find_if(schema.fields.begin(), schema.fields.end(),
                                  [&](const load::FieldSpec<T>& f) { return f.key == key; });
  const std::vector<std::string> keys = scalar_keys(schema);
  if (field == schema.fields.end()) {
    const bool vowel = std::string_view("aeiou").find(schema.what.front()) != std::string_view::npos;
    errors.push_back(option + ": " + (vowel ? "an " : "a ") + std::string(schema.what) + " has no key " + quoted(key) +
                     did_you_mean(closest_match(key, keys)));
    return;
  }
  if (key == "id" && !new_entry) {
    errors.push_back(option + ": an id cannot be changed; --remove the entry and add another to the inventory");
    return;
  }
  if (!settable(*field) && !(new_entry && key == "id")) {
    errors.push_back(option + ": " + quoted(key) + " is not a single value; --set changes one of " + joined(keys));
    return;
  }
  Diagnostics diags;
  const load::Scalar scalar{value, where, static_cast<std::uint32_t>(value.size()), load::ScalarStyle::Plain};
  field->read.scalar(diags, target, scalar, load::Slot{field->key, where});
  if (!diags.has_errors() && schema.finish) schema.finish(diags, target, where);
  for (const Diagnostic& d : diags.all()) {
    if (d.severity == DiagSeverity::Error) errors.push_back(option + ": " + d.message);
  }
}

/// Sets `key` of the entry called `id`, or of its one nested map when `id` ends in ".NESTED"
/// (`providers.ID.exit_plan.KEY`); ids may hold dots, so the nested map is tried only when no entry
/// has the whole id. The nested map is created, at the entry's place, when the entry has none.
template <class Entry, class Holder, class Nested>
void set_entry_key(EntryList<Entry>& entries, std::string_view what, const load::MapSchema<Entry>& schema,
                   Holder Entry::*nested, std::string_view nested_key, const load::MapSchema<Nested>& nested_schema,
                   std::string_view id, std::string_view key, std::string_view value, const std::string& option,
                   std::vector<std::string>& errors) {
  const std::string suffix = "." + std::string(nested_key);
  Entry* owner = id.ends_with(suffix) && find_entry(entries, id) == nullptr
                     ? find_entry(entries, id.substr(0, id.size() - suffix.size()))
                     : nullptr;
  if (owner != nullptr) {
    Holder& holder = owner->*nested;
    if (!holder) holder.emplace().loc = owner->loc;
    set_key(nested_schema, *holder, owner->loc, key, value, option, errors);
  } else if (Entry* e = find_entry(entries, id)) {
    set_key(schema, *e, e->loc, key, value, option, errors);
  } else {
    errors.push_back(option + ": " + unknown_entry(what, id, entries));
  }
}

/// Sets `key` of the primary use of slot SLOT in `capability_and_slot` ("triage.needs.llm"): the
/// capability is the longest prefix before ".needs." that names one, since ids may hold dots.
void set_slot_key(Inventory& inv, std::string_view capability_and_slot, std::string_view key, std::string_view value,
                  const std::string& option, std::vector<std::string>& errors) {
  constexpr std::string_view kNeeds = ".needs.";
  Capability* cap = nullptr;
  std::string_view slot;
  for (std::size_t at = capability_and_slot.rfind(kNeeds); at != std::string_view::npos;
       at = at == 0 ? std::string_view::npos : capability_and_slot.rfind(kNeeds, at - 1)) {
    if ((cap = find_entry(inv.capabilities, capability_and_slot.substr(0, at))) != nullptr) {
      slot = capability_and_slot.substr(at + kNeeds.size());
      break;
    }
  }
  if (cap == nullptr) {
    const std::string_view id = capability_and_slot.substr(0, capability_and_slot.find(kNeeds));
    errors.push_back(option + ": " + unknown_entry("capability", id, inv.capabilities));
    return;
  }
  const auto need = std::find_if(cap->needs.begin(), cap->needs.end(), [&](const Need& n) { return n.slot.value == slot; });
  if (need == cap->needs.end() || !need->primary) {
    std::vector<std::string> slots;
    for (const Need& n : cap->needs) slots.push_back(n.slot.value.str());
    errors.push_back(option + ": capability " + quoted(cap->id.value) + " has no slot " + quoted(slot) +
                     did_you_mean(closest_match(slot, slots)) +
                     (slots.empty() ? "; it needs no provider" : "; its slots are " + joined(slots)));
    return;
  }
  if (key == "provider") {
    errors.push_back(option + ": a slot's provider is changed with --remove or --add-fallback, not --set");
    return;
  }
  // A retirement date is the named model's: a new name leaves the old model's date behind.
  ProviderUse& use = *need->primary;
  if (key == "model" && use.model && use.model->name.value != value) use.model->retires = Located<Date>();
  set_key(load::primary_format(), use, use.loc, key, value, option, errors);
}

void apply_set(Inventory& inv, const std::string& text, const std::string& option, std::vector<std::string>& errors) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    errors.push_back(option + ": expected PATH=VALUE, such as providers.openai.notice_months=12");
    return;
  }
  const std::string_view path = std::string_view(text).substr(0, eq);
  const std::string_view value = std::string_view(text).substr(eq + 1);
  const std::size_t first_dot = path.find('.');
  const std::string_view section = path.substr(0, first_dot);
  if (std::find(std::begin(kSections), std::end(kSections), section) == std::end(kSections)) {
    errors.push_back(option + ": " + quoted(section) + " is not a section" +
                     did_you_mean(closest_match(section, kSections)) +
                     "; a path starts with organization, policy, providers, capabilities or data_flows");
    return;
  }
  const bool keyed = section != "organization" && section != "policy";
  const std::size_t last_dot = path.rfind('.');
  if (first_dot == std::string_view::npos || (keyed && last_dot == first_dot)) {
    errors.push_back(option + ": expected " + std::string(section) + (keyed ? ".ID.KEY" : ".KEY") + "=VALUE");
    return;
  }
  const std::string_view key = path.substr(last_dot + 1);
  const std::string_view id = keyed ? path.substr(first_dot + 1, last_dot - first_dot - 1) : std::string_view{};
  if (section == "organization") {
    set_key(load::organization_format(), inv.organization, inv.organization.loc, key, value, option, errors);
  } else if (section == "policy") {
    set_key(load::policy_format(), inv.policy, inv.policy.loc.known() ? inv.policy.loc : inv.loc, key, value, option,
            errors);
  } else if (section == "providers") {
    set_entry_key(inv.providers, "provider", load::provider_format(), &Provider::exit_plan, "exit_plan",
                  load::exit_plan_format(), id, key, value, option, errors);
  } else if (section == "capabilities" && find_entry(inv.capabilities, id) == nullptr &&
             id.find(".needs.") != std::string_view::npos) {
    set_slot_key(inv, id, key, value, option, errors);
  } else if (section == "capabilities") {
    set_entry_key(inv.capabilities, "capability", load::capability_format(), &Capability::criteria, "criteria",
                  load::criteria_format(), id, key, value, option, errors);
  } else if (DataFlow* f = find_entry(inv.data_flows, id)) {
    set_key(load::data_flow_format(), *f, f->loc, key, value, option, errors);
  } else {
    errors.push_back(option + ": " + unknown_entry("data flow", id, inv.data_flows));
  }
}

bool uses(const Need& need, std::string_view provider) {
  if (need.primary && need.primary->provider.value == provider) return true;
  return std::any_of(need.fallbacks.begin(), need.fallbacks.end(),
                     [&](const ProviderUse& u) { return u.provider.value == provider; });
}

void apply_add_fallback(Inventory& inv, const std::string& text, const std::string& option,
                        std::vector<std::string>& errors) {
  const std::size_t c1 = text.find(':');
  const std::size_t c2 = c1 == std::string::npos ? c1 : text.find(':', c1 + 1);
  if (c2 == std::string::npos || text.find(':', c2 + 1) != std::string::npos) {
    errors.push_back(option + ": expected CAPABILITY:SLOT:PROVIDER or CAPABILITY:SLOT:PROVIDER@TESTED, such as "
                              "triage:llm:mistral@2026-11-01");
    return;
  }
  const std::string capability = text.substr(0, c1);
  const std::string slot = text.substr(c1 + 1, c2 - c1 - 1);
  std::string provider = text.substr(c2 + 1);
  std::optional<std::string> tested;
  if (const std::size_t at = provider.find('@'); at != std::string::npos) {
    tested = provider.substr(at + 1);
    provider.resize(at);
  }
  Capability* cap = find_entry(inv.capabilities, capability);
  if (cap == nullptr) {
    errors.push_back(option + ": " + unknown_entry("capability", capability, inv.capabilities));
    return;
  }
  const auto need = std::find_if(cap->needs.begin(), cap->needs.end(), [&](const Need& n) { return n.slot.value == slot; });
  if (need == cap->needs.end()) {
    std::vector<std::string> slots;
    for (const Need& n : cap->needs) slots.push_back(n.slot.value.str());
    errors.push_back(option + ": capability " + quoted(capability) + " has no slot " + quoted(slot) +
                     did_you_mean(closest_match(slot, slots)) +
                     (slots.empty() ? "; it needs no provider" : "; its slots are " + joined(slots)));
    return;
  }
  if (find_entry(inv.providers, provider) == nullptr) {
    errors.push_back(option + ": " + unknown_entry("provider", provider, inv.providers));
    return;
  }
  const auto existing = std::find_if(need->fallbacks.begin(), need->fallbacks.end(),
                                     [&](const ProviderUse& u) { return u.provider.value == provider; });
  if (existing != need->fallbacks.end() && tested) {
    // A fallback given again with a date is re-tested: the switch-over was rehearsed that day.
    set_key(load::fallback_format(), *existing, existing->loc, "tested", *tested, option, errors);
    return;
  }
  if (uses(*need, provider)) {
    errors.push_back(option + ": " + quoted(provider) + " already serves " + quoted(capability) + " slot " +
                     quoted(slot) + " as its primary or a fallback");
    return;
  }
  ProviderUse fallback;
  fallback.loc = need->loc;
  fallback.provider = Located<CompactText>(provider, need->loc);
  if (tested) {
    const std::size_t before = errors.size();
    set_key(load::fallback_format(), fallback, need->loc, "tested", *tested, option, errors);
    if (errors.size() != before) return;
  }
  need->fallbacks.push_back(std::move(fallback));
}

/// Puts the slot's first fallback in the removed provider's place; returns when that fallback was
/// last tested ("never tested" when it was not), or nothing when the primary stays.
std::optional<std::string> promote_fallback(Need& need, std::string_view removed) {
  std::erase_if(need.fallbacks, [&](const ProviderUse& u) { return u.provider.value == removed; });
  if (!need.primary || need.primary->provider.value != removed || need.fallbacks.empty()) return std::nullopt;
  ProviderUse next = std::move(need.fallbacks.front());
  // A reader deciding on the move needs to know whether the switch-over was ever rehearsed.
  std::string tested = next.tested.present ? "last tested " + to_string(next.tested.value) : "never tested";
  need.fallbacks.erase(need.fallbacks.begin());
  next.tested = {};  // a primary has no switch-over test
  need.primary = std::move(next);
  return tested;
}

void apply_remove(Inventory& inv, const std::string& id, const std::string& option, std::vector<std::string>& errors,
                  std::vector<std::string>& notes) {
  if (find_entry(inv.providers, id) == nullptr) {
    errors.push_back(option + ": " + unknown_entry("provider", id, inv.providers));
    return;
  }
  // Checked first, so a refused removal changes nothing.
  for (const Capability& c : inv.capabilities) {
    for (const Need& n : c.needs) {
      const bool primary = n.primary && n.primary->provider.value == id;
      const bool other = std::any_of(n.fallbacks.begin(), n.fallbacks.end(),
                                     [&](const ProviderUse& u) { return u.provider.value != id; });
      if (primary && !other) {
        errors.push_back(option + ": capability " + quoted(c.id.value) + " slot " + quoted(n.slot.value) +
                         " would be left with no provider; give it one with --add-fallback " + c.id.value + ":" +
                         n.slot.value + ":PROVIDER");
        return;
      }
    }
  }
  for (Capability& c : inv.capabilities) {
    for (Need& n : c.needs) {
      const std::optional<std::string> tested = promote_fallback(n, id);
      if (!tested) continue;
      const CompactText& next = n.primary->provider.value;
      notes.push_back(option + ": " + c.id.value + " slot " + n.slot.value + " now runs on its fallback " + next +
                      " (" + *tested + ")");
      for (DataFlow& f : inv.data_flows) {
        if (f.capability.value == c.id.value && f.provider.value == id) {
          f.provider.value = next;
          notes.push_back(option + ": data flow " + f.id.value + " now goes to " + next);
          // Its regions were the removed provider's; the slot's pinned regions or the new
          // provider's own now decide where it is processed.
          if (!f.regions.empty()) {
            f.regions.clear();
            notes.push_back(option + ": data flow " + f.id.value + " loses its regions, which were " + id + "'s");
          }
        }
      }
    }
  }
  for (const DataFlow& f : inv.data_flows) {
    if (f.provider.value == id) notes.push_back(option + ": data flow " + f.id.value + " ends");
  }
  std::erase_if(inv.data_flows, [&](const DataFlow& f) { return f.provider.value == id; });
  // Leaving a provider ends our own use of it, not the use that the providers built on it make:
  // it stays as their upstream, with what its law and prices still reach through them.
  std::vector<std::string> built_on;
  for (const Provider& p : inv.providers) {
    if (std::any_of(p.upstream.begin(), p.upstream.end(), [&](const UpstreamLink& u) { return u.provider.value == id; })) {
      built_on.push_back(p.id.value.str());
    }
  }
  if (!built_on.empty()) {
    notes.push_back(option + ": " + id + " stays in the inventory as the upstream of " + joined(built_on));
    return;
  }
  std::erase_if(inv.accepted_risks, [&](const AcceptedRisk& r) { return r.target.value == id; });
  for (AcceptedRisk& r : inv.accepted_risks) {
    std::erase_if(r.providers, [&](const Located<std::string>& p) { return p.value == id; });
  }
  std::erase_if(inv.providers, [&](const Provider& p) { return p.id.value == id; });
}

/// A new provider, ID:KIND:HQ, at the place of the providers list: no spend, processing in HQ, the
/// policy's notice. What a plan proposes when no provider in the inventory can serve a slot.
void apply_add_provider(Inventory& inv, const std::string& text, const std::string& option,
                        std::vector<std::string>& errors) {
  const std::size_t c1 = text.find(':');
  const std::size_t c2 = c1 == std::string::npos ? c1 : text.find(':', c1 + 1);
  if (c2 == std::string::npos || text.find(':', c2 + 1) != std::string::npos || c1 == 0) {
    errors.push_back(option + ": expected ID:KIND:HQ, such as eu-llm:model-api:FR");
    return;
  }
  const std::string id = text.substr(0, c1);
  if (find_entry(inv.providers, id) != nullptr) {
    errors.push_back(option + ": a provider is already called " + quoted(id));
    return;
  }
  Provider p;
  p.loc = inv.providers_loc.known() ? inv.providers_loc : inv.loc;
  const std::size_t before = errors.size();
  set_key(load::provider_format(), p, p.loc, "id", id, option, errors, true);
  p.name = Located<std::string>(id, p.loc);
  set_key(load::provider_format(), p, p.loc, "kind", text.substr(c1 + 1, c2 - c1 - 1), option, errors);
  set_key(load::provider_format(), p, p.loc, "hq", text.substr(c2 + 1), option, errors);
  if (errors.size() != before) return;
  p.regions.push_back(p.hq);
  inv.providers.push_back(std::move(p));
}

/// Why a change's text cannot be read at all: what the loader's pre-scan refuses in a file
/// (invalid UTF-8, control characters) and what exceeds the string limit; "" when it can.
std::string refused_text(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return "the value is " + std::to_string(text.size()) + " bytes long, over the limit of " +
           std::to_string(max_bytes) + " (--max-string-length)";
  }
  if (first_invalid_utf8(text)) return "the value is not valid UTF-8";
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "the value holds a control character, which no inventory may";
  }
  return {};
}

/// Whose law `jurisdiction` is: a provider with its headquarters or its ultimate parent's there.
bool answers_to(const Provider& p, std::string_view jurisdiction) {
  if (country_in(p.hq.value, jurisdiction)) return true;
  return p.ultimate_parent && country_in(p.ultimate_parent->hq.value, jurisdiction);
}

void apply_switch_off(Inventory& inv, const std::string& code, const std::string& option,
                      std::vector<std::string>& errors, std::vector<std::string>& notes) {
  if (!is_country_code(code) && !is_country_group(code)) {
    errors.push_back(option + ": " + quoted(code) + " is not a country code or a group such as EU" +
                     did_you_mean(suggest_country_code(code)));
    return;
  }
  std::vector<std::string> reached;
  for (const Provider& p : inv.providers) {
    if (answers_to(p, code)) reached.push_back(p.id.value.str());
  }
  if (reached.empty()) {
    notes.push_back(option + ": no provider answers to " + code + " law; nothing changes");
    return;
  }
  const auto is_reached = [&reached](const ProviderUse& u) {
    return std::find(reached.begin(), reached.end(), u.provider.value) != reached.end();
  };
  for (const Capability& c : inv.capabilities) {
    for (const Need& n : c.needs) {
      if (n.primary && is_reached(*n.primary) && std::all_of(n.fallbacks.begin(), n.fallbacks.end(), is_reached)) {
        errors.push_back(option + ": capability " + quoted(c.id.value) + " slot " + quoted(n.slot.value) +
                         " has no provider outside " + code +
                         " law; the scan's SOV-JURISDICTION finding measures that loss");
        return;
      }
    }
  }
  notes.push_back(option + ": " + joined(reached) + " answer to " + code + " law");
  // Their places as fallbacks go first, so that a slot moves straight to a provider that stays.
  for (Capability& c : inv.capabilities) {
    for (Need& n : c.needs) std::erase_if(n.fallbacks, is_reached);
  }
  // One at a time, as --remove, until none more can go: a provider kept as the upstream of one
  // that goes later is tried again, so the order of the list does not decide what stays.
  std::vector<std::string> steps;
  std::vector<std::string> refused;  // none: every slot keeps a provider outside the law
  for (std::size_t left = inv.providers.size(), before = 0; left != before;) {
    before = left;
    for (const std::string& id : reached) {
      if (find_entry(inv.providers, id) != nullptr) apply_remove(inv, id, option, refused, steps);
    }
    left = inv.providers.size();
  }
  // Only the last word on a provider that stays counts (the providers built on it shrink as they
  // go), and none on one that went in a later round.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::size_t stays = steps[i].find(" stays in the inventory");
    const std::size_t name_at = option.size() + 2;
    const bool gone_later = stays != std::string::npos &&
                            find_entry(inv.providers, steps[i].substr(name_at, stays - name_at)) == nullptr;
    const bool superseded = stays != std::string::npos &&
                            std::any_of(steps.begin() + static_cast<std::ptrdiff_t>(i) + 1, steps.end(),
                                        [&](const std::string& later) {
                                          return later.compare(0, stays + 23, steps[i], 0, stays + 23) == 0;
                                        });
    if (!superseded && !gone_later && std::find(notes.begin(), notes.end(), steps[i]) == notes.end()) {
      notes.push_back(steps[i]);
    }
  }
}

}  // namespace

std::string describe(const WhatIfChange& change) {
  switch (change.kind) {
    case WhatIfKind::Remove:
      return "--remove " + change.text;
    case WhatIfKind::AddFallback:
      return "--add-fallback " + change.text;
    case WhatIfKind::SwitchOff:
      return "--switch-off " + change.text;
    case WhatIfKind::AddProvider:
      return "--add-provider " + change.text;
    case WhatIfKind::Set:
      break;
  }
  return "--set " + change.text;
}

int command_line_rank(WhatIfKind kind) {
  switch (kind) {
    case WhatIfKind::AddProvider:
      return 0;
    case WhatIfKind::Set:
      return 1;
    case WhatIfKind::AddFallback:
      return 2;
    case WhatIfKind::Remove:
      return 3;
    case WhatIfKind::SwitchOff:
      break;
  }
  return 4;
}

WhatIfOutcome apply_what_if(const Inventory& inventory, std::span<const WhatIfChange> changes,
                            std::size_t max_value_bytes) {
  WhatIfOutcome out{inventory, {}, {}};
  for (const WhatIfChange& change : changes) {
    const std::string option = describe(change);
    if (const std::string refused = refused_text(change.text, max_value_bytes); !refused.empty()) {
      out.errors.push_back(std::string(option.substr(0, option.find(' '))) + ": " + refused);
      continue;
    }
    switch (change.kind) {
      case WhatIfKind::Remove:
        apply_remove(out.inventory, change.text, option, out.errors, out.notes);
        break;
      case WhatIfKind::AddFallback:
        apply_add_fallback(out.inventory, change.text, option, out.errors);
        break;
      case WhatIfKind::Set:
        apply_set(out.inventory, change.text, option, out.errors);
        break;
      case WhatIfKind::SwitchOff:
        apply_switch_off(out.inventory, change.text, option, out.errors, out.notes);
        break;
      case WhatIfKind::AddProvider:
        apply_add_provider(out.inventory, change.text, option, out.errors);
        break;
    }
  }
  return out;
}

std::vector<std::string> what_if_settable_keys(std::string_view section) {
  if (section == "organization") return scalar_keys(load::organization_format());
  if (section == "policy") return scalar_keys(load::policy_format());
  if (section == "providers") return scalar_keys(load::provider_format());
  if (section == "capabilities") return scalar_keys(load::capability_format());
  if (section == "data_flows") return scalar_keys(load::data_flow_format());
  return {};
}

}  // namespace sovaudit
