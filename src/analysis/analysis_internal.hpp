// Internal to the analysis stage: the steps analyze() runs, each filling its part of the result.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sovaudit/analysis.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::analysis {

/// Whose law the organisation accepts: its own jurisdiction and its trusted jurisdictions.
class TrustedLaw {
 public:
  explicit TrustedLaw(std::vector<std::string> areas) : areas_(std::move(areas)) {}
  /// True when the country (or every member of the group) lies within a trusted area.
  [[nodiscard]] bool trusts(std::string_view code) const { return within(code, areas_); }
  /// True when the country (or every member of the group) lies within one of `areas`.
  static bool within(std::string_view code, std::span<const std::string> areas);
  [[nodiscard]] const std::vector<std::string>& areas() const { return areas_; }

 private:
  std::vector<std::string> areas_;
};

/// The jurisdictions whose law reaches a provider: its hq and its ultimate parent's hq, sorted.
std::vector<std::string> reaching_jurisdictions(const Provider& provider);

/// Migration weeks for moving `capability` off the providers of `slots`: the capability's own
/// estimate when it has one, else derived from each slot's primary integration and features.
Estimate migration_weeks(const DependencyGraph& graph, NodeIndex capability, std::span<const NodeIndex> slots);

/// Weeks for `capability` to leave a provider: a full migration of `migrated_slots` (its own
/// estimate, else derived) plus a switch-over to the tested fallback of each of `switched_slots`
/// (derived only, or alone when nothing migrates). docs/scoring.md, section 4.
Estimate exit_weeks(const DependencyGraph& graph, NodeIndex capability, std::span<const NodeIndex> migrated_slots,
                    std::span<const NodeIndex> switched_slots);

/// A provider's contractual notice, or the policy's default.
inline double notice_of(const Provider& provider, const EffectivePolicy& policy) {
  return provider.notice_months.present ? provider.notice_months.value : policy.notice_months;
}

/// Σ value share of `capabilities` in billionths (exact, any order).
ShareUnits value_units(const Inventory& inventory, const std::vector<NodeIndex>& capabilities);
/// The same as a share, capped at 1.
double value_of(const Inventory& inventory, const std::vector<NodeIndex>& capabilities);

/// The value share of every capability in billionths, by capability index: the weights of
/// Analysis::capability_sets.
std::vector<ShareUnits> capability_units(const Inventory& inventory);
/// Σ value share of a set of capabilities in an arena weighted by capability_units(), capped at 1.
double value_of(const SetArena& arena, SetHandle capabilities);

/// Per capability, the capability itself and every capability that requires it, directly or not:
/// the capabilities that stop with it. Sets of capability indices in `into`.
std::vector<SetHandle> dependant_closures(const DependencyGraph& graph, SetArena& into);

/// Per key below `keys`, the capabilities whose own-slot set in `own_per_capability` (from `keyed`)
/// holds the key, with every capability that requires them (`closures`): the inverse of the
/// closed per-capability sets, as sets of capability indices in `into`. One union per
/// (capability, key) pair of the own sets, so a chain of `requires` costs no more than its own slots.
std::vector<SetHandle> capabilities_by_key(const DependencySets& keyed, const std::vector<SetHandle>& own_per_capability,
                                           std::size_t keys, const std::vector<SetHandle>& closures, SetArena& into);

/// Per key below `keys`, the value share of the capabilities that touch it (capability_touched of
/// `keyed`, inverted). The sets are built in an arena of their own and freed: only the shares stay.
std::vector<double> exposure_by_key(const Inventory& inventory, const DependencyGraph& graph,
                                    const DependencySets& keyed, std::size_t keys);

/// Per key below `keys`, the capabilities with an own slot whose primary cannot survive the key's loss (ascending).
std::vector<std::vector<NodeIndex>> exit_candidates(const DependencyGraph& graph, const DependencySets& sets,
                                                    std::size_t keys);

/// Calendar months in a week, as the departure scenario converts weeks of migration to months.
inline constexpr double kMonthsPerWeek = 12.0 / 52.0;

/// What a departure does to one slot: nothing, a switch-over to a ready fallback that survives it,
/// or a full migration because no ready option is left.
enum class SlotFate : std::uint8_t { Unaffected, Switched, Broken };

/// One capability's exit: a full migration of `broken_slots` and a switch-over of `switched_slots`,
/// in weeks, engineer-weeks and money.
ExitWork exit_work(const Inventory& inventory, const Analysis& analysis, NodeIndex capability,
                   std::span<const NodeIndex> broken_slots, std::span<const NodeIndex> switched_slots);

