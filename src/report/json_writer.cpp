// The JSON report: DESIGN section 5's contract, described by schemas/report.schema.json.
// Field names are a contract with scripts: add fields, never rename them. Streamed, because the
// report of a large inventory is several times the inventory's size.
#include <cmath>
#include <sstream>

#include "json_out.hpp"
#include "simulation_sections.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

// Fixed rounding keeps reports byte-identical across platforms and free of binary noise.
double round_to(double value, double scale) { return std::round(value * scale) / scale; }
// Shares to the billionth: the precision that classifies them, so no rounded figure crosses a threshold.
double share(double v) { return round_to(v, 1e9); }
double months(double v) { return round_to(v, 1e2); }
double money(double v) { return round_to(v, 1e2); }

void estimate(JsonOut& j, std::string_view name, const Estimate& e, double (*round)(double)) {
  j.key(name).begin_object();
  j.field("low", round(e.low)).field("likely", round(e.likely)).field("high", round(e.high));
  j.end_object();
}

void estimate(JsonOut& j, std::string_view name, const std::optional<Estimate>& e, double (*round)(double)) {
  if (e) {
    estimate(j, name, *e, round);
  } else {
    j.key(name).value(nullptr);
  }
}

void optional_number(JsonOut& j, std::string_view name, const std::optional<double>& v, double (*round)(double)) {
  j.key(name);
  if (v) {
    j.value(round(*v));
  } else {
    j.value(nullptr);
  }
}

void provider_ids(JsonOut& j, std::string_view name, const Inventory& inv, const std::vector<NodeIndex>& v) {
  j.key(name).begin_array();
  for (NodeIndex i : v) j.value(inv.providers[i].id.value);
  j.end_array();
}

void capability_ids(JsonOut& j, std::string_view name, const Inventory& inv, const std::vector<NodeIndex>& v) {
  j.key(name).begin_array();
  for (NodeIndex i : v) j.value(inv.capabilities[i].id.value);
  j.end_array();
}

/// Opens a location object; the caller may add members before closing it.
void begin_location(JsonOut& j, const Report& r, SourceLoc loc) {
  j.begin_object().field("file", r.inventory.path).field("line", loc.line).field("column", loc.column);
}

void evidence_value(JsonOut& j, const Evidence& e) {
  if (!e.known) {
    j.value(nullptr);
    return;
  }
  switch (e.unit) {
    case Unit::Share:
      j.value(share(e.number));
      return;
    case Unit::Months:
    case Unit::Weeks:
    case Unit::EngineerWeeks:
      j.value(months(e.number));
      return;
    case Unit::Money:
      j.value(money(e.number));
      return;
    case Unit::Number:
      j.value(round_to(e.number, 1e4));
      return;
    case Unit::Text:
    case Unit::Date:
      if (e.items.empty()) {
        j.value(nullptr);
      } else {
        j.value(e.items.front());
      }
      return;
    case Unit::List:
    case Unit::Alternatives:
      break;
  }
  j.begin_array();
  for (const std::string_view item : e.items) j.value(item);
  j.end_array();
}

void write_departure(JsonOut& j, const Report& r, const DepartureResult& d) {
  j.field("notice_months", months(d.notice_months));
  estimate(j, "value_at_risk", d.value_at_risk, share);
  estimate(j, "value_months_at_risk", d.value_months_at_risk, months);
  estimate(j, "outage_months", d.outage_months, months);
  estimate(j, "migration_weeks", d.migration_weeks, months);
  estimate(j, "elapsed_weeks", d.elapsed_weeks, months);
  estimate(j, "effort_weeks", d.effort_weeks, months);
  estimate(j, "migration_cost", d.migration_cost, money);
  if (!d.migration_cost) j.field("migration_cost_reason", kNoEngineerWeekCost);
  capability_ids(j, "migrating_capabilities", r.inventory, d.migrating_capabilities);
  capability_ids(j, "switching_capabilities", r.inventory, d.switching_capabilities);
  capability_ids(j, "broken_capabilities", r.inventory, d.broken_capabilities);
  j.field("classification", to_string(d.classification));
}

