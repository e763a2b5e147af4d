// The loader reads every concept of the inventory format into the model, with exact locations.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using namespace sovaudit;
using sovaudit::test::load;

namespace {

constexpr const char* kFull = R"(sovaudit: 1
organization:
  name: Acme Health
  jurisdiction: DE
  trusted_jurisdictions: [EEA, CH]
  annual_ai_budget: 1200000
  currency: EUR
  engineer_week_cost: 4000
policy:
  build_threshold: 2
  notice_months: 4
  price_multiplier: 2.5
  horizon_months: 24
  existential_value_share: 0.3
  material_value_share: 0.1
  existential_budget_share: 0.4
  material_budget_share: 0.05
  drill_max_age_months: 9
providers:
  - id: openai
    name: OpenAI API
    kind: model-api
    hq: US
    ultimate_parent: {name: Example Holdings Inc., hq: US}
    regions: [US, EU]
    annual_spend: 240000
    notice_months: 3
    open_weights: false
    substitutability: highly-complex
    exit_plan: {exists: true, tested: 2026-03-10, document: "wiki/exit-openai"}
  - id: regio-llm
    kind: hosted-model
    hq: DE
    sovereign: true
    regions: [DE]
    upstream:
      - {provider: openai, role: model, price_passthrough: 0.8}
  - id: mistral
    hq: FR
capabilities:
  - id: document-search
    value_share: 0.2
  - id: triage-assistant
    name: Triage assistant
    value_share: 0.35
    sourcing: hybrid
    criteria: {differentiating: true, proprietary_data: true, compliance: true, stable: false}
    requires: [document-search]
    needs:
      - slot: llm
        primary: {provider: regio-llm, integration: abstraction-layer, features: [fine-tuning, agents]}
        fallbacks: [{provider: mistral, tested: 2026-08-01, integration: deep}]
    migration_weeks: {low: 4, likely: 8, high: 16}
    build_weeks: 30
    engineers: 2
    evals: true
data_flows:
  - id: notes-to-llm
    capability: triage-assistant
    provider: regio-llm
    data: [health, personal]
    regions: [DE]
    allowed: [EEA]
    transfer_mechanism: scc
accepted_risks:
  - {rule: SOV-DEPARTURE, target: openai, owner: cto@acme.example, expires: 2027-03-31,
     justification: "exit plan tested; migration funded for Q2"}
)";

}  // namespace

