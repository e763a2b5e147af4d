// SOV-MODEL-RETIREMENT and SOV-CONTRACT-END: a dated departure the capabilities cannot meet, or
// one already past that they still depend on (docs/scoring.md, "Dated departures").
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr std::string_view kSeverities =
    "as departures: existential when value at risk (likely) >= existential_value_share, material when >= "
    "material_value_share; at least material when some capability has no ready fallback that outlives the "
    "date, advisory when every one switches to such a fallback. Once the date has passed: existential when "
    "the value share left without such a fallback (with what requires it) >= existential_value_share, else material";

constexpr RuleInfo kRules[] = {
    {
        "SOV-MODEL-RETIREMENT",
        "ModelRetirement",
        "A model version retires before the capabilities on it can move",
        "Model APIs retire versions on dates they announce months ahead. On that day every capability whose "
        "primary calls the model stops unless it has moved: the departure scenario with the time left as "
        "its notice. A fallback counts only if it is ready and served past the date itself. A date already "
        "past means the inventory says a capability still runs on a model that is gone.",
        "Migrate to the successor model before the date (test it against the capability's evaluations), or "
        "keep a fallback tested within the drill age that outlives the date. Record the new model and its "
        "retirement in the inventory.",
        "{target} {state} on {date} ({notice_months} left), used by {primary_for} at {provider}; moving off it takes "
        "{elapsed_weeks} ({effort_weeks} of effort), so {value_at_risk} of core value would be down for up to "
        "{outage_months}",
        kSeverities,
        "departure,lifecycle,resilience",
        Severity::Existential,
        TargetKind::Model,
        "capabilities,providers",
    },
    {
        "SOV-CONTRACT-END",
        "ContractEnd",
        "A provider's contract ends before the capabilities on it can move",
        "A contract that ends without renewing is a departure on a known day: every capability whose "
        "primary is the provider must have moved by then, or it stops. The departure scenario is run with "
        "the time left as its notice; fallbacks that are gone by the date do not count.",
        "Renew or extend the contract (and record renews_automatically), or migrate before the date; keep "
        "a tested fallback that outlives it.",
        "the contract with {target} {state} on {date} ({notice_months} left) and does not renew; moving "
        "{primary_for} off it takes {elapsed_weeks} ({effort_weeks} of effort), so {value_at_risk} of core "
        "value would be down for up to {outage_months}",
        kSeverities,
        "departure,lifecycle,contract,resilience",
        Severity::Existential,
        TargetKind::Provider,
        "capabilities,providers",
    },
};

/// The severity of a dated departure (kSeverities), or none when nothing depends on it.
std::optional<Severity> dated_severity(const DatedDeparture& d, const EffectivePolicy& policy) {
  if (d.capabilities.empty()) return std::nullopt;
  if (d.past) {
    return d.stranded_share >= policy.existential_value_share ? Severity::Existential : Severity::Material;
  }
  const std::optional<Severity> by_value = severity_of(d.departure.classification);
  if (by_value) return by_value;
  return d.planned ? Severity::Advisory : Severity::Material;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const DatedDeparture& d : ctx.analysis.dated_departures) {
    const auto severity = dated_severity(d, ctx.analysis.policy);
    if (!severity) continue;
    const Provider& provider = ctx.inventory.providers[d.provider];
    const bool contract = d.kind == DatedKind::ContractEnd;
    const bool model = d.kind == DatedKind::ModelRetirement;
    Finding f = make_finding(kRules[contract ? 1 : 0], *severity, model ? d.model : provider.id.value, d.loc);
    if (model) f.discriminator = provider.id.value;  // one model can be served by two providers
    const DepartureResult& r = d.departure;
    f.evidence = evidence_of(
        evidence_text("kind", std::string(to_string(d.kind))),
        evidence_text("provider", provider.id.value),
        evidence_text("state", contract ? (d.past ? "ended" : "ends") : (d.past ? "retired" : "retires")),
        evidence_date("date", d.date),
        evidence_number("days_left", Unit::Number, static_cast<double>(d.days_left)),
        evidence_number("notice_months", Unit::Months, d.months_left),
        evidence_list("primary_for", capability_ids(ctx.inventory, d.capabilities)),
        evidence_number("value_at_risk", Unit::Share, r.value_at_risk.likely),
        evidence_number("value_at_risk_low", Unit::Share, r.value_at_risk.low),
        evidence_number("value_at_risk_high", Unit::Share, r.value_at_risk.high),
        evidence_number("value_months_at_risk", Unit::Number, r.value_months_at_risk.likely),
        evidence_number("outage_months", Unit::Months, r.outage_months.likely),
        evidence_number("outage_months_high", Unit::Months, r.outage_months.high),
        evidence_number("elapsed_weeks", Unit::Weeks, r.elapsed_weeks.likely),
        evidence_number("effort_weeks", Unit::EngineerWeeks, r.effort_weeks.likely),
        evidence_cost("migration_cost", r.migration_cost ? std::optional<double>(r.migration_cost->likely) : std::nullopt),
        evidence_number("stranded_share", Unit::Share, d.stranded_share),
        evidence_list("broken_capabilities", capability_ids(ctx.inventory, r.broken_capabilities)));
    // A provider retired as a whole takes every model it serves; a contract end names no model.
    if (!contract) f.evidence.insert(f.evidence.begin() + 1, evidence_text("model", model ? d.model : "every model"));
    if (d.lifecycle) {
      f.evidence.push_back(evidence_text("date_source", d.lifecycle->source.present ? d.lifecycle->source.value : ""));
      const std::string& path = ctx.analysis.lifecycle_path;
      f.related.push_back({d.lifecycle->retires.loc, "lifecycle", d.lifecycle->name.value, path});
    }
    for (NodeIndex c : d.capabilities) {
      const Capability& capability = ctx.inventory.capabilities[c];
      f.related.push_back({capability.id.loc, "capability", capability.id.value});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_dated_departure_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
