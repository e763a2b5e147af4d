// The quarterly review: a Markdown document a CTO reads. Verdict and plain-words summary first,
// then one table per analysis, the actions, the dependency diagram and the assumptions used.
#include <fmt/format.h>
#include <sstream>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "sovaudit/exact.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

using Row = std::vector<std::string>;

/// Ids are ASCII letters, digits, '-', '_' and '.': safe in a code span.
std::string code(std::string_view id) { return "`" + std::string(id) + "`"; }

std::string codes(const std::vector<std::string>& ids) {
  if (ids.empty()) return "none";
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + code(id);
  return out;
}

std::string provider_codes(const Inventory& inv, const std::vector<NodeIndex>& v) {
  std::vector<std::string> ids;
  for (NodeIndex i : v) ids.push_back(inv.providers[i].id.value);
  return codes(ids);
}

std::string capability_codes(const Inventory& inv, const std::vector<NodeIndex>& v) {
  std::vector<std::string> ids;
  for (NodeIndex i : v) ids.push_back(inv.capabilities[i].id.value);
  return codes(ids);
}

void table(std::string& out, const Row& header, const std::vector<Row>& rows) {
  auto line = [&](const Row& cells) {
    out += "|";
    for (const std::string& c : cells) out += " " + c + " |";
    out += "\n";
  };
  line(header);
  out += "|";
  for (std::size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (const Row& r : rows) line(r);
  out += "\n";
}

std::string message_of(const Report& r, const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  return rule ? markdown_text(render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy))) : std::string();
}

std::string months(double m) { return format_months(m); }
std::string money(const Report& r, double amount) {
  return format_money(amount, r.inventory.organization.currency.value);
}
std::string cost(const Report& r, const std::optional<double>& amount) {
  return format_cost(amount, r.inventory.organization.currency.value);
}
/// A share printed so that it never seems to cross the policy's thresholds.
std::string share(const Report& r, double v) { return format_share(v, share_thresholds(r.analysis.policy)); }
std::string estimate_shares(const Report& r, const Estimate& e) {
  return share(r, e.low) + " / " + share(r, e.likely) + " / " + share(r, e.high);
}
std::string value_months(double v) { return format_number(std::round(v * 1000) / 1000); }

/// Worse first, then by id: the same pick whatever the order of the inventory's lists.
template <class Key>
const ProviderResult* worst_provider(const Report& r, Key key) {
  const ProviderResult* worst = nullptr;
  for (const ProviderResult& p : r.analysis.providers) {
    if (!worst || key(p) > key(*worst) ||
        (key(p) == key(*worst) && r.inventory.providers[p.provider].id.value < r.inventory.providers[worst->provider].id.value)) {
      worst = &p;
    }
  }
  return worst;
}

std::string jurisdictions_of(const Provider& p) {
  std::string out = p.hq.present ? p.hq.value : "unknown";
  if (p.ultimate_parent) out += " (parent " + p.ultimate_parent->hq.value + ")";
  return out;
}

/// "foreign (US)", "own (DE)", "held, origin CN", or both parts: "foreign (US); held, origin CN".
std::string layer_cell(const LayerResult& l) {
  if (l.status == LayerStatus::NotApplicable) return "n/a";
  const auto list = [](std::span<const std::string> v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out;
  };
  std::string out;
  if (!l.controllers().empty() || l.held_origins().empty()) {
    out = std::string(to_string(l.status));
    if (!l.controllers().empty()) out += " (" + list(l.controllers()) + ")";
  }
  if (!l.held_origins().empty()) out += (out.empty() ? "" : "; ") + std::string("held, origin ") + list(l.held_origins());
  return out;
}

