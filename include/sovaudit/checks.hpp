// The check stage: whole-inventory rules that need every entity loaded (ids, references, cycles, sums).
#pragma once

#include <span>
#include <string_view>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/findings.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit {

/// Runs every whole-inventory check on a completely parsed inventory and returns what it found:
/// duplicate ids, dangling references (with suggestions), cycles in `upstream` and `requires`
/// (with the whole path), value shares above 1 in total, and inconsistencies between entries.
/// When `known_rules` is not empty, accepted risks must name one of them, and may narrow it only by
/// the lists (flows, capabilities, providers) that rule's findings name.
Diagnostics check_inventory(const Inventory& inventory, std::span<const RuleInfo* const> known_rules = {});

}  // namespace sovaudit
