// The sections of the review about findings: the summary, practices, accepted and expiring risks,
// changes, actions, the baseline note and the appendix of every finding.
#include <map>
#include <set>
#include <tuple>

#include "markdown_support.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::md {
namespace {

// The summary names the largest existential risks, an action its largest targets; the appendix has all.
constexpr std::size_t kSummaryRisks = 10;
constexpr std::size_t kActionTargets = 12;

void findings_table(Out& out, const Report& r, const std::vector<const Finding*>& findings) {
  // A row at a time: the practices of 40,000 findings held as cells were the review's largest allocation.
  table_of(out, {"Severity", "Rule", "Target", "Finding"}, findings.size(), "findings", [&](std::size_t i) {
    const Finding& f = *findings[i];
    return Row{std::string(to_string(f.severity)), std::string(f.rule), code(f.target), message_of(r, f)};
  });
}

}  // namespace

SeverityCells::SeverityCells(const Report& r, std::string_view rule_prefix) {
  for (const Finding& f : r.verdict.findings) {
    if (!f.rule.starts_with(rule_prefix)) continue;
    const Finding*& worst = worst_[f.target];
    // Open findings outrank accepted ones of the same severity: the column says what is still open.
    if (!worst || f.severity > worst->severity || (f.severity == worst->severity && worst->accepted && !f.accepted)) {
      worst = &f;
    }
  }
}

std::string SeverityCells::cell(std::string_view target) const {
  const auto found = worst_.find(target);
  if (found == worst_.end()) return "none";
  const Finding& worst = *found->second;
  return std::string(to_string(worst.severity)) + (worst.accepted ? " (accepted)" : "");
}