TEST_CASE("every concept of the format is loaded", "[loader]") {
  const auto r = load(kFull);
  INFO(r.text);
  REQUIRE(r.diagnostics.all().empty());
  REQUIRE(r.parsed.complete);
  const Inventory& inv = r.parsed.inventory;

  CHECK(inv.format_version.value == 1);
  CHECK(inv.organization.name.value == "Acme Health");
  CHECK(inv.organization.jurisdiction.value == "DE");
  REQUIRE(inv.organization.trusted_jurisdictions.size() == 2);
  CHECK(inv.organization.trusted_jurisdictions[1].value == "CH");
  CHECK(inv.organization.annual_ai_budget.value == 1200000);
  CHECK(inv.organization.currency.value == "EUR");
  CHECK(inv.organization.engineer_week_cost.value == 4000);

  CHECK(inv.policy.build_threshold.value == 2);
  CHECK(inv.policy.notice_months.value == 4);
  CHECK(inv.policy.price_multiplier.value == 2.5);
  CHECK(inv.policy.horizon_months.value == 24);
  CHECK(inv.policy.existential_value_share.value == 0.3);
  CHECK(inv.policy.material_value_share.value == 0.1);
  CHECK(inv.policy.existential_budget_share.value == 0.4);
  CHECK(inv.policy.material_budget_share.value == 0.05);
  CHECK(inv.policy.drill_max_age_months.value == 9);

  REQUIRE(inv.providers.size() == 3);
  const Provider& openai = inv.providers[0];
  CHECK(openai.name.value == "OpenAI API");
  CHECK(openai.kind.value == ProviderKind::ModelApi);
  CHECK(openai.hq.value == "US");
  REQUIRE(openai.ultimate_parent);
  CHECK(openai.ultimate_parent->name.value == "Example Holdings Inc.");
  CHECK(openai.ultimate_parent->hq.value == "US");
  REQUIRE(openai.regions.size() == 2);
  CHECK(openai.regions[1].value == "EU");
  CHECK(openai.annual_spend.value == 240000);
  CHECK(openai.notice_months.present);
  CHECK(openai.notice_months.value == 3);
  CHECK(openai.open_weights.present);
  CHECK_FALSE(openai.open_weights.value);
  CHECK(openai.substitutability.value == Substitutability::HighlyComplex);
  REQUIRE(openai.exit_plan);
  CHECK(openai.exit_plan->exists.value);
  CHECK(openai.exit_plan->tested.value == Date{2026, 3, 10});
  CHECK(openai.exit_plan->document.value == "wiki/exit-openai");

  const Provider& regio = inv.providers[1];
  CHECK(regio.kind.value == ProviderKind::HostedModel);
  CHECK(regio.sovereign.value);
  REQUIRE(regio.upstream.size() == 1);
  CHECK(regio.upstream[0].provider.value == "openai");
  CHECK(regio.upstream[0].role.value == UpstreamRole::Model);
  CHECK(regio.upstream[0].price_passthrough.value == 0.8);

  REQUIRE(inv.capabilities.size() == 2);
  const Capability& triage = inv.capabilities[1];
  CHECK(triage.name.value == "Triage assistant");
  CHECK(triage.value_share.value == 0.35);
  CHECK(triage.sourcing.value == Sourcing::Hybrid);
  REQUIRE(triage.criteria);
  CHECK(triage.criteria->differentiating.value);
  CHECK(triage.criteria->proprietary_data.value);
  CHECK(triage.criteria->compliance.value);
  CHECK_FALSE(triage.criteria->stable.value);
  REQUIRE(triage.required_capabilities.size() == 1);
  CHECK(triage.required_capabilities[0].value == "document-search");
  REQUIRE(triage.needs.size() == 1);
  const Need& llm = triage.needs[0];
  CHECK(llm.slot.value == "llm");
  REQUIRE(llm.primary);
  CHECK(llm.primary->provider.value == "regio-llm");
  CHECK(llm.primary->integration.value == Integration::AbstractionLayer);
  REQUIRE(llm.primary->features.size() == 2);
  CHECK(llm.primary->features[0].value == Feature::FineTuning);
  CHECK(llm.primary->features[1].value == Feature::Agents);
  REQUIRE(llm.fallbacks.size() == 1);
  CHECK(llm.fallbacks[0].provider.value == "mistral");
  CHECK(llm.fallbacks[0].tested.value == Date{2026, 8, 1});
  CHECK(llm.fallbacks[0].integration.value == Integration::Deep);
  CHECK(triage.migration_weeks.value.low == 4);
  CHECK(triage.migration_weeks.value.likely == 8);
  CHECK(triage.migration_weeks.value.high == 16);
  CHECK(triage.build_weeks.value.low == 30);
  CHECK(triage.build_weeks.value.high == 30);
  CHECK(triage.engineers.value == 2);
  CHECK(triage.evals.value);

  REQUIRE(inv.data_flows.size() == 1);
  const DataFlow& flow = inv.data_flows[0];
  CHECK(flow.capability.value == "triage-assistant");
  CHECK(flow.provider.value == "regio-llm");
  REQUIRE(flow.data.size() == 2);
  CHECK(flow.data[0].value == DataClass::Health);
  CHECK(flow.data[1].value == DataClass::Personal);
  REQUIRE(flow.regions.size() == 1);
  CHECK(flow.regions[0].value == "DE");
  CHECK(flow.allowed[0].value == "EEA");
  CHECK(flow.transfer_mechanism.value == TransferMechanism::Scc);

  REQUIRE(inv.accepted_risks.size() == 1);
  const AcceptedRisk& risk = inv.accepted_risks[0];
  CHECK(risk.rule.value == "SOV-DEPARTURE");
  CHECK(risk.target.value == "openai");
  CHECK(risk.owner.value == "cto@acme.example");
  CHECK(risk.expires.value == Date{2027, 3, 31});
  CHECK(risk.justification.value == "exit plan tested; migration funded for Q2");
}

TEST_CASE("entities and fields keep 1-based line and column", "[loader]") {
  const auto r = load(kFull);
  const Inventory& inv = r.parsed.inventory;
  CHECK(inv.format_version.loc == SourceLoc{1, 11});
  CHECK(inv.organization.loc == SourceLoc{3, 3});
  CHECK(inv.providers_loc == SourceLoc{19, 1});
  CHECK(inv.providers[0].loc == SourceLoc{20, 5});
  CHECK(inv.providers[0].id.loc == SourceLoc{20, 9});
  CHECK(inv.providers[0].regions[1].loc == SourceLoc{25, 19});
  CHECK(inv.providers[1].upstream[0].loc == SourceLoc{37, 9});
  CHECK(inv.providers[1].upstream[0].price_passthrough.loc == SourceLoc{37, 60});
  const Capability& triage = inv.capabilities[1];
  CHECK(triage.needs[0].primary->provider.loc == SourceLoc{51, 29});
  CHECK(triage.needs[0].fallbacks[0].tested.loc == SourceLoc{52, 49});
  CHECK(triage.migration_weeks.loc == SourceLoc{53, 22});
  CHECK(inv.accepted_risks[0].expires.loc == SourceLoc{66, 77});
}

