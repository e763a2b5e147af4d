// The analysis stage: every number of DESIGN section 4, computed from the model and the graph.
// Nothing here formats text; docs/scoring.md gives every formula.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sovaudit/dates.hpp"
#include "sovaudit/dependency_sets.hpp"
#include "sovaudit/graph.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit {

/// How serious a dependency or jurisdiction is, by the policy thresholds (DESIGN 4.10).
enum class Classification : std::uint8_t { Acceptable, Material, Existential };
/// What to do under a price shock.
enum class Recommendation : std::uint8_t { Absorb, Migrate };
/// Whether one layer (data, compute, model) of a capability is under trusted law.
enum class LayerStatus : std::uint8_t { NotApplicable, Trusted, Unknown, Foreign };

/// "acceptable", "material", "existential".
std::string_view to_string(Classification c);
/// "absorb", "migrate".
std::string_view to_string(Recommendation r);
/// "n/a", "trusted", "unknown", "foreign".
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
  double annual_ai_budget = 0;  ///< the organisation's, or the sum of provider spends
  bool budget_derived = false;  ///< true when annual_ai_budget is the sum of spends
  double engineer_week_cost = 0;
};

/// DESIGN 4.4: what happens when one provider leaves with its notice period.
struct DepartureResult {
  double notice_months = 0;
  Estimate value_at_risk;   ///< share of core value down for a while
  Estimate outage_months;   ///< the longest outage among the capabilities that must migrate
  Estimate migration_weeks; ///< summed over the capabilities that must migrate
  Estimate migration_cost;  ///< weeks x engineers x engineer_week_cost, summed
  std::vector<NodeIndex> migrating_capabilities;  ///< the provider is critical through their own slots
  std::vector<NodeIndex> broken_capabilities;     ///< down under the likely estimate, with their dependants
  Classification classification = Classification::Acceptable;
};

/// DESIGN 4.5: the provider's prices multiply.
struct PriceShockResult {
  double multiplier = 3;
  double direct_added_cost = 0;       ///< own spend x (m - 1)
  double passthrough_added_cost = 0;  ///< from providers built on it
  double added_annual_cost = 0;
  double budget_share = 0;
  double cost_of_leaving = 0;         ///< likely migration cost of every capability using it as a primary
  std::optional<double> break_even_months;  ///< none when nothing is added
  Recommendation recommendation = Recommendation::Absorb;
  std::vector<NodeIndex> passthrough_from;  ///< providers that pass the rise on
  Classification classification = Classification::Acceptable;
};

/// Everything about one provider.
struct ProviderResult {
  NodeIndex provider = 0;
  double exposure = 0;        ///< value share of capabilities that touch it at all
  double critical_share = 0;  ///< value share of capabilities for which it is a single point of failure
  std::vector<NodeIndex> exposed_capabilities;
  std::vector<NodeIndex> critical_capabilities;
  std::vector<std::string> reaching_jurisdictions;  ///< hq and ultimate parent's hq
  std::vector<std::string> foreign_jurisdictions;   ///< those outside the trusted set
  DepartureResult departure;
  PriceShockResult price_shock;
  Classification classification = Classification::Acceptable;  ///< the worse of departure and price shock
};

/// DESIGN 4.6: a foreign jurisdiction switches off every provider it reaches.
struct JurisdictionResult {
  std::string code;
  std::vector<NodeIndex> providers;           ///< reached directly (hq or parent)
  std::vector<NodeIndex> affected_providers;  ///< stopped through their upstream chain
  std::vector<NodeIndex> broken_capabilities;
  double value_at_risk = 0;
  Classification classification = Classification::Acceptable;
};

/// One layer of a capability and the jurisdictions behind it.
struct LayerResult {
  LayerStatus status = LayerStatus::NotApplicable;
  std::vector<std::string> jurisdictions;
};

/// Everything about one capability.
struct CapabilityResult {
  NodeIndex capability = 0;
  int criteria_score = 0;
  Sourcing recommendation = Sourcing::Buy;  ///< build when criteria_score >= build_threshold
  std::vector<NodeIndex> critical_providers;
  LayerResult data, compute, model;
  Estimate build_weeks;
  bool build_weeks_derived = false;
  double build_cost = 0;              ///< likely build weeks x engineers x engineer_week_cost
  double buy_annual_spend = 0;        ///< provider spend attributed to it
  double buy_spend_over_horizon = 0;  ///< buy_annual_spend x horizon / 12
};

/// DESIGN 4.7: where a data flow is processed.
struct FlowResult {
  NodeIndex flow = 0;
  std::vector<NodeIndex> processing_providers;  ///< the provider and its model/hosting/compute/storage chain
  std::vector<std::string> processing_regions;
  bool regions_unknown = false;                 ///< some processing provider records no regions
  std::vector<std::string> allowed;
  std::vector<std::string> outside;             ///< processing regions not within `allowed`
  std::vector<NodeIndex> outside_providers;     ///< providers processing outside `allowed`
  std::vector<NodeIndex> foreign_controllers;   ///< processing providers under untrusted law
  DataClass most_sensitive = DataClass::Public;
};

/// DESIGN 4.3: how concentrated the critical dependencies are.
struct Concentration {
  double largest_critical_share = 0;
  std::optional<NodeIndex> largest_provider;
  double hhi = 0;  ///< sum of squared shares of the critical value, 0..1
};

/// The result of the analysis stage.
struct Analysis {
  Date as_of;
  EffectivePolicy policy;
  std::vector<std::string> trusted;  ///< the organisation's jurisdiction and its trusted jurisdictions
  DependencyGraph graph;
  DependencySets sets;
  std::vector<ProviderResult> providers;          ///< in inventory order
  std::vector<JurisdictionResult> jurisdictions;  ///< foreign ones, by code
  std::vector<CapabilityResult> capabilities;     ///< in inventory order
  std::vector<FlowResult> flows;                  ///< in inventory order
  Concentration concentration;
};

/// Runs every analysis on a checked inventory. The inventory must outlive the result.
Analysis analyze(const Inventory& inventory, const AnalysisOptions& options);
/// The same, on a graph already built with `graph_options(inventory, options)`; lets a caller
/// time or reuse the graph stage on its own.
Analysis analyze(const Inventory& inventory, DependencyGraph graph, const AnalysisOptions& options);
/// The graph options the analysis uses: the run's date and the policy's drill age.
GraphOptions graph_options(const Inventory& inventory, const AnalysisOptions& options);

/// Classifies a share of core value at risk against the policy.
Classification classify_value(double value_at_risk, const EffectivePolicy& policy);
/// Classifies an added cost's share of the budget against the policy.
Classification classify_budget(double budget_share, const EffectivePolicy& policy);

}  // namespace sovaudit
