// The planner's search: exact over every subset of a small candidate set, greedy with
// re-evaluation above it; both choose by risk removed per engineer-week (docs/planning.md).
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include "plan_internal.hpp"
#include "sovaudit/parallel.hpp"

namespace sovaudit {
namespace {

using plan::Evaluated;

constexpr double kTolerance = 1e-9;

/// The components of the order of risk, worst first, as numbers (docs/planning.md).
std::array<double, 5> risk_vector(const PlanFigures& f) {
  return {static_cast<double>(f.existential), f.value_months_at_risk, static_cast<double>(f.material), f.added_cost,
          static_cast<double>(f.advisory)};
}

/// Compares the risk removed per engineer-week of two improving actions, component by component in
/// the order of risk: positive when `a` removes more per week.
int compare_rate(const PlanFigures& before, const PlanFigures& a_after, double a_effort, const PlanFigures& b_after,
                 double b_effort) {
  const auto r0 = risk_vector(before), ra = risk_vector(a_after), rb = risk_vector(b_after);
  for (std::size_t i = 0; i < r0.size(); ++i) {
    const double x = (r0[i] - ra[i]) / a_effort, y = (r0[i] - rb[i]) / b_effort;
    if (std::abs(x - y) > kTolerance * std::max({1.0, std::abs(x), std::abs(y)})) return x > y ? 1 : -1;
  }
  return 0;
}

bool goal_reached(const PlanFigures& f, PlanGoal goal) {
  switch (goal) {
    case PlanGoal::Existential:
      return f.existential == 0;
    case PlanGoal::Material:
      return f.existential == 0 && f.material == 0;
    case PlanGoal::All:
      break;
  }
  return false;
}

/// What a step did to the open findings: ended, moved to another severity, started.
std::vector<FindingMove> finding_moves(const Verdict& before, const Verdict& after) {
  std::map<std::string, const Finding*> was, is;
  for (const Finding& f : before.findings) {
    if (!f.accepted) was.emplace(fingerprint(f), &f);
  }
  for (const Finding& f : after.findings) {
    if (!f.accepted) is.emplace(fingerprint(f), &f);
  }
  std::vector<FindingMove> ended, moved, started;
  for (const auto& [print, f] : was) {
    const auto it = is.find(print);
    if (it == is.end()) {
      ended.push_back({std::string(f->rule), f->target.str(), f->severity, std::nullopt});
    } else if (it->second->severity != f->severity) {
      moved.push_back({std::string(f->rule), f->target.str(), f->severity, it->second->severity});
    }
  }
  for (const auto& [print, f] : is) {
    if (!was.contains(print)) started.push_back({std::string(f->rule), f->target.str(), std::nullopt, f->severity});
  }
  std::vector<FindingMove> out;
  for (auto* list : {&ended, &moved, &started}) {
    std::sort(list->begin(), list->end(), [](const FindingMove& a, const FindingMove& b) {
      return std::tie(a.rule, a.target) < std::tie(b.rule, b.target);
    });
    out.insert(out.end(), list->begin(), list->end());
  }
  return out;
}

/// Σ of the likely value at risk of the departures (providers and groups) and jurisdiction
/// switch-offs that classify as existential: what those findings rest on. Unchanged by steps
/// elsewhere, which is when a lazy rate can be trusted.
double existential_pressure(const Evaluated& e) {
  double sum = 0;
  for (const ProviderResult& p : e.analysis.providers) {
    if (p.departure.classification == Classification::Existential) sum += p.departure.value_at_risk.likely;
  }
  for (const GroupResult& g : e.analysis.groups) {
    if (g.departure.classification == Classification::Existential) sum += g.departure.value_at_risk.likely;
  }
  for (const JurisdictionResult& j : e.analysis.jurisdictions) {
    if (j.classification == Classification::Existential) sum += j.value_at_risk;
  }
  return sum;
}

/// Actions that give a slot a way out: the ones whose worth can grow with other slots covered.
bool covers_a_slot(ActionKind kind) {
  return kind == ActionKind::AddFallback || kind == ActionKind::AddNewProvider || kind == ActionKind::RetestFallback ||
         kind == ActionKind::FallbackSet;
}

class Planner {
 public:
  Planner(const Inventory& inventory, const PlanOptions& options) : base_(inventory), options_(options) {
    const unsigned cores = available_cores();
    threads_ = options.threads != 0 ? options.threads : std::clamp(cores, 1u, 8u);
  }

