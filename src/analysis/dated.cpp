// Dated departures: model retirements, provider retirements and contract ends, each the departure
// scenario with the time left before its date as the notice (docs/scoring.md, "Dated departures").
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "analysis_internal.hpp"
#include "sovaudit/retirements.hpp"

namespace sovaudit {

std::string_view to_string(DatedKind kind) {
  switch (kind) {
    case DatedKind::ProviderRetirement:
      return "provider-retirement";
    case DatedKind::ContractEnd:
      return "contract-end";
    case DatedKind::ModelRetirement:
      break;
  }
  return "model-retirement";
}

namespace analysis {
namespace {

/// A model as one provider serves it: every use that names it, and its date.
struct ModelAtProvider {
  std::vector<const ProviderUse*> uses;    ///< in graph order (slot, then primary before fallbacks)
  std::vector<NodeIndex> slots;            ///< the slots of those uses, ascending, each once
  std::optional<Located<Date>> own_date;   ///< the earliest `retires` the inventory gives
  const LifecycleEntry* entry = nullptr;   ///< the --lifecycle entry for its name
  [[nodiscard]] std::optional<Date> date() const {
    if (own_date) return own_date->value;
    if (entry) return entry->retires.value;
    return std::nullopt;
  }
};

using ModelKey = std::pair<NodeIndex, std::string_view>;

bool earlier(const Date& a, const Date& b) { return days_since_epoch(a) < days_since_epoch(b); }

/// Every dated thing of the inventory, and the day each use stops being a ready option.
class DatedInputs {
 public:
  DatedInputs(const Inventory& inventory, const DependencyGraph& graph, const Lifecycle* lifecycle)
      : dates_(inventory, lifecycle), slots_of_provider_(graph.providers.size()) {
    for (NodeIndex s = 0; s < graph.slots.size(); ++s) {
      for (const SlotOption& o : graph.slots[s].options) {
        std::vector<NodeIndex>& at = slots_of_provider_[o.provider];
        if (at.empty() || at.back() != s) at.push_back(s);
        const ProviderUse& use = *o.use;
        if (!use.model || !use.model->name.present) continue;
        ModelAtProvider& m = models_[{o.provider, use.model->name.value}];
        m.uses.push_back(&use);
        if (m.slots.empty() || m.slots.back() != s) m.slots.push_back(s);
        const Located<Date>& own = use.model->retires;
        if (own.present && (!m.own_date || earlier(own.value, m.own_date->value))) m.own_date = own;
      }
    }
    for (auto& [key, m] : models_) {
      if (lifecycle) m.entry = lifecycle->find(key.second);
    }
    for (NodeIndex p = 0; lifecycle && p < graph.providers.size(); ++p) {
      const Provider& provider = inventory.providers[p];
      const LifecycleEntry* entry = lifecycle->find(provider.id.value);
      if (entry && !dates_.named_as_model(entry->name.value)) retired_providers_.emplace_back(p, entry);
    }
  }

  [[nodiscard]] const std::map<ModelKey, ModelAtProvider>& models() const { return models_; }
  [[nodiscard]] const std::vector<std::pair<NodeIndex, const LifecycleEntry*>>& retired_providers() const {
    return retired_providers_;
  }
  /// The slots with an option on provider `p`, ascending.
  [[nodiscard]] const std::vector<NodeIndex>& slots_of(NodeIndex p) const { return slots_of_provider_[p]; }

  /// The first day `o` no longer serves: its model's retirement or its provider's end, if any.
  [[nodiscard]] std::optional<Date> gone_on(const SlotOption& o) const { return dates_.gone_on(*o.use); }

