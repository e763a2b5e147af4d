// The analysis stage: every number of DESIGN section 4, computed from the model and the graph.
// Nothing here formats text; docs/scoring.md gives every formula.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sovaudit/dates.hpp"
#include "sovaudit/dependency_sets.hpp"
#include "sovaudit/drift.hpp"
#include "sovaudit/graph.hpp"
#include "sovaudit/lifecycle.hpp"
#include "sovaudit/model.hpp"
#include "sovaudit/text_list.hpp"

namespace sovaudit {

/// How serious a dependency or jurisdiction is, by the policy thresholds (DESIGN 4.10).
enum class Classification : std::uint8_t { Acceptable, Material, Existential };
/// What to do under a price shock (docs/scoring.md, section 5).
/// `review-fallback`: the provider serves only as a fallback, so nothing would move off it; the
/// question is whether the standby is worth its price. `not-applicable`: the rise adds nothing, or
/// nothing depends on the provider. `unknown`: the cost of leaving is unknown (no engineer_week_cost).
enum class Recommendation : std::uint8_t { Absorb, Migrate, ReviewFallback, NotApplicable, Unknown };
/// Whether one layer (data, compute, model) of a capability is under trusted law.
/// `own`: we run it ourselves (compute) or hold the weights (model); worse statuses compare greater.
enum class LayerStatus : std::uint8_t { NotApplicable, Own, Trusted, Unknown, Foreign };

/// "acceptable", "material", "existential".
std::string_view to_string(Classification c);
/// "absorb", "migrate", "review-fallback", "not-applicable", "unknown".
std::string_view to_string(Recommendation r);
/// "n/a", "own", "trusted", "unknown", "foreign".
std::string_view to_string(LayerStatus s);

/// A three-point figure; `likely` is the one that classifies.
struct Estimate {
  double low = 0;
  double likely = 0;
  double high = 0;
};

/// Run-time choices that change the numbers.
struct AnalysisOptions {
  Date as_of;                              ///< "today" for every age and expiry
  std::optional<double> price_multiplier;  ///< --price-multiplier, replaces the policy's
  std::optional<double> notice_months;     ///< --notice-months, replaces the policy's default notice
  const Observations* observed = nullptr;  ///< --observed SBOMs, for drift; must outlive the analysis
  const Lifecycle* lifecycle = nullptr;    ///< --lifecycle dates; must outlive the analysis
};

/// The policy after defaults and command-line overrides, plus organisation figures the formulas use.
struct EffectivePolicy {
  int build_threshold = 3;
  double notice_months = 6;
  double price_multiplier = 3;
  double horizon_months = 18;
  double existential_value_share = 0.25;
  double material_value_share = 0.05;
  double existential_budget_share = 0.5;
  double material_budget_share = 0.1;
  double drill_max_age_months = 12;
  double min_outage_days = 7;
  std::optional<double> annual_ai_budget;    ///< the organisation's; none: price shocks are not classified
  double total_annual_spend = 0;             ///< Σ annual_spend over providers
  std::optional<double> engineer_week_cost;  ///< none: every migration and build cost is unknown
};

/// One capability's share of the work when a provider (or a group) leaves: a full migration of the
/// slots it breaks, or a switch-over to a fallback that is already tested (docs/scoring.md, 4).
struct ExitWork {
  NodeIndex capability = 0;
  bool full_migration = false;  ///< some own slot has no ready option left
  Estimate weeks;               ///< calendar weeks for the capability's engineers
  Estimate effort;              ///< weeks x engineers (engineer-weeks)
  std::optional<Estimate> cost; ///< effort x engineer_week_cost; none when that is unknown
};

/// DESIGN 4.4: what happens when one provider leaves with its notice period.
struct DepartureResult {
  double notice_months = 0;
  Estimate value_at_risk;         ///< share of core value down for at least min_outage_days
  Estimate value_months_at_risk;  ///< Σ value share x outage months over the capabilities down
  Estimate outage_months;         ///< the longest outage among the capabilities that must migrate
  Estimate migration_weeks;       ///< Σ calendar weeks of every exit (kept for report compatibility)
  Estimate elapsed_weeks;         ///< the longest exit: migrations run in parallel
  Estimate effort_weeks;          ///< Σ engineer-weeks of every exit
  std::optional<Estimate> migration_cost;  ///< Σ exit costs; none when engineer_week_cost is unknown
  std::vector<NodeIndex> migrating_capabilities;  ///< full migrations: no ready option left in an own slot
  std::vector<NodeIndex> switching_capabilities;  ///< switch-overs to a tested fallback
  std::vector<NodeIndex> broken_capabilities;     ///< down under the likely estimate, with their dependants
  Classification classification = Classification::Acceptable;
};

/// DESIGN 4.5: the provider's prices multiply.
/// A share of a reseller's price that an upstream's price makes up, as used in the price shock.
struct PassThrough {
  NodeIndex from = 0;        ///< the provider we pay, which passes the rise on
  double share = 0;          ///< Σ over paths of Π price_passthrough, capped at 1
  double added_cost = 0;     ///< from's spend x share x (m - 1), within from's contractual cap
  double starts_in_months = 0;  ///< from's price lock
};

/// An upstream link whose price_passthrough was not written: the role's default was used.
struct DefaultedPassThrough {
  NodeIndex provider = 0;  ///< the provider that lists the upstream
  std::size_t link = 0;    ///< index into that provider's upstream list
  double share = 0;
};

struct PriceShockResult {
  double multiplier = 3;              ///< the scenario's multiplier
  double effective_multiplier = 3;    ///< after the provider's own max_price_increase
  double direct_added_cost = 0;       ///< own spend x (effective multiplier - 1)
  double passthrough_added_cost = 0;  ///< from providers built on it
  double added_annual_cost = 0;       ///< once every price lock has ended
  double starts_in_months = 0;        ///< the provider's own price lock, from --as-of
  double added_within_horizon = 0;    ///< Σ over the rises of annual rise x months of it within the horizon / 12
  double classified_added_cost = 0;   ///< Σ of the rises that start within the horizon
  std::optional<double> budget_share; ///< classified_added_cost / annual_ai_budget; none without a budget
  std::optional<double> cost_of_leaving;    ///< = departure migration cost (likely); none when unknown
  std::optional<double> break_even_months;  ///< when the added cost has paid for leaving; none when never
  Recommendation recommendation = Recommendation::NotApplicable;
  std::vector<PassThrough> passthrough;     ///< providers that pass the rise on, by provider index
  std::vector<NodeIndex> passthrough_from;  ///< their indices
  Classification classification = Classification::Acceptable;
};

/// Everything about one provider.
struct ProviderResult {
  NodeIndex provider = 0;
  double exposure = 0;        ///< value share of capabilities that touch it at all
  double critical_share = 0;  ///< value share of capabilities for which it is a single point of failure
  SetHandle critical_capabilities;  ///< capability indices, in Analysis::capability_sets
  std::vector<std::string> reaching_jurisdictions;  ///< hq and ultimate parent's hq
  std::vector<std::string> foreign_jurisdictions;   ///< those outside the trusted set
  DepartureResult departure;
  PriceShockResult price_shock;
  Classification classification = Classification::Acceptable;  ///< the worse of departure and price shock
};

/// How a jurisdiction reaches a provider: its headquarters, its parent's, a country it processes in.
inline constexpr std::uint8_t kReachHq = 1, kReachParent = 2, kReachRegion = 4;

/// DESIGN 4.6: a foreign jurisdiction switches off every provider it reaches.
struct JurisdictionResult {
  std::string code;
  std::vector<NodeIndex> providers;           ///< reached directly (hq, parent or a region in it)
  /// For each of `providers`, how the law reaches it: bits of kReachHq, kReachParent, kReachRegion.
  std::vector<std::uint8_t> reasons;
  std::vector<NodeIndex> affected_providers;  ///< stopped through their upstream chain
  std::vector<NodeIndex> broken_capabilities;
  double value_at_risk = 0;
  Classification classification = Classification::Acceptable;
};

/// One layer of a capability and the jurisdictions behind it.
struct LayerResult {
  /// Some of the layer's jurisdictions, as string views that live as long as the result.
  struct Codes {
    TextList::const_iterator first, last;
    [[nodiscard]] TextList::const_iterator begin() const { return first; }
    [[nodiscard]] TextList::const_iterator end() const { return last; }
    [[nodiscard]] bool empty() const { return first == last; }
    [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(last - first); }
  };