void summary(std::string& out, const Report& r) {
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
    for (const Finding* f : existential) out += fmt::format("  - {} {}: {}.\n", f->rule, code(f->target), message_of(r, *f));
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

void providers_section(std::string& out, const Report& r) {
  const Inventory& inv = r.inventory;
  out += "## Providers\n\n";
  std::vector<Row> rows;
  for (const ProviderResult& p : r.analysis.providers) {
    const Provider& provider = inv.providers[p.provider];
    rows.push_back({code(provider.id.value), markdown_text(provider.name.present ? provider.name.value : ""),
                    std::string(to_string(provider.kind.value)), jurisdictions_of(provider),
                    std::string(to_string(p.classification)), share(r, p.exposure), share(r, p.critical_share),
                    money(r, provider.annual_spend.value)});
  }
  table(out, {"Provider", "Name", "Kind", "HQ", "Class", "Exposure", "Critical share", "Spend / year"}, rows);
}

void departure_section(std::string& out, const Report& r) {
  out += "## Provider departure\n\n";
  out += fmt::format("Each provider announces end-of-life with its notice period. Value at risk is given as low / likely "
                     "/ high; the likely estimate classifies, and outages shorter than {} days do not count. "
                     "Value-months weigh each share by the months it is down. Migrations run in parallel: time is "
                     "the longest of them, effort the sum; a slot with a tested fallback only switches over.\n\n",
                     format_number(r.analysis.policy.min_outage_days));
  std::vector<Row> rows;
  for (const ProviderResult& p : r.analysis.providers) {
    if (p.departure.migrating_capabilities.empty() && p.departure.switching_capabilities.empty()) continue;
    const DepartureResult& d = p.departure;
    rows.push_back({code(r.inventory.providers[p.provider].id.value), months(d.notice_months),
                    estimate_shares(r, d.value_at_risk), value_months(d.value_months_at_risk.likely),
                    months(d.outage_months.likely), format_weeks(d.elapsed_weeks.likely),
                    format_engineer_weeks(d.effort_weeks.likely),
                    cost(r, d.migration_cost ? std::optional<double>(d.migration_cost->likely) : std::nullopt),
                    capability_codes(r.inventory, d.broken_capabilities)});
  }
  if (rows.empty()) {
    out += "No capability depends on a provider it would have to leave.\n\n";
    return;
  }
  table(out, {"Provider", "Notice", "Value at risk", "Value-months", "Outage", "Time", "Effort", "Cost", "Down"}, rows);
}

std::string contract_cell(const Provider& p) {
  std::string out;
  if (p.price_locked_until.present) out = "locked until " + to_string(p.price_locked_until.value);
  if (p.max_price_increase.present) {
    out += (out.empty() ? "" : ", ") + fmt::format("rise capped at {}% a year",
                                                   format_number(std::round(p.max_price_increase.value * 1000) / 10));
  }
  return out.empty() ? "none" : out;
}

std::string break_even_cell(const PriceShockResult& s) {
  if (s.break_even_months) return months(*s.break_even_months);
  switch (s.recommendation) {
    case Recommendation::ReviewFallback:
    case Recommendation::NotApplicable:
      return "n/a: nothing moves";
    case Recommendation::Unknown:
      return "unknown";
    default:
      return "never";
  }
}

void price_section(std::string& out, const Report& r) {
  out += fmt::format("## Price shock ({}x)\n\n", format_number(r.analysis.policy.price_multiplier));
  out += fmt::format("Added cost includes what resellers pass on, each within its contract. Migrate when leaving pays "
                     "back within the {} horizon; a provider that serves only as a fallback is reviewed, never "
                     "migrated off.{}\n\n",
                     months(r.analysis.policy.horizon_months),
                     r.analysis.policy.annual_ai_budget ? ""
                                                        : " No annual_ai_budget is set, so no price shock is classified.");
  std::vector<Row> rows;
  for (const ProviderResult& p : r.analysis.providers) {
    const PriceShockResult& s = p.price_shock;
    if (s.added_annual_cost <= 0) continue;
    const Provider& provider = r.inventory.providers[p.provider];
    rows.push_back({code(provider.id.value), money(r, s.added_annual_cost),
                    s.budget_share ? share(r, *s.budget_share) : "not classified", contract_cell(provider),
                    cost(r, s.cost_of_leaving), break_even_cell(s),
                    std::string(to_string(s.recommendation)), std::string(to_string(s.classification))});
  }
  if (rows.empty()) {
    out += "No price rise adds cost: no provider has recorded spend.\n\n";
    return;
  }
  table(out, {"Provider", "Added / year", "Of budget", "Contract", "Cost of leaving", "Break-even", "Recommendation", "Class"},
        rows);
}

void groups_section(std::string& out, const Report& r) {
  out += "## Provider groups\n\n";
  out += "Providers with the same ultimate parent can leave together. Each group below departs at once, at the "
         "shortest notice among its providers.\n\n";
  std::vector<Row> rows;
  for (const GroupResult& g : r.analysis.groups) {
    if (g.providers.size() < 2) continue;
    rows.push_back({markdown_text(g.name), provider_codes(r.inventory, g.providers), share(r, g.critical_share),
                    share(r, g.exposure), share(r, g.spend_share), estimate_shares(r, g.departure.value_at_risk),
                    months(g.departure.outage_months.likely), std::string(to_string(g.classification))});
  }
  if (rows.empty()) {
    out += "No two providers share an ultimate parent.\n\n";
    return;
  }
  table(out, {"Group", "Providers", "Critical share", "Exposure", "Spend share", "Value at risk", "Outage", "Class"}, rows);
}

/// The worst finding on `target` among rules starting with `rule_prefix`: "existential", "material
/// (accepted)", or "none" when there is none.
std::string severity_cell(const Report& r, std::string_view rule_prefix, std::string_view target) {
  const Finding* worst = nullptr;
  for (const Finding& f : r.verdict.findings) {
    if (f.target != target || !f.rule.starts_with(rule_prefix)) continue;
    // Open findings outrank accepted ones of the same severity: the column says what is still open.
    if (!worst || f.severity > worst->severity || (f.severity == worst->severity && worst->accepted && !f.accepted)) {
      worst = &f;
    }
  }
  if (!worst) return "none";
  return std::string(to_string(worst->severity)) + (worst->accepted ? " (accepted)" : "");
}

void jurisdiction_section(std::string& out, const Report& r) {
  out += "## Jurisdictions\n\n";
  std::string trusted;
  for (const std::string& t : r.analysis.trusted) trusted += (trusted.empty() ? "" : ", ") + t;
  out += fmt::format("Trusted law: {}. Each foreign jurisdiction below switches off every provider it reaches, at "
                     "once and with no notice.\n\n",
                     trusted);
  if (r.analysis.jurisdictions.empty()) {
    out += "No provider answers to foreign law.\n\n";
    return;
  }
  std::vector<Row> rows;
  for (const JurisdictionResult& j : r.analysis.jurisdictions) {
    rows.push_back({j.code, provider_codes(r.inventory, j.providers), provider_codes(r.inventory, j.affected_providers),
                    share(r, j.value_at_risk), capability_codes(r.inventory, j.broken_capabilities),
                    std::string(to_string(j.classification)), severity_cell(r, "SOV-JURISDICTION", j.code)});
  }
  table(out, {"Jurisdiction", "Reaches", "Also stops", "Value at risk", "Down", "Class", "Severity"}, rows);

  out += "### Data, compute and model layers\n\n";
  std::vector<Row> layers;
  for (const CapabilityResult& c : r.analysis.capabilities) {
    layers.push_back({code(r.inventory.capabilities[c.capability].id.value), layer_cell(c.data), layer_cell(c.compute),
                      layer_cell(c.model)});
  }
  table(out, {"Capability", "Data (where processed)", "Compute (who runs the machines)", "Model (who can change or withdraw it)"},
        layers);
}

void residency_section(std::string& out, const Report& r) {
  out += "## Data residency\n\n";
  if (r.analysis.flows.empty()) {
    out += "The inventory records no data flows.\n\n";
    return;
  }
  std::vector<Row> rows;
  for (const FlowResult& f : r.analysis.flows) {
    const DataFlow& flow = r.inventory.data_flows[f.flow];
    std::string data;
    for (const auto& d : flow.data) data += (data.empty() ? "" : ", ") + std::string(to_string(d.value));
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return s.empty() ? std::string("none") : s;
    };
    std::vector<std::string> outside, mechanisms;
    for (const Destination& d : f.outside) outside.push_back(d.region);
    // Per destination, grouped by mechanism: "scc (IN, US), adequacy (CA)".
    for (std::size_t m = 0; m < enum_names<TransferMechanism>().size(); ++m) {
      std::vector<std::string> at;
      for (const Destination& d : f.outside) {
        if (static_cast<std::size_t>(d.mechanism) == m) at.push_back(d.region);
      }
      if (!at.empty()) mechanisms.push_back(std::string(enum_names<TransferMechanism>()[m]) + " (" + join(at) + ")");
    }
    rows.push_back({code(flow.id.value), data, code(flow.provider.value),
                    join(f.processing_regions) + (f.regions_unknown ? " (incomplete)" : ""), join(f.allowed),
                    join(outside),
                    mechanisms.empty() ? std::string(to_string(flow.transfer_mechanism.value)) : join(mechanisms),
                    severity_cell(r, "SOV-RESIDENCY", flow.id.value)});
  }
  table(out, {"Flow", "Data", "Provider", "Processed in", "Allowed", "Outside", "Mechanism", "Severity"}, rows);
}

