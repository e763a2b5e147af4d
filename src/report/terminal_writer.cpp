// The terminal summary: verdict first, then the top risks in words, then a provider table,
// all within 80 columns, coloured only when asked to.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "simulation_sections.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

constexpr std::size_t kWidth = 80;
constexpr std::size_t kTopRisks = 5;
constexpr std::size_t kTableRows = 15;

struct Paint {
  bool on;
  std::string operator()(std::string_view text, std::string_view code) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "1;31";
    case Severity::Material:
      return "1;33";
    case Severity::Advisory:
      break;
  }
  return "36";
}

std::string_view classification_color(Classification c) {
  switch (c) {
    case Classification::Existential:
      return "1;31";
    case Classification::Material:
      return "1;33";
    case Classification::Acceptable:
      break;
  }
  return "32";
}


/// Cuts `text` to `width` columns, marking the cut with '~'.
std::string fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  return text.substr(0, width - 1) + "~";
}

std::string compact_money(double amount, std::string_view currency) {
  if (amount < 1e7) return format_money(amount, currency);
  const std::string prefix = currency.empty() ? "" : std::string(currency) + " ";
  return fmt::format("{}{:.1f}M", prefix, amount / 1e6);
}

void write_top_risks(const Report& r, const Paint& paint, std::string& out) {
  std::vector<const Finding*> open;
  for (const Finding& f : r.verdict.findings) {
    if (!f.accepted) open.push_back(&f);
  }
  if (open.empty()) {
    out += "No open findings.\n\n";
    return;
  }
  out += paint("Top risks", "1") + "\n";
  const std::size_t shown = std::min(open.size(), kTopRisks);
  for (std::size_t i = 0; i < shown; ++i) {
    const Finding& f = *open[i];
    const std::string label = fmt::format("{:<12}", std::string(to_string(f.severity)));
    out += "  " + paint(label, severity_color(f.severity)) + " " + std::string(f.rule) + " " + terminal_safe(f.target) + "\n";
    const RuleInfo* rule = r.rules.rule(f.rule);
    const std::string message =
        rule ? terminal_safe(render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy))) : std::string();
    for (const std::string& line : wrap(message, kWidth - 15)) out += std::string(15, ' ') + line + "\n";
  }
  if (open.size() > shown) {
    out += fmt::format("  ... and {} more open finding{} (--format json lists all)\n", open.size() - shown,
                       open.size() - shown == 1 ? "" : "s");
  }
  out += "\n";
}

void write_accepted(const Report& r, std::string& out) {
  bool any = false;
  for (const Finding& f : r.verdict.findings) {
    if (!f.accepted || !f.acceptance) continue;
    if (!any) out += "Accepted risks (kept out of the gate)\n";
    any = true;
    const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
    const std::string line = fmt::format("{} {} ({}) by {} until {}", f.rule, f.target, to_string(f.severity),
                                         a.owner.value, to_string(a.expires.value));
    for (const std::string& l : wrap(terminal_safe(line), kWidth - 2)) out += "  " + l + "\n";
  }
  if (any) out += "\n";
}

/// One line on acceptances about to lapse, so nobody learns of them from a failed gate.
void write_expiring(const Report& r, std::string& out) {
  const Verdict& v = r.verdict;
  if (v.expiring.empty()) return;
  const AcceptedRisk& next = r.inventory.accepted_risks[v.expiring.front()];
  const std::string line =
      fmt::format("{} accepted risk{} expire{} within {} days; next: {} on {} on {} ({})", v.expiring.size(),
                  v.expiring.size() == 1 ? "" : "s", v.expiring.size() == 1 ? "s" : "", v.expiring_within_days,
                  next.rule.value, next.target.value, to_string(next.expires.value), next.owner.value);
  for (const std::string& l : wrap(terminal_safe(line), kWidth)) out += l + "\n";
  out += "\n";
}

