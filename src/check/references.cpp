// Dangling references: every id an entry names must be defined, else a suggestion is offered.
#include <algorithm>
#include <string>
#include <vector>

#include "checks_internal.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/verdict.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::check {
namespace {

template <class Text>
std::uint32_t length_of(const Located<Text>& ref) {
  return static_cast<std::uint32_t>(ref.value.size());
}

/// "Did you mean" for unknown references, within a fixed budget of comparisons per file: a file
/// with thousands of dangling references against thousands of ids would otherwise take quadratic
/// time. Past the budget, errors still appear, without a suggestion. Deterministic: file order.
class Suggester {
 public:
  std::string operator()(std::string_view word, std::span<const std::string> candidates) {
    if (candidates.size() > remaining_) return {};
    remaining_ -= candidates.size();
    return did_you_mean(closest_match(word, candidates));
  }

 private:
  std::size_t remaining_ = 2'000'000;
};

// `prefix()` words the start of the error; it is called only for a dangling reference, so a clean
// inventory builds no message text at all.
template <class Text, class Prefix>
void check_provider_ref(const Located<Text>& ref, const InventoryIndex& index, const Prefix& prefix,
                        Suggester& suggest, Diagnostics& diags) {
  if (!ref.present || index.provider(ref.value)) return;
  diags.error(ref.loc, prefix() + " " + quote(ref.value) + suggest(ref.value, index.provider_ids()), length_of(ref));
}

template <class Text, class Prefix>
void check_capability_ref(const Located<Text>& ref, const InventoryIndex& index, const Prefix& prefix,
                          Suggester& suggest, Diagnostics& diags) {
  if (!ref.present || index.capability(ref.value)) return;
  diags.error(ref.loc, prefix() + " " + quote(ref.value) + suggest(ref.value, index.capability_ids()), length_of(ref));
}

}  // namespace

