// The table of action kinds (docs/planning.md): which actions the inventory offers as it is, the
// what-if changes that make each one, and its effort from the migration tables.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "plan_internal.hpp"

namespace sovaudit {
namespace {

// Engineer-weeks of the actions that are not engineering on a slot: documented assumptions.
constexpr double kNegotiationWeeks = 1;  // procurement and legal time to renegotiate a contract
constexpr double kTransferWeeks = 2;     // clauses signed and a transfer impact assessment written
constexpr double kEvalsWeeks = 2;        // a cross-provider evaluation suite, per engineer of the capability

/// Providers that can stand in for one another: the same kind, or both serving models.
bool serves_like(ProviderKind a, ProviderKind b) {
  const auto model = [](ProviderKind k) {
    return k == ProviderKind::ModelApi || k == ProviderKind::HostedModel || k == ProviderKind::SelfHosted;
  };
  return a == b || (model(a) && model(b));
}

std::string group_of(const Provider& p) { return p.ultimate_parent ? p.ultimate_parent->name.value : p.id.value.str(); }

/// True when `p` is under trusted law only: a known headquarters and no foreign jurisdiction reaching it.
bool trusted_law(const ProviderResult& r) { return !r.reaching_jurisdictions.empty() && r.foreign_jurisdictions.empty(); }

PlanAction act(ActionKind kind, std::string_view capability = {}, std::string_view slot = {},
               std::string_view provider = {}, std::string_view flow = {}) {
  PlanAction a;
  a.kind = kind;
  a.capability = capability;
  a.slot = slot;
  a.provider = provider;
  a.flow = flow;
  return a;
}

std::string format_months(double months) {
  const double whole = std::ceil(months - 1e-9);
  return std::to_string(static_cast<long long>(whole));
}

class Table {
 public:
  Table(const Inventory& inventory, const Analysis& analysis, const Verdict& verdict)
      : inv_(inventory), analysis_(analysis), rate_(analysis.policy.engineer_week_cost) {
    for (std::size_t i = 0; i < inv_.providers.size(); ++i) index_.emplace(inv_.providers[i].id.value, i);
    for (const Finding& f : verdict.findings) {
      if (!f.accepted) open_.insert(std::string(f.rule) + " " + f.target);
    }
  }

  std::vector<PlanAction> build() {
    for (const SlotNode& slot : analysis_.graph.slots) slot_actions(slot);
    fallback_sets();
    provider_actions();
    flow_actions();
    capability_actions();
    dated_actions();
    std::sort(out_.begin(), out_.end(), [](const PlanAction& a, const PlanAction& b) { return a.key < b.key; });
    out_.erase(std::unique(out_.begin(), out_.end(), [](const PlanAction& a, const PlanAction& b) { return a.key == b.key; }),
               out_.end());
    return std::move(out_);
  }

 private:
  bool open(std::string_view rule, std::string_view target) const {
    return open_.contains(std::string(rule).append(" ").append(target));
  }

  void add(PlanAction a, double effort_weeks) {
    a.effort_weeks = effort_weeks;
    if (rate_) a.cost = effort_weeks * *rate_;
    out_.push_back(std::move(a));
  }

  /// True when `candidate` has `avoided` anywhere in its upstream chain: moving to it would not leave.
  bool built_on(std::size_t candidate, std::size_t avoided) const {
    std::vector<std::size_t> todo{candidate};
    std::set<std::size_t> seen{candidate};
    while (!todo.empty()) {
      const std::size_t p = todo.back();
      todo.pop_back();
      for (const UpstreamLink& u : inv_.providers[p].upstream) {
        const auto it = index_.find(u.provider.value.str());
        if (it == index_.end() || !seen.insert(it->second).second) continue;
        if (it->second == avoided) return true;
        todo.push_back(it->second);
      }
    }
    return false;
  }