/// One retirement or contract end: when, from where the date comes, what it stops and its departure.
void write_dated(JsonOut& j, const Report& r, const DatedDeparture& d) {
  j.begin_object();
  j.field("kind", to_string(d.kind));
  j.field("provider", r.inventory.providers[d.provider].id.value);
  j.key("model");
  if (d.kind == DatedKind::ModelRetirement) {
    j.value(d.model);
  } else {
    j.value(nullptr);
  }
  j.field("date", to_string(d.date));
  j.field("days_left", d.days_left);
  j.field("past", d.past);
  j.key("date_from").begin_object();
  if (d.lifecycle) {
    j.field("file", r.analysis.lifecycle_path).field("line", d.lifecycle->retires.loc.line);
    j.field("column", d.lifecycle->retires.loc.column).key("source");
    if (d.lifecycle->source.present) {
      j.value(d.lifecycle->source.value);
    } else {
      j.value(nullptr);
    }
  } else {
    j.field("file", r.inventory.path).field("line", d.loc.line).field("column", d.loc.column).key("source").value(nullptr);
  }
  j.end_object();
  j.field("planned", d.planned);
  capability_ids(j, "capabilities", r.inventory, d.capabilities);
  j.field("stranded_share", share(d.stranded_share));
  j.key("departure").begin_object();
  write_departure(j, r, d.departure);
  j.end_object();
  j.end_object();
}

void write_provider(JsonOut& j, const Report& r, const ProviderResult& p) {
  const Provider& provider = r.inventory.providers[p.provider];
  const DepartureResult& d = p.departure;
  const PriceShockResult& s = p.price_shock;
  j.begin_object();
  j.field("id", provider.id.value);
  j.field("name", provider.name.present ? provider.name.value : provider.id.value);
  j.field("kind", to_string(provider.kind.value));
  j.field("classification", to_string(p.classification));
  j.field("exposure", share(p.exposure));
  j.field("critical_share", share(p.critical_share));
  j.array_field("jurisdictions", p.reaching_jurisdictions);
  j.array_field("foreign_jurisdictions", p.foreign_jurisdictions);
  capability_ids(j, "critical_capabilities", r.inventory, r.analysis.capability_sets.elements(p.critical_capabilities));
  j.key("departure").begin_object();
  write_departure(j, r, d);
  j.end_object();
  j.key("price_shock").begin_object();
  j.field("multiplier", round_to(s.multiplier, 1e4));
  j.field("effective_multiplier", round_to(s.effective_multiplier, 1e4));
  j.key("price_locked_until");
  if (provider.price_locked_until.present) {
    j.value(to_string(provider.price_locked_until.value));
  } else {
    j.value(nullptr);
  }
  j.key("max_price_increase");
  if (provider.max_price_increase.present) {
    j.value(round_to(provider.max_price_increase.value, 1e4));
  } else {
    j.value(nullptr);
  }
  j.field("starts_in_months", months(s.starts_in_months));
  j.field("added_annual_cost", money(s.added_annual_cost));
  j.field("direct_added_cost", money(s.direct_added_cost));
  j.field("passthrough_added_cost", money(s.passthrough_added_cost));
  provider_ids(j, "passthrough_from", r.inventory, s.passthrough_from);
  j.key("passthrough").begin_array();
  for (const PassThrough& t : s.passthrough) {
    j.begin_object().field("provider", r.inventory.providers[t.from].id.value).field("share", share(t.share));
    j.field("added_cost", money(t.added_cost)).field("starts_in_months", months(t.starts_in_months)).end_object();
  }
  j.end_array();
  j.field("added_within_horizon", money(s.added_within_horizon));
  j.field("classified_added_cost", money(s.classified_added_cost));
  optional_number(j, "budget_share", s.budget_share, share);
  if (!s.budget_share) j.field("budget_share_reason", "set organization.annual_ai_budget: price shocks are not classified");
  optional_number(j, "cost_of_leaving", s.cost_of_leaving, money);
  if (!s.cost_of_leaving) j.field("cost_of_leaving_reason", kNoEngineerWeekCost);
  optional_number(j, "break_even_months", s.break_even_months, months);
  j.field("recommendation", to_string(s.recommendation));
  j.field("classification", to_string(s.classification));
  j.end_object();
  j.end_object();
}

