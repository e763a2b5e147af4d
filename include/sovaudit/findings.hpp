// Findings: what the passes conclude, as values with evidence and places, never as prose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sovaudit/compact_text.hpp"
#include "sovaudit/dates.hpp"
#include "sovaudit/source.hpp"
#include "sovaudit/text_list.hpp"

namespace sovaudit {

/// How bad a finding is; ordered so that a larger value is worse.
enum class Severity : std::uint8_t { Advisory, Material, Existential };

/// "advisory", "material", "existential".
std::string_view to_string(Severity s);

/// How an evidence value is meant, so each writer can render it in its own way.
enum class Unit : std::uint8_t {
  Share,   ///< a fraction of core value or budget, 0..1
  Months,
  Weeks,
  EngineerWeeks,  ///< effort: weeks x engineers
  Money,   ///< in the inventory's currency
  Number,  ///< a plain number such as a multiplier or a score
  Text,    ///< an id, a code or a fixed word
  List,    ///< ids or codes
  Date,
  Alternatives,  ///< ids or names of which one applies: a message reads "A, B or C"
};

/// How a finding compares with the --baseline report (SARIF baselineState).
enum class BaselineState : std::uint8_t {
  None,       ///< no baseline was given
  New,        ///< not in the baseline
  Unchanged,  ///< in the baseline with the same severity
  Updated,    ///< in the baseline with another severity (see baseline_severity)
};

/// "", "new", "unchanged", "updated".
std::string_view to_string(BaselineState s);

/// The name of an evidence value ("value_at_risk", "providers"), kept as a 2-byte index into one
/// table of the names in use: they are fixed per rule, a few dozen in all, while a large report
/// holds a quarter of a million evidence values. Reads as the name; safe to make on any thread.
class EvidenceKey {
 public:
  /// The empty name.
  EvidenceKey() = default;
  EvidenceKey(std::string_view name);  // NOLINT(google-explicit-constructor): stands for the name
  EvidenceKey(const char* name) : EvidenceKey(std::string_view(name)) {}  // NOLINT(google-explicit-constructor)
  /// The name, valid for the whole run.
  [[nodiscard]] std::string_view name() const;
  operator std::string_view() const { return name(); }  // NOLINT(google-explicit-constructor)
  friend bool operator==(EvidenceKey a, EvidenceKey b) { return a.index_ == b.index_; }
  friend bool operator==(EvidenceKey a, std::string_view b) { return a.name() == b; }
  friend bool operator==(EvidenceKey a, const char* b) { return a.name() == b; }

