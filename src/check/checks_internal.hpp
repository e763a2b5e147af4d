// Internal to the check stage: the individual checks that check_inventory runs in order.
#pragma once

#include <span>
#include <string_view>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/findings.hpp"
#include "sovaudit/index.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit::check {

/// Duplicate ids within providers, capabilities, data flows and accepted risks; an id that names
/// both a provider and a capability (ambiguous for accepted risks) is a warning.
void check_duplicate_ids(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags);

/// Every reference names an existing entity: upstream and slot providers, `requires`, data flow
/// ends and accepted-risk targets; unknown names get a suggestion.
void check_references(const Inventory& inventory, const InventoryIndex& index, std::span<const RuleInfo* const> known_rules,
                      Diagnostics& diags);

/// Accepted risks name a rule that exists, with a suggestion otherwise.
/// The ultimate parents' names, sorted and unique: how group findings name their target.
std::vector<std::string> parent_names(const Inventory& inventory);
/// The model names uses give (`model`), sorted and unique: how model retirements name their target.
std::vector<std::string> model_names(const Inventory& inventory);
/// Every id an accepted risk narrows by must exist.
void check_acceptance_scopes(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags);
/// Accepted risks name known rules, narrowed only by lists those rules' findings name.
void check_rule_ids(const Inventory& inventory, const InventoryIndex& index, std::span<const RuleInfo* const> known_rules,
                    Diagnostics& diags);

/// Uses of one model at one provider that give different `retires` dates (warnings: the earliest is
/// used), and contract dates that say nothing (renews automatically with no contract end).
void check_model_dates(const Inventory& inventory, Diagnostics& diags);

/// Cycles in provider `upstream` chains and in capability `requires`, each reported once with its path.
void check_cycles(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags);

/// Consistency inside entries: slots, fallbacks, data flows against the capability's providers,
/// and the total of value shares.
void check_consistency(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags);
/// Pinned regions (of flows and slot uses) lie within their provider's regions; a weights-licensor is
/// only an upstream with role weights (warnings otherwise).
void check_law_fields(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags);
/// Warns once when no trusted_jurisdictions are given, with the fix.
void check_trust_default(const Inventory& inventory, Diagnostics& diags);
/// Warns once each when engineer_week_cost or annual_ai_budget is missing.
void check_missing_figures(const Inventory& inventory, Diagnostics& diags);

}  // namespace sovaudit::check