std::vector<std::string> parent_names(const Inventory& inventory) {
  std::vector<std::string> out;
  for (const Provider& p : inventory.providers) {
    if (p.ultimate_parent && p.ultimate_parent->name.present) out.push_back(p.ultimate_parent->name.value);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> model_names(const Inventory& inventory) {
  std::vector<std::string> out;
  for (const Capability& c : inventory.capabilities) {
    for (const Need& n : c.needs) {
      const auto add = [&](const ProviderUse& u) {
        if (u.model && u.model->name.present) out.push_back(u.model->name.value);
      };
      if (n.primary) add(*n.primary);
      for (const ProviderUse& f : n.fallbacks) add(f);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// An acceptance of a finding on a provider seen in an SBOM names a catalogue vendor or a package.
void check_observed_target(const Located<std::string>& t, Diagnostics& diags) {
  if (!t.present || find_vendor(t.value) || parse_purl(t.value)) return;
  std::vector<std::string_view> keys;
  for (const Vendor& v : catalogue_vendors()) keys.push_back(v.key);
  diags.error(t.loc,
              "accepted risk targets " + quote(t.value) + ", which is neither a catalogue vendor nor a package URL" +
                  did_you_mean(closest_match(t.value, keys)) + " ('sovaudit catalogue' lists them)",
              length_of(t));
}

void check_references(const Inventory& inventory, const InventoryIndex& index, std::span<const RuleInfo* const> known_rules,
                      Diagnostics& diags) {
  Suggester suggest;
  for (const Provider& p : inventory.providers) {
    for (const UpstreamLink& link : p.upstream) {
      check_provider_ref(link.provider, index,
                         [&] { return "provider " + quote(p.id.value) + " has unknown upstream provider"; }, suggest,
                         diags);
    }
  }
  for (const Capability& c : inventory.capabilities) {
    const auto name = [&] { return "capability " + quote(c.id.value); };
    for (const Located<std::string>& required : c.required_capabilities) {
      check_capability_ref(required, index, [&] { return name() + " requires unknown capability"; }, suggest, diags);
    }
    for (const Need& need : c.needs) {
      if (need.primary) {
        check_provider_ref(need.primary->provider, index, [&] { return name() + " needs unknown provider"; }, suggest,
                           diags);
      }
      for (const ProviderUse& f : need.fallbacks) {
        check_provider_ref(f.provider, index, [&] { return name() + " lists unknown fallback provider"; }, suggest,
                           diags);
      }
    }
  }
  for (const DataFlow& flow : inventory.data_flows) {
    const auto name = [&] { return "data flow " + quote(flow.id.value); };
    check_capability_ref(flow.capability, index, [&] { return name() + " names unknown capability"; }, suggest, diags);
    check_provider_ref(flow.provider, index, [&] { return name() + " sends data to unknown provider"; }, suggest, diags);
  }
  if (inventory.accepted_risks.empty()) return;

  // An accepted risk may target any entity, a jurisdiction (for jurisdiction findings) or a
  // provider group by its ultimate parent's name (for group findings).
  const std::vector<std::string> parents = parent_names(inventory);
  const std::vector<std::string> models = model_names(inventory);
  // Every name a target may take, for suggestions: copied only once a target is unknown.
  std::vector<std::string> targets;
  const auto all_targets = [&]() -> const std::vector<std::string>& {
    if (!targets.empty()) return targets;
    for (const auto* ids : {&index.provider_ids(), &index.capability_ids(), &index.data_flow_ids()}) {
      targets.insert(targets.end(), ids->begin(), ids->end());
    }
    targets.insert(targets.end(), parents.begin(), parents.end());
    targets.insert(targets.end(), models.begin(), models.end());
    return targets;
  };
  for (const AcceptedRisk& risk : inventory.accepted_risks) {
    const Located<std::string>& t = risk.target;
    // Findings on what an SBOM shows name something the inventory does not declare.
    const auto rule = std::find_if(known_rules.begin(), known_rules.end(),
                                   [&](const RuleInfo* r) { return r->id == risk.rule.value; });
    if (rule != known_rules.end() && (*rule)->target == TargetKind::Observed) {
      check_observed_target(t, diags);
      continue;
    }
    if (!t.present || index.provider(t.value) || index.capability(t.value) || index.data_flow(t.value) ||
        is_country_code(t.value) || is_country_group(t.value) ||
        std::binary_search(parents.begin(), parents.end(), t.value) ||
        std::binary_search(models.begin(), models.end(), t.value)) {
      continue;
    }
    diags.error(t.loc,
                "accepted risk for " + risk.rule.value + " targets unknown " + quote(t.value) +
                    suggest(t.value, all_targets()),
                length_of(t));
  }
}

void check_acceptance_scopes(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  Suggester suggest;
  for (const AcceptedRisk& risk : inventory.accepted_risks) {
    const std::string name = "accepted risk for " + risk.rule.value;
    for (const Located<std::string>& flow : risk.flows) {
      if (index.data_flow(flow.value)) continue;
      diags.error(flow.loc, name + " lists unknown data flow " + quote(flow.value) + suggest(flow.value, index.data_flow_ids()),
                  length_of(flow));
    }
    for (const Located<std::string>& capability : risk.capabilities) {
      check_capability_ref(capability, index, [&] { return name + " lists unknown capability"; }, suggest, diags);
    }
    for (const Located<std::string>& provider : risk.providers) {
      check_provider_ref(provider, index, [&] { return name + " lists unknown provider"; }, suggest, diags);
    }
  }
}

namespace {

/// What `target` names in this inventory, for the message when it is not what the rule reports on.
std::string_view kind_named(const InventoryIndex& index, const std::vector<std::string>& parents,
                            const std::vector<std::string>& models, std::string_view target) {
  if (index.provider(target)) return "a provider";
  if (index.capability(target)) return "a capability";
  if (index.data_flow(target)) return "a data flow";
  if (is_country_code(target) || is_country_group(target)) return "a jurisdiction";
  if (std::binary_search(parents.begin(), parents.end(), target)) return "a provider group";
  if (std::binary_search(models.begin(), models.end(), target)) return "a model";
  return {};
}

/// An acceptance whose target is of another kind than its rule's findings can never match.
void check_target_kind(const InventoryIndex& index, const std::vector<std::string>& parents,
                       const std::vector<std::string>& models, const AcceptedRisk& risk, const RuleInfo& rule,
                       Diagnostics& diags) {
  const Located<std::string>& t = risk.target;
  if (!t.present || rule.target == TargetKind::AcceptedTarget) return;
  const bool fits = [&] {
    switch (rule.target) {
      case TargetKind::Provider:
        return index.provider(t.value).has_value();
      case TargetKind::Capability:
        return index.capability(t.value).has_value();
      case TargetKind::DataFlow:
        return index.data_flow(t.value).has_value();
      case TargetKind::Jurisdiction:
        return is_country_code(t.value) || is_country_group(t.value);
      case TargetKind::Group:
        // A provider without a parent is a group of its own, named by its id.
        return index.provider(t.value).has_value() || std::binary_search(parents.begin(), parents.end(), t.value);
      case TargetKind::Model:
        // A model retirement names the model; a provider retired as a whole, the provider.
        return index.provider(t.value).has_value() || std::binary_search(models.begin(), models.end(), t.value);
      case TargetKind::AcceptedTarget:
      case TargetKind::Observed:
        break;
    }
    return true;
  }();
  const std::string_view named = kind_named(index, parents, models, t.value);
  if (fits || named.empty()) return;  // an unknown target is reported by check_references
  diags.error(t.loc,
              "accepted risk for " + std::string(rule.id) + " targets " + quote(t.value) + ", " +
                  std::string(named) + ", but " + std::string(rule.id) + " reports on each " +
                  std::string(to_string(rule.target)) + " ('sovaudit explain " + std::string(rule.id) + "')",
              length_of(t));
}

}  // namespace

void check_rule_ids(const Inventory& inventory, const InventoryIndex& index, std::span<const RuleInfo* const> known_rules,
                    Diagnostics& diags) {
  std::vector<std::string_view> ids;
  for (const RuleInfo* rule : known_rules) ids.push_back(rule->id);
  const std::vector<std::string> parents = parent_names(inventory);
  const std::vector<std::string> models = model_names(inventory);
  for (const AcceptedRisk& risk : inventory.accepted_risks) {
    const Located<std::string>& rule = risk.rule;
    if (!rule.present) continue;
    const auto known = std::find_if(known_rules.begin(), known_rules.end(),
                                    [&](const RuleInfo* r) { return r->id == rule.value; });
    if (known == known_rules.end()) {
      diags.error(rule.loc, "accepted risk names unknown rule " + quote(rule.value) +
                                did_you_mean(closest_match(rule.value, ids)) + " ('sovaudit rules' lists them)",
                  length_of(rule));
      continue;
    }
    check_target_kind(index, parents, models, risk, **known, diags);
    // A list the rule's findings never name would cover nothing, or (read loosely) everything.
    for (const AcceptanceScope& scope : scopes_of(risk)) {
      if (scope.ids->empty() || narrowable_by(**known, scope.kind)) continue;
      const std::string_view name = to_string(scope.kind);
      std::string allowed((*known)->narrowed_by);
      for (char& c : allowed) {
        if (c == ',') c = ' ';
      }
      diags.error(scope.loc,
                  "accepted risk for " + rule.value + " lists " + std::string(name) + ", but its findings (one per " +
                      std::string(to_string((*known)->target)) + ") name no " + std::string(name) +
                      (allowed.empty() ? "; it cannot be narrowed" : "; it can be narrowed by " + allowed),
                  static_cast<std::uint32_t>(name.size()));
    }
  }
}

}  // namespace sovaudit::check