/// One line per retirement or contract end within --expiring-within days (and each already past):
/// the date, what it stops and the migration against the time left.
void write_dated(const Report& r, std::string& out) {
  bool any = false;
  for (const DatedDeparture& d : r.analysis.dated_departures) {
    if (d.capabilities.empty() || d.days_left > r.verdict.expiring_within_days) continue;
    const CompactText& provider = r.inventory.providers[d.provider].id.value;
    const bool contract = d.kind == DatedKind::ContractEnd;
    const std::string what = contract ? "the contract with " + provider
                             : d.kind == DatedKind::ModelRetirement ? d.model + " at " + provider
                                                                    : "every model at " + provider;
    std::string capabilities;
    for (NodeIndex c : d.capabilities) {
      capabilities += (capabilities.empty() ? "" : ", ") + r.inventory.capabilities[c].id.value;
    }
    const std::string when = d.past ? fmt::format("{} {} days ago", contract ? "Ended" : "Retired", -d.days_left)
                                    : fmt::format("{} in {} day{}", contract ? "Ends" : "Retires", d.days_left,
                                                  d.days_left == 1 ? "" : "s");
    const std::string line =
        d.past      ? fmt::format("{}: {} on {}; still the primary of {}", when, what, to_string(d.date), capabilities)
        : d.planned ? fmt::format("{}: {} on {}; {} switch{} to a tested fallback ({})", when, what, to_string(d.date),
                                  capabilities, d.capabilities.size() == 1 ? "es" : "",
                                  format_weeks(d.departure.elapsed_weeks.likely))
                    : fmt::format("{}: {} on {}; {} must move: {} against {} left", when, what, to_string(d.date),
                                  capabilities, format_weeks(d.departure.elapsed_weeks.likely), format_months(d.months_left));
    for (const std::string& l : wrap(terminal_safe(line), kWidth)) out += l + "\n";
    any = true;
  }
  if (any) out += "\n";
}

/// "1.2 mo", "<0.1 mo": a positive outage never reads as none.
std::string short_months(double months) {
  if (months > 0 && months < 0.05) return "<0.1 mo";
  return fmt::format("{} mo", format_number(std::round(months * 10) / 10));
}

/// The price-shock recommendation in at most 9 columns; the reports spell it out.
std::string short_action(Recommendation r) {
  switch (r) {
    case Recommendation::ReviewFallback:
      return "review";
    case Recommendation::NotApplicable:
      return "-";
    default:
      return std::string(to_string(r));
  }
}

void write_provider_table(const Report& r, const Paint& paint, std::string& out) {
  const std::string& currency = r.inventory.organization.currency.value;
  std::vector<const ProviderResult*> rows;
  for (const ProviderResult& p : r.analysis.providers) rows.push_back(&p);
  std::stable_sort(rows.begin(), rows.end(), [&](const ProviderResult* a, const ProviderResult* b) {
    if (a->classification != b->classification) return a->classification > b->classification;
    if (a->critical_share != b->critical_share) return a->critical_share > b->critical_share;
    if (a->price_shock.added_annual_cost != b->price_shock.added_annual_cost) {
      return a->price_shock.added_annual_cost > b->price_shock.added_annual_cost;
    }
    return r.inventory.providers[a->provider].id.value < r.inventory.providers[b->provider].id.value;
  });
  const auto thresholds = share_thresholds(r.analysis.policy);
  out += paint(fmt::format("Providers (departure with notice; price shock at {}x)",
                           format_number(r.analysis.policy.price_multiplier)),
               "1") +
         "\n";
  out += fmt::format("  {:<16} {:<11} {:>8} {:>7} {:>7} {:>14} {}\n", "provider", "class", "critical", "at risk",
                     "outage", "added/year", "action");
  const std::size_t shown = std::min(rows.size(), kTableRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const ProviderResult& p = *rows[i];
    const std::string id = fit(terminal_safe(r.inventory.providers[p.provider].id.value), 16);
    const std::string cls = fmt::format("{:<11}", std::string(to_string(p.classification)));
    out += fmt::format("  {:<16} {} {:>8} {:>7} {:>7} {:>14} {}\n", id, paint(cls, classification_color(p.classification)),
                       format_share(p.critical_share, thresholds),
                       format_share(p.departure.value_at_risk.likely, thresholds),
                       short_months(p.departure.outage_months.likely),
                       compact_money(p.price_shock.added_annual_cost, currency),
                       short_action(p.price_shock.recommendation));
  }
  if (rows.size() > shown) out += fmt::format("  ... and {} more providers\n", rows.size() - shown);
  out += "\n";
}