  Plan run() {
    Plan plan;
    plan.budget_weeks = options_.budget_weeks;
    plan.until = options_.until;
    plan.exact_limit = options_.exact_limit;
    std::unique_ptr<Evaluated> start = evaluate({});
    plan.start = plan.end = start->figures;
    std::vector<PlanAction> candidates = plan_candidates(start->inventory, start->analysis, start->verdict);
    plan.candidates = candidates.size();
    std::vector<PlanAction> chosen;
    if (!goal_reached(start->figures, options_.until)) {
      // Candidates that alone cannot be taken or remove nothing are left out of the search.
      const auto singles = figures_each({}, candidates);
      std::vector<PlanAction> useful;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (singles[i] && compare_risk(*singles[i], start->figures) < 0) useful.push_back(candidates[i]);
      }
      plan.helpful = useful.size();
      plan.exact = useful.size() <= options_.exact_limit;
      chosen = plan.exact ? exact_choice(useful, start->figures) : std::vector<PlanAction>{};
    }
    plan.steps = plan.exact ? order(chosen, *start) : greedy(*start);
    for (const PlanStep& s : plan.steps) {
      plan.effort_weeks += s.action.effort_weeks;
      if (s.action.cost) plan.cost = plan.cost.value_or(0) + *s.action.cost;
    }
    std::unique_ptr<Evaluated> end = plan.steps.empty() ? std::move(start) : evaluate(changes_through(plan.steps, plan.steps.size() - 1));
    plan.end = end->figures;
    plan.goal_reached = options_.until == PlanGoal::All || goal_reached(plan.end, options_.until);
    plan.remaining = remaining(*end, plan);
    plan.evaluations = evaluations_;
    return plan;
  }

 private:
  std::unique_ptr<Evaluated> evaluate(const std::vector<WhatIfChange>& changes) {
    ++evaluations_;
    return plan::evaluate(base_, changes, options_.analysis);
  }

  /// Each candidate on top of `taken`, evaluated in parallel.
  std::vector<std::unique_ptr<Evaluated>> evaluate_each(const std::vector<WhatIfChange>& taken,
                                                        const std::vector<PlanAction>& candidates) {
    std::vector<std::unique_ptr<Evaluated>> out(candidates.size());
    parallel_for(candidates.size(), threads_, [&](std::size_t i) {
      std::vector<WhatIfChange> changes = taken;
      changes.insert(changes.end(), candidates[i].changes.begin(), candidates[i].changes.end());
      out[i] = plan::evaluate(base_, changes, options_.analysis);
    });
    evaluations_ += candidates.size();
    return out;
  }

  /// The figures of each candidate on top of `taken`, analysed a chunk at a time so that only a
  /// few analysed inventories are held at once.
  std::vector<std::optional<PlanFigures>> figures_each(const std::vector<WhatIfChange>& taken,
                                                      const std::vector<PlanAction>& candidates) {
    constexpr std::size_t kChunk = 32;
    std::vector<std::optional<PlanFigures>> out(candidates.size());
    for (std::size_t from = 0; from < candidates.size(); from += kChunk) {
      const std::vector<PlanAction> chunk(candidates.begin() + static_cast<std::ptrdiff_t>(from),
                                          candidates.begin() + static_cast<std::ptrdiff_t>(std::min(candidates.size(), from + kChunk)));
      auto results = evaluate_each(taken, chunk);
      for (std::size_t k = 0; k < chunk.size(); ++k) {
        if (results[k]) out[from + k] = results[k]->figures;
      }
    }
    return out;
  }

  double budget_left(double spent) const {
    return options_.budget_weeks ? *options_.budget_weeks - spent : std::numeric_limits<double>::infinity();
  }
  bool steps_left(std::size_t taken) const { return !options_.max_steps || taken < *options_.max_steps; }

