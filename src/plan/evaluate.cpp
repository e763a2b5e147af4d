// The evaluator that proves every step by running the
// whole pipeline (what-if, checks, analysis, passes, verdict) on the changed inventory.
#include <algorithm>

#include "plan_internal.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/passes.hpp"

namespace sovaudit {
namespace plan {

std::vector<WhatIfChange> in_command_line_order(std::vector<WhatIfChange> changes) {
  // Two actions may need the same change (one placeholder provider for two slots): made once.
  std::vector<WhatIfChange> unique;
  for (WhatIfChange& c : changes) {
    const bool seen = std::any_of(unique.begin(), unique.end(),
                                  [&](const WhatIfChange& u) { return u.kind == c.kind && u.text == c.text; });
    if (!seen) unique.push_back(std::move(c));
  }
  changes = std::move(unique);
  std::stable_sort(changes.begin(), changes.end(), [](const WhatIfChange& a, const WhatIfChange& b) {
    return command_line_rank(a.kind) < command_line_rank(b.kind);
  });
  return changes;
}

std::unique_ptr<Evaluated> evaluate(const Inventory& base, std::span<const WhatIfChange> changes,
                                    const AnalysisOptions& options) {
  auto e = std::make_unique<Evaluated>();
  if (changes.empty()) {
    e->inventory = base;
  } else {
    WhatIfOutcome outcome = apply_what_if(base, in_command_line_order({changes.begin(), changes.end()}));
    if (!outcome.errors.empty()) return nullptr;
    e->inventory = std::move(outcome.inventory);
    if (check_inventory(e->inventory, builtin_passes().rules()).has_errors()) return nullptr;
  }
  e->analysis = analyze(e->inventory, options);
  e->verdict = judge(run_passes(builtin_passes(), PassContext{e->inventory, e->analysis}), e->inventory, options.as_of,
                     FailOn::Existential);
  e->figures = plan_figures(e->inventory, e->analysis, e->verdict);
  return e;
}

}  // namespace plan
}  // namespace sovaudit
