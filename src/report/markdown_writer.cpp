// The quarterly review: a Markdown document a CTO reads. Verdict and plain-words summary first,
// then one table per analysis, the actions, the dependency diagram and the assumptions used.
#include <fmt/format.h>
#include <sstream>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "graph_selection.hpp"
#include "markdown_support.hpp"
#include "simulation_sections.hpp"
#include "sovaudit/exact.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

using namespace md;

void providers_section(Out& out, const Report& r) {
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
  table(out, {"Provider", "Name", "Kind", "HQ", "Class", "Exposure", "Critical share", "Spend / year"}, rows, "providers");
}

void departure_section(Out& out, const Report& r) {
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
  table(out, {"Provider", "Notice", "Value at risk", "Value-months", "Outage", "Time", "Effort", "Cost", "Down"}, rows, "providers");
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

void price_section(Out& out, const Report& r) {
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
        rows, "providers");
}

void groups_section(Out& out, const Report& r) {
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
  table(out, {"Group", "Providers", "Critical share", "Exposure", "Spend share", "Value at risk", "Outage", "Class"}, rows, "groups");
}

void jurisdiction_section(Out& out, const Report& r) {
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
  const SeverityCells severity(r, "SOV-JURISDICTION");
  for (const JurisdictionResult& j : r.analysis.jurisdictions) {
    rows.push_back({j.code, provider_codes(r.inventory, j.providers), provider_codes(r.inventory, j.affected_providers),
                    share(r, j.value_at_risk), capability_codes(r.inventory, j.broken_capabilities),
                    std::string(to_string(j.classification)), severity.cell(j.code)});
  }
  table(out, {"Jurisdiction", "Reaches", "Also stops", "Value at risk", "Down", "Class", "Severity"}, rows, "jurisdictions");

  out += "### Data, compute and model layers\n\n";
  // One row per capability, made as it is written: a large inventory's table is not held whole.
  const std::vector<CapabilityResult>& capabilities = r.analysis.capabilities;
  table_of(out, {"Capability", "Data (where processed)", "Compute (who runs the machines)", "Model (who can change or withdraw it)"},
           capabilities.size(), "capabilities", [&](std::size_t i) {
             const CapabilityResult& c = capabilities[i];
             return Row{code(r.inventory.capabilities[c.capability].id.value), layer_cell(c.data), layer_cell(c.compute),
                        layer_cell(c.model)};
           });
}

void residency_section(Out& out, const Report& r) {
  out += "## Data residency\n\n";
  if (r.analysis.flows.empty()) {
    out += "The inventory records no data flows.\n\n";
    return;
  }
  const SeverityCells severity(r, "SOV-RESIDENCY");
  // One row per flow, made as it is written: a large inventory's table is not held whole.
  const auto row_of = [&](const FlowResult& f) {
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
    return Row{code(flow.id.value), data, code(flow.provider.value),
               join(f.processing_regions) + (f.regions_unknown ? " (incomplete)" : ""), join(f.allowed), join(outside),
               mechanisms.empty() ? std::string(to_string(flow.transfer_mechanism.value)) : join(mechanisms),
               severity.cell(flow.id.value)};
  };
  const std::vector<FlowResult>& flows = r.analysis.flows;
  table_of(out, {"Flow", "Data", "Provider", "Processed in", "Allowed", "Outside", "Mechanism", "Severity"}, flows.size(),
           "data flows", [&](std::size_t i) { return row_of(flows[i]); });
}

void criteria_section(Out& out, const Report& r) {
  out += "## Build or buy\n\n";
  out += fmt::format("Four sovereignty criteria: differentiating, proprietary data, compliance, stable. Build at {} "
                     "or more.\n\n",
                     r.analysis.policy.build_threshold);
  // One row per capability, made as it is written: a large inventory's table is not held whole.
  const std::vector<CapabilityResult>& capabilities = r.analysis.capabilities;
  table_of(out,
           {"Capability", "Value", "Criteria", "Recommendation", "Today", "Build (likely)",
            "Buy over " + months(r.analysis.policy.horizon_months)},
           capabilities.size(), "capabilities", [&](std::size_t i) {
             const CapabilityResult& c = capabilities[i];
             const Capability& capability = r.inventory.capabilities[c.capability];
             return Row{code(capability.id.value), format_share(capability.value_share.value),
                        c.assessed ? fmt::format("{} of 4", c.criteria_score) : "not assessed",
                        c.assessed ? std::string(to_string(c.recommendation)) : "none",
                        std::string(to_string(capability.sourcing.value)), cost(r, c.build_cost),
                        money(r, c.buy_spend_over_horizon)};
           });
}