  /// Every subset within the budget and the step limit; the best by the goal (docs/planning.md).
  std::vector<PlanAction> exact_choice(const std::vector<PlanAction>& useful, const PlanFigures& start) {
    const std::size_t n = useful.size();
    std::vector<std::uint32_t> masks;
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
      double effort = 0;
      std::size_t size = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (mask & (1u << i)) {
          effort += useful[i].effort_weeks;
          ++size;
        }
      }
      if (effort <= budget_left(0) + kTolerance && (!options_.max_steps || size <= *options_.max_steps)) masks.push_back(mask);
    }
    std::vector<std::optional<PlanFigures>> results(masks.size());
    parallel_for(masks.size(), threads_, [&](std::size_t m) {
      std::vector<WhatIfChange> changes;
      for (std::size_t i = 0; i < n; ++i) {
        if (masks[m] & (1u << i)) changes.insert(changes.end(), useful[i].changes.begin(), useful[i].changes.end());
      }
      if (auto e = plan::evaluate(base_, changes, options_.analysis)) results[m] = e->figures;
    });
    evaluations_ += masks.size();
    const auto effort_of = [&](std::uint32_t mask) {
      double e = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (mask & (1u << i)) e += useful[i].effort_weeks;
      }
      return e;
    };
    // The empty plan is the one to beat; ties keep the smaller effort, then the fewer actions, then
    // the earlier keys (candidates are sorted by key, so lower bits come first).
    std::uint32_t best = 0;
    PlanFigures best_figures = start;
    bool best_reaches = goal_reached(start, options_.until);
    for (std::size_t m = 0; m < masks.size(); ++m) {
      if (!results[m]) continue;
      const PlanFigures& f = *results[m];
      const bool reaches = goal_reached(f, options_.until);
      int c = 0;  // negative: masks[m] is better
      if (reaches != best_reaches) {
        c = reaches ? -1 : 1;
      } else if (reaches) {
        c = effort_of(masks[m]) < effort_of(best) - kTolerance ? -1 : effort_of(masks[m]) > effort_of(best) + kTolerance ? 1 : compare_risk(f, best_figures);
      } else {
        c = compare_risk(f, best_figures);
        if (c == 0) c = effort_of(masks[m]) < effort_of(best) - kTolerance ? -1 : effort_of(masks[m]) > effort_of(best) + kTolerance ? 1 : 0;
      }
      if (c == 0) {
        const int size_m = std::popcount(masks[m]), size_b = std::popcount(best);
        c = size_m != size_b ? (size_m < size_b ? -1 : 1) : (masks[m] < best ? -1 : 1);
        if (best == 0) c = 1;  // an equal plan with actions is no better than none
      }
      if (c < 0) {
        best = masks[m];
        best_figures = f;
        best_reaches = reaches;
      }
    }
    std::vector<PlanAction> chosen;
    for (std::size_t i = 0; i < n; ++i) {
      if (best & (1u << i)) chosen.push_back(useful[i]);
    }
    return chosen;
  }

  /// The best next step among `candidates` from `current`: improving, affordable, and the most risk
  /// removed per engineer-week; ties to the smaller effort, then the key. None when none improves.
  std::optional<std::size_t> best_step(const Evaluated& current, const std::vector<PlanAction>& candidates,
                                       const std::vector<std::unique_ptr<Evaluated>>& results, double spent) const {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!results[i] || candidates[i].effort_weeks > budget_left(spent) + kTolerance) continue;
      if (compare_risk(results[i]->figures, current.figures) >= 0) continue;
      if (!best) {
        best = i;
        continue;
      }
      const int c = compare_rate(current.figures, results[i]->figures, candidates[i].effort_weeks,
                                 results[*best]->figures, candidates[*best].effort_weeks);
      const bool cheaper = candidates[i].effort_weeks < candidates[*best].effort_weeks - kTolerance;
      const bool same = std::abs(candidates[i].effort_weeks - candidates[*best].effort_weeks) <= kTolerance;
      if (c > 0 || (c == 0 && (cheaper || (same && candidates[i].key < candidates[*best].key)))) best = i;
    }
    return best;
  }

  /// The chosen actions in the order that removes the most risk per week first, re-evaluated after each.
  std::vector<PlanStep> order(std::vector<PlanAction> chosen, const Evaluated& start) {
    std::vector<PlanStep> steps;
    std::vector<WhatIfChange> taken;
    std::unique_ptr<Evaluated> owned;
    const Evaluated* current = &start;
    while (!chosen.empty()) {
      auto results = evaluate_each(taken, chosen);
      std::optional<std::size_t> pick = best_step(*current, chosen, results, 0);
      if (!pick) {
        // What remains helps only together (or ties): take the cheapest, then the key.
        pick = 0;
        for (std::size_t i = 1; i < chosen.size(); ++i) {
          if (results[i] && (!results[*pick] || chosen[i].effort_weeks < chosen[*pick].effort_weeks - kTolerance)) pick = i;
        }
      }
      if (!results[*pick]) break;
      steps.push_back({chosen[*pick], current->figures, results[*pick]->figures,
                       finding_moves(current->verdict, results[*pick]->verdict)});
      taken.insert(taken.end(), chosen[*pick].changes.begin(), chosen[*pick].changes.end());
      owned = std::move(results[*pick]);
      current = owned.get();
      chosen.erase(chosen.begin() + static_cast<std::ptrdiff_t>(*pick));
    }
    return steps;
  }

  /// Greedy with lazy re-evaluation: after each step the candidates are drawn again from the
  /// changed inventory; a new one is evaluated on top of the steps taken, and one seen before keeps
  /// its last measured rate until it is among the best, when it is measured again. The step taken
  /// is the best whose rate was measured after the last step (docs/planning.md, "The search").
  std::vector<PlanStep> greedy(const Evaluated& start) {
    struct Bound {
      std::array<double, 5> rate{};  // risk removed per engineer-week, in the order of risk
      bool improving = false;
      std::size_t round = 0;
    };
    constexpr std::size_t kBatch = 8;  // fixed, so the plan does not depend on the machine's cores
    constexpr std::size_t kChunk = 32;  // analyses held in memory at once
    std::vector<PlanStep> steps;
    std::vector<WhatIfChange> taken;
    std::vector<std::string> keys;
    std::map<std::string, Bound> bounds;
    std::unique_ptr<Evaluated> owned;
    const Evaluated* current = &start;
    double spent = 0;
    double refreshed_at = -1;  // the existential pressure at the last full re-measure
    std::size_t refreshes = 0;
    constexpr std::size_t kMaxRefreshes = 8;  // full re-measures per plan: the cost stays near a greedy's
    for (std::size_t round = 1; steps_left(steps.size()) && !goal_reached(current->figures, options_.until); ++round) {
      std::vector<PlanAction> candidates = plan_candidates(current->inventory, current->analysis, current->verdict);
      std::erase_if(candidates, [&](const PlanAction& a) {
        return std::find(keys.begin(), keys.end(), a.key) != keys.end() || a.effort_weeks > budget_left(spent) + kTolerance;
      });
      const auto measure_chunk = [&](const std::vector<std::size_t>& which) {
        std::vector<PlanAction> batch;
        for (std::size_t i : which) batch.push_back(candidates[i]);
        auto results = evaluate_each(taken, batch);
        const auto before = risk_vector(current->figures);
        for (std::size_t k = 0; k < which.size(); ++k) {
          Bound b;
          b.round = round;
          if (results[k]) {
            const auto after = risk_vector(results[k]->figures);
            for (std::size_t c = 0; c < b.rate.size(); ++c) b.rate[c] = (before[c] - after[c]) / batch[k].effort_weeks;
            b.improving = compare_risk(results[k]->figures, current->figures) < 0;
          } else {
            b.rate.fill(-std::numeric_limits<double>::infinity());
          }
          bounds[batch[k].key] = b;
        }
      };
      // Only rates are kept: holding every candidate's analysed inventory would cost hundreds of
      // megabytes at 200 entries; the step taken is analysed once more.
      const auto measure = [&](const std::vector<std::size_t>& all) {
        for (std::size_t from = 0; from < all.size(); from += kChunk) {
          const std::vector<std::size_t> which(all.begin() + static_cast<std::ptrdiff_t>(from),
                                               all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), from + kChunk)));
          measure_chunk(which);
        }
      };
      std::vector<std::size_t> unseen;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!bounds.contains(candidates[i].key)) unseen.push_back(i);
      }
      measure(unseen);
      std::optional<std::size_t> pick;
      while (true) {
        std::vector<std::size_t> order(candidates.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
          const Bound& x = bounds[candidates[a].key];
          const Bound& y = bounds[candidates[b].key];
          if (x.improving != y.improving) return x.improving;
          if (x.rate != y.rate) return x.rate > y.rate;
          if (candidates[a].effort_weeks != candidates[b].effort_weeks) {
            return candidates[a].effort_weeks < candidates[b].effort_weeks;
          }
          return candidates[a].key < candidates[b].key;
        });
        if (order.empty()) break;
        const Bound& top = bounds[candidates[order.front()].key];
        if (top.round == round) {
          // A lazy rate is a true bound only while gains shrink. An earlier step can make a
          // combination pay (a re-tested fallback leaves one capability to cover before a
          // jurisdiction loss is survivable), so before a step that ends no existential finding
          // while one is open, every candidate is measured again, once per change of the value at
          // risk behind the open findings. Only the actions that give a slot a way out are measured
          // again (those are what combine), and at most kMaxRefreshes times.
          const bool removes_existential = top.improving && top.rate[0] > 0;
          const double here = existential_pressure(*current);
          if (!removes_existential && current->figures.existential > 0 && here != refreshed_at &&
              refreshes < kMaxRefreshes) {
            refreshed_at = here;
            ++refreshes;
            std::vector<std::size_t> all;
            for (std::size_t i = 0; i < candidates.size(); ++i) {
              const Bound& b = bounds[candidates[i].key];
              if (b.round != round && b.rate[0] <= 0 && covers_a_slot(candidates[i].kind)) all.push_back(i);
            }
            if (!all.empty()) {
              measure(all);
              continue;
            }
          }
          if (top.improving) pick = order.front();
          break;
        }
        std::vector<std::size_t> stale;
        for (std::size_t i = 0; i < order.size() && stale.size() < kBatch; ++i) {
          if (bounds[candidates[order[i]].key].round != round) stale.push_back(order[i]);
        }
        measure(stale);
      }
      if (!pick) break;
      std::vector<WhatIfChange> with = taken;
      with.insert(with.end(), candidates[*pick].changes.begin(), candidates[*pick].changes.end());
      std::unique_ptr<Evaluated> result = evaluate(with);
      steps.push_back({candidates[*pick], current->figures, result->figures, finding_moves(current->verdict, result->verdict)});
      spent += candidates[*pick].effort_weeks;
      keys.push_back(candidates[*pick].key);
      taken.insert(taken.end(), candidates[*pick].changes.begin(), candidates[*pick].changes.end());
      owned = std::move(result);
      current = owned.get();
    }
    return steps;
  }

  /// The open existential findings of `end`, each with the least effort action that removes it
  /// alone (if any) and why the plan did not take it.
  std::vector<RemainingRisk> remaining(const Evaluated& end, const Plan& plan) {
    std::vector<RemainingRisk> out;
    std::vector<const Finding*> open;
    for (const Finding& f : end.verdict.findings) {
      if (!f.accepted && f.severity == Severity::Existential) open.push_back(&f);
    }
    if (open.empty()) return out;
    const std::vector<WhatIfChange> taken = plan.steps.empty() ? std::vector<WhatIfChange>{} : changes_through(plan.steps, plan.steps.size() - 1);
    std::vector<PlanAction> candidates = plan_candidates(end.inventory, end.analysis, end.verdict);
    std::erase_if(candidates, [&](const PlanAction& a) {
      return std::any_of(plan.steps.begin(), plan.steps.end(), [&](const PlanStep& s) { return s.action.key == a.key; });
    });
    // Per candidate: does it lower the risk, and which existential findings stay open after it.
    std::vector<std::optional<std::set<std::string>>> still_open(candidates.size());
    constexpr std::size_t kChunk = 32;
    for (std::size_t from = 0; from < candidates.size(); from += kChunk) {
      const std::vector<PlanAction> chunk(candidates.begin() + static_cast<std::ptrdiff_t>(from),
                                          candidates.begin() + static_cast<std::ptrdiff_t>(std::min(candidates.size(), from + kChunk)));
      const auto results = evaluate_each(taken, chunk);
      for (std::size_t k = 0; k < chunk.size(); ++k) {
        if (!results[k] || compare_risk(results[k]->figures, end.figures) >= 0) continue;
        std::set<std::string>& prints = still_open[from + k].emplace();
        for (const Finding& g : results[k]->verdict.findings) {
          if (!g.accepted && g.severity == Severity::Existential) prints.insert(fingerprint(g));
        }
      }
    }
    for (const Finding* f : open) {
      RemainingRisk r{*f, RemainReason::NoAction, std::nullopt};
      const std::string print = fingerprint(*f);
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!still_open[i] || still_open[i]->contains(print)) continue;
        if (!r.would_remove || candidates[i].effort_weeks < r.would_remove->effort_weeks - kTolerance) {
          r.would_remove = candidates[i];
        }
      }
      if (r.would_remove) {
        r.reason = r.would_remove->effort_weeks > budget_left(plan.effort_weeks) + kTolerance ? RemainReason::OverBudget
                                                                                                : RemainReason::StepLimit;
      }
      out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const RemainingRisk& a, const RemainingRisk& b) {
      return std::tie(a.finding.rule, a.finding.target, a.finding.discriminator) <
             std::tie(b.finding.rule, b.finding.target, b.finding.discriminator);
    });
    return out;
  }

  const Inventory& base_;
  const PlanOptions& options_;
  unsigned threads_ = 1;
  std::size_t evaluations_ = 0;
};

}  // namespace

std::vector<WhatIfChange> changes_through(const std::vector<PlanStep>& steps, std::size_t last) {
  std::vector<WhatIfChange> changes;
  for (std::size_t i = 0; i <= last && i < steps.size(); ++i) {
    changes.insert(changes.end(), steps[i].action.changes.begin(), steps[i].action.changes.end());
  }
  return plan::in_command_line_order(std::move(changes));
}

Plan make_plan(const Inventory& inventory, const PlanOptions& options) { return Planner(inventory, options).run(); }

}  // namespace sovaudit