void write_jurisdictions(const Report& r, std::string& out) {
  if (r.analysis.jurisdictions.empty()) return;
  out += "Foreign jurisdictions (all their providers switched off at once)\n";
  for (const JurisdictionResult& j : r.analysis.jurisdictions) {
    std::vector<std::string> names;
    for (NodeIndex p : j.providers) names.push_back(r.inventory.providers[p].id.value.str());
    std::string joined;
    for (const std::string& n : names) joined += (joined.empty() ? "" : ", ") + n;
    const std::string line =
        fmt::format("{}: {} of core value at risk ({}); reaches {}", j.code,
                    format_share(j.value_at_risk, share_thresholds(r.analysis.policy)), to_string(j.classification), joined);
    const auto lines = wrap(terminal_safe(line), kWidth - 4);
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i == 0 ? "  " : "    ") + lines[i] + "\n";
  }
  out += "\n";
}

/// Baselined findings whose severity rose count for the gate again; the CI log says which and why.
void write_escalations(const Report& r, std::string& out) {
  const Verdict& v = r.verdict;
  if (v.counts.escalated > 0) {
    out += fmt::format("{} baselined finding{} rose in severity since the baseline and count for the gate again:\n",
                       v.counts.escalated, v.counts.escalated == 1 ? "" : "s");
    for (const Finding& f : v.findings) {
      if (!escalated(f)) continue;
      const std::string line = fmt::format("{} {}: {} in the baseline, {} now", f.rule, terminal_safe(f.target),
                                           to_string(f.baseline_severity), to_string(f.severity));
      for (const std::string& l : wrap(line, kWidth - 2)) out += "  " + l + "\n";
    }
  }
  if (!v.absent.empty()) {
    out += fmt::format("{} finding{} of the baseline {} no longer found\n", v.absent.size(), v.absent.size() == 1 ? "" : "s",
                       v.absent.size() == 1 ? "is" : "are");
  }
}

}  // namespace

std::string render_terminal_summary(const Report& r, TextStyle style) {
  const Paint paint{style.color};
  const Verdict& v = r.verdict;
  std::string out;
  out += fmt::format("sovaudit {}: {}, as of {}\n", kVersion, terminal_safe(r.inventory.organization.name.value),
                     to_string(r.analysis.as_of));
  if (v.fail_on == FailOn::None) {
    // "Passed" beside open existential risks would read as reassurance: the gate was not asked.
    out += paint("GATE OFF", "1;33") + " (--fail-on none): no finding can fail this run";
    if (const std::size_t n = v.counts.existential_for_gate; n > 0) {
      out += fmt::format("; {} existential finding{} would fail the default gate (--fail-on existential)", n,
                         n == 1 ? "" : "s");
    }
    out += "\n";
  } else {
    const std::string gate = v.gate_failed ? paint("GATE FAILED", "1;31") : paint("GATE PASSED", "1;32");
    out += fmt::format("{} at --fail-on {}\n", gate, to_string(v.fail_on));
  }
  out += fmt::format("Open findings: {} existential, {} material, {} advisory; {} accepted\n", v.counts.existential,
                     v.counts.material, v.counts.advisory, v.counts.accepted);
  if (v.counts.baselined > 0) {
    out += fmt::format("{} of the open findings are in the baseline and do not count for the gate\n", v.counts.baselined);
  }
  write_escalations(r, out);
  out += "\n";
  write_top_risks(r, paint, out);
  write_accepted(r, out);
  write_expiring(r, out);
  write_dated(r, out);
  write_provider_table(r, paint, out);
  write_jurisdictions(r, out);
  const Concentration& k = r.analysis.concentration;
  if (k.largest_provider) {
    std::string line = fmt::format("Concentration: largest critical share {} ({})", format_share(k.largest_critical_share),
                                   terminal_safe(r.inventory.providers[*k.largest_provider].id.value));
    line += fmt::format("; {} of core value has a single point of failure",
                        format_share(k.value_with_single_point_of_failure));
    const auto shared = k.most_critical_shared_group;
    const GroupResult* group = shared ? &r.analysis.groups[*shared] : nullptr;
    if (group) {
      line += fmt::format("; group {} ({} providers) is critical for {}", terminal_safe(group->name),
                          group->providers.size(), format_share(group->critical_share));
    }
    for (const std::string& l : wrap(line, kWidth)) out += l + "\n";
  }
  write_simulation_terminal(r, out);
  out += "More: 'sovaudit explain RULE' for a rule, --format json for every number.\n";
  return out;
}

}  // namespace sovaudit
