// The price-shock scenario (DESIGN 4.5): added cost with pass-through along upstream chains,
// contractual locks and caps, the cost of leaving, break-even and the recommendation.
#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>

#include "analysis_internal.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::analysis {
namespace {

/// One rise in what we pay: `annual` a year from `starts` months after --as-of.
struct Rise {
  double annual = 0;
  double starts = 0;
};

/// Months from --as-of until a provider's price lock ends (0 without one, or when it has ended).
double lock_months(const Provider& p, const Date& as_of) {
  if (!p.price_locked_until.present || p.price_locked_until.value < as_of) return 0;
  return calendar_months_between(as_of, p.price_locked_until.value);
}

/// The rise of a price whose share `share` rises by m - 1, within the contract's yearly cap.
double capped_rise(const Provider& p, double share, double m) {
  const double rise = share * (m - 1);
  return p.max_price_increase.present ? std::min(rise, p.max_price_increase.value) : rise;
}

/// Beyond a century a break-even is "never": no decision waits for it, and a subnormal rise would
/// otherwise give 1e300 months or infinity.
constexpr double kLongestBreakEvenMonths = 1200;

/// The first month at which the rises have added up to `cost`; none when they never do.
std::optional<double> break_even_uncapped(std::vector<Rise> rises, double cost) {
  if (cost <= 0) return 0.0;
  // By start, then by amount: the same sums whatever the order of the upstream lists.
  std::sort(rises.begin(), rises.end(), [](const Rise& a, const Rise& b) {
    return a.starts != b.starts ? a.starts < b.starts : a.annual < b.annual;
  });
  double paid = 0, rate = 0, at = 0;  // `rate` a month is added from month `at` on
  for (const Rise& rise : rises) {
    if (rise.starts > at && rate > 0) {
      const double gained = rate * (rise.starts - at);
      if (paid + gained >= cost) return at + (cost - paid) / rate;
      paid += gained;
    }
    at = std::max(at, rise.starts);
    rate += rise.annual / 12.0;
  }
  if (rate > 0) return at + (cost - paid) / rate;
  return std::nullopt;
}

std::optional<double> break_even(std::vector<Rise> rises, double cost) {
  const std::optional<double> months = break_even_uncapped(std::move(rises), cost);
  if (!months || !std::isfinite(*months) || *months > kLongestBreakEvenMonths) return std::nullopt;
  return months;
}

/// For reseller `y`, the share of its price that each provider of its chain makes up: shares
/// multiply along a chain and add over paths, each capped at 1 (docs/scoring.md, section 5).
/// Walks only the providers a positive share reaches, dependants before their upstream providers
/// (by topological position), so every path into a node is summed before it is used. Returns the
/// reached providers other than `y`, ascending, with their shares in `share`.
std::vector<NodeIndex> chain_shares(const DependencyGraph& graph, NodeIndex y, const std::vector<NodeIndex>& topo_position,
                                    std::unordered_map<NodeIndex, double>& share) {
  std::unordered_map<NodeIndex, std::vector<double>> terms;
  std::priority_queue<std::pair<NodeIndex, NodeIndex>> next;  // (position, provider), latest position first
  share.clear();
  terms[y].push_back(1.0);
  next.emplace(topo_position[y], y);
  std::vector<NodeIndex> reached;
  while (!next.empty()) {
    const NodeIndex n = next.top().second;
    next.pop();
    auto it = terms.find(n);
    const double here = std::min(1.0, order_free_sum(std::move(it->second)));
    terms.erase(it);
    share[n] = here;
    if (n != y) reached.push_back(n);
    for (const UpstreamEdge& e : graph.providers[n].upstream) {
      if (e.price_passthrough <= 0 || here <= 0) continue;
      auto [term, added] = terms.try_emplace(e.provider);
      if (added) next.emplace(topo_position[e.provider], e.provider);
      term->second.push_back(here * e.price_passthrough);
    }
  }
  std::sort(reached.begin(), reached.end());
  return reached;
}

}  // namespace

