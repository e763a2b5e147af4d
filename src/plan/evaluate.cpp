// A plan's figures and the order of risk, and the evaluator that proves every step by running the
// whole pipeline (what-if, checks, analysis, passes, verdict) on the changed inventory.
#include <algorithm>
#include <cmath>

#include "plan_internal.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/exact.hpp"
#include "sovaudit/passes.hpp"

namespace sovaudit {
namespace {

constexpr double kTolerance = 1e-9;

int compare_number(double a, double b) {
  if (std::abs(a - b) <= kTolerance * std::max({1.0, std::abs(a), std::abs(b)})) return 0;
  return a < b ? -1 : 1;
}

int compare_count(std::size_t a, std::size_t b) { return a == b ? 0 : a < b ? -1 : 1; }

}  // namespace

PlanFigures plan_figures(const Inventory& inventory, const Analysis& analysis, const Verdict& verdict) {
  PlanFigures f;
  f.existential = verdict.counts.existential;
  f.material = verdict.counts.material;
  f.advisory = verdict.counts.advisory;
  std::vector<double> value_months, added;
  // Ties go to the smaller id, so that the figure does not depend on the order of the lists.
  const auto take_largest = [](double value, const std::string& of, double& best, std::string& best_of) {
    if (value <= 0) return;
    const int c = compare_number(value, best);
    if (c > 0 || (c == 0 && (best_of.empty() || of < best_of))) {
      best = value;
      best_of = of;
    }
  };
  for (const ProviderResult& p : analysis.providers) {
    value_months.push_back(p.departure.value_months_at_risk.likely);
    added.push_back(p.price_shock.added_annual_cost);
    take_largest(p.departure.value_at_risk.likely, inventory.providers[p.provider].id.value, f.largest_value_at_risk,
                 f.largest_value_at_risk_of);
  }
  for (const GroupResult& g : analysis.groups) {
    take_largest(g.departure.value_at_risk.likely, g.name, f.largest_value_at_risk, f.largest_value_at_risk_of);
    take_largest(g.critical_share, g.name, f.group_concentration, f.group_concentration_of);
  }
  f.value_months_at_risk = order_free_sum(std::move(value_months));
  f.added_cost = order_free_sum(std::move(added));
  return f;
}

int compare_risk(const PlanFigures& a, const PlanFigures& b) {
  if (const int c = compare_count(a.existential, b.existential)) return c;
  if (const int c = compare_number(a.value_months_at_risk, b.value_months_at_risk)) return c;
  if (const int c = compare_count(a.material, b.material)) return c;
  if (const int c = compare_number(a.added_cost, b.added_cost)) return c;
  return compare_count(a.advisory, b.advisory);
}

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
