// The `sovaudit plan` formats: the ordered, costed steps with their figures, for a terminal, a
// review and scripts.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "figures_json.hpp"
#include "json_out.hpp"
#include "markdown_support.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

std::string money(const PlanReport& r, double amount) {
  return format_money(amount, r.inventory.organization.currency.value);
}

std::string share_of(double share, const std::string& of) {
  return of.empty() ? format_share(share) : fmt::format("{} ({})", format_share(share), of);
}

std::string value_months(double v) { return fmt::format("{:.2f}", v); }

std::string effort_and_cost(const PlanReport& r, double weeks, const std::optional<double>& cost) {
  return format_engineer_weeks(weeks) + ", " + (cost ? money(r, *cost) : std::string("cost unknown (") +
                                                                               std::string(kNoEngineerWeekCost) + ")");
}

std::string counts(const PlanFigures& f) {
  return fmt::format("{} existential, {} material, {} advisory", f.existential, f.material, f.advisory);
}

/// The figures of one side as a line: what a step moves.
std::string figures_line(const PlanReport& r, const PlanFigures& f) {
  return fmt::format("{}; value-months at risk {}; largest value at risk {}; group concentration {}; added cost {}",
                     counts(f), value_months(f.value_months_at_risk),
                     share_of(f.largest_value_at_risk, f.largest_value_at_risk_of),
                     share_of(f.group_concentration, f.group_concentration_of), money(r, f.added_cost));
}

