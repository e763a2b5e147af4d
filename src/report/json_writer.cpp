// The JSON report: DESIGN section 5's contract, described by schemas/report.schema.json.
// Field names are a contract with scripts: add fields, never rename them.
#include <cmath>
#include <nlohmann/json.hpp>

#include "sovaudit/report.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

using nlohmann::ordered_json;

// Fixed rounding keeps reports byte-identical across platforms and free of binary noise.
double round_to(double value, double scale) { return std::round(value * scale) / scale; }
double share(double v) { return round_to(v, 1e4); }
double months(double v) { return round_to(v, 1e2); }
double money(double v) { return round_to(v, 1e2); }

ordered_json estimate(const Estimate& e, double (*round)(double)) {
  return {{"low", round(e.low)}, {"likely", round(e.likely)}, {"high", round(e.high)}};
}

ordered_json ids(const std::vector<std::string>& v) { return ordered_json(v); }

ordered_json provider_ids(const Inventory& inv, const std::vector<NodeIndex>& v) {
  ordered_json out = ordered_json::array();
  for (NodeIndex i : v) out.push_back(inv.providers[i].id.value);
  return out;
}

ordered_json capability_ids(const Inventory& inv, const std::vector<NodeIndex>& v) {
  ordered_json out = ordered_json::array();
  for (NodeIndex i : v) out.push_back(inv.capabilities[i].id.value);
  return out;
}

ordered_json location(const Report& r, SourceLoc loc) {
  return {{"file", r.inventory.path}, {"line", loc.line}, {"column", loc.column}};
}

ordered_json evidence_value(const Evidence& e) {
  switch (e.unit) {
    case Unit::Share:
      return share(e.number);
    case Unit::Months:
    case Unit::Weeks:
      return months(e.number);
    case Unit::Money:
      return money(e.number);
    case Unit::Number:
      return round_to(e.number, 1e4);
    case Unit::Text:
    case Unit::Date:
      return e.items.empty() ? ordered_json(nullptr) : ordered_json(e.items.front());
    case Unit::List:
      break;
  }
  return ordered_json(e.items);
}

ordered_json providers_json(const Report& r) {
  ordered_json out = ordered_json::array();
  for (const ProviderResult& p : r.analysis.providers) {
    const Provider& provider = r.inventory.providers[p.provider];
    const DepartureResult& d = p.departure;
    const PriceShockResult& s = p.price_shock;
    out.push_back({
        {"id", provider.id.value},
        {"name", provider.name.present ? provider.name.value : provider.id.value},
        {"kind", to_string(provider.kind.value)},
        {"classification", to_string(p.classification)},
        {"exposure", share(p.exposure)},
        {"critical_share", share(p.critical_share)},
        {"jurisdictions", ids(p.reaching_jurisdictions)},
        {"foreign_jurisdictions", ids(p.foreign_jurisdictions)},
        {"critical_capabilities", capability_ids(r.inventory, p.critical_capabilities)},
        {"departure",
         {{"notice_months", months(d.notice_months)},
          {"value_at_risk", estimate(d.value_at_risk, share)},
          {"outage_months", estimate(d.outage_months, months)},
          {"migration_weeks", estimate(d.migration_weeks, months)},
          {"migration_cost", estimate(d.migration_cost, money)},
          {"migrating_capabilities", capability_ids(r.inventory, d.migrating_capabilities)},
          {"broken_capabilities", capability_ids(r.inventory, d.broken_capabilities)},
          {"classification", to_string(d.classification)}}},
        {"price_shock",
         {{"multiplier", round_to(s.multiplier, 1e4)},
          {"added_annual_cost", money(s.added_annual_cost)},
          {"direct_added_cost", money(s.direct_added_cost)},
          {"passthrough_added_cost", money(s.passthrough_added_cost)},
          {"passthrough_from", provider_ids(r.inventory, s.passthrough_from)},
          {"budget_share", share(s.budget_share)},
          {"cost_of_leaving", money(s.cost_of_leaving)},
          {"break_even_months", s.break_even_months ? ordered_json(months(*s.break_even_months)) : ordered_json(nullptr)},
          {"recommendation", to_string(s.recommendation)},
          {"classification", to_string(s.classification)}}},
    });
  }
  return out;
}

ordered_json layer(const LayerResult& l) { return {{"status", to_string(l.status)}, {"jurisdictions", ids(l.jurisdictions)}}; }

ordered_json capabilities_json(const Report& r) {
  ordered_json out = ordered_json::array();
  for (const CapabilityResult& c : r.analysis.capabilities) {
    const Capability& capability = r.inventory.capabilities[c.capability];
    out.push_back({
        {"id", capability.id.value},
        {"name", capability.name.present ? capability.name.value : capability.id.value},
        {"value_share", share(capability.value_share.value)},
        {"criteria_score", c.criteria_score},
        {"recommendation", to_string(c.recommendation)},
        {"sourcing", to_string(capability.sourcing.value)},
        {"critical_providers", provider_ids(r.inventory, c.critical_providers)},
        {"layers", {{"data", layer(c.data)}, {"compute", layer(c.compute)}, {"model", layer(c.model)}}},
        {"build",
         {{"weeks", estimate(c.build_weeks, months)},
          {"weeks_derived", c.build_weeks_derived},
          {"cost", money(c.build_cost)}}},
        {"buy", {{"annual_spend", money(c.buy_annual_spend)}, {"spend_over_horizon", money(c.buy_spend_over_horizon)}}},
    });
  }
  return out;
}

