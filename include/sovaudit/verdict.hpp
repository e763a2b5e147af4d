// The verdict stage: accepted risks applied to findings, counts, and the CI gate (DESIGN 4.10, 5).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/findings.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit {

/// The lowest severity that trips the gate; None never trips it.
enum class FailOn : std::uint8_t { Existential, Material, Advisory, None };

/// "existential", "material", "advisory", "none".
std::string_view to_string(FailOn f);
/// Parses a --fail-on value.
std::optional<FailOn> parse_fail_on(std::string_view text);

/// Counts of findings by severity; accepted findings are counted only in `accepted`.
struct FindingCounts {
  std::size_t existential = 0;
  std::size_t material = 0;
  std::size_t advisory = 0;
  std::size_t accepted = 0;
  std::size_t baselined = 0;  ///< open findings (counted above) that the gate ignores: already in the baseline
  std::size_t escalated = 0;  ///< open findings in the baseline whose severity rose since: they count for the gate again
  std::size_t existential_for_gate = 0;  ///< open existential findings not in the baseline: what the default gate trips on
};

/// One narrowing list of an accepted risk: its kind, its ids (empty when not given) and where its key is.
struct AcceptanceScope {
  ScopeKind kind = ScopeKind::Flows;
  const std::vector<Located<std::string>>* ids = nullptr;
  SourceLoc loc;
};

/// The accepted risk's narrowing lists, in the order flows, capabilities, providers.
inline std::array<AcceptanceScope, 3> scopes_of(const AcceptedRisk& risk) {
  return {{{ScopeKind::Flows, &risk.flows, risk.flows_loc},
           {ScopeKind::Capabilities, &risk.capabilities, risk.capabilities_loc},
           {ScopeKind::Providers, &risk.providers, risk.providers_loc}}};
}

/// One finding of an earlier report given as --baseline: what it said, so that a rise in severity
/// and a finding that has gone can both be told.
struct BaselineFinding {
  std::string rule;
  std::string target;
  std::string message;  ///< as the earlier report rendered it
  Severity severity = Severity::Advisory;
};

/// The findings of a --baseline report by fingerprint.
using Baseline = std::unordered_map<std::string, BaselineFinding>;

/// How the verdict treats known findings and upcoming expiries.
struct JudgeOptions {
  Baseline baseline;  ///< findings the gate ignores unless their severity has risen (--baseline)
  int expiring_within_days = 30;             ///< acceptances ending this soon are listed (--expiring-within)
  bool has_baseline = false;  ///< a baseline was given (it may hold no findings at all)
};

/// The findings after acceptances, their counts, and whether the gate trips.
struct Verdict {
  std::vector<Finding> findings;  ///< same order as given; accepted ones are marked, never dropped
  FindingCounts counts;
  FailOn fail_on = FailOn::Existential;
  bool gate_failed = false;
  Diagnostics warnings;  ///< acceptances that match no finding
  bool has_baseline = false;             ///< a --baseline was given: findings carry their baseline state
  std::vector<std::pair<std::string, BaselineFinding>> absent;  ///< baseline findings (by fingerprint) no longer found, worst first
  std::vector<std::size_t> expiring;  ///< accepted risks still in force that end within the window, soonest first
  int expiring_within_days = 30;
};

/// True when `f` counts for the gate at `fail_on`: open, not held back by the baseline, and at or
/// above the gate's severity.
bool trips_gate(const Finding& f, FailOn fail_on);

/// Marks findings covered by an unexpired accepted risk (same rule and target; `expires` is the
/// last day it holds) and each finding's baseline state, counts the open ones and applies the gate
/// at `fail_on` to those not held back by the baseline (a baselined finding whose severity rose
/// counts again); lists acceptances that expire within the window and baseline findings now absent.
Verdict judge(std::vector<Finding> findings, const Inventory& inventory, const Date& as_of, FailOn fail_on,
              const JudgeOptions& options = {});

}  // namespace sovaudit