/// `text` as one word of a POSIX shell command line: as is when it is plain, else single-quoted.
std::string shell_word(std::string_view text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_./:@=,+-").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(text);
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// The changes as command-line options, ready to paste after `sovaudit what-if INVENTORY`.
std::string changes_text(const std::vector<WhatIfChange>& changes) {
  std::string out;
  for (const WhatIfChange& c : changes) {
    const std::string option = describe(c);
    out += (out.empty() ? "" : " ") + option.substr(0, option.find(' ')) + " " + shell_word(c.text);
  }
  return out;
}

/// "ends SOV-X a (advisory); SOV-Y b existential -> material; starts SOV-Z c (material)".
std::string moves_text(const std::vector<FindingMove>& moves, std::string_view arrow) {
  std::string ended, moved, started;
  for (const FindingMove& m : moves) {
    const std::string name = m.rule + " " + m.target;
    if (!m.after) {
      ended += (ended.empty() ? "" : ", ") + fmt::format("{} ({})", name, to_string(*m.before));
    } else if (!m.before) {
      started += (started.empty() ? "" : ", ") + fmt::format("{} ({})", name, to_string(*m.after));
    } else {
      moved += (moved.empty() ? "" : ", ") + fmt::format("{} {} {} {}", name, to_string(*m.before), arrow, to_string(*m.after));
    }
  }
  std::string out;
  if (!ended.empty()) out += "ends " + ended;
  if (!moved.empty()) out += (out.empty() ? "" : "; ") + std::string("moves ") + moved;
  if (!started.empty()) out += (out.empty() ? "" : "; ") + std::string("starts ") + started;
  return out.empty() ? "no finding ends or starts" : out;
}

std::string goal_text(PlanGoal g) {
  switch (g) {
    case PlanGoal::Existential:
      return "existential";
    case PlanGoal::Material:
      return "material";
    case PlanGoal::All:
      break;
  }
  return "all";
}

std::string search_line(const PlanReport& r) {
  const Plan& p = r.plan;
  return fmt::format("{}, {} of {} candidate actions lower the risk alone ({} exactly, above that greedy); "
                     "{} {} run",
                     p.exact ? "exact" : "greedy", p.helpful, p.candidates,
                     p.exact_limit == 0 ? std::string("none") : fmt::format("up to {}", p.exact_limit), p.evaluations,
                     p.evaluations == 1 ? "analysis" : "analyses");
}

std::string scope_line(const PlanReport& r) {
  const Plan& p = r.plan;
  std::string out = p.budget_weeks ? "budget " + format_engineer_weeks(*p.budget_weeks) : "no budget limit";
  if (p.until != PlanGoal::All) out += "; until no " + goal_text(p.until) + (p.until == PlanGoal::Material ? " or existential" : "") + " finding is open";
  if (r.max_steps) out += fmt::format("; at most {} steps", *r.max_steps);
  return out;
}

/// Why a finding remains, in words.
std::string remain_reason(const PlanReport& r, const RemainingRisk& risk) {
  switch (risk.reason) {
    case RemainReason::OverBudget:
      return fmt::format("{} would remove it ({}), more than the budget left", describe_action(*risk.would_remove),
                         format_engineer_weeks(risk.would_remove->effort_weeks));
    case RemainReason::StepLimit:
      return fmt::format("{} would remove it ({}), beyond the plan's last step", describe_action(*risk.would_remove),
                         format_engineer_weeks(risk.would_remove->effort_weeks));
    case RemainReason::NoAction:
      break;
  }
  if (risk.finding.rule == "SOV-PRICE-SHOCK") {
    return "no action in the table changes what a provider charges: it needs a price cap or a lock in the contract, "
           "or moving the spend";
  }
  if (risk.finding.rule == "SOV-JURISDICTION") {
    return "no single action in the table takes enough of the slots out of reach of that law; each slot it breaks "
           "needs a tested provider under trusted law";
  }
  (void)r;
  return "no single action in the table removes it";
}

std::string message(const PlanReport& r, const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  return rule ? render_message(f, *rule, r.inventory) : std::string(f.rule);
}

// ---- terminal ----

std::string render_terminal(const PlanReport& r, TextStyle) {
  const Plan& p = r.plan;
  std::string out;
  out += fmt::format("sovaudit {} plan: {}, as of {}\n", kVersion, terminal_safe(r.inventory.organization.name.value),
                     to_string(r.as_of));
  out += fmt::format("  {}; {}\n  search: {}\n\n", terminal_safe(r.inventory.path), scope_line(r), search_line(r));
  // Group names are inventory text: every line that carries one goes through terminal_safe.
  out += "Now: " + terminal_safe(figures_line(r, p.start)) + "\n\n";
  if (p.steps.empty()) out += "No step: no action in the table lowers the risk within these limits.\n\n";
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const PlanStep& s = p.steps[i];
    out += fmt::format("{}. {}\n", i + 1, terminal_safe(describe_action(s.action)));
    out += fmt::format("   effort {}\n", effort_and_cost(r, s.action.effort_weeks, s.action.cost));
    out += fmt::format("   {}\n", terminal_safe(moves_text(s.findings, "->")));
    out += fmt::format("   existential {} -> {}, material {} -> {}, advisory {} -> {}, value-months {} -> {}\n",
                       s.before.existential, s.after.existential, s.before.material, s.after.material,
                       s.before.advisory, s.after.advisory, value_months(s.before.value_months_at_risk),
                       value_months(s.after.value_months_at_risk));
    out += terminal_safe(fmt::format("   largest value at risk {} -> {}, group concentration {} -> {}",
                                     share_of(s.before.largest_value_at_risk, s.before.largest_value_at_risk_of),
                                     share_of(s.after.largest_value_at_risk, s.after.largest_value_at_risk_of),
                                     share_of(s.before.group_concentration, s.before.group_concentration_of),
                                     share_of(s.after.group_concentration, s.after.group_concentration_of))) +
           "\n";
    out += fmt::format("   added cost at the multiplier {} -> {}\n", money(r, s.before.added_cost),
                       money(r, s.after.added_cost));
    out += fmt::format("   what-if: {}\n", terminal_safe(changes_text(s.action.changes)));
  }
  if (!p.steps.empty()) out += "\n";
  out += fmt::format("After the plan ({} steps, {}): {}\n", p.steps.size(), effort_and_cost(r, p.effort_weeks, p.cost),
                     terminal_safe(figures_line(r, p.end)));
  if (p.until != PlanGoal::All && !p.goal_reached) out += "The goal is not reached within these limits.\n";
  if (!p.remaining.empty()) {
    out += "\nStill existential:\n";
    for (const RemainingRisk& risk : p.remaining) {
      out += fmt::format("  {} {}: {}\n", risk.finding.rule, terminal_safe(risk.finding.target),
                         terminal_safe(remain_reason(r, risk)));
    }
  }
  return out;
}

// ---- Markdown ----

std::string cell(std::string_view text) { return markdown_text(text); }

std::string render_markdown_report(const PlanReport& r, TextStyle) {
  // The date closes the heading: an organisation's name may end in a full stop (B.V.), which no
  // heading should.
  std::string out = fmt::format("# Plan for {} (as of {})\n\n", cell(r.inventory.organization.name.value),
                                to_string(r.as_of));
  out += fmt::format("Generated by sovaudit {} from {}.\n\n", kVersion, cell(r.inventory.path));
  out += render_plan_markdown_body(r, 2);
  while (out.ends_with("\n\n")) out.pop_back();  // one newline ends the document
  return out;
}

// ---- JSON ----