void criteria_section(std::string& out, const Report& r) {
  out += "## Build or buy\n\n";
  out += fmt::format("Four sovereignty criteria: differentiating, proprietary data, compliance, stable. Build at {} "
                     "or more.\n\n",
                     r.analysis.policy.build_threshold);
  std::vector<Row> rows;
  for (const CapabilityResult& c : r.analysis.capabilities) {
    const Capability& capability = r.inventory.capabilities[c.capability];
    rows.push_back({code(capability.id.value), format_share(capability.value_share.value),
                    c.assessed ? fmt::format("{} of 4", c.criteria_score) : "not assessed",
                    c.assessed ? std::string(to_string(c.recommendation)) : "none",
                    std::string(to_string(capability.sourcing.value)), cost(r, c.build_cost),
                    money(r, c.buy_spend_over_horizon)});
  }
  table(out,
        {"Capability", "Value", "Criteria", "Recommendation", "Today",
         "Build (likely)", "Buy over " + months(r.analysis.policy.horizon_months)},
        rows);
}

void findings_table(std::string& out, const Report& r, const std::vector<const Finding*>& findings) {
  std::vector<Row> rows;
  for (const Finding* f : findings) {
    rows.push_back({std::string(to_string(f->severity)), f->rule, code(f->target), message_of(r, *f)});
  }
  table(out, {"Severity", "Rule", "Target", "Finding"}, rows);
}