 private:
  RetirementDates dates_;
  std::map<ModelKey, ModelAtProvider> models_;
  std::vector<std::vector<NodeIndex>> slots_of_provider_;
  std::vector<std::pair<NodeIndex, const LifecycleEntry*>> retired_providers_;
};

/// Scores one departure on `d.date` of the options `takes(option)` names, all in `slots`.
template <class Takes>
void score_dated(const Inventory& inventory, const Analysis& analysis, const DatedInputs& inputs,
                 const std::vector<NodeIndex>& slots, Takes takes, DatedDeparture& d) {
  const DependencyGraph& graph = analysis.graph;
  d.days_left = days_since_epoch(d.date) - days_since_epoch(analysis.as_of);
  d.past = d.days_left < 0;
  d.months_left = d.past ? 0.0 : std::max(0.0, calendar_months_between(analysis.as_of, d.date));
  std::vector<NodeIndex> candidates;
  for (NodeIndex s : slots) {
    for (const SlotOption& o : graph.slots[s].options) {
      if (takes(o)) d.uses.push_back(o.use->loc);
    }
    if (takes(graph.slots[s].options.front())) candidates.push_back(graph.slots[s].capability);
  }
  std::sort(d.uses.begin(), d.uses.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  d.capabilities = candidates;
  const auto exits = exit_works_by(inventory, analysis, candidates, [&](NodeIndex s) {
    const std::vector<SlotOption>& options = graph.slots[s].options;
    if (!takes(options.front())) return SlotFate::Unaffected;
    // A fallback helps only while it is served itself: one that retires first is gone by then.
    const bool survives = std::any_of(options.begin() + 1, options.end(), [&](const SlotOption& o) {
      if (!o.ready || takes(o)) return false;
      const auto gone = inputs.gone_on(o);
      return !gone || earlier(d.date, *gone);
    });
    return survives ? SlotFate::Switched : SlotFate::Broken;
  });
  d.departure = score_departure(inventory, analysis, d.months_left, exits);
  d.planned = std::none_of(exits.begin(), exits.end(), [](const ExitWork& w) { return w.full_migration; });
  std::vector<std::pair<NodeIndex, double>> stranded;
  for (const ExitWork& w : exits) {
    if (w.full_migration) stranded.emplace_back(w.capability, 0.0);
  }
  std::vector<NodeIndex> down;
  if (!stranded.empty()) {
    for (const auto& [c, months] : propagate_outage(graph, graph.capability_position, stranded)) down.push_back(c);
  }
  d.stranded_share = value_of(inventory, down);
}

}  // namespace

void compute_dated_departures(const Inventory& inventory, const Lifecycle* lifecycle, Analysis& analysis) {
  // Most inventories date nothing: they pay one look at each provider and use, no index.
  const bool dated =
      (lifecycle && !lifecycle->entries.empty()) ||
      std::any_of(inventory.providers.begin(), inventory.providers.end(), [](const Provider& p) { return p.contract_ends.present; }) ||
      std::any_of(analysis.graph.slots.begin(), analysis.graph.slots.end(), [](const SlotNode& slot) {
        return std::any_of(slot.options.begin(), slot.options.end(), [](const SlotOption& o) { return bool(o.use->model); });
      });
  analysis.lifecycle = lifecycle;
  if (lifecycle) analysis.lifecycle_path = lifecycle->path;
  if (!dated) return;
  const DatedInputs inputs(inventory, analysis.graph, lifecycle);
  const double horizon = analysis.policy.horizon_months;
  const auto within_horizon = [&](const Date& date) {
    return calendar_months_between(analysis.as_of, date) <= horizon;
  };
  std::vector<DatedDeparture> out;
  for (const auto& [key, m] : inputs.models()) {
    if (m.own_date && m.entry && !(m.own_date->value == m.entry->retires.value)) {
      analysis.lifecycle_conflicts.push_back({key.first, std::string(key.second), *m.own_date, m.entry});
    }
    const auto date = m.date();
    if (!date || !within_horizon(*date)) continue;
    DatedDeparture d;
    d.kind = DatedKind::ModelRetirement;
    d.provider = key.first;
    d.model = std::string(key.second);
    d.date = *date;
    d.loc = m.own_date ? m.own_date->loc : m.uses.front()->model->name.loc;
    d.lifecycle = m.own_date ? nullptr : m.entry;
    const NodeIndex provider = key.first;
    const std::string_view name = key.second;
    score_dated(inventory, analysis, inputs, m.slots,
                [&](const SlotOption& o) {
                  return o.provider == provider && o.use->model && o.use->model->name.present &&
                         o.use->model->name.value == name;
                },
                d);
    out.push_back(std::move(d));
  }
  const auto provider_departure = [&](NodeIndex p, DatedKind kind, const Date& date, SourceLoc loc,
                                      const LifecycleEntry* entry) {
    if (!within_horizon(date)) return;
    DatedDeparture d;
    d.kind = kind;
    d.provider = p;
    d.date = date;
    d.loc = loc;
    d.lifecycle = entry;
    score_dated(inventory, analysis, inputs, inputs.slots_of(p), [&](const SlotOption& o) { return o.provider == p; }, d);
    out.push_back(std::move(d));
  };
  for (NodeIndex p = 0; p < analysis.graph.providers.size(); ++p) {
    const Provider& provider = inventory.providers[p];
    if (provider.contract_ends.present && !provider.renews_automatically.value) {
      provider_departure(p, DatedKind::ContractEnd, provider.contract_ends.value, provider.contract_ends.loc, nullptr);
    }
  }
  for (const auto& [p, entry] : inputs.retired_providers()) {
    provider_departure(p, DatedKind::ProviderRetirement, entry->retires.value, inventory.providers[p].id.loc, entry);
  }
  std::sort(out.begin(), out.end(), [&](const DatedDeparture& a, const DatedDeparture& b) {
    const auto key = [&](const DatedDeparture& d) {
      return std::make_tuple(days_since_epoch(d.date), d.kind, std::string_view(inventory.providers[d.provider].id.value),
                             std::string_view(d.model));
    };
    return key(a) < key(b);
  });
  analysis.dated_departures = std::move(out);
  std::sort(analysis.lifecycle_conflicts.begin(), analysis.lifecycle_conflicts.end(),
            [&](const LifecycleConflict& a, const LifecycleConflict& b) {
              return std::tie(inventory.providers[a.provider].id.value, a.model) <
                     std::tie(inventory.providers[b.provider].id.value, b.model);
            });
}

}  // namespace analysis
}  // namespace sovaudit