void layer(JsonOut& j, std::string_view name, const LayerResult& l) {
  j.key(name).begin_object().field("status", to_string(l.status));
  j.key("jurisdictions").begin_array();
  for (const std::string_view c : l.controllers()) j.value(c);
  j.end_array();
  j.key("held_origins").begin_array();
  for (const std::string_view o : l.held_origins()) j.value(o);
  j.end_array();
  j.end_object();
}

void write_capability(JsonOut& j, const Report& r, const CapabilityResult& c) {
  const Capability& capability = r.inventory.capabilities[c.capability];
  j.begin_object();
  j.field("id", capability.id.value);
  j.field("name", capability.name.present ? capability.name.value : capability.id.value);
  j.field("value_share", share(capability.value_share.value));
  j.field("assessed", c.assessed);
  j.key("criteria_score");
  if (c.assessed) {
    j.value(c.criteria_score);
  } else {
    j.value(nullptr);
  }
  j.field("recommendation", c.assessed ? to_string(c.recommendation) : std::string_view("not-assessed"));
  j.field("sourcing", to_string(capability.sourcing.value));
  provider_ids(j, "critical_providers", r.inventory, r.analysis.sets.elements(c.critical_providers));
  j.key("layers").begin_object();
  layer(j, "data", c.data);
  layer(j, "compute", c.compute);
  layer(j, "model", c.model);
  j.end_object();
  j.key("build").begin_object();
  estimate(j, "weeks", c.build_weeks, months);
  j.field("weeks_derived", c.build_weeks_derived);
  optional_number(j, "cost", c.build_cost, money);
  if (!c.build_cost) j.field("cost_reason", kNoEngineerWeekCost);
  j.end_object();
  j.key("buy").begin_object();
  j.field("annual_spend", money(c.buy_annual_spend)).field("spend_over_horizon", money(c.buy_spend_over_horizon));
  j.end_object();
  j.end_object();
}

/// `outside` (regions) and `outside_mechanisms` (the mechanism that applies to each).
void outside(JsonOut& j, const std::vector<Destination>& destinations) {
  j.key("outside").begin_array();
  for (const Destination& d : destinations) j.value(d.region);
  j.end_array();
  j.key("outside_mechanisms").begin_object();
  for (const Destination& d : destinations) j.field(d.region, to_string(d.mechanism));
  j.end_object();
}

void write_flow(JsonOut& j, const Report& r, const FlowResult& f) {
  const DataFlow& flow = r.inventory.data_flows[f.flow];
  j.begin_object();
  j.field("id", flow.id.value).field("capability", flow.capability.value).field("provider", flow.provider.value);
  j.key("data").begin_array();
  for (const auto& d : flow.data) j.value(to_string(d.value));
  j.end_array();
  j.field("transfer_mechanism", to_string(flow.transfer_mechanism.value));
  j.key("transfer_mechanisms").begin_object();
  for (const auto& e : flow.transfer_mechanisms) j.field(e.jurisdiction.value, to_string(e.value.value));
  j.end_object();
  provider_ids(j, "processing_providers", r.inventory, f.processing_providers);
  j.array_field("processing_regions", f.processing_regions);
  j.field("regions_unknown", f.regions_unknown);
  j.array_field("allowed", f.allowed);
  outside(j, f.outside);
  provider_ids(j, "foreign_controllers", r.inventory, f.foreign_controllers);
  j.key("failover").begin_object();
  const FailoverResult& failover = f.on_failover();
  provider_ids(j, "processing_providers", r.inventory, failover.providers);
  j.array_field("processing_regions", failover.regions);
  outside(j, failover.outside);
  provider_ids(j, "foreign_controllers", r.inventory, failover.foreign_controllers);
  j.end_object();
  j.end_object();
}