void summary(Out& out, const Report& r) {
  const Verdict& v = r.verdict;
  const Inventory& inv = r.inventory;
  out += "## Executive summary\n\n";
  std::vector<const Finding*> existential;
  for (const Finding& f : v.findings) {
    if (!f.accepted && f.severity == Severity::Existential) existential.push_back(&f);
  }
  if (existential.empty()) {
    out += "- **No open existential risk.**";
    out += v.counts.material ? fmt::format(" {} material findings remain; see Actions.\n", v.counts.material) : "\n";
  } else {
    out += fmt::format("- **{} existential risk{} need{} a decision:**\n", existential.size(),
                       existential.size() == 1 ? "" : "s", existential.size() == 1 ? "s" : "");
    // The largest first, and only so many that the summary stays a summary.
    const std::size_t shown = std::min(existential.size(), kSummaryRisks);
    for (std::size_t i = 0; i < shown; ++i) {
      const Finding* f = existential[i];
      out += fmt::format("  - {} {}: {}.\n", f->rule, code(f->target), message_of(r, *f));
    }
    if (existential.size() > shown) {
      out += fmt::format("  - and {} more existential risk{}, listed under Actions and in the appendix.\n",
                         existential.size() - shown, existential.size() - shown == 1 ? "" : "s");
    }
  }
  // An accepted existential risk is still one: the summary says who carries it and until when.
  std::vector<const Finding*> carried;
  for (const Finding& f : v.findings) {
    if (f.accepted && f.acceptance && f.severity == Severity::Existential) carried.push_back(&f);
  }
  if (!carried.empty()) {
    out += fmt::format("- **Accepted.** {} existential risk{} accepted:", carried.size(), carried.size() == 1 ? " is" : "s are");
    const std::size_t shown = std::min(carried.size(), kSummaryRisks);
    for (std::size_t i = 0; i < shown; ++i) {
      const AcceptedRisk& a = r.inventory.accepted_risks[*carried[i]->acceptance];
      out += fmt::format("{} {} {} by {} until {}", i == 0 ? "" : ";", carried[i]->rule, code(carried[i]->target),
                         markdown_text(clip_utf8(a.owner.value, 200)), to_string(a.expires.value));
    }
    out += carried.size() > shown ? fmt::format("; and {} more.\n", carried.size() - shown) : ".\n";
  }
  const ProviderResult* worst_departure =
      worst_provider(r, [](const ProviderResult& p) { return p.departure.value_at_risk.likely; });
  const ProviderResult* worst_price =
      worst_provider(r, [](const ProviderResult& p) { return p.price_shock.added_annual_cost; });
  std::vector<double> direct;
  for (const ProviderResult& p : r.analysis.providers) direct.push_back(p.price_shock.direct_added_cost);
  const double total_added = order_free_sum(std::move(direct));
  if (worst_departure && worst_departure->departure.value_at_risk.likely > 0) {
    const DepartureResult& d = worst_departure->departure;
    out += fmt::format("- **Value at risk.** If {} left with its {} notice, {} of core value would be down for up to {} "
                       "(likely estimate; {} at worst; {} value-months); moving off it would take {} and {} of effort.",
                       code(inv.providers[worst_departure->provider].id.value), months(d.notice_months),
                       share(r, d.value_at_risk.likely), months(d.outage_months.likely), months(d.outage_months.high),
                       value_months(d.value_months_at_risk.likely), format_weeks(d.elapsed_weeks.likely),
                       format_engineer_weeks(d.effort_weeks.likely));
  } else {
    out += "- **Value at risk.** Every provider's departure fits inside its notice period (likely estimates).";
  }
  const JurisdictionResult* worst_law = nullptr;
  for (const JurisdictionResult& j : r.analysis.jurisdictions) {
    if (!worst_law || j.value_at_risk > worst_law->value_at_risk) worst_law = &j;
  }
  if (worst_law) {
    out += fmt::format(" A switch-off by {} law would stop {} at once.", worst_law->code, share(r, worst_law->value_at_risk));
  }
  out += "\n";
  if (worst_price && worst_price->price_shock.added_annual_cost > 0) {
    const PriceShockResult& s = worst_price->price_shock;
    const std::string of_budget =
        s.budget_share ? fmt::format("{} of the AI budget of {}", share(r, *s.budget_share),
                                     money(r, *r.analysis.policy.annual_ai_budget))
                       : std::string("not classified: no annual_ai_budget is set");
    out += fmt::format("- **Cost exposure.** At {}x prices, {} alone would add {} a year ({}); every provider's own "
                       "rise together {}.\n",
                       format_number(r.analysis.policy.price_multiplier),
                       code(inv.providers[worst_price->provider].id.value), money(r, s.added_annual_cost), of_budget,
                       money(r, total_added));
  }
  const Concentration& k = r.analysis.concentration;
  if (k.largest_provider) {
    out += fmt::format("- **Concentration.** {} is a single point of failure for {} of core value; {} of core value "
                       "has some single point of failure.",
                       code(inv.providers[*k.largest_provider].id.value), share(r, k.largest_critical_share),
                       share(r, k.value_with_single_point_of_failure));
    const auto shared = k.most_critical_shared_group;
    const GroupResult* group = shared ? &r.analysis.groups[*shared] : nullptr;
    if (group) {
      out += fmt::format(" Providers owned by {} ({}) together are critical for {}; if they left at once, {} would be "
                         "down (likely).",
                         markdown_text(group->name), provider_codes(inv, group->providers),
                         share(r, group->critical_share), share(r, group->departure.value_at_risk.likely));
    }
    out += "\n";
  }
  out += "\n";
}

void practices_section(Out& out, const Report& r) {
  out += "## Practices\n\n";
  static constexpr std::string_view kPractice[] = {"SOV-NO-ABSTRACTION",  "SOV-EXIT-PLAN-MISSING", "SOV-EXIT-PLAN-STALE",
                                                   "SOV-FALLBACK-UNTESTED", "SOV-FALLBACK-STALE", "SOV-NO-EVALS",
                                                   "SOV-HIDDEN-DEPENDENCY", "SOV-UNKNOWN-HQ"};
  std::vector<const Finding*> practice;
  for (const Finding& f : r.verdict.findings) {
    if (std::find(std::begin(kPractice), std::end(kPractice), f.rule) != std::end(kPractice)) practice.push_back(&f);
  }
  if (practice.empty()) {
    out += "Abstraction layers, exit plans, fallbacks and evaluations are all in order.\n\n";
    return;
  }
  findings_table(out, r, practice);
}

