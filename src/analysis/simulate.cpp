// The confidence of the departure figures: each capability's migration weeks sampled from a PERT
// distribution over its low/likely/high, every departure re-scored per sample (docs/scoring.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "analysis_internal.hpp"
#include "sovaudit/exact.hpp"
#include "sovaudit/simulation.hpp"

namespace sovaudit {
namespace {

constexpr std::size_t kCdfSteps = 4096;

/// The CDF of Beta(α, β) on a grid of kCdfSteps intervals (trapezoids, normalised), inverted by
/// linear interpolation. Shapes repeat (every derived estimate has the same one), so tables are shared.
class BetaTable {
 public:
  BetaTable(double alpha, double beta) : cdf_(kCdfSteps + 1) {
    const auto pdf = [&](double x) { return std::pow(x, alpha - 1) * std::pow(1 - x, beta - 1); };
    double previous = pdf(0), sum = 0;
    cdf_[0] = 0;
    for (std::size_t k = 1; k <= kCdfSteps; ++k) {
      const double here = pdf(static_cast<double>(k) / kCdfSteps);
      sum += (previous + here) / 2;
      cdf_[k] = sum;
      previous = here;
    }
    for (double& c : cdf_) c /= sum;
  }

  /// x in [0, 1] with CDF(x) = u.
  [[nodiscard]] double quantile(double u) const {
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
    if (it == cdf_.begin()) return 0;
    if (it == cdf_.end()) return 1;
    const auto k = static_cast<std::size_t>(it - cdf_.begin()) - 1;
    const double width = cdf_[k + 1] - cdf_[k];
    const double within = width > 0 ? (u - cdf_[k]) / width : 0;
    return (static_cast<double>(k) + within) / kCdfSteps;
  }

