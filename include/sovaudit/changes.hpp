// The changes stage: what moved between two reviews of an inventory, as values for the writers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sovaudit/analysis.hpp"
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
  std::string subject;  ///< "provider" or "jurisdiction"
  std::string id;       ///< provider id or jurisdiction code
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

/// Everything that changed from OLD to NEW.
struct Changes {
  std::string old_path;
  std::string new_path;
  std::vector<EntryChange> providers;
  std::vector<EntryChange> capabilities;
  std::vector<ClassificationChange> classifications;
  std::vector<ExposureChange> exposures;
  std::vector<FindingChange> new_findings;       ///< open (not accepted) in NEW, absent from OLD
  std::vector<FindingChange> resolved_findings;  ///< in OLD, absent from NEW
  std::vector<FindingChange> severity_changes;   ///< in both, with another severity

  /// True when something got worse: a new open existential or material finding, a finding that
  /// rose to material or existential, or a higher classification of a provider or jurisdiction.
  [[nodiscard]] bool regressed() const;
  /// True when nothing at all changed.
  [[nodiscard]] bool empty() const;
};

/// Compares two reviews, both analysed with the same options and date.
Changes compare_reviews(const ReviewState& before, const ReviewState& after);

}  // namespace sovaudit
