// Internal to the verdict stage: which findings the inventory's accepted risks cover.
#pragma once

#include <vector>

#include "sovaudit/dates.hpp"
#include "sovaudit/diagnostics.hpp"
#include "sovaudit/findings.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit::verdict {

/// Marks each finding that an unexpired accepted risk covers (same rule and target, and every flow,
/// capability and provider the finding concerns within the lists the acceptance narrows by), and
/// returns warnings: an acceptance that matches no finding, one whose lists leave a finding of its
/// rule and target uncovered (the finding stays open), and an expired acceptance that matches
/// nothing. The last is a warning, not a finding: its SOV-ACCEPTANCE-EXPIRED finding is removed,
/// since a lapsed decision about a risk that no longer exists needs cleaning up, not a decision.
Diagnostics apply_acceptances(std::vector<Finding>& findings, const Inventory& inventory, const Date& as_of);

}  // namespace sovaudit::verdict
