// Dangling references: every id an entry names must be defined, else a suggestion is offered.
#include <algorithm>
#include <string>
#include <vector>

#include "checks_internal.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::check {
namespace {

std::uint32_t length_of(const Located<std::string>& ref) { return static_cast<std::uint32_t>(ref.value.size()); }

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

void check_provider_ref(const Located<std::string>& ref, const InventoryIndex& index, const std::string& prefix,
                        Suggester& suggest, Diagnostics& diags) {
  if (!ref.present || index.provider(ref.value)) return;
  diags.error(ref.loc, prefix + " " + quote(ref.value) + suggest(ref.value, index.provider_ids()), length_of(ref));
}

void check_capability_ref(const Located<std::string>& ref, const InventoryIndex& index, const std::string& prefix,
                          Suggester& suggest, Diagnostics& diags) {
  if (!ref.present || index.capability(ref.value)) return;
  diags.error(ref.loc, prefix + " " + quote(ref.value) + suggest(ref.value, index.capability_ids()), length_of(ref));
}

}  // namespace

void check_references(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  Suggester suggest;
  for (const Provider& p : inventory.providers) {
    for (const UpstreamLink& link : p.upstream) {
      check_provider_ref(link.provider, index, "provider " + quote(p.id.value) + " has unknown upstream provider",
                         suggest, diags);
    }
  }
  for (const Capability& c : inventory.capabilities) {
    const std::string name = "capability " + quote(c.id.value);
    for (const Located<std::string>& required : c.required_capabilities) {
      check_capability_ref(required, index, name + " requires unknown capability", suggest, diags);
    }
    for (const Need& need : c.needs) {
      if (need.primary) check_provider_ref(need.primary->provider, index, name + " needs unknown provider", suggest, diags);
      for (const ProviderUse& f : need.fallbacks) {
        check_provider_ref(f.provider, index, name + " lists unknown fallback provider", suggest, diags);
      }
    }
  }
  for (const DataFlow& flow : inventory.data_flows) {
    const std::string name = "data flow " + quote(flow.id.value);
    check_capability_ref(flow.capability, index, name + " names unknown capability", suggest, diags);
    check_provider_ref(flow.provider, index, name + " sends data to unknown provider", suggest, diags);
  }

  // An accepted risk may target any entity or a jurisdiction (for jurisdiction findings).
  std::vector<std::string> targets;
  for (const auto* ids : {&index.provider_ids(), &index.capability_ids(), &index.data_flow_ids()}) {
    targets.insert(targets.end(), ids->begin(), ids->end());
  }
  for (const AcceptedRisk& risk : inventory.accepted_risks) {
    const Located<std::string>& t = risk.target;
    if (!t.present || index.provider(t.value) || index.capability(t.value) || index.data_flow(t.value) ||
        is_country_code(t.value) || is_country_group(t.value)) {
      continue;
    }
    diags.error(t.loc,
                "accepted risk for " + risk.rule.value + " targets unknown " + quote(t.value) + suggest(t.value, targets),
                length_of(t));
  }
}

void check_rule_ids(const Inventory& inventory, std::span<const std::string_view> known_rules, Diagnostics& diags) {
  for (const AcceptedRisk& risk : inventory.accepted_risks) {
    const Located<std::string>& rule = risk.rule;
    if (!rule.present || std::find(known_rules.begin(), known_rules.end(), rule.value) != known_rules.end()) continue;
    diags.error(rule.loc, "accepted risk names unknown rule " + quote(rule.value) +
                              did_you_mean(closest_match(rule.value, known_rules)) +
                              " ('sovaudit rules' lists them)",
                length_of(rule));
  }
}

}  // namespace sovaudit::check
