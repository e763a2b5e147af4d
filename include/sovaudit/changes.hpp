// The changes stage: what moved between two reviews of an inventory, as values for the writers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sovaudit/analysis.hpp"
#include "sovaudit/figures.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit {

/// One side of a comparison: an inventory with its analysis and verdict (all must outlive it).
struct ReviewState {
  const Inventory& inventory;
  const Analysis& analysis;
  const Verdict& verdict;
};

/// How an entry of the inventory changed.
enum class ChangeKind : std::uint8_t { Added, Removed, Changed };
/// "added", "removed", "changed".
std::string_view to_string(ChangeKind kind);

/// A provider or capability that appeared, disappeared or changed between the two inventories.
struct EntryChange {
  ChangeKind kind = ChangeKind::Changed;
  std::string id;
  std::vector<std::string> fields;  ///< for Changed: the inventory keys whose values differ, in schema order
};

/// A provider or jurisdiction whose classification moved. Absent on one side counts as acceptable.
struct ClassificationChange {
  std::string subject;  ///< "provider", "group" or "jurisdiction"
  std::string id;       ///< provider id, group name or jurisdiction code
  Classification before = Classification::Acceptable;
  Classification after = Classification::Acceptable;
  [[nodiscard]] bool worse() const { return after > before; }
};

/// The money and value at stake for one provider or jurisdiction, before and after; only rows
/// where something moved are kept.
struct ExposureChange {
  std::string subject;            ///< "provider" or "jurisdiction"
  std::string id;
  double value_at_risk_before = 0;  ///< provider: likely departure share; jurisdiction: switch-off share
  double value_at_risk_after = 0;
  double added_cost_before = 0;     ///< provider: price-shock added annual cost; jurisdiction: sum of the direct
  double added_cost_after = 0;      ///< added cost of the providers its law reaches
};

/// A finding present on one side only, or on both with a different severity (matched by fingerprint).
struct FindingChange {
  Finding finding;                 ///< the NEW finding (for resolved ones, the OLD)
  std::optional<Severity> before;  ///< set when the severity changed
};

/// A transfer mechanism of a data flow for one destination (or the flow's default) that changed.
struct MechanismChange {
  std::string flow;
  std::string destination;  ///< a jurisdiction code or group, or "default" for transfer_mechanism
  TransferMechanism before = TransferMechanism::None;
  TransferMechanism after = TransferMechanism::None;
  bool needed = false;  ///< NEW still processes the flow's data outside its allowed area where this entry applies
  /// A mechanism that was in place is gone where NEW still needs one: data that was lawfully
  /// transferred no longer is. (One removed because the data now stays in its area is not dropped.)
  [[nodiscard]] bool dropped() const {
    return before != TransferMechanism::None && after == TransferMechanism::None && needed;
  }
};

/// A policy value (after defaults and command-line options) that differs; the two sides are
/// evidence values under the policy key, so writers render them as they render findings.
struct PolicyChange {
  Evidence before;
  Evidence after;
};

/// A retirement or contract end (within the horizon) whose date appeared, moved or went, matched
/// by kind, provider and model.
struct DatedChange {
  DatedKind kind = DatedKind::ModelRetirement;
  std::string provider;
  std::string model;           ///< "" unless a model retires
  std::optional<Date> before;  ///< none: the date appeared
  std::optional<Date> after;   ///< none: it went (or moved past the horizon)
  /// The date came closer: less time to move than the last review counted on.
  [[nodiscard]] bool earlier() const {
    return before && after && days_since_epoch(*after) < days_since_epoch(*before);
  }
};

/// Everything that changed from OLD to NEW.
struct Changes {
  std::string old_path;
  std::string new_path;
  std::string command = "diff";  ///< what compared the two: "diff", or "what-if" (NEW is OLD with changes)
  std::vector<EntryChange> providers;
  std::vector<EntryChange> capabilities;
  std::vector<EntryChange> data_flows;
  std::vector<EntryChange> accepted_risks;  ///< id: the acceptance's id, else "RULE on TARGET"
  std::vector<MechanismChange> mechanisms;  ///< flows in both inventories, by flow then destination
  std::vector<PolicyChange> policy;
  std::vector<DatedChange> dates;  ///< by kind, provider, then model
  std::vector<ClassificationChange> classifications;  ///< providers, provider groups and jurisdictions
  std::vector<ExposureChange> exposures;
  std::vector<FindingChange> new_findings;       ///< open (not accepted) in NEW, absent from OLD
  std::vector<FindingChange> resolved_findings;  ///< in OLD, absent from NEW
  std::vector<FindingChange> severity_changes;   ///< in both, with another severity
  std::vector<FindingChange> lapsed_acceptances; ///< open SOV-ACCEPTANCE-EXPIRED findings of NEW, new or not
  PlanFigures figures_before;  ///< OLD's headline figures (what `plan` steps compare)
  PlanFigures figures_after;   ///< NEW's

  /// Open findings of NEW whose severity rose.
  [[nodiscard]] std::size_t severity_rises() const;
  /// Transfer mechanisms that were in place in OLD and are gone in NEW.
  [[nodiscard]] std::size_t dropped_mechanisms() const;
  /// Higher classifications of a provider, group or jurisdiction.
  [[nodiscard]] std::size_t worse_classifications() const;
  /// New open existential or material findings.
  [[nodiscard]] std::size_t new_severe_findings() const;
  /// True when something got worse: a new open existential or material finding, a raised severity,
  /// a higher classification, a dropped transfer mechanism, or an acceptance that has lapsed while
  /// its risk is still there.
  [[nodiscard]] bool regressed() const;
  /// True when nothing at all changed.
  [[nodiscard]] bool empty() const;
};

/// Compares two reviews, both analysed with the same options and date.
Changes compare_reviews(const ReviewState& before, const ReviewState& after);

}  // namespace sovaudit