/// The exits a departure forces, given each slot's fate (`fate(slot)` -> SlotFate): one per
/// capability of `candidates` with a slot that breaks or switches. The one place that turns a
/// departure's reach into work, for providers, groups and dated departures alike.
template <class Fate>
std::vector<ExitWork> exit_works_by(const Inventory& inventory, const Analysis& analysis,
                                    const std::vector<NodeIndex>& candidates, Fate fate) {
  std::vector<ExitWork> exits;
  std::vector<NodeIndex> broken_slots, switched_slots;
  for (NodeIndex c : candidates) {
    broken_slots.clear();
    switched_slots.clear();
    for (NodeIndex s : analysis.graph.capabilities[c].slots) {
      switch (fate(s)) {
        case SlotFate::Broken:
          broken_slots.push_back(s);
          break;
        case SlotFate::Switched:
          switched_slots.push_back(s);
          break;
        case SlotFate::Unaffected:
          break;
      }
    }
    if (broken_slots.empty() && switched_slots.empty()) continue;
    exits.push_back(exit_work(inventory, analysis, c, broken_slots, switched_slots));
  }
  return exits;
}

/// The exits `key`'s departure forces: per capability of `candidates`, a full migration of the
/// slots with no ready option left, else a switch-over of those whose primary goes.
std::vector<ExitWork> exit_works(const Inventory& inventory, const Analysis& analysis, const DependencySets& sets,
                                 NodeIndex key, const std::vector<NodeIndex>& candidates);

/// The departure scenario's arithmetic on a set of exits with `notice_months` of notice: outages
/// (migration beyond the notice), value at risk through `requires`, value-months, time, effort and
/// cost, for the low, likely and high estimates (docs/scoring.md, section 4).
DepartureResult score_departure(const Inventory& inventory, const Analysis& analysis, double notice_months,
                                const std::vector<ExitWork>& exits);

/// `seeds` (capability, outage months) with every capability that requires one of them, and each
/// one's outage: its own, or the longest among those it requires; by capability index. Visits only
/// what the seeds reach.
std::vector<std::pair<NodeIndex, double>> propagate_outage(const DependencyGraph& graph,
                                                           const std::vector<NodeIndex>& position,
                                                           const std::vector<std::pair<NodeIndex, double>>& seeds);

/// The departure of `key` (a provider, or a group under keyed sets) with `notice_months`: every
/// capability of `candidates` migrates the slots with no ready option left and switches over the
/// others; outages, value at risk and value-months follow. One function for providers and groups.
DepartureResult departure_scenario(const Inventory& inventory, const Analysis& analysis, const DependencySets& sets,
                                   NodeIndex key, double notice_months, const std::vector<NodeIndex>& candidates);

/// Model retirements, provider retirements (from `lifecycle`, may be null) and contract ends within
/// the horizon or already past, each scored as a departure with the time left as its notice.
void compute_dated_departures(const Inventory& inventory, const Lifecycle* lifecycle, Analysis& analysis);

/// Provider groups (one per ultimate parent, else per provider) with their concentration and departure.
void compute_groups(const Inventory& inventory, Analysis& analysis);

/// Build weeks of a capability: its own estimate or the documented default.
Estimate build_weeks(const Capability& capability, bool* derived);

/// Exposure, critical share, departure and classification inputs of every provider.
void compute_provider_dependence(const Inventory& inventory, Analysis& analysis);

/// Price shock of every provider, with pass-through along upstream chains.
void compute_price_shocks(const Inventory& inventory, Analysis& analysis);

/// Jurisdiction switch-off scenarios and the data/compute/model layers of every capability.
void compute_jurisdictions(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis);

/// Processing regions, residency and foreign control of every data flow.
void compute_flows(const Inventory& inventory, const TrustedLaw& law, Analysis& analysis);

/// Criteria score, build/buy recommendation and build-versus-buy money of every capability.
void compute_criteria(const Inventory& inventory, Analysis& analysis);

/// Providers that receive the data sent to `provider`: itself, then transitively its upstream providers
/// with role model, hosting, compute or storage; from an air-gapped provider only model and storage
/// upstreams receive data (the others supply machines). Itself first, then in discovery order.
std::vector<NodeIndex> processing_chain(const DependencyGraph& graph, NodeIndex provider);

/// Providers reached from `provider` through upstream edges whose role is in `roles`, itself first.
std::vector<NodeIndex> upstream_chain(const DependencyGraph& graph, NodeIndex provider,
                                      std::initializer_list<UpstreamRole> roles);

/// Providers reached from `start` along the upstream edges for which `follow(from, edge)` holds:
/// `start` first, then breadth-first in edge order, each once. O(reached and their edges): a
/// linear membership test per edge made a chain of 20,000 cost 200 million comparisons per walk.
template <class Follow>
std::vector<NodeIndex> reach_upstream(const DependencyGraph& graph, NodeIndex start, Follow follow) {
  std::vector<NodeIndex> reached{start};
  std::unordered_set<NodeIndex> seen{start};
  for (std::size_t i = 0; i < reached.size(); ++i) {
    const NodeIndex from = reached[i];
    for (const UpstreamEdge& e : graph.providers[from].upstream) {
      if (follow(from, e) && seen.insert(e.provider).second) reached.push_back(e.provider);
    }
  }
  return reached;
}

}  // namespace sovaudit::analysis