void accepted_section(Out& out, const Report& r) {
  out += "## Accepted risks\n\n";
  const auto& risks = r.inventory.accepted_risks;
  if (risks.empty()) {
    out += "None.\n\n";
    return;
  }
  std::vector<Row> rows;
  std::vector<std::size_t> covered_by(risks.size(), 0);
  for (const Finding& f : r.verdict.findings) {
    if (f.acceptance) ++covered_by[*f.acceptance];
  }
  for (std::size_t i = 0; i < risks.size(); ++i) {
    const AcceptedRisk& a = risks[i];
    const std::int64_t days = days_since_epoch(a.expires.value) - days_since_epoch(r.analysis.as_of);
    const std::size_t covered = covered_by[i];
    const std::string status = days < 0 ? "expired" : covered ? fmt::format("covers {}", covered) : "matches nothing";
    rows.push_back({a.rule.value, code(a.target.value), markdown_text(a.owner.value), to_string(a.expires.value),
                    std::to_string(days), status, markdown_text(a.justification.value)});
  }
  table(out, {"Rule", "Target", "Owner", "Expires", "Days left", "Status", "Justification"}, rows, "accepted risks");
}

void expiring_section(Out& out, const Report& r) {
  const Verdict& v = r.verdict;
  out += fmt::format("## Acceptances expiring within {} days\n\n", v.expiring_within_days);
  if (v.expiring.empty()) {
    out += "None: no accepted risk lapses before the next review.\n\n";
    return;
  }
  out += "Renew each with a fresh justification or fix the finding before its last day; after it the finding "
         "counts for the gate again.\n\n";
  std::vector<Row> rows;
  for (const std::size_t i : v.expiring) {
    const AcceptedRisk& a = r.inventory.accepted_risks[i];
    const std::int64_t days = days_since_epoch(a.expires.value) - days_since_epoch(r.analysis.as_of);
    rows.push_back({a.rule.value, code(a.target.value), markdown_text(a.owner.value), to_string(a.expires.value),
                    std::to_string(days)});
  }
  table(out, {"Rule", "Target", "Owner", "Expires", "Days left"}, rows);
}

void changes_section(Out& out, const Report& r) {
  if (!r.changes) return;
  out += "## Changes since last review\n\n";
  out += render_changes_markdown_body(*r.changes, 3);
}

void plan_section(Out& out, const Report& r) {
  if (!r.plan) return;
  out += "## Plan for next quarter\n\n";
  out += render_plan_markdown_body(*r.plan, 3);
}

std::array<std::vector<Action>, 3> actions_by_severity(const Verdict& verdict) {
  std::array<std::vector<Action>, 3> by_severity;
  std::map<std::pair<Severity, std::string_view>, std::size_t> slot;
  // A set keeps the de-duplication linear: thousands of targets share one rule.
  std::set<std::tuple<Severity, std::string_view, std::string_view>> listed;
  for (const Finding& f : verdict.findings) {
    if (f.accepted) continue;
    auto& actions = by_severity[static_cast<std::size_t>(f.severity)];
    const auto [it, inserted] = slot.try_emplace({f.severity, f.rule}, actions.size());
    if (inserted) actions.push_back(Action{f.rule, {}});
    if (listed.emplace(f.severity, f.rule, f.target).second) actions[it->second].targets.push_back(f.target);
  }
  return by_severity;
}

std::string severity_title(Severity s) {
  std::string title(to_string(s));
  title[0] = static_cast<char>(title[0] - 'a' + 'A');
  return title;
}