TEST_CASE("absent keys take their documented defaults", "[loader]") {
  const auto r = load(std::string(test::kHead) + R"(providers:
  - id: p
  - id: p2
capabilities:
  - id: c
    needs:
      - slot: llm
        primary: {provider: p}
        fallbacks: [{provider: p2}]
data_flows:
  - {id: f, capability: c, provider: p, data: [internal]}
)");
  INFO(r.text);
  REQUIRE(r.diagnostics.all().empty());
  const Inventory& inv = r.parsed.inventory;
  const Policy& policy = inv.policy;
  CHECK(policy.build_threshold.value == 3);
  CHECK(policy.notice_months.value == 6);
  CHECK(policy.price_multiplier.value == 3);
  CHECK(policy.horizon_months.value == 18);
  CHECK(policy.existential_value_share.value == 0.25);
  CHECK(policy.material_value_share.value == 0.05);
  CHECK(policy.existential_budget_share.value == 0.5);
  CHECK(policy.material_budget_share.value == 0.1);
  CHECK(policy.drill_max_age_months.value == 12);
  CHECK_FALSE(policy.notice_months.present);

  const Provider& p = inv.providers[0];
  CHECK(p.kind.value == ProviderKind::ModelApi);
  CHECK(p.substitutability.value == Substitutability::Medium);
  CHECK(p.annual_spend.value == 0);
  CHECK_FALSE(p.notice_months.present);
  CHECK_FALSE(p.open_weights.value);
  CHECK_FALSE(p.exit_plan);

  const Capability& c = inv.capabilities[0];
  CHECK(c.value_share.value == 0);
  CHECK(c.sourcing.value == Sourcing::Buy);
  CHECK(c.engineers.value == 1);
  CHECK_FALSE(c.evals.value);
  CHECK_FALSE(c.migration_weeks.present);
  CHECK(c.needs[0].primary->integration.value == Integration::Sdk);
  CHECK_FALSE(c.needs[0].fallbacks[0].tested.present);
  CHECK(inv.data_flows[0].transfer_mechanism.value == TransferMechanism::None);
}

TEST_CASE("migration_weeks as a single number is a zero-width range", "[loader]") {
  const auto r = load(std::string(test::kHead) + "capabilities:\n  - {id: c, migration_weeks: 6}\n");
  REQUIRE(r.diagnostics.all().empty());
  const WeeksRange w = r.parsed.inventory.capabilities[0].migration_weeks.value;
  CHECK(w.low == 6);
  CHECK(w.likely == 6);
  CHECK(w.high == 6);
}

TEST_CASE("quoted scalars are text, so quoted codes and dates are accepted", "[loader]") {
  const auto r = load(std::string(test::kHead) +
                      "providers:\n  - {id: \"p\", hq: \"NO\", exit_plan: {tested: \"2026-01-31\"}}\n");
  INFO(r.text);
  REQUIRE(r.diagnostics.all().empty());
  CHECK(r.parsed.inventory.providers[0].hq.value == "NO");
}

TEST_CASE("a UTF-8 byte order mark at the start is accepted", "[loader]") {
  const auto r = load(std::string("\xEF\xBB\xBF") + test::kHead);
  INFO(r.text);
  CHECK(r.diagnostics.all().empty());
}

TEST_CASE("a syntax error stops the checks but keeps earlier diagnostics", "[loader]") {
  const auto r = load(std::string(test::kHead) + "providers:\n  - id: p\n    nmae: x\n  - [unclosed\n");
  CHECK_FALSE(r.parsed.complete);
  // The unknown key and the syntax error; yaml-cpp's reading of `[unclosed` as the key of a map
  // is not reported, because that list never closes.
  CHECK(r.diagnostics.error_count() == 2);
  CHECK(r.text.find("unknown key 'nmae' in provider 'p' (did you mean 'name'?)") != std::string::npos);
  CHECK(r.text.find("syntax error:") != std::string::npos);
}