void compute_price_shocks(const Inventory& inventory, Analysis& analysis) {
  const DependencyGraph& graph = analysis.graph;
  const EffectivePolicy& policy = analysis.policy;
  const double m = policy.price_multiplier;
  const double horizon = policy.horizon_months;
  const std::size_t providers = graph.providers.size();

  std::vector<NodeIndex> topo_position(providers);
  for (NodeIndex i = 0; i < graph.provider_order.size(); ++i) topo_position[graph.provider_order[i]] = i;
  std::vector<double> locked(providers);
  for (NodeIndex p = 0; p < providers; ++p) locked[p] = lock_months(inventory.providers[p], analysis.as_of);

  std::vector<std::vector<PassThrough>> passthrough(providers);
  std::unordered_map<NodeIndex, double> share;
  for (NodeIndex y = 0; y < providers; ++y) {
    const Provider& reseller = inventory.providers[y];
    // A reseller we pay nothing, or whose price cannot rise, passes no rise on: its chain is not walked.
    if (graph.providers[y].upstream.empty() || reseller.annual_spend.value * capped_rise(reseller, 1.0, m) <= 0) continue;
    for (NodeIndex x : chain_shares(graph, y, topo_position, share)) {
      const auto it = share.find(x);
      if (it->second <= 0) continue;
      const double added = reseller.annual_spend.value * capped_rise(reseller, it->second, m);
      if (added > 0) passthrough[x].push_back({y, it->second, added, locked[y]});
    }
  }

  // A provider that only fallbacks reach is a standby: nothing would move off it.
  std::vector<bool> fallback_use(providers, false);
  for (const SlotNode& slot : graph.slots) {
    for (std::size_t i = 1; i < slot.options.size(); ++i) fallback_use[slot.options[i].provider] = true;
  }
  // Dependants come last in the topological order: walking it backwards marks a fallback's whole chain.
  for (auto it = graph.provider_order.rbegin(); it != graph.provider_order.rend(); ++it) {
    if (!fallback_use[*it]) continue;
    for (const UpstreamEdge& e : graph.providers[*it].upstream) fallback_use[e.provider] = true;
  }

  for (NodeIndex x = 0; x < providers; ++x) {
    const Provider& provider = inventory.providers[x];
    PriceShockResult& r = analysis.providers[x].price_shock;
    const DepartureResult& leaving = analysis.providers[x].departure;
    r.multiplier = m;
    // Our own capacity has no vendor to raise its price; its upstreams' rises reach it as pass-through.
    r.effective_multiplier = provider.operated_by.value == Operator::Self ? 1.0 : 1 + capped_rise(provider, 1.0, m);
    r.starts_in_months = locked[x];
    r.direct_added_cost = provider.annual_spend.value * (r.effective_multiplier - 1);
    r.passthrough = std::move(passthrough[x]);
    std::vector<Rise> rises{{r.direct_added_cost, r.starts_in_months}};
    for (const PassThrough& t : r.passthrough) {
      r.passthrough_from.push_back(t.from);
      rises.push_back({t.added_cost, t.starts_in_months});
    }
    std::vector<double> all, classified, within;
    for (const Rise& rise : rises) {
      all.push_back(rise.annual);
      if (rise.starts < horizon) classified.push_back(rise.annual);
      within.push_back(rise.annual * std::max(0.0, horizon - rise.starts) / 12.0);
    }
    r.passthrough_added_cost = order_free_sum(std::vector<double>(all.begin() + 1, all.end()));
    r.added_annual_cost = order_free_sum(std::move(all));
    r.classified_added_cost = order_free_sum(std::move(classified));
    r.added_within_horizon = order_free_sum(std::move(within));
    if (policy.annual_ai_budget) r.budget_share = r.classified_added_cost / *policy.annual_ai_budget;
    r.classification = r.budget_share ? classify_budget(*r.budget_share, policy) : Classification::Acceptable;

    if (leaving.migrating_capabilities.empty() && leaving.switching_capabilities.empty()) {
      r.cost_of_leaving = 0.0;  // nothing moves
    } else if (leaving.migration_cost) {
      r.cost_of_leaving = leaving.migration_cost->likely;
    }
    const bool moves = !(leaving.migrating_capabilities.empty() && leaving.switching_capabilities.empty());
    // Break-even compares leaving with staying; when nothing would move there is nothing to compare.
    if (moves && r.added_annual_cost > 0 && r.cost_of_leaving) r.break_even_months = break_even(rises, *r.cost_of_leaving);
    if (r.added_annual_cost <= 0) {
      r.recommendation = Recommendation::NotApplicable;
    } else if (!moves) {
      r.recommendation = fallback_use[x] ? Recommendation::ReviewFallback : Recommendation::NotApplicable;
    } else if (!r.cost_of_leaving) {
      r.recommendation = Recommendation::Unknown;
    } else {
      r.recommendation = r.break_even_months && *r.break_even_months < horizon ? Recommendation::Migrate
                                                                               : Recommendation::Absorb;
    }
  }

  for (NodeIndex p = 0; p < providers; ++p) {
    const Provider& provider = inventory.providers[p];
    for (const UpstreamEdge& e : graph.providers[p].upstream) {
      if (!e.passthrough_defaulted) continue;
      const auto link = static_cast<std::size_t>(e.link - provider.upstream.data());
      analysis.defaulted_passthrough.push_back({p, link, e.price_passthrough});
    }
  }
}

}  // namespace sovaudit::analysis