void action_json(JsonOut& j, const PlanAction& a) {
  j.begin_object().field("kind", to_string(a.kind)).field("key", a.key).field("description", describe_action(a));
  if (!a.capability.empty()) j.field("capability", a.capability);
  if (!a.slot.empty()) j.field("slot", a.slot);
  if (!a.provider.empty()) j.field("provider", a.provider);
  if (!a.flow.empty()) j.field("flow", a.flow);
  if (!a.value.empty()) j.field("value", a.value);
  j.field("effort_weeks", a.effort_weeks);
  j.key("cost");
  a.cost ? j.value(*a.cost) : j.value(nullptr);
  j.key("changes").begin_array();
  for (const WhatIfChange& c : a.changes) j.value(describe(c));
  j.end_array().end_object();
}

std::string render_json_report(const PlanReport& r, TextStyle) {
  const Plan& p = r.plan;
  std::ostringstream text;
  {
    JsonOut j(text);
    j.begin_object().field("schema_version", 1).field("command", "plan");
    j.key("tool").begin_object().field("name", "sovaudit").field("version", kVersion).end_object();
    j.field("as_of", to_string(r.as_of)).field("inventory", r.inventory.path);
    j.key("budget_weeks");
    p.budget_weeks ? j.value(*p.budget_weeks) : j.value(nullptr);
    j.field("until", goal_text(p.until)).key("max_steps");
    r.max_steps ? j.value(*r.max_steps) : j.value(nullptr);
    j.key("search").begin_object().field("method", p.exact ? "exact" : "greedy").field("candidates", p.candidates);
    j.field("helpful", p.helpful);
    j.field("exact_limit", p.exact_limit).field("evaluations", p.evaluations).end_object();
    figures_json(j, "start", p.start);
    j.key("steps").begin_array();
    for (const PlanStep& s : p.steps) {
      j.begin_object().key("action");
      action_json(j, s.action);
      figures_json(j, "before", s.before);
      figures_json(j, "after", s.after);
      j.key("replay").begin_array();
      for (const WhatIfChange& c : changes_through(p.steps, static_cast<std::size_t>(&s - p.steps.data()))) {
        const std::string option = describe(c);
        j.value(option.substr(0, option.find(' '))).value(c.text);
      }
      j.end_array();
      j.key("findings").begin_array();
      for (const FindingMove& m : s.findings) {
        j.begin_object().field("rule", m.rule).field("target", m.target).key("before");
        m.before ? j.value(to_string(*m.before)) : j.value(nullptr);
        j.key("after");
        m.after ? j.value(to_string(*m.after)) : j.value(nullptr);
        j.end_object();
      }
      j.end_array().end_object();
    }
    j.end_array();
    figures_json(j, "end", p.end);
    j.field("effort_weeks", p.effort_weeks).key("cost");
    p.cost ? j.value(*p.cost) : j.value(nullptr);
    j.field("goal_reached", p.goal_reached);
    j.key("remaining").begin_array();
    for (const RemainingRisk& risk : p.remaining) {
      j.begin_object().field("rule", risk.finding.rule).field("target", risk.finding.target);
      j.field("fingerprint", fingerprint(risk.finding)).field("message", message(r, risk.finding));
      j.field("reason", risk.reason == RemainReason::OverBudget ? "over-budget"
                        : risk.reason == RemainReason::StepLimit ? "step-limit"
                                                                  : "no-action");
      j.field("explanation", remain_reason(r, risk)).key("would_remove");
      if (risk.would_remove) {
        action_json(j, *risk.would_remove);
      } else {
        j.value(nullptr);
      }
      j.end_object();
    }
    j.end_array().end_object();
  }
  return text.str() + "\n";
}

}  // namespace

std::string describe_action(const PlanAction& a) {
  const std::string where = a.capability + "/" + a.slot;
  switch (a.kind) {
    case ActionKind::AddFallback:
      return fmt::format("Add {} as a tested fallback for {}", a.provider, where);
    case ActionKind::AddNewProvider:
      return fmt::format("Contract a second provider under trusted law ({}) and test it as the fallback for {} "
                         "(placeholder '{}')",
                         a.value, where, a.provider);
    case ActionKind::RetestFallback:
      return fmt::format("Re-test the fallback {} of {}", a.provider, where);
    case ActionKind::AbstractionLayer:
      return fmt::format("Put an abstraction layer in front of {} in {}", a.provider, where);
    case ActionKind::RehearseExitPlan:
      return fmt::format("Write (or update) and rehearse the exit plan for {}", a.provider);
    case ActionKind::NegotiateNotice:
      return fmt::format("Negotiate {} months' notice with {} (it must agree)", a.value, a.provider);
    case ActionKind::TransferMechanism:
      return fmt::format("Put standard contractual clauses and a transfer impact assessment in place for data flow {}",
                         a.flow);
    case ActionKind::AddEvals:
      return fmt::format("Add cross-provider evaluations to {}", a.capability);
    case ActionKind::FallbackSet:
      return fmt::format("Give every slot of {} a tested fallback at once: {}", a.capability, a.value);
    case ActionKind::SuccessorModel:
      return fmt::format("Move the capabilities on {} at {} to its successor model before it retires (placeholder '{}')",
                         a.model, a.provider, a.value);
    case ActionKind::RenewContract:
      return fmt::format("Renew the contract with {} before it ends on {}", a.provider, a.value);
    case ActionKind::BringInHouse:
      return fmt::format("Bring {} in-house, as its criteria say (the providers stay until the build replaces them)",
                         a.capability);
  }
  return a.key;
}

