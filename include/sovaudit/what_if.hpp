// The what-if stage: changes given on the command line, applied to a copy of a loaded inventory.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sovaudit/model.hpp"

namespace sovaudit {

/// What one command-line change does.
enum class WhatIfKind : std::uint8_t {
  Remove,       ///< --remove PROVIDER: the provider is gone; its fallbacks take over
  AddFallback,  ///< --add-fallback CAPABILITY:SLOT:PROVIDER[@TESTED]
  Set,          ///< --set PATH=VALUE on a scalar field (also exit_plan.KEY, criteria.KEY, needs.SLOT.KEY)
  SwitchOff,    ///< --switch-off JURISDICTION: every provider whose law it is goes, as by --remove
  AddProvider,  ///< --add-provider ID:KIND:HQ: a new provider with no spend, processing in HQ
};

/// One change as the user wrote it; `text` is the option's value.
struct WhatIfChange {
  WhatIfKind kind = WhatIfKind::Set;
  std::string text;
};

/// The order the command line applies changes in: --add-provider, --set, --add-fallback,
/// --remove, --switch-off (a new provider can then be named, set and used as a fallback).
int command_line_rank(WhatIfKind kind);

/// "--remove openai", as the change was written on the command line.
std::string describe(const WhatIfChange& change);

/// The changed inventory, why a change was refused, and what followed from the changes.
struct WhatIfOutcome {
  Inventory inventory;
  std::vector<std::string> errors;  ///< one sentence per refused change, starting with the option
  std::vector<std::string> notes;   ///< consequences a reader must know ("triage/llm now runs on mistral")
};

/// Applies `changes` in order to a copy of `inventory`, each value checked by the loader's own
/// rules (ranges, codes, dates, enum spellings) and each id looked up with a suggestion. A removed
/// provider's place in every slot is taken by that slot's first fallback and its data flows follow
/// to it; unless other providers are built on it (then it stays as their upstream), the provider
/// and the accepted risks that name it go. A slot it would leave with no provider refuses the
/// change. A change whose text is longer than `max_value_bytes`, is not UTF-8 or holds a control
/// character is refused as the loader refuses such a file, and is not echoed back. Whole-inventory
/// checks are the caller's (check_inventory).
WhatIfOutcome apply_what_if(const Inventory& inventory, std::span<const WhatIfChange> changes,
                            std::size_t max_value_bytes = 64 * 1024);

/// The keys `--set` accepts under each section ("organization", "policy", "providers",
/// "capabilities", "data_flows"), for documentation and suggestions.
std::vector<std::string> what_if_settable_keys(std::string_view section);

}  // namespace sovaudit
