// The planning stage: candidate actions, each proved by re-running the whole analysis on the
// changed inventory, and an ordered, costed plan chosen by risk removed per effort (docs/planning.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sovaudit/analysis.hpp"
#include "sovaudit/figures.hpp"
#include "sovaudit/findings.hpp"
#include "sovaudit/verdict.hpp"
#include "sovaudit/what_if.hpp"

namespace sovaudit {

/// The kinds of action a plan proposes, in the order of the table in docs/planning.md.
enum class ActionKind : std::uint8_t {
  AddFallback,       ///< a tested fallback under trusted law from the inventory
  AddNewProvider,    ///< the same with a placeholder: a second provider under trusted law
  RetestFallback,    ///< a stale or untested fallback, tested again
  AbstractionLayer,  ///< an abstraction layer in front of an sdk or deep integration
  RehearseExitPlan,  ///< an exit plan written (if missing) and rehearsed
  NegotiateNotice,   ///< a notice period that covers the longest migration
  TransferMechanism, ///< standard contractual clauses for a flow processed outside its area
  AddEvals,          ///< cross-provider evaluations
  BringInHouse,      ///< build a capability whose criteria say build
  FallbackSet,       ///< a way out for every slot of a capability at once (the slots' own actions together)
  SuccessorModel,    ///< the primaries on a retiring model move to its successor before the date
  RenewContract,     ///< a contract that ends is renewed (and then renews automatically)
};
/// "add-fallback", "add-new-provider", "retest-fallback", "abstraction-layer", "rehearse-exit-plan",
/// "negotiate-notice", "transfer-mechanism", "add-evals", "bring-in-house", "fallback-set",
/// "successor-model", "renew-contract".
std::string_view to_string(ActionKind kind);

/// One proposed action: what it is about, the what-if changes that make it, and what it costs.
struct PlanAction {
  ActionKind kind = ActionKind::AddFallback;
  std::string capability;  ///< the capability it changes ("" for provider and flow actions)
  std::string slot;        ///< the slot it changes ("" when none)
  std::string provider;    ///< the provider it adds, re-tests or changes ("" when none)
  std::string flow;        ///< the data flow it changes ("" when none)
  std::string model;       ///< the retiring model it moves off ("" when none)
  std::string value;       ///< the new value: notice months, mechanism, placeholder's hq
  std::vector<WhatIfChange> changes;  ///< replayable with `sovaudit what-if`
  double effort_weeks = 0;            ///< engineer-weeks, from the documented tables
  std::optional<double> cost;         ///< effort x engineer_week_cost; none when that is unknown
  std::string key;                    ///< unique and stable: kind and subjects, for ties and dedup
};

/// An open finding a step ends, starts, or moves to another severity (matched by fingerprint).
struct FindingMove {
  std::string rule;
  std::string target;
  std::optional<Severity> before;  ///< none: the step starts it
  std::optional<Severity> after;   ///< none: the step ends it
};

/// One step of a plan with the figures before and after it (after every earlier step).
struct PlanStep {
  PlanAction action;
  PlanFigures before;
  PlanFigures after;
  std::vector<FindingMove> findings;  ///< ended first, then moved, then started; each by rule and target
};

/// Why an existential finding is still there after the plan.
enum class RemainReason : std::uint8_t {
  NoAction,      ///< no action in the table removes it
  OverBudget,    ///< an action removes it, but not within the budget left
  StepLimit,     ///< an action removes it within the budget, but the plan reached --max-steps
};

/// An open existential finding the plan leaves, and why.
struct RemainingRisk {
  Finding finding;
  RemainReason reason = RemainReason::NoAction;
  std::optional<PlanAction> would_remove;  ///< the least effort action that removes it alone, when one does
};

/// Where a plan stops: when nothing more can be removed, or once no existential (or no
/// existential and no material) finding is open.
enum class PlanGoal : std::uint8_t { All, Existential, Material };

/// The planner's choices.
struct PlanOptions {
  AnalysisOptions analysis;                ///< as for the scan
  std::optional<double> budget_weeks;      ///< --budget-weeks: total engineer-weeks; none: no limit
  PlanGoal until = PlanGoal::All;          ///< --until
  std::optional<std::size_t> max_steps;    ///< --max-steps
  std::size_t exact_limit = 10;            ///< candidate sets up to this size are searched exactly
  unsigned threads = 0;                    ///< evaluations in parallel; 0: the machine's cores, at most 8
};

/// The plan: its steps in order, the figures at both ends and what remains.
struct Plan {
  bool exact = false;              ///< every subset of the candidates was evaluated
  std::size_t exact_limit = 0;     ///< PlanOptions::exact_limit
  std::size_t candidates = 0;      ///< actions considered at the start
  std::size_t helpful = 0;         ///< of those, the ones that alone lower the risk
  std::size_t evaluations = 0;     ///< analyses run
  PlanFigures start;
  PlanFigures end;
  std::vector<PlanStep> steps;
  double effort_weeks = 0;
  std::optional<double> cost;
  std::optional<double> budget_weeks;
  PlanGoal until = PlanGoal::All;
  bool goal_reached = false;           ///< the --until goal holds at the end (All: always true)
  std::vector<RemainingRisk> remaining;  ///< open existential findings at the end, by rule then target
};

/// The actions the table offers for the inventory as it is (docs/planning.md), by key.
/// `analysis` and `verdict` are the inventory's own review.
std::vector<PlanAction> plan_candidates(const Inventory& inventory, const Analysis& analysis, const Verdict& verdict);

/// Plans for a checked inventory. Every figure comes from a full analysis of the inventory with the
/// steps' changes applied (apply_what_if, then analyze, the passes and the verdict), so replaying
/// a step's changes with `sovaudit what-if` gives the same figures.
Plan make_plan(const Inventory& inventory, const PlanOptions& options);

/// The changes of `steps` up to and including step `last`, in the order the command line applies them.
std::vector<WhatIfChange> changes_through(const std::vector<PlanStep>& steps, std::size_t last);

}  // namespace sovaudit
