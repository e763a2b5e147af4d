// Migration and build estimates: the capability's own figures, or documented derivations
// (docs/scoring.md, "Migration weeks") from integration depth and provider-specific features.
#include <array>

#include "analysis_internal.hpp"

namespace sovaudit::analysis {

// Calendar weeks to move one slot off its provider, by integration depth.
constexpr std::array<double, 3> kIntegrationWeeks = {
    2,   // abstraction-layer: swap a configuration and re-run the evaluations
    6,   // sdk: rewrite the calls and their error handling
    12,  // deep: provider-specific APIs throughout the code
};

// Extra weeks for each provider-specific feature in use, in Feature order.
constexpr std::array<double, 10> kFeatureWeeks = {
    8,  // fine-tuning: rebuild the training set, retrain, re-evaluate
    4,  // embeddings: re-embed the corpus and rebuild the index
    6,  // assistants: rebuild threads, files and tools on another API
    6,  // agents: rebuild tool orchestration
    2,  // function-calling
    1,  // structured-output
    1,  // batch
    3,  // realtime
    2,  // multimodal
    1,  // prompt-caching
};

// Calendar weeks to switch one slot over to a fallback tested within the drill age: move the
// traffic, re-run the evaluations, watch it. Shared by the departure and price-shock scenarios.
constexpr double kSwitchWeeks = 1;

constexpr double kNoEvalsFactor = 1.5;  // without evaluations every switch is verified by hand
constexpr double kDerivedLowFactor = 0.75;
constexpr double kDerivedHighFactor = 2.0;
constexpr Estimate kDefaultBuildWeeks{13, 26, 52};

namespace {

Estimate from_range(const WeeksRange& w) { return {w.low, w.likely, w.high}; }

}  // namespace

Estimate migration_weeks(const DependencyGraph& graph, NodeIndex capability, std::span<const NodeIndex> slots) {
  return exit_weeks(graph, capability, slots, {});
}

Estimate exit_weeks(const DependencyGraph& graph, NodeIndex capability, std::span<const NodeIndex> migrated_slots,
                    std::span<const NodeIndex> switched_slots) {
  const Capability& c = *graph.capabilities[capability].capability;
  // The capability's own estimate is for a full migration; a switch-over alone is not one.
  if (c.migration_weeks.present && !migrated_slots.empty()) return from_range(c.migration_weeks.value);
  double likely = kSwitchWeeks * static_cast<double>(switched_slots.size());
  for (NodeIndex s : migrated_slots) {
    const SlotOption& primary = graph.slots[s].options.front();
    likely += kIntegrationWeeks[static_cast<std::size_t>(primary.use->integration.value)];
    for (const Located<Feature>& f : primary.use->features) likely += kFeatureWeeks[static_cast<std::size_t>(f.value)];
  }
  if (!c.evals.value) likely *= kNoEvalsFactor;
  return {likely * kDerivedLowFactor, likely, likely * kDerivedHighFactor};
}

Estimate build_weeks(const Capability& capability, bool* derived) {
  *derived = !capability.build_weeks.present;
  return capability.build_weeks.present ? from_range(capability.build_weeks.value) : kDefaultBuildWeeks;
}

}  // namespace sovaudit::analysis

namespace sovaudit {

double slot_migration_weeks(const Capability& capability, const ProviderUse& primary) {
  if (capability.migration_weeks.present) return capability.migration_weeks.value.likely;
  double likely = analysis::kIntegrationWeeks[static_cast<std::size_t>(primary.integration.value)];
  for (const Located<Feature>& f : primary.features) likely += analysis::kFeatureWeeks[static_cast<std::size_t>(f.value)];
  return capability.evals.value ? likely : likely * analysis::kNoEvalsFactor;
}

double integration_weeks(Integration depth, bool evals) {
  const double weeks = analysis::kIntegrationWeeks[static_cast<std::size_t>(depth)];
  return evals ? weeks : weeks * analysis::kNoEvalsFactor;
}

double switch_weeks(bool evals) { return evals ? analysis::kSwitchWeeks : analysis::kSwitchWeeks * analysis::kNoEvalsFactor; }

}  // namespace sovaudit