 private:
  std::vector<double> cdf_;
};

/// The table for the PERT shape of `e`, or nullptr when the range is a point.
const BetaTable* table_for(const Estimate& e) {
  const double span = e.high - e.low;
  if (!(span > 0)) return nullptr;
  const double alpha = 1 + 4 * (e.likely - e.low) / span;
  const double beta = 1 + 4 * (e.high - e.likely) / span;
  // Rounded so that shapes equal up to floating noise share one table.
  const auto key = std::make_pair(std::round(alpha * 1e9), std::round(beta * 1e9));
  static std::mutex lock;
  static std::map<std::pair<double, double>, std::unique_ptr<BetaTable>> tables;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = tables[key];
  if (!slot) slot = std::make_unique<BetaTable>(alpha, beta);
  return slot.get();
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_text(std::string_view text) {  // FNV-1a
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

double draw_from(std::uint64_t seed, std::uint64_t capability_hash, std::uint64_t index) {
  const std::uint64_t bits = mix(mix(seed ^ capability_hash) + index);
  // 53 random bits, centred in their interval: never 0, never 1.
  return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53;
}

Percentiles percentiles(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  const auto rank = [&](double q) {
    const auto n = static_cast<double>(values.size());
    const auto r = static_cast<std::size_t>(std::ceil(q * n));
    return values[std::clamp<std::size_t>(r, 1, values.size()) - 1];
  };
  return values.empty() ? Percentiles{} : Percentiles{rank(0.5), rank(0.9)};
}

struct SampledExit {
  NodeIndex capability = 0;
  bool full_migration = false;
  Estimate weeks;
  const BetaTable* table = nullptr;
  double engineers = 1;
};

double sample_weeks(const SampledExit& w, double u) {
  if (w.table == nullptr) return w.weeks.likely;
  return w.weeks.low + w.table->quantile(u) * (w.weeks.high - w.weeks.low);
}

class Sampler {
 public:
  Sampler(const Inventory& inventory, const Analysis& analysis, const SimulationOptions& options)
      : inv_(inventory), analysis_(analysis), options_(options) {
    for (const Capability& c : inventory.capabilities) capability_hash_.push_back(hash_text(c.id.value));
  }

  SimulatedDeparture run(const std::vector<ExitWork>& exits, double notice_months, bool price_existential) {
    std::vector<SampledExit> sampled;
    for (const ExitWork& w : exits) {
      sampled.push_back({w.capability, w.full_migration, w.weeks, table_for(w.weeks),
                         inv_.capabilities[w.capability].engineers.value});
    }
    const EffectivePolicy& policy = analysis_.policy;
    const double min_outage_months = policy.min_outage_days / kDaysPerMonth;
    const std::size_t n = options_.samples;
    std::vector<double> outage(n), share(n), value_months(n), cost(n);
    std::size_t existential = 0;
    std::vector<std::pair<NodeIndex, double>> seeds;
    std::vector<double> parts;
    for (std::size_t i = 0; i < n; ++i) {
      seeds.clear();
      parts.clear();
      double longest = 0;
      for (const SampledExit& w : sampled) {
        const double weeks = sample_weeks(w, draw_from(options_.seed, capability_hash_[w.capability], i));
        if (policy.engineer_week_cost) parts.push_back(weeks * w.engineers * *policy.engineer_week_cost);
        if (!w.full_migration) continue;
        const double months = std::max(0.0, weeks * analysis::kMonthsPerWeek - notice_months);
        longest = std::max(longest, months);
        if (months > 0 && months >= min_outage_months) seeds.emplace_back(w.capability, months);
      }
      cost[i] = order_free_sum(parts);
      outage[i] = longest;
      std::vector<NodeIndex> broken;
      std::vector<double> lost;
      if (!seeds.empty()) {
        for (const auto& [c, months] :
             analysis::propagate_outage(analysis_.graph, analysis_.graph.capability_position, seeds)) {
          broken.push_back(c);
          lost.push_back(inv_.capabilities[c].value_share.value * months);
        }
      }
      share[i] = analysis::value_of(inv_, broken);
      value_months[i] = order_free_sum(std::move(lost));
      if (price_existential || classify_value(share[i], policy) == Classification::Existential) ++existential;
    }
    SimulatedDeparture d;
    d.outage_months = percentiles(outage);
    d.value_at_risk = percentiles(share);
    d.value_months_at_risk = percentiles(value_months);
    if (policy.engineer_week_cost) d.migration_cost = percentiles(cost);
    d.probability_existential = n == 0 ? 0 : static_cast<double>(existential) / static_cast<double>(n);
    return d;
  }

 private:
  const Inventory& inv_;
  const Analysis& analysis_;
  const SimulationOptions& options_;
  std::vector<std::uint64_t> capability_hash_;
};

}  // namespace

bool probability_gate_trips(const Simulation& simulation) {
  if (!simulation.fail_on_probability) return false;
  const auto over = [&](const SimulatedDeparture& d) {
    return d.probability_existential >= *simulation.fail_on_probability - 1e-12;
  };
  return std::any_of(simulation.providers.begin(), simulation.providers.end(), over) ||
         std::any_of(simulation.groups.begin(), simulation.groups.end(), over);
}

double pert_quantile(const Estimate& e, double u) {
  const BetaTable* table = table_for(e);
  return table == nullptr ? e.likely : e.low + table->quantile(u) * (e.high - e.low);
}

double simulation_draw(std::uint64_t seed, std::string_view capability, std::uint64_t index) {
  return draw_from(seed, hash_text(capability), index);
}

Simulation simulate(const Inventory& inventory, const Analysis& analysis, const SimulationOptions& options) {
  Simulation out;
  out.samples = options.samples;
  out.seed = options.seed;
  Sampler sampler(inventory, analysis, options);
  const std::size_t providers = analysis.graph.providers.size();
  const auto provider_candidates = analysis::exit_candidates(analysis.graph, analysis.sets, providers);
  for (NodeIndex p = 0; p < providers; ++p) {
    const ProviderResult& r = analysis.providers[p];
    const bool price_existential = r.price_shock.classification == Classification::Existential;
    const auto exits = analysis::exit_works(inventory, analysis, analysis.sets, p, provider_candidates[p]);
    if (exits.empty() && !price_existential) continue;
    SimulatedDeparture d = sampler.run(exits, r.departure.notice_months, price_existential);
    d.id = inventory.providers[p].id.value;
    out.providers.push_back(std::move(d));
  }
  if (analysis.groups.empty()) return out;
  std::vector<NodeIndex> group_of(providers, kNoKey);
  for (NodeIndex g = 0; g < analysis.groups.size(); ++g) {
    for (NodeIndex p : analysis.groups[g].providers) group_of[p] = g;
  }
  const DependencySets sets = compute_keyed_dependency_sets(analysis.graph, group_of);
  const auto group_candidates = analysis::exit_candidates(analysis.graph, sets, analysis.groups.size());
  for (NodeIndex g = 0; g < analysis.groups.size(); ++g) {
    const auto exits = analysis::exit_works(inventory, analysis, sets, g, group_candidates[g]);
    if (exits.empty()) continue;
    SimulatedDeparture d = sampler.run(exits, analysis.groups[g].departure.notice_months, false);
    d.group = true;
    d.id = analysis.groups[g].name;
    out.groups.push_back(std::move(d));
  }
  return out;
}

}  // namespace sovaudit