 private:
  std::uint16_t index_ = 0;
};

/// One named number, word or list supporting a finding.
struct Evidence {
  // 24 bytes, the key and the flags sharing the padding: a 40,000-finding report holds a quarter of a million.
  double number = 0;               ///< for Share, Months, Weeks, Money, Number
  TextList items;                  ///< for Text (one item), List and Date (one item, YYYY-MM-DD)
  EvidenceKey key;                 ///< evidence names are fixed per rule
  Unit unit = Unit::Number;
  bool known = true;               ///< false: the number cannot be computed; items[0] says what to set
};

/// A second place that explains a finding: in the inventory, or in another file (an SBOM).
struct RelatedLocation {
  // 56 bytes, texts included for short ids: a large report holds tens of thousands, nearly all with a
  // short id and no artifact.
  SourceLoc loc;
  CompactText role;  ///< a fixed word such as "upstream" or "acceptance"
  CompactText id;    ///< the entity at that place (in another file: its JSON pointer)
  CompactText artifact{};  ///< the other file as named on the command line; "" for the inventory
};

/// One conclusion of one rule about one target.
struct Finding {
  // 120 bytes: ids are compact texts (up to 15 bytes held inline) and the acceptance index is 32
  // bits, for a report of a quarter of a million findings.
  std::string_view rule;  ///< a stable rule id, e.g. SOV-DEPARTURE: a RuleInfo::id, so static text
  CompactText target;  ///< provider, capability or data flow id, or a jurisdiction code
  CompactText discriminator;  ///< tells apart findings of one rule on one target (a slot, a fallback)
  SourceLoc loc;       ///< the primary place in the inventory
  std::vector<RelatedLocation> related;
  std::vector<Evidence> evidence;
  std::optional<std::uint32_t> acceptance; ///< index of that accepted risk
  Severity severity = Severity::Advisory;  // last, beside the flags: no padding of its own
  bool accepted = false;                 ///< an unexpired accepted risk covers it
  bool baselined = false;                ///< in the --baseline report at this severity or above: the gate ignores it
  BaselineState baseline_state = BaselineState::None;
  Severity baseline_severity = Severity::Advisory;  ///< its severity in the baseline, when in it
};

/// In the baseline at a lower severity and open: it counts for the gate again (set by the verdict).
inline bool escalated(const Finding& f) {
  return !f.accepted && !f.baselined && f.baseline_state == BaselineState::Updated;
}

/// A stable identity for a finding: a hash of rule, target and discriminator, so it survives line
/// moves and changed numbers (SARIF partialFingerprints, baselines). 16 hex digits.
std::string fingerprint(const Finding& finding);

/// The order in which findings are listed for people: worse severity first; within a severity the
/// larger share of core value at stake (`value_at_risk`, else `critical_share`), then the larger
/// share of the AI budget (`budget_share`), then by target id, rule and discriminator. Never by file
/// order, so a reordered inventory lists the same findings in the same order.
bool listed_before(const Finding& a, const Finding& b);

/// Puts `findings` in the order of `listed_before` (stable), reading each finding's shares once.
void sort_for_listing(std::vector<Finding>& findings);

/// Returns the evidence named `key`, or nullptr.
const Evidence* find_evidence(const Finding& finding, std::string_view key);

/// Evidence constructors: a number with a unit, a word, a list, a date.
Evidence evidence_number(std::string_view key, Unit unit, double value);
Evidence evidence_text(std::string_view key, std::string_view value);
Evidence evidence_list(std::string_view key, std::vector<std::string> items);
Evidence evidence_date(std::string_view key, const Date& date);
/// A number of `unit` that cannot be computed; `missing` names the input that would give it.
Evidence evidence_unknown(std::string_view key, Unit unit, std::string missing);
/// A money figure, or unknown for want of organization.engineer_week_cost.
Evidence evidence_cost(std::string_view key, const std::optional<double>& amount);

/// A finding's evidence made of `items`, moved in at the exact size: a braced list would copy each
/// item, text and all.
template <typename... Items>
std::vector<Evidence> evidence_of(Items&&... items) {
  std::vector<Evidence> out;
  out.reserve(sizeof...(items));
  (out.push_back(std::forward<Items>(items)), ...);
  return out;
}

/// What every unknown cost lacks.
inline constexpr std::string_view kNoEngineerWeekCost = "set organization.engineer_week_cost";

/// What a rule's findings are about: the kind of entity its `target` names.
enum class TargetKind : std::uint8_t {
  Provider,
  Capability,
  DataFlow,
  Jurisdiction,
  Group,           ///< a provider group: the name of the ultimate parent, or a provider id
  AcceptedTarget,  ///< whatever the accepted risk it reports on targets
  Observed,        ///< a provider seen in an SBOM: a catalogue vendor key, or a gateway's package URL
  Model,           ///< a model version as uses name it (`model`), or a provider retired as a whole
};

/// "provider", "capability", "data flow", "jurisdiction", "provider group", "the accepted risk's target",
/// "provider seen in an SBOM", "model".
std::string_view to_string(TargetKind kind);

/// The lists by which an accepted risk narrows what it covers (DESIGN 4.10).
enum class ScopeKind : std::uint8_t { Flows, Capabilities, Providers };

/// "flows", "capabilities", "providers": the accepted-risk key.
std::string_view to_string(ScopeKind kind);

/// The ids of `kind` a finding concerns besides its target, from its evidence (data flows in
/// `flows`/`on_failover`; capabilities in `broken_capabilities`, `primary_for`; providers in `provider`, `providers`,
/// `critical_providers`, `fallback`, `fallbacks`, `processed_by`, `unknown_providers`), sorted, unique.
std::vector<std::string> concerned_ids(const Finding& finding, ScopeKind kind);

/// What a rule means; rendered by `sovaudit explain` and the report writers.
struct RuleInfo {
  std::string_view id;           ///< SOV-...
  std::string_view name;         ///< PascalCase name for SARIF
  std::string_view summary;      ///< one line
  std::string_view description;  ///< what it means and why it matters
  std::string_view remediation;  ///< how to fix it
  std::string_view message;      ///< template: {target} and {evidence-key} placeholders
  std::string_view severities;   ///< when it is existential, material or advisory
  std::string_view tags;         ///< comma-separated
  Severity default_severity = Severity::Advisory;  ///< the worst severity it reports (SARIF default level)
  TargetKind target = TargetKind::Provider;       ///< what `target` names in its findings
  std::string_view narrowed_by;  ///< comma-separated ScopeKind names an acceptance may narrow it by ("" none)
  /// About legal or data exposure (whose law reaches the data, where it is processed): only these
  /// are security alerts in SARIF (security-severity and the `security` tag); cost, resilience and
  /// practice rules are not.
  bool legal_exposure = false;
};

/// Whether an acceptance of `rule` may narrow it by `kind`.
bool narrowable_by(const RuleInfo& rule, ScopeKind kind);

}  // namespace sovaudit