void actions_section(Out& out, const Report& r) {
  out += "## Actions\n\n";
  // Grouped by severity so no item is labelled worse than it is; findings come largest first, so
  // rules and targets keep that order.
  const auto by_severity = actions_by_severity(r.verdict);
  if (std::all_of(by_severity.begin(), by_severity.end(), [](const auto& a) { return a.empty(); })) {
    out += "No open findings.\n\n";
    return;
  }
  for (const Severity severity : {Severity::Existential, Severity::Material, Severity::Advisory}) {
    const auto& actions = by_severity[static_cast<std::size_t>(severity)];
    if (actions.empty()) continue;
    out += fmt::format("### {}\n\n", severity_title(severity));
    int n = 1;
    for (const Action& action : actions) {
      const RuleInfo* rule = r.rules.rule(action.rule);
      const std::vector<std::string> targets(action.targets.begin(), action.targets.end());
      out += fmt::format("{}. **{}**, {}: {}\n", n++, action.rule, capped_codes(targets, kActionTargets),
                         rule ? std::string(rule->remediation) : std::string());
    }
    out += "\n";
  }
}

/// Every finding once, worst first, with the inventory line to fix: what the summary and the
/// sections above select from.
void appendix_section(Out& out, const Report& r) {
  out += "## Appendix: every finding\n\n";
  const std::vector<Finding>& findings = r.verdict.findings;
  if (findings.empty()) {
    out += "No findings.\n\n";
    return;
  }
  // Like `table`, with the severity's acceptance and the line.
  const bool fold = findings.size() > kFoldRows;
  if (fold) out += fmt::format("<details>\n<summary>Show all {} findings</summary>\n\n", findings.size());
  out += "| Severity | Rule | Target | Finding | Line |\n| --- | --- | --- | --- | --- |\n";
  for (const Finding& f : findings) {
    out += fmt::format("| {}{} | {} | {} | {} | {} |\n", to_string(f.severity), f.accepted ? " (accepted)" : "", f.rule,
                       code(f.target), message_of(r, f), f.loc.known() ? std::to_string(f.loc.line) : std::string("-"));
  }
  out += "\n";
  if (fold) out += "</details>\n\n";
}

/// With --baseline: what it holds back, what rose since (and so counts again), what has gone.
void baseline_note(Out& out, const Report& r) {
  const Verdict& v = r.verdict;
  if (!v.has_baseline) return;
  out += fmt::format("Baseline: {} open finding{} held back.", v.counts.baselined, v.counts.baselined == 1 ? "" : "s");
  if (v.counts.escalated > 0) {
    out += fmt::format(" {} rose in severity since the baseline and count for the gate again:", v.counts.escalated);
    const char* sep = " ";
    for (const Finding& f : v.findings) {
      if (!escalated(f)) continue;
      out += fmt::format("{}{} on {} ({} then, {} now)", sep, code(f.rule), code(f.target), to_string(f.baseline_severity),
                         to_string(f.severity));
      sep = "; ";
    }
    out += ".";
  }
  if (!v.absent.empty()) out += fmt::format(" {} of its findings {} no longer found.", v.absent.size(), v.absent.size() == 1 ? "is" : "are");
  out += "\n\n";
}

void gate_line(Out& out, const Report& r) {
  const Verdict& v = r.verdict;
  if (v.fail_on == FailOn::None) {
    out += "**Gate: off** (`--fail-on none`): no finding can fail this run";
    if (const std::size_t n = v.counts.existential_for_gate; n > 0) {
      out += fmt::format("; {} existential finding{} would fail the default gate (`--fail-on existential`)", n,
                         n == 1 ? "" : "s");
    }
    out += ".";
  } else {
    out += fmt::format("**Gate: {}** at `--fail-on {}`.", v.gate_failed ? "failed" : "passed", to_string(v.fail_on));
  }
  out += fmt::format(" Open findings: {} existential, {} material, {} advisory; {} accepted.\n\n", v.counts.existential,
                     v.counts.material, v.counts.advisory, v.counts.accepted);
}

}  // namespace sovaudit::md
