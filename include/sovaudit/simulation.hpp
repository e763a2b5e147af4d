// The confidence stage: migration estimates sampled as ranges, and the percentiles of the
// departure figures they give (docs/scoring.md, "Confidence").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sovaudit/analysis.hpp"

namespace sovaudit {

/// --simulate N --seed S.
struct SimulationOptions {
  std::size_t samples = 10000;
  std::uint64_t seed = 1;
};

/// The median and the 90th percentile of a sampled figure (nearest rank).
struct Percentiles {
  double p50 = 0;
  double p90 = 0;
};

/// The sampled departure of one provider or one provider group.
struct SimulatedDeparture {
  bool group = false;  ///< a group of providers under one ultimate parent
  std::string id;      ///< provider id or group name
  Percentiles outage_months;
  Percentiles value_at_risk;
  Percentiles value_months_at_risk;
  std::optional<Percentiles> migration_cost;  ///< none when engineer_week_cost is unknown
  /// Share of samples in which it is existential: the departure's value at risk classifies as
  /// existential, or (providers) the price shock does, which no sampled estimate changes.
  double probability_existential = 0;
};

/// Every provider and named group that some capability depends on, sampled together.
struct Simulation {
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  std::optional<double> fail_on_probability;  ///< --fail-on-probability: the gate's threshold, when given
  std::vector<SimulatedDeparture> providers;  ///< in inventory order
  std::vector<SimulatedDeparture> groups;     ///< by name
};

/// True when a provider or group is existential with probability at or above the threshold.
bool probability_gate_trips(const Simulation& simulation);

/// The PERT distribution of `e` at quantile `u` in (0, 1): a Beta(α, β) on [low, high] with
/// α = 1 + 4 (likely - low) / (high - low) and β = 1 + 4 (high - likely) / (high - low); `likely` when
/// low = high. Mean (low + 4 likely + high) / 6.
double pert_quantile(const Estimate& e, double u);

/// The uniform draw in (0, 1) of `capability` for sample `index` under `seed`: a hash of the three,
/// so that it does not depend on the order of the inventory's lists.
double simulation_draw(std::uint64_t seed, std::string_view capability, std::uint64_t index);

/// Samples every capability's migration weeks from its PERT range, one draw per capability and
/// sample shared by its slots and by every scenario, capabilities independent of one another, and
/// re-scores each provider's and group's departure per sample (docs/scoring.md, "Confidence").
Simulation simulate(const Inventory& inventory, const Analysis& analysis, const SimulationOptions& options);

}  // namespace sovaudit
