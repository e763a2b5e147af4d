// Internal to the planner: one evaluated state of the inventory, shared by the candidates and the search.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "sovaudit/plan.hpp"

namespace sovaudit::plan {

/// An inventory with changes applied and its whole review; the analysis points into the inventory,
/// so an Evaluated never moves (it lives behind a unique_ptr).
struct Evaluated {
  Inventory inventory;
  Analysis analysis;
  Verdict verdict;
  PlanFigures figures;
};

/// `changes` in the order the command line applies them (command_line_rank), stable within a kind.
std::vector<WhatIfChange> in_command_line_order(std::vector<WhatIfChange> changes);

/// `base` with `changes` applied and reviewed as `sovaudit what-if` would; nullptr when a change is
/// refused or the changed inventory does not check (the action cannot be taken there).
std::unique_ptr<Evaluated> evaluate(const Inventory& base, std::span<const WhatIfChange> changes,
                                    const AnalysisOptions& options);

}  // namespace sovaudit::plan
