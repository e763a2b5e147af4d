// Internal to the writers: a review's headline figures as a JSON object (plan and changes reports).
#pragma once

#include <string_view>

#include "json_out.hpp"
#include "sovaudit/figures.hpp"

namespace sovaudit {

/// The member `name` holding `f`'s figures.
inline void figures_json(JsonOut& j, std::string_view name, const PlanFigures& f) {
  j.key(name).begin_object();
  j.field("existential", f.existential).field("material", f.material).field("advisory", f.advisory);
  j.field("value_months_at_risk", f.value_months_at_risk);
  j.field("largest_value_at_risk", f.largest_value_at_risk).field("largest_value_at_risk_of", f.largest_value_at_risk_of);
  j.field("group_concentration", f.group_concentration).field("group_concentration_of", f.group_concentration_of);
  j.field("added_cost", f.added_cost).end_object();
}

}  // namespace sovaudit