void write_finding(JsonOut& j, const Report& r, const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  j.begin_object();
  j.field("rule", f.rule).field("severity", to_string(f.severity)).field("target", f.target);
  j.field("fingerprint", fingerprint(f));
  j.field("message", rule ? render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy)) : std::string());
  j.field("remediation", rule ? rule->remediation : std::string_view());
  j.key("location");
  begin_location(j, r, f.loc);
  j.end_object();
  j.key("related_locations").begin_array();
  for (const RelatedLocation& rel : f.related) {
    if (rel.artifact.empty()) {
      begin_location(j, r, rel.loc);
    } else {
      j.begin_object().field("file", rel.artifact).field("line", rel.loc.line).field("column", rel.loc.column);
    }
    j.field("role", rel.role).field("id", rel.id).end_object();
  }
  j.end_array();
  j.key("evidence").begin_object();
  for (const Evidence& e : f.evidence) {
    j.key(e.key);
    evidence_value(j, e);
  }
  j.end_object();
  j.field("accepted", f.accepted).field("baselined", f.baselined);
  if (f.baseline_state != BaselineState::None) {
    j.field("baseline_state", to_string(f.baseline_state));
    j.key("baseline_severity");
    if (f.baseline_state == BaselineState::New) j.value(nullptr);
    else j.value(to_string(f.baseline_severity));
  }
  j.key("acceptance");
  if (f.acceptance) {
    const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
    j.begin_object().field("owner", a.owner.value).field("expires", to_string(a.expires.value));
    j.field("justification", a.justification.value).end_object();
  } else {
    j.value(nullptr);
  }
  j.end_object();
}

void write_jurisdiction(JsonOut& j, const Report& r, const JurisdictionResult& result) {
  j.begin_object().field("code", result.code).field("trusted", false);
  provider_ids(j, "providers", r.inventory, result.providers);
  j.key("reach").begin_array();
  for (std::size_t i = 0; i < result.providers.size(); ++i) {
    j.begin_object().field("provider", r.inventory.providers[result.providers[i]].id.value);
    j.key("reasons").begin_array();
    if (result.reasons[i] & kReachHq) j.value("hq");
    if (result.reasons[i] & kReachParent) j.value("parent");
    if (result.reasons[i] & kReachRegion) j.value("region");
    j.end_array().end_object();
  }
  j.end_array();
  provider_ids(j, "affected_providers", r.inventory, result.affected_providers);
  capability_ids(j, "broken_capabilities", r.inventory, result.broken_capabilities);
  j.field("value_at_risk", share(result.value_at_risk)).field("classification", to_string(result.classification));
  j.end_object();
}

void write_group(JsonOut& j, const Report& r, const GroupResult& g) {
  j.begin_object().field("name", g.name).field("named_by_parent", g.named_by_parent);
  provider_ids(j, "providers", r.inventory, g.providers);
  j.field("classification", to_string(g.classification));
  j.field("critical_share", share(g.critical_share)).field("exposure", share(g.exposure));
  j.field("annual_spend", money(g.annual_spend)).field("spend_share", share(g.spend_share));
  capability_ids(j, "critical_capabilities", r.inventory, r.analysis.capability_sets.elements(g.critical_capabilities));
  j.key("departure").begin_object();
  write_departure(j, r, g.departure);
  j.end_object();
  j.end_object();
}

/// `name: [ write(element) for each element ]`.
template <class Range, class Write>
void each(JsonOut& j, std::string_view name, const Range& elements, Write write) {
  j.key(name).begin_array();
  for (const auto& element : elements) write(j, element);
  j.end_array();
}

}  // namespace

