// The review's "Upcoming retirements and contract ends": each dated departure, its time left and
// the migration it asks for against that time.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "markdown_support.hpp"

namespace sovaudit::md {
namespace {

std::string what_cell(const Report& r, const DatedDeparture& d) {
  const std::string provider = code(r.inventory.providers[d.provider].id.value);
  switch (d.kind) {
    case DatedKind::ContractEnd:
      return "contract with " + provider + " ends";
    case DatedKind::ProviderRetirement:
      return provider + " retires";
    case DatedKind::ModelRetirement:
      break;
  }
  return code(d.model) + " at " + provider;
}

std::string days_cell(const DatedDeparture& d) {
  if (d.past) return fmt::format("passed {} days ago", -d.days_left);
  return std::to_string(d.days_left);
}

std::string source_cell(const DatedDeparture& d) {
  if (!d.lifecycle) return fmt::format("inventory line {}", d.loc.line);
  std::string out = fmt::format("lifecycle line {}", d.lifecycle->retires.loc.line);
  if (d.lifecycle->source.present && !d.lifecycle->source.value.empty()) {
    out += ": " + markdown_text(clip_utf8(d.lifecycle->source.value, 80));
  }
  return out;
}

}  // namespace

void dated_section(Out& out, const Report& r) {
  out += "## Upcoming retirements and contract ends\n\n";
  const auto& dated = r.analysis.dated_departures;
  if (dated.empty()) {
    out += fmt::format("No model retirement or contract end is dated within the horizon ({}). Give uses `model` and "
                       "`retires`, providers `contract_ends`, or pass `--lifecycle` to see them here.\n\n",
                       months(r.analysis.policy.horizon_months));
    return;
  }
  out += "Each date is a departure whose notice is the time left: capabilities whose primary it takes away must "
         "have moved by then, or switch to a fallback that is tested and still served after the date. Time is the "
         "longest migration (likely estimate); the outage is what does not fit in the time left.\n\n";
  std::map<std::tuple<std::string_view, std::string_view, std::string_view>, const Finding*> found;
  for (const Finding& f : r.verdict.findings) {
    if (f.rule == "SOV-MODEL-RETIREMENT" || f.rule == "SOV-CONTRACT-END") found[{f.rule, f.target, f.discriminator}] = &f;
  }
  std::vector<Row> rows;
  for (const DatedDeparture& d : dated) {
    const CompactText& provider = r.inventory.providers[d.provider].id.value;
    const bool contract = d.kind == DatedKind::ContractEnd;
    const bool model = d.kind == DatedKind::ModelRetirement;
    const auto it = found.find({contract ? "SOV-CONTRACT-END" : "SOV-MODEL-RETIREMENT", model ? d.model : provider,
                                model ? std::string_view(provider) : std::string_view()});
    const Finding* f = it == found.end() ? nullptr : it->second;
    const std::string severity =
        f ? std::string(to_string(f->severity)) + (f->accepted ? " (accepted)" : "") : std::string("none");
    const DepartureResult& dep = d.departure;
    rows.push_back({to_string(d.date), days_cell(d), what_cell(r, d),
                    d.capabilities.empty() ? std::string("none (fallbacks only)") : capability_codes(r.inventory, d.capabilities),
                    d.capabilities.empty() ? std::string("none")
                    : d.planned            ? std::string("switch-over")
                                           : format_weeks(dep.elapsed_weeks.likely),
                    months(d.months_left),
                    months(dep.outage_months.likely), share(r, dep.value_at_risk.likely),
                    capability_codes(r.inventory, dep.broken_capabilities), severity, source_cell(d)});
  }
  table(out, {"Date", "Days left", "What", "Primary for", "Migration", "Time left", "Outage", "Value at risk", "Down",
              "Severity", "Date from"},
        rows, "dated departures");
}

}  // namespace sovaudit::md
