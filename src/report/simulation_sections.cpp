// The confidence section: P50 and P90 of every sampled departure figure, the probability of being
// existential, and the sample count and seed that reproduce them.
#include <fmt/format.h>

#include "markdown_support.hpp"
#include "simulation_sections.hpp"

namespace sovaudit {
namespace {

std::string money(const Report& r, double amount) { return format_money(amount, r.inventory.organization.currency.value); }

std::string range(const Percentiles& p, std::string (*show)(double)) { return show(p.p50) + " / " + show(p.p90); }

std::string share(double v) { return format_share(v); }
std::string months(double v) { return fmt::format("{:.1f}", v); }
std::string value_months(double v) { return fmt::format("{:.2f}", v); }
std::string probability(double v) { return fmt::format("{:.3f}", v); }

std::string cost_range(const Report& r, const SimulatedDeparture& d) {
  return d.migration_cost ? money(r, d.migration_cost->p50) + " / " + money(r, d.migration_cost->p90) : "unknown";
}

/// `text` cut to at most `width` bytes with a trailing '~', never inside a UTF-8 sequence.
std::string shortened(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text;
  std::size_t cut = width - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "~";
}

template <class Each>
void for_each_subject(const Simulation& s, Each each) {
  for (const SimulatedDeparture& d : s.providers) each(d);
  for (const SimulatedDeparture& d : s.groups) each(d);
}

std::string gate_sentence(const Simulation& s) {
  if (!s.fail_on_probability) return {};
  return fmt::format("--fail-on-probability {}: {}", probability(*s.fail_on_probability),
                     probability_gate_trips(s) ? "tripped (a provider or group is existential at least that often)"
                                               : "passed");
}

}  // namespace

std::string simulation_settings(const Report& r) {
  if (!r.simulation) return {};
  return fmt::format("{} samples, seed {}", r.simulation->samples, r.simulation->seed);
}

void write_simulation_terminal(const Report& r, std::string& out) {
  if (!r.simulation) return;
  const Simulation& s = *r.simulation;
  out += fmt::format("\nConfidence ({}; P50 / P90; PERT over each capability's estimate)\n", simulation_settings(r));
  if (s.providers.empty() && s.groups.empty()) {
    out += "  No departure forces a migration or a switch-over: nothing to sample.\n";
    if (const std::string gate = gate_sentence(s); !gate.empty()) out += "  " + gate + "\n";
    return;
  }
  out += fmt::format("  {:<22} {:>8} {:>13} {:>15} {:>13}  {}\n", "provider or group", "P(exist)", "outage mo",
                     "value at risk", "value-months", "migration cost");
  for_each_subject(s, [&](const SimulatedDeparture& d) {
    const std::string name = (d.group ? "group " : "") + terminal_safe(d.id);
    out += fmt::format("  {:<22} {:>8} {:>13} {:>15} {:>13}  {}\n", shortened(name, 22),
                       probability(d.probability_existential), range(d.outage_months, months),
                       range(d.value_at_risk, share), range(d.value_months_at_risk, value_months), cost_range(r, d));
  });
  if (const std::string gate = gate_sentence(s); !gate.empty()) out += "  " + gate + "\n";
}

void simulation_markdown(StreamedText& out, const Report& r) {
  if (!r.simulation) return;
  const Simulation& s = *r.simulation;
  out += "## Confidence\n\n";
  out += fmt::format("Each capability's migration weeks sampled from a PERT distribution over its low, likely and high "
                     "estimates ({}); every departure re-scored per sample. Cells read P50 / P90.\n\n",
                     simulation_settings(r));
  std::vector<md::Row> rows;
  for_each_subject(s, [&](const SimulatedDeparture& d) {
    rows.push_back({d.group ? "group" : "provider", d.group ? markdown_text(d.id) : md::code(d.id),
                    probability(d.probability_existential), range(d.outage_months, months),
                    range(d.value_at_risk, share), range(d.value_months_at_risk, value_months), cost_range(r, d)});
  });
  if (rows.empty()) {
    out += "No departure forces a migration or a switch-over: nothing to sample.\n\n";
  } else {
    md::table(out, {"Subject", "Id", "P(existential)", "Outage months", "Value at risk", "Value-months", "Migration cost"},
              rows, "providers and groups");
  }
  if (const std::string gate = gate_sentence(s); !gate.empty()) out += "`" + gate.substr(0, gate.find(':')) + "`" + gate.substr(gate.find(':')) + ".\n\n";
}

void simulation_json(JsonOut& j, const Report& r) {
  if (!r.simulation) return;
  j.key("simulation");
  const Simulation& s = *r.simulation;
  j.begin_object().field("samples", s.samples).field("seed", s.seed).field("distribution", "pert");
  j.key("fail_on_probability");
  s.fail_on_probability ? j.value(*s.fail_on_probability) : j.value(nullptr);
  j.field("gate_tripped", probability_gate_trips(s));
  const auto percentiles = [&](std::string_view name, const Percentiles& p) {
    j.key(name).begin_object().field("p50", p.p50).field("p90", p.p90).end_object();
  };
  const auto subjects = [&](std::string_view name, const std::vector<SimulatedDeparture>& list) {
    j.key(name).begin_array();
    for (const SimulatedDeparture& d : list) {
      j.begin_object().field("id", d.id).field("probability_existential", d.probability_existential);
      percentiles("outage_months", d.outage_months);
      percentiles("value_at_risk", d.value_at_risk);
      percentiles("value_months_at_risk", d.value_months_at_risk);
      if (d.migration_cost) {
        percentiles("migration_cost", *d.migration_cost);
      } else {
        j.key("migration_cost").value(nullptr);
      }
      j.end_object();
    }
    j.end_array();
  };
  subjects("providers", s.providers);
  subjects("groups", s.groups);
  j.end_object();
}

}  // namespace sovaudit