void assumptions_section(Out& out, const Report& r) {
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

// Past this a flowchart is a hairball: GitHub draws it, nobody reads it.
constexpr std::size_t kLegibleNodes = 40;
constexpr std::size_t kLegibleEdges = 80;

bool legible(const graphs::GraphSelection& s) { return s.nodes <= kLegibleNodes && s.edges <= kLegibleEdges; }

/// The whole graph while it stays legible, else only the existential and material providers with
/// the capabilities that use them, else a note with the commands that draw it.
void diagram_section(Out& out, const Report& r) {
  out += "## Dependency diagram\n\n";
  const graphs::GraphSelection all = graphs::select_graph(r, "", Classification::Acceptable);
  graphs::GraphSelection shown = all;
  if (!legible(all)) {
    // Narrower and narrower: the providers that matter, then only the existential ones.
    const graphs::GraphSelection material = graphs::select_graph(r, "", Classification::Material);
    const graphs::GraphSelection existential = graphs::select_graph(r, "", Classification::Existential);
    std::string_view which = "existential and material";
    if (material.nodes > 0 && legible(material)) {
      shown = material;
    } else if (existential.nodes > 0 && legible(existential)) {
      shown = existential;
      which = "existential";
    } else {
      out += fmt::format("The graph has {} capabilities and providers and {} edges, too large to read as a diagram; "
                         "the existential and material providers with the capabilities that use them alone make {} "
                         "nodes. Draw it with `sovaudit graph <inventory> --format dot | dot -Tsvg > graph.svg`, one "
                         "provider or capability at a time with `--focus ID`, or only the providers that matter with "
                         "`--min-class material`.\n\n",
                         all.nodes, all.edges, material.nodes);
      return;
    }
    out += fmt::format("The whole graph ({} capabilities and providers, {} edges) is too large to read as one "
                       "diagram; this one shows only the {} providers and the capabilities that use them. "
                       "`sovaudit graph <inventory> --focus ID` draws any one provider or capability with its "
                       "neighbourhood.\n\n",
                       all.nodes, all.edges, which);
  }
  out += "Capabilities (rounded) need providers; dashed edges are fallbacks; red marks existential and amber "
         "material providers.\n\n";
  out += "```mermaid\n";
  graphs::mermaid_of(out, r, shown);
  out += "```\n\n";
}

}  // namespace

void write_markdown(const Report& r, TextStyle, std::ostream& stream) {
  Out out(&stream);
  out += fmt::format("# AI dependency review: {}\n\n", markdown_text(r.inventory.organization.name.value));
  out += fmt::format("As of {}, inventory {}, sovaudit {}.\n\n", to_string(r.analysis.as_of), markdown_text(r.inventory.path),
                     kVersion);
  gate_line(out, r);
  baseline_note(out, r);
  for (void (*section)(Out&, const Report&) :
       {summary, changes_section, providers_section, departure_section, dated_section, simulation_markdown, price_section, groups_section, jurisdiction_section,
        residency_section, criteria_section, practices_section, accepted_section, expiring_section, actions_section,
        plan_section, diagram_section, assumptions_section}) {
    section(out, r);
  }
  out += "\n";
  appendix_section(out, r);
  // A document ends with exactly one newline (`out` holds back the newlines at its end).
  std::string& last = out.pending();
  while (last.size() > 1 && last.ends_with("\n\n")) last.pop_back();
  out.flush();
}

std::string render_markdown(const Report& r, TextStyle style) {
  std::ostringstream out;
  write_markdown(r, style, out);
  return std::move(out).str();
}

}  // namespace sovaudit