  LayerStatus status = LayerStatus::NotApplicable;
  /// How many leading entries of `jurisdictions` are controllers; the rest are origins of open
  /// weights we hold (model layer only), which control nothing.
  std::uint32_t controller_count = 0;
  /// Controllers (data: processing regions) sorted, then held weights' origins sorted. One block per
  /// layer (three per capability), not a vector of strings: a large inventory has tens of thousands.
  TextList jurisdictions;

  /// The jurisdictions that process (data), operate (compute) or control (model).
  [[nodiscard]] Codes controllers() const { return {jurisdictions.begin(), jurisdictions.begin() + controller_count}; }
  /// Where the open weights we hold come from.
  [[nodiscard]] Codes held_origins() const { return {jurisdictions.begin() + controller_count, jurisdictions.end()}; }
};

/// Everything about one capability.
struct CapabilityResult {
  NodeIndex capability = 0;
  bool assessed = false;                    ///< the inventory records its criteria
  int criteria_score = 0;
  Sourcing recommendation = Sourcing::Buy;  ///< build when criteria_score >= build_threshold (assessed only)
  SetHandle critical_providers;  ///< provider indices, in Analysis::sets.arena
  LayerResult data, compute, model;
  Estimate build_weeks;
  bool build_weeks_derived = false;
  std::optional<double> build_cost;   ///< likely build weeks x engineers x engineer_week_cost; none when unknown
  double buy_annual_spend = 0;        ///< spend of its slots' primaries attributed to it
  double buy_spend_over_horizon = 0;  ///< buy_annual_spend x horizon / 12
};

/// A region outside a flow's allowed jurisdictions where its data is processed, by whom, and the
/// transfer mechanism recorded for it (the flow's entry for the region, else its default).
struct Destination {
  std::string region;
  std::vector<NodeIndex> providers;  ///< sorted by index
  TransferMechanism mechanism = TransferMechanism::None;
};

/// Where a flow's data goes on failover: the ready fallbacks of the capability's slots served by the
/// flow's provider, with their processing chains (providers not already processing the data), where
/// they process it, what lies outside `allowed`, and who answers to untrusted law.
struct FailoverResult {
  std::vector<NodeIndex> providers;
  std::vector<std::string> regions;
  std::vector<Destination> outside;  ///< by region
  std::vector<NodeIndex> foreign_controllers;
};

/// DESIGN 4.7: where a data flow is processed.
struct FlowResult {
  NodeIndex flow = 0;
  std::optional<NodeIndex> capability;  ///< the capability that sends the data, when it exists
  std::vector<NodeIndex> processing_providers;  ///< the provider and its processing chain (processing_chain)
  std::vector<std::string> processing_regions;  ///< pinned regions where the flow or its slot pins them
  bool regions_unknown = false;                 ///< some processing provider records no regions
  std::vector<std::string> allowed;
  std::vector<Destination> outside;             ///< processing regions not within `allowed`, by region
  std::vector<NodeIndex> foreign_controllers;   ///< processing providers under untrusted law
  /// Where the data goes on failover; shared and only allocated for flows that have one, since most
  /// flows of a large inventory have none.
  std::shared_ptr<const FailoverResult> failover;
  /// The failover result, or an empty one.
  [[nodiscard]] const FailoverResult& on_failover() const {
    static const FailoverResult kNone;
    return failover ? *failover : kNone;
  }
  DataClass most_sensitive = DataClass::Public;
};

/// Providers under one ultimate parent: they can leave together. (A provider with no parent is a
/// group of its own; its figures are the provider's.)
struct GroupResult {
  std::string name;                  ///< the parent's name, or the provider's id
  bool named_by_parent = false;
  std::vector<NodeIndex> providers;  ///< by id
  double critical_share = 0;         ///< value share of capabilities that cannot survive the whole group's loss
  double exposure = 0;               ///< value share of capabilities that touch any member
  double annual_spend = 0;
  double spend_share = 0;            ///< annual_spend / total_annual_spend (0 when nothing is spent)
  SetHandle critical_capabilities;   ///< capability indices, in Analysis::capability_sets
  DepartureResult departure;         ///< every member leaves at once, at the shortest notice among them
  Classification classification = Classification::Acceptable;
};

/// DESIGN 4.3: how concentrated the critical dependencies are. Every measure here can only fall
/// when a risk-reducing change is made (a tested fallback, a removed dependency).
struct Concentration {
  double largest_critical_share = 0;
  std::optional<NodeIndex> largest_provider;  ///< ties broken by id
  double hhi = 0;  ///< Σ critical_share² over providers
  double largest_group_critical_share = 0;           ///< over named groups and providers without a parent
  std::optional<std::size_t> largest_group;          ///< that group, when it is named (Analysis::groups)
  std::optional<NodeIndex> largest_single_provider_group;  ///< or that provider, when it has no parent
  double group_hhi = 0;  ///< Σ critical_share² over groups
  /// The group of two or more providers with the largest positive critical share (ties: the first
  /// by name): the concentration no single provider's row shows. Index into Analysis::groups.
  std::optional<std::size_t> most_critical_shared_group;
  double value_with_single_point_of_failure = 0;  ///< value share of capabilities some provider alone can stop
};

/// What leaves on a known day (docs/scoring.md, "Dated departures").
enum class DatedKind : std::uint8_t {
  ModelRetirement,     ///< a provider stops serving a model version that uses name
  ProviderRetirement,  ///< a --lifecycle entry retires a provider as a whole
  ContractEnd,         ///< the contract with a provider ends and does not renew
};

/// "model-retirement", "provider-retirement", "contract-end".
std::string_view to_string(DatedKind kind);

/// A departure with a date: the departure scenario with the time left as its notice.
struct DatedDeparture {
  DatedKind kind = DatedKind::ModelRetirement;
  NodeIndex provider = 0;  ///< whose model retires, that retires, or whose contract ends
  std::string model;       ///< the model's name; empty unless a model retires
  Date date;               ///< the day it goes
  /// The inventory's date (`retires`, `contract_ends`); when only --lifecycle knows it, the first
  /// use's `model` (or the provider's id).
  SourceLoc loc;
  const LifecycleEntry* lifecycle = nullptr;  ///< the --lifecycle entry the date comes from, if it does
  std::int64_t days_left = 0;  ///< from --as-of to the date; negative once it has passed
  double months_left = 0;      ///< the same in calendar months, at least 0: the notice it leaves
  bool past = false;           ///< the date lies before --as-of: capabilities still run on what is gone
  /// Every slot it stops has a ready fallback that outlives the date: a switch-over, no migration.
  bool planned = false;
  std::vector<NodeIndex> capabilities;  ///< with a slot whose primary it stops, ascending
  std::vector<SourceLoc> uses;          ///< each primary and fallback it takes away, in file order
  /// Value share of the capabilities left with no ready option, and of everything requiring them.
  double stranded_share = 0;
  DepartureResult departure;  ///< with notice = months_left
};

/// A model whose inventory date differs from the --lifecycle file's (the inventory's is used).
struct LifecycleConflict {
  NodeIndex provider = 0;
  std::string model;
  Located<Date> inventory_date;        ///< the `retires` used
  const LifecycleEntry* entry = nullptr;  ///< the file's other date
};

/// The result of the analysis stage.
struct Analysis {
  Date as_of;
  EffectivePolicy policy;
  std::vector<std::string> trusted;  ///< the organisation's jurisdiction and its trusted jurisdictions
  DependencyGraph graph;
  DependencySets sets;
  /// The per-provider and per-group capability sets. Shared structure keeps a chain of 20,000
  /// `requires`, where the first provider is critical for every capability, linear in memory.
  SetArena capability_sets;
  /// Per capability, itself and every capability that requires it, directly or not (in capability_sets).
  std::vector<SetHandle> capability_dependants;
  std::vector<ProviderResult> providers;          ///< in inventory order
  std::vector<JurisdictionResult> jurisdictions;  ///< foreign ones, by code
  std::vector<CapabilityResult> capabilities;     ///< in inventory order
  std::vector<FlowResult> flows;                  ///< in inventory order
  std::vector<GroupResult> groups;                ///< one per ultimate parent named, by name
  std::vector<DefaultedPassThrough> defaulted_passthrough;  ///< by provider, then link
  Concentration concentration;
  std::optional<DriftResult> drift;  ///< with --observed: the inventory against the SBOMs
  /// Retirements and contract ends on or before --as-of + horizon_months (and those past), by
  /// date, then kind, provider and model.
  std::vector<DatedDeparture> dated_departures;
  std::vector<LifecycleConflict> lifecycle_conflicts;  ///< by provider, then model
  std::string lifecycle_path;  ///< the --lifecycle file as named, for places in it; "" without one
  const Lifecycle* lifecycle = nullptr;  ///< the --lifecycle dates used (AnalysisOptions::lifecycle)
};

/// Runs every analysis on a checked inventory. The inventory must outlive the result.
Analysis analyze(const Inventory& inventory, const AnalysisOptions& options);
/// The same, on a graph already built with `graph_options(inventory, options)`; lets a caller
/// time or reuse the graph stage on its own.
Analysis analyze(const Inventory& inventory, DependencyGraph graph, const AnalysisOptions& options);
/// The graph options the analysis uses: the run's date and the policy's drill age.
GraphOptions graph_options(const Inventory& inventory, const AnalysisOptions& options);

/// Likely calendar weeks to move one slot of `capability` off `primary` (docs/scoring.md,
/// "Migration weeks"): the capability's own likely migration estimate when it has one, else the
/// integration and feature tables, times 1.5 without evaluations.
double slot_migration_weeks(const Capability& capability, const ProviderUse& primary);
/// Likely calendar weeks of the integration table alone for `depth`, times 1.5 without evaluations:
/// the work of putting the slot's calls behind an abstraction layer.
double integration_weeks(Integration depth, bool evals);
/// Calendar weeks of one switch-over to a tested fallback, times 1.5 without evaluations.
double switch_weeks(bool evals);

/// Classifies a share of core value at risk against the policy, to the nearest billionth.
Classification classify_value(double value_at_risk, const EffectivePolicy& policy);
/// Classifies an added cost's share of the budget against the policy, to the nearest billionth.
Classification classify_budget(double budget_share, const EffectivePolicy& policy);

}  // namespace sovaudit
