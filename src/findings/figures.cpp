// The headline figures of a review and the documented order of risk (docs/planning.md).
#include <algorithm>
#include <cmath>

#include "sovaudit/exact.hpp"
#include "sovaudit/figures.hpp"

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
    take_largest(p.departure.value_at_risk.likely, inventory.providers[p.provider].id.value.str(), f.largest_value_at_risk,
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

}  // namespace sovaudit