std::string render_plan_markdown_body(const PlanReport& r, int level) {
  const Plan& p = r.plan;
  const std::string h(static_cast<std::size_t>(level), '#');
  std::string out;
  out += fmt::format("Scope: {}. Search: {}.\n\n", scope_line(r), search_line(r));
  out += fmt::format("Now: {}.\n\n", cell(figures_line(r, p.start)));
  if (p.steps.empty()) {
    out += "No step: no action in the table lowers the risk within these limits.\n\n";
  } else {
    out += fmt::format("{} Steps\n\n", h);
    std::vector<md::Row> rows;
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      const PlanStep& s = p.steps[i];
      rows.push_back({std::to_string(i + 1), cell(describe_action(s.action)), cell(moves_text(s.findings, "→")),
                      format_engineer_weeks(s.action.effort_weeks),
                      s.action.cost ? money(r, *s.action.cost) : std::string("unknown"),
                      fmt::format("{} → {}", s.before.existential, s.after.existential),
                      fmt::format("{} → {}", s.before.material, s.after.material),
                      fmt::format("{} → {}", value_months(s.before.value_months_at_risk),
                                  value_months(s.after.value_months_at_risk)),
                      fmt::format("{} → {}", cell(share_of(s.before.largest_value_at_risk, s.before.largest_value_at_risk_of)),
                                  cell(share_of(s.after.largest_value_at_risk, s.after.largest_value_at_risk_of))),
                      fmt::format("{} → {}", cell(share_of(s.before.group_concentration, s.before.group_concentration_of)),
                                  cell(share_of(s.after.group_concentration, s.after.group_concentration_of))),
                      fmt::format("{} → {}", money(r, s.before.added_cost), money(r, s.after.added_cost))});
    }
    md::table(out,
              {"Step", "Action", "Findings", "Effort", "Cost", "Existential", "Material", "Value-months at risk",
               "Largest value at risk", "Group concentration", "Added cost at the multiplier"},
              rows, "steps");
    out += "Each step's changes for `sovaudit what-if` (with the earlier steps' changes, they give the state after it):\n\n";
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      // A code span shows its text as is; ids hold no backtick, a provider's name might.
      std::string replay = changes_text(p.steps[i].action.changes);
      std::replace(replay.begin(), replay.end(), '`', '\'');
      out += fmt::format("{}. `{}`\n", i + 1, terminal_safe(replay));
    }
    out += "\n";
  }
  out += fmt::format("{} After the plan\n\n", h);
  out += fmt::format("{} steps, {}: {}.\n\n", p.steps.size(), effort_and_cost(r, p.effort_weeks, p.cost),
                     cell(figures_line(r, p.end)));
  if (p.until != PlanGoal::All && !p.goal_reached) out += "The goal is not reached within these limits.\n\n";
  if (!p.remaining.empty()) {
    out += fmt::format("{} Still existential\n\n", h);
    std::vector<md::Row> rows;
    for (const RemainingRisk& risk : p.remaining) {
      rows.push_back({std::string(risk.finding.rule), md::code(risk.finding.target), cell(message(r, risk.finding)),
                      cell(remain_reason(r, risk))});
    }
    md::table(out, {"Rule", "Target", "Finding", "Why it remains"}, rows, "findings");
  }
  return out;
}

const std::vector<PlanWriter>& builtin_plan_writers() {
  static const std::vector<PlanWriter> writers = {
      {"table", "the plan for a terminal", render_terminal},
      {"markdown", "the plan as a Markdown review", render_markdown_report},
      {"json", "the plan for scripts", render_json_report},
  };
  return writers;
}

const PlanWriter* find_plan_writer(std::string_view name) {
  for (const PlanWriter& w : builtin_plan_writers()) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

}  // namespace sovaudit