  /// The provider from the inventory that best takes over `slot`: under trusted law, of a kind that
  /// serves it, outside the primary's group and not built on it; one that already serves a slot of
  /// this name elsewhere first, then by id.
  std::optional<std::size_t> stand_in(const SlotNode& slot) const {
    const std::size_t primary = slot.options.front().provider;
    const Provider& p = inv_.providers[primary];
    std::set<std::string, std::less<>> serving_name;
    for (const SlotNode& other : analysis_.graph.slots) {
      if (other.need->slot.value != slot.need->slot.value) continue;
      for (const SlotOption& o : other.options) serving_name.insert(inv_.providers[o.provider].id.value.str());
    }
    std::optional<std::size_t> best;
    bool best_serves = false;
    for (std::size_t q = 0; q < inv_.providers.size(); ++q) {
      const Provider& c = inv_.providers[q];
      const bool in_slot = std::any_of(slot.options.begin(), slot.options.end(),
                                       [&](const SlotOption& o) { return o.provider == q; });
      if (in_slot || c.kind.value == ProviderKind::WeightsLicensor || !serves_like(c.kind.value, p.kind.value)) continue;
      if (!trusted_law(analysis_.providers[q]) || group_of(c) == group_of(p) || built_on(q, primary)) continue;
      const bool serves = serving_name.contains(std::string_view(c.id.value));
      // A software service does one thing: it stands in only where it already serves a slot of this name.
      if (c.kind.value == ProviderKind::Saas && !serves) continue;
      if (!best || (serves && !best_serves) ||
          (serves == best_serves && c.id.value < inv_.providers[*best].id.value)) {
        best = q;
        best_serves = serves;
      }
    }
    return best;
  }