void write_json(const Report& r, TextStyle, std::ostream& out) {
  const EffectivePolicy& p = r.analysis.policy;
  const Concentration& k = r.analysis.concentration;
  JsonOut j(out);
  j.begin_object();
  j.field("schema_version", 1);
  j.key("tool").begin_object().field("name", "sovaudit").field("version", kVersion).end_object();
  j.field("as_of", to_string(r.analysis.as_of));
  j.key("inventory").begin_object();
  j.field("path", r.inventory.path).field("organization", r.inventory.organization.name.value);
  j.field("currency", r.inventory.organization.currency.value).end_object();
  j.key("summary").begin_object();
  j.field("existential", r.verdict.counts.existential).field("material", r.verdict.counts.material);
  j.field("advisory", r.verdict.counts.advisory).field("accepted", r.verdict.counts.accepted);
  j.field("baselined", r.verdict.counts.baselined);
  if (r.verdict.has_baseline) j.field("escalated", r.verdict.counts.escalated);
  j.field("gate", r.verdict.gate_failed ? "fail" : "pass").field("fail_on", to_string(r.verdict.fail_on));
  j.end_object();
  simulation_json(j, r);
  j.key("policy").begin_object();
  j.field("build_threshold", p.build_threshold);
  j.field("notice_months", months(p.notice_months));
  j.field("price_multiplier", round_to(p.price_multiplier, 1e4));
  j.field("horizon_months", months(p.horizon_months));
  j.field("existential_value_share", share(p.existential_value_share));
  j.field("material_value_share", share(p.material_value_share));
  j.field("existential_budget_share", share(p.existential_budget_share));
  j.field("material_budget_share", share(p.material_budget_share));
  j.field("drill_max_age_months", months(p.drill_max_age_months));
  j.field("min_outage_days", months(p.min_outage_days));
  optional_number(j, "annual_ai_budget", p.annual_ai_budget, money);
  // Never derived since report 1.1: a budget guessed from spends coupled every provider's class.
  j.field("annual_ai_budget_derived", false).field("budget_derived", false);
  j.field("total_annual_spend", money(p.total_annual_spend));
  optional_number(j, "engineer_week_cost", p.engineer_week_cost, money);
  j.array_field("trusted_jurisdictions", r.analysis.trusted);
  j.end_object();
  j.key("concentration").begin_object();
  j.field("largest_critical_share", share(k.largest_critical_share));
  j.key("largest_provider");
  if (k.largest_provider) {
    j.value(r.inventory.providers[*k.largest_provider].id.value);
  } else {
    j.value(nullptr);
  }
  j.field("hhi", share(k.hhi));
  j.field("largest_group_critical_share", share(k.largest_group_critical_share));
  j.key("largest_group");
  if (k.largest_group) {
    j.value(r.analysis.groups[*k.largest_group].name);
  } else if (k.largest_single_provider_group) {
    j.value(r.inventory.providers[*k.largest_single_provider_group].id.value);
  } else {
    j.value(nullptr);
  }
  j.field("group_hhi", share(k.group_hhi));
  j.field("value_with_single_point_of_failure", share(k.value_with_single_point_of_failure)).end_object();
  j.key("assumptions").begin_object();
  j.key("defaulted_passthrough").begin_array();
  for (const DefaultedPassThrough& a : r.analysis.defaulted_passthrough) {
    const Provider& provider = r.inventory.providers[a.provider];
    const UpstreamLink& link = provider.upstream[a.link];
    j.begin_object().field("provider", provider.id.value).field("upstream", link.provider.value);
    j.field("role", to_string(link.role.value)).field("share", share(a.share)).end_object();
  }
  j.end_array();
  j.end_object();
  const auto with_report = [&r](auto write) { return [&r, write](JsonOut& json, const auto& e) { write(json, r, e); }; };
  each(j, "providers", r.analysis.providers, with_report(write_provider));
  each(j, "groups", r.analysis.groups, with_report(write_group));
  each(j, "jurisdictions", r.analysis.jurisdictions, with_report(write_jurisdiction));
  each(j, "capabilities", r.analysis.capabilities, with_report(write_capability));
  each(j, "data_flows", r.analysis.flows, with_report(write_flow));
  each(j, "dated_departures", r.analysis.dated_departures, with_report(write_dated));
  each(j, "findings", r.verdict.findings, with_report(write_finding));
  if (r.verdict.has_baseline) {
    // What the baseline held that this run no longer finds: fixed, or renamed away.
    j.key("baseline_absent").begin_array();
    for (const auto& [print, gone] : r.verdict.absent) {
      j.begin_object().field("fingerprint", print).field("rule", gone.rule).field("target", gone.target);
      j.field("severity", to_string(gone.severity)).field("message", gone.message).end_object();
    }
    j.end_array();
  }
  j.field("expiring_within_days", r.verdict.expiring_within_days);
  j.key("expiring_acceptances").begin_array();
  for (const std::size_t i : r.verdict.expiring) {
    const AcceptedRisk& a = r.inventory.accepted_risks[i];
    j.begin_object().field("rule", a.rule.value).field("target", a.target.value).field("owner", a.owner.value);
    j.field("expires", to_string(a.expires.value));
    j.field("days_left", days_since_epoch(a.expires.value) - days_since_epoch(r.analysis.as_of)).end_object();
  }
  j.end_array();
  j.end_object();
  j.flush();
  out << '\n';
}

std::string render_json(const Report& r, TextStyle style) {
  std::ostringstream out;
  write_json(r, style, out);
  return std::move(out).str();
}

}  // namespace sovaudit