void practices_section(std::string& out, const Report& r) {
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

void accepted_section(std::string& out, const Report& r) {
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
  table(out, {"Rule", "Target", "Owner", "Expires", "Days left", "Status", "Justification"}, rows);
}

void expiring_section(std::string& out, const Report& r) {
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

void changes_section(std::string& out, const Report& r) {
  if (!r.changes) return;
  out += "## Changes since last review\n\n";
  out += render_changes_markdown_body(*r.changes, 3);
}

void actions_section(std::string& out, const Report& r) {
  out += "## Actions\n\n";
  // Per severity, one action per rule with open findings at that severity: a rule that is
  // existential for one target and material for another is listed under both, each with its own
  // targets, so no item is labelled worse than it is. Findings come largest first, so rules and
  // targets keep that order.
  struct Action {
    std::string_view rule;
    std::vector<std::string_view> targets;
  };
  std::vector<Action> by_severity[3];
  std::map<std::pair<Severity, std::string_view>, std::size_t> slot;
  // A set per rule keeps the de-duplication linear: thousands of targets share one rule.
  std::set<std::tuple<Severity, std::string_view, std::string_view>> listed;
  for (const Finding& f : r.verdict.findings) {
    if (f.accepted) continue;
    auto& actions = by_severity[static_cast<int>(f.severity)];
    const auto [it, inserted] = slot.try_emplace({f.severity, f.rule}, actions.size());
    if (inserted) actions.push_back(Action{f.rule, {}});
    if (listed.emplace(f.severity, f.rule, f.target).second) actions[it->second].targets.push_back(f.target);
  }
  if (slot.empty()) {
    out += "No open findings.\n\n";
    return;
  }
  for (const Severity severity : {Severity::Existential, Severity::Material, Severity::Advisory}) {
    const auto& actions = by_severity[static_cast<int>(severity)];
    if (actions.empty()) continue;
    std::string title(to_string(severity));
    title[0] = static_cast<char>(title[0] - 'a' + 'A');
    out += fmt::format("### {}\n\n", title);
    int n = 1;
    for (const Action& action : actions) {
      const RuleInfo* rule = r.rules.rule(action.rule);
      std::vector<std::string> targets(action.targets.begin(), action.targets.end());
      out += fmt::format("{}. **{}**, {}: {}\n", n++, action.rule, codes(targets),
                         rule ? std::string(rule->remediation) : std::string());
    }
    out += "\n";
  }
}

/// Every finding once, worst first, with the inventory line to fix: what the summary and the
/// sections above select from.
void appendix_section(std::string& out, const Report& r) {
  out += "## Appendix: every finding\n\n";
  if (r.verdict.findings.empty()) {
    out += "No findings.\n\n";
    return;
  }
  std::vector<Row> rows;
  for (const Finding& f : r.verdict.findings) {
    rows.push_back({std::string(to_string(f.severity)) + (f.accepted ? " (accepted)" : ""), f.rule, code(f.target),
                    message_of(r, f), f.loc.known() ? std::to_string(f.loc.line) : std::string("-")});
  }
  table(out, {"Severity", "Rule", "Target", "Finding", "Line"}, rows);
}

void assumptions_section(std::string& out, const Report& r) {
  const EffectivePolicy& p = r.analysis.policy;
  out += "## Assumptions\n\n";
  std::vector<Row> rows{
      {"As of", to_string(r.analysis.as_of)},
      {"Build threshold", fmt::format("{} of 4 criteria", p.build_threshold)},
      {"Default notice", months(p.notice_months)},
      {"Price multiplier", format_number(p.price_multiplier) + "x"},
      {"Horizon", months(p.horizon_months)},
      {"Existential at", format_share(p.existential_value_share) + " of value or " +
                             format_share(p.existential_budget_share) + " of budget"},
      {"Material at", format_share(p.material_value_share) + " of value or " + format_share(p.material_budget_share) +
                          " of budget"},
      {"Drill age", months(p.drill_max_age_months) + " (calendar months)"},
      {"Shortest outage that counts", format_number(p.min_outage_days) + " days"},
      {"AI budget", p.annual_ai_budget ? money(r, *p.annual_ai_budget)
                                       : "not given: price shocks are not classified (provider spend totals " +
                                             money(r, p.total_annual_spend) + ")"},
      {"Engineer week", p.engineer_week_cost ? money(r, *p.engineer_week_cost)
                                             : "not given: every migration and build cost is unknown"},
  };
  for (const DefaultedPassThrough& a : r.analysis.defaulted_passthrough) {
    const Provider& provider = r.inventory.providers[a.provider];
    const UpstreamLink& link = provider.upstream[a.link];
    rows.push_back({"Pass-through " + code(provider.id.value) + " → " + code(link.provider.value),
                    format_share(a.share) + " of its price (default for role " + std::string(to_string(link.role.value)) +
                        "; set price_passthrough)"});
  }
  table(out, {"Setting", "Value"}, rows);
  out += "Migration estimates without a recorded figure are derived from integration depth and provider-specific "
         "features; every formula is in docs/scoring.md of sovaudit.\n";
}

/// With --baseline: what it holds back, what rose since (and so counts again), what has gone.
void baseline_note(std::string& out, const Report& r) {
  const Verdict& v = r.verdict;
  if (!v.has_baseline) return;
  out += fmt::format("Baseline: {} open finding{} held back.", v.counts.baselined, v.counts.baselined == 1 ? "" : "s");
  if (v.counts.escalated > 0) {
    out += fmt::format(" {} rose in severity since the baseline and count for the gate again:", v.counts.escalated);
    const char* sep = " ";
    for (const Finding& f : v.findings) {
      if (f.accepted || f.baselined || f.baseline_state != BaselineState::Updated) continue;
      out += fmt::format("{}{} on {} ({} then, {} now)", sep, code(f.rule), code(f.target), to_string(f.baseline_severity),
                         to_string(f.severity));
      sep = "; ";
    }
    out += ".";
  }
  if (!v.absent.empty()) out += fmt::format(" {} of its findings {} no longer found.", v.absent.size(), v.absent.size() == 1 ? "is" : "are");
  out += "\n\n";
}

}  // namespace

void write_markdown(const Report& r, TextStyle, std::ostream& stream) {
  const Verdict& v = r.verdict;
  std::string out;
  // Each section is handed on as soon as it is rendered, so a large review never sits whole in memory.
  const auto flush = [&] {
    stream << out;
    out.clear();
  };
  out += fmt::format("# AI dependency review: {}\n\n", markdown_text(r.inventory.organization.name.value));
  out += fmt::format("As of {}, inventory {}, sovaudit {}.\n\n", to_string(r.analysis.as_of), markdown_text(r.inventory.path),
                     kVersion);
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
  baseline_note(out, r);
  for (void (*section)(std::string&, const Report&) :
       {summary, changes_section, providers_section, departure_section, price_section, groups_section, jurisdiction_section,
        residency_section, criteria_section, practices_section, accepted_section, expiring_section, actions_section}) {
    section(out, r);
    flush();
  }
  out += "## Dependency diagram\n\n";
  out += "Capabilities (rounded) need providers; dashed edges are fallbacks; red marks existential and amber "
         "material providers.\n\n";
  out += "```mermaid\n";
  flush();
  stream << render_mermaid(r, TextStyle{});
  out += "```\n\n";
  assumptions_section(out, r);
  out += "\n";
  flush();
  appendix_section(out, r);
  // A document ends with exactly one newline.
  while (out.size() > 1 && out.ends_with("\n\n")) out.pop_back();
  flush();
}

std::string render_markdown(const Report& r, TextStyle style) {
  std::ostringstream out;
  write_markdown(r, style, out);
  return std::move(out).str();
}

}  // namespace sovaudit