ordered_json flows_json(const Report& r) {
  ordered_json out = ordered_json::array();
  for (const FlowResult& f : r.analysis.flows) {
    const DataFlow& flow = r.inventory.data_flows[f.flow];
    ordered_json data = ordered_json::array();
    for (const auto& d : flow.data) data.push_back(to_string(d.value));
    out.push_back({
        {"id", flow.id.value},
        {"capability", flow.capability.value},
        {"provider", flow.provider.value},
        {"data", data},
        {"transfer_mechanism", to_string(flow.transfer_mechanism.value)},
        {"processing_providers", provider_ids(r.inventory, f.processing_providers)},
        {"processing_regions", ids(f.processing_regions)},
        {"regions_unknown", f.regions_unknown},
        {"allowed", ids(f.allowed)},
        {"outside", ids(f.outside)},
        {"foreign_controllers", provider_ids(r.inventory, f.foreign_controllers)},
    });
  }
  return out;
}

ordered_json findings_json(const Report& r) {
  ordered_json out = ordered_json::array();
  for (const Finding& f : r.verdict.findings) {
    const RuleInfo* rule = r.rules.rule(f.rule);
    ordered_json evidence = ordered_json::object();
    for (const Evidence& e : f.evidence) evidence[std::string(e.key)] = evidence_value(e);
    ordered_json related = ordered_json::array();
    for (const RelatedLocation& rel : f.related) {
      ordered_json l = location(r, rel.loc);
      l["role"] = rel.role;
      l["id"] = rel.id;
      related.push_back(std::move(l));
    }
    ordered_json acceptance = nullptr;
    if (f.acceptance) {
      const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
      acceptance = {{"owner", a.owner.value}, {"expires", to_string(a.expires.value)},
                    {"justification", a.justification.value}};
    }
    out.push_back({
        {"rule", f.rule},
        {"severity", to_string(f.severity)},
        {"target", f.target},
        {"message", rule ? render_message(f, *rule, r.inventory) : std::string()},
        {"remediation", rule ? std::string(rule->remediation) : std::string()},
        {"location", location(r, f.loc)},
        {"related_locations", related},
        {"evidence", evidence},
        {"accepted", f.accepted},
        {"acceptance", acceptance},
    });
  }
  return out;
}

}  // namespace

std::string render_json(const Report& r, TextStyle) {
  const EffectivePolicy& p = r.analysis.policy;
  const Concentration& k = r.analysis.concentration;
  ordered_json jurisdictions = ordered_json::array();
  for (const JurisdictionResult& j : r.analysis.jurisdictions) {
    jurisdictions.push_back({
        {"code", j.code},
        {"trusted", false},
        {"providers", provider_ids(r.inventory, j.providers)},
        {"affected_providers", provider_ids(r.inventory, j.affected_providers)},
        {"broken_capabilities", capability_ids(r.inventory, j.broken_capabilities)},
        {"value_at_risk", share(j.value_at_risk)},
        {"classification", to_string(j.classification)},
    });
  }
  const ordered_json report = {
      {"schema_version", 1},
      {"tool", {{"name", "sovaudit"}, {"version", kVersion}}},
      {"as_of", to_string(r.analysis.as_of)},
      {"inventory",
       {{"path", r.inventory.path},
        {"organization", r.inventory.organization.name.value},
        {"currency", r.inventory.organization.currency.value}}},
      {"summary",
       {{"existential", r.verdict.counts.existential},
        {"material", r.verdict.counts.material},
        {"advisory", r.verdict.counts.advisory},
        {"accepted", r.verdict.counts.accepted},
        {"gate", r.verdict.gate_failed ? "fail" : "pass"},
        {"fail_on", to_string(r.verdict.fail_on)}}},
      {"policy",
       {{"build_threshold", p.build_threshold},
        {"notice_months", months(p.notice_months)},
        {"price_multiplier", round_to(p.price_multiplier, 1e4)},
        {"horizon_months", months(p.horizon_months)},
        {"existential_value_share", share(p.existential_value_share)},
        {"material_value_share", share(p.material_value_share)},
        {"existential_budget_share", share(p.existential_budget_share)},
        {"material_budget_share", share(p.material_budget_share)},
        {"drill_max_age_months", months(p.drill_max_age_months)},
        {"annual_ai_budget", money(p.annual_ai_budget)},
        {"annual_ai_budget_derived", p.budget_derived},
        {"engineer_week_cost", money(p.engineer_week_cost)},
        {"trusted_jurisdictions", ids(r.analysis.trusted)}}},
      {"concentration",
       {{"largest_critical_share", share(k.largest_critical_share)},
        {"largest_provider",
         k.largest_provider ? ordered_json(r.inventory.providers[*k.largest_provider].id.value) : ordered_json(nullptr)},
        {"hhi", share(k.hhi)}}},
      {"providers", providers_json(r)},
      {"jurisdictions", jurisdictions},
      {"capabilities", capabilities_json(r)},
      {"data_flows", flows_json(r)},
      {"findings", findings_json(r)},
  };
  // Invalid UTF-8 cannot reach here (the loader refuses it); replace anyway rather than throw.
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace sovaudit