  void slot_actions(const SlotNode& slot) {
    const Capability& cap = inv_.capabilities[slot.capability];
    if (analysis_.capability_sets.weight(analysis_.capability_dependants[slot.capability]) <= 0) return;
    const SlotOption& primary = slot.options.front();
    const std::string slot_name = slot.need->slot.value.str();
    const CompactText& primary_id = inv_.providers[primary.provider].id.value;
    const double engineers = cap.engineers.value;
    const bool ready = std::any_of(slot.options.begin() + 1, slot.options.end(), [](const SlotOption& o) { return o.ready; });
    const std::string today = to_string(analysis_.as_of);
    bool retested = false;  // a re-tested fallback is the slot's way out; a new one is not also offered in a set
    if (!ready) {
      const auto stale = std::find_if(slot.options.begin() + 1, slot.options.end(), [](const SlotOption& o) { return !o.ready; });
      if (stale != slot.options.end()) {
        const CompactText& fallback = inv_.providers[stale->provider].id.value;
        PlanAction a = act(ActionKind::RetestFallback, cap.id.value, slot_name, fallback);
        a.changes.push_back({WhatIfKind::AddFallback, cap.id.value + ":" + slot_name + ":" + fallback + "@" + today});
        a.key = "retest-fallback " + cap.id.value + "/" + slot_name + " " + fallback;
        add(std::move(a), switch_weeks(cap.evals.value) * engineers);
        way_out_[slot.capability].push_back(out_.size() - 1);
        retested = true;
      }
      const double weeks = slot_migration_weeks(cap, *primary.use) + switch_weeks(cap.evals.value);
      if (const auto q = stand_in(slot)) {
        const CompactText& id = inv_.providers[*q].id.value;
        PlanAction a = act(ActionKind::AddFallback, cap.id.value, slot_name, id);
        a.changes.push_back({WhatIfKind::AddFallback, cap.id.value + ":" + slot_name + ":" + id + "@" + today});
        a.key = "add-fallback " + cap.id.value + "/" + slot_name + " " + id;
        add(std::move(a), weeks * engineers);
        if (!retested) way_out_[slot.capability].push_back(out_.size() - 1);
      } else {
        const std::string hq = inv_.organization.jurisdiction.value;
        const std::string kind(to_string(inv_.providers[primary.provider].kind.value));
        std::string id = "second-" + kind + "-" + hq;
        std::transform(id.begin(), id.end(), id.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (index_.contains(id)) return;  // a provider already has the name and did not qualify
        PlanAction a = act(ActionKind::AddNewProvider, cap.id.value, slot_name, id);
        a.value = hq;
        a.changes.push_back({WhatIfKind::AddProvider, id + ":" + kind + ":" + hq});
        a.changes.push_back({WhatIfKind::Set, "providers." + id + ".name=a second provider under trusted law"});
        a.changes.push_back({WhatIfKind::AddFallback, cap.id.value + ":" + slot_name + ":" + id + "@" + today});
        a.key = "add-new-provider " + cap.id.value + "/" + slot_name + " " + id;
        add(std::move(a), weeks * engineers);
        if (!retested) way_out_[slot.capability].push_back(out_.size() - 1);
      }
    }
    const Integration depth = primary.use->integration.value;
    if (depth != Integration::AbstractionLayer) {
      PlanAction a = act(ActionKind::AbstractionLayer, cap.id.value, slot_name, primary_id);
      a.changes.push_back({WhatIfKind::Set, "capabilities." + cap.id.value + ".needs." + slot_name +
                                                ".integration=abstraction-layer"});
      a.key = "abstraction-layer " + cap.id.value + "/" + slot_name;
      add(std::move(a), integration_weeks(depth, cap.evals.value) * engineers);
    }
  }

  /// A capability whose loss needs several slots covered at once (a jurisdiction that reaches every
  /// one of its providers) gains nothing from any one slot's fallback alone, so a greedy plan would
  /// never take one: the slots' own ways out are also offered together, as one action.
  void fallback_sets() {
    for (const auto& [capability, actions] : way_out_) {
      if (actions.size() < 2) continue;
      const Capability& cap = inv_.capabilities[capability];
      PlanAction set = act(ActionKind::FallbackSet, cap.id.value);
      double effort = 0;
      for (std::size_t i : actions) {
        const PlanAction& one = out_[i];
        set.value += (set.value.empty() ? "" : ", ") + one.provider + " for " + one.slot;
        set.changes.insert(set.changes.end(), one.changes.begin(), one.changes.end());
        effort += one.effort_weeks;
      }
      set.key = "fallback-set " + cap.id.value;
      add(std::move(set), effort);
    }
  }

  void provider_actions() {
    const std::string today = to_string(analysis_.as_of);
    for (const ProviderResult& r : analysis_.providers) {
      const Provider& p = inv_.providers[r.provider];
      if (open("SOV-EXIT-PLAN-MISSING", p.id.value) || open("SOV-EXIT-PLAN-STALE", p.id.value)) {
        // A rehearsal switches each capability that runs on the provider over once, in staging.
        double weeks = 0;
        for (const SlotNode& slot : analysis_.graph.slots) {
          if (slot.options.front().provider != r.provider) continue;
          const Capability& cap = inv_.capabilities[slot.capability];
          weeks += switch_weeks(cap.evals.value) * cap.engineers.value;
        }
        PlanAction a = act(ActionKind::RehearseExitPlan, "", "", p.id.value);
        a.changes.push_back({WhatIfKind::Set, "providers." + p.id.value + ".exit_plan.exists=true"});
        a.changes.push_back({WhatIfKind::Set, "providers." + p.id.value + ".exit_plan.tested=" + today});
        a.key = "rehearse-exit-plan " + p.id.value;
        add(std::move(a), std::max(1.0, weeks));
      }
      if (r.departure.outage_months.likely > 0) {
        // The notice that covers the longest migration: the migration starts the day notice is given.
        const std::string months = format_months(r.departure.notice_months + r.departure.outage_months.likely);
        PlanAction a = act(ActionKind::NegotiateNotice, "", "", p.id.value);
        a.value = months;
        a.changes.push_back({WhatIfKind::Set, "providers." + p.id.value + ".notice_months=" + months});
        a.key = "negotiate-notice " + p.id.value;
        add(std::move(a), kNegotiationWeeks);
      }
    }
  }

  void flow_actions() {
    for (const DataFlow& f : inv_.data_flows) {
      const bool outside = open("SOV-RESIDENCY", f.id.value) || open("SOV-RESIDENCY-FAILOVER", f.id.value);
      if (!outside || f.transfer_mechanism.value != TransferMechanism::None) continue;
      PlanAction a = act(ActionKind::TransferMechanism, f.capability.value, "", f.provider.value, f.id.value);
      a.value = "scc";
      a.changes.push_back({WhatIfKind::Set, "data_flows." + f.id.value + ".transfer_mechanism=scc"});
      a.key = "transfer-mechanism " + f.id.value;
      add(std::move(a), kTransferWeeks);
    }
  }

  void capability_actions() {
    for (const CapabilityResult& r : analysis_.capabilities) {
      const Capability& c = inv_.capabilities[r.capability];
      if (open("SOV-NO-EVALS", c.id.value) && !c.evals.value) {
        PlanAction a = act(ActionKind::AddEvals, c.id.value);
        a.changes.push_back({WhatIfKind::Set, "capabilities." + c.id.value + ".evals=true"});
        a.key = "add-evals " + c.id.value;
        add(std::move(a), kEvalsWeeks * c.engineers.value);
      }
      if (r.assessed && r.recommendation == Sourcing::Build && c.sourcing.value != Sourcing::Build) {
        PlanAction a = act(ActionKind::BringInHouse, c.id.value);
        a.changes.push_back({WhatIfKind::Set, "capabilities." + c.id.value + ".sourcing=build"});
        a.key = "bring-in-house " + c.id.value;
        add(std::move(a), r.build_weeks.likely * c.engineers.value);
      }
    }
  }

  /// Per open retirement, the move of its primaries to the successor model: the same provider and
  /// API, so a switch-over's work per slot (evaluations re-run, prompts adjusted); per open contract
  /// end, its renewal.
  void dated_actions() {
    for (const DatedDeparture& d : analysis_.dated_departures) {
      const Provider& p = inv_.providers[d.provider];
      if (d.kind == DatedKind::ContractEnd) {
        if (!open("SOV-CONTRACT-END", p.id.value)) continue;
        PlanAction a = act(ActionKind::RenewContract, "", "", p.id.value);
        a.value = to_string(d.date);
        a.changes.push_back({WhatIfKind::Set, "providers." + p.id.value + ".renews_automatically=true"});
        a.key = "renew-contract " + p.id.value;
        add(std::move(a), kNegotiationWeeks);
        continue;
      }
      if (d.kind != DatedKind::ModelRetirement || !open("SOV-MODEL-RETIREMENT", d.model)) continue;
      PlanAction a = act(ActionKind::SuccessorModel, "", "", p.id.value);
      a.model = d.model;
      a.value = "successor-of-" + d.model;
      double effort = 0;
      for (const SlotNode& slot : analysis_.graph.slots) {
        const SlotOption& primary = slot.options.front();
        const ProviderUse& use = *primary.use;
        if (primary.provider != d.provider || !use.model || use.model->name.value != d.model) continue;
        const Capability& cap = inv_.capabilities[slot.capability];
        a.changes.push_back({WhatIfKind::Set, "capabilities." + cap.id.value + ".needs." + slot.need->slot.value +
                                                  ".model=" + a.value});
        effort += switch_weeks(cap.evals.value) * cap.engineers.value;
      }
      if (a.changes.empty()) continue;
      a.key = "successor-model " + p.id.value + " " + d.model;
      add(std::move(a), effort);
    }
  }

  const Inventory& inv_;
  const Analysis& analysis_;
  std::optional<double> rate_;
  std::unordered_map<std::string, std::size_t> index_;
  std::set<std::string> open_;
  std::vector<PlanAction> out_;
  std::map<NodeIndex, std::vector<std::size_t>> way_out_;  ///< per capability, its slots' ways out in out_
};

}  // namespace

std::string_view to_string(ActionKind kind) {
  static constexpr std::string_view kNames[] = {"add-fallback",       "add-new-provider", "retest-fallback",
                                                "abstraction-layer",  "rehearse-exit-plan", "negotiate-notice",
                                                "transfer-mechanism", "add-evals",        "bring-in-house",
                                                "fallback-set",       "successor-model",  "renew-contract"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::vector<PlanAction> plan_candidates(const Inventory& inventory, const Analysis& analysis, const Verdict& verdict) {
  return Table(inventory, analysis, verdict).build();
}

}  // namespace sovaudit
