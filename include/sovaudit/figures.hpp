// The headline figures of a review that plans and what-if reports compare, and the order of risk.
#pragma once

#include <string>

#include "sovaudit/analysis.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit {

/// The figures a plan step moves, from one judged review of an inventory.
struct PlanFigures {
  std::size_t existential = 0;  ///< open (not accepted) existential findings
  std::size_t material = 0;
  std::size_t advisory = 0;
  double value_months_at_risk = 0;   ///< Σ over providers of the likely departure value-months
  double largest_value_at_risk = 0;  ///< the largest likely departure share, over providers and groups
  std::string largest_value_at_risk_of;  ///< its provider id or group name ("" when it is 0)
  double group_concentration = 0;        ///< the largest critical share of a provider group
  std::string group_concentration_of;    ///< its name ("" when it is 0)
  double added_cost = 0;  ///< Σ over providers of the added annual cost at the price multiplier
};

/// The figures of an inventory's review.
PlanFigures plan_figures(const Inventory& inventory, const Analysis& analysis, const Verdict& verdict);

/// The documented order of risk (docs/planning.md): existential findings, then value-months at
/// risk, then material findings, then added cost, then advisories; each compared to the nearest
/// billionth. Negative when `a` is less risky than `b`, 0 when as risky, positive when riskier.
int compare_risk(const PlanFigures& a, const PlanFigures& b);

}  // namespace sovaudit
