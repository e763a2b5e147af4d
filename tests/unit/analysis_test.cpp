// Hand-computed analyses on small inventories: every number below is derived in the comments.
#include <catch2/catch.hpp>

#include "scenario.hpp"

using namespace sovaudit;
using sovaudit::test::capability_names;
using sovaudit::test::provider_names;
using sovaudit::test::run_scenario;
using Catch::Matchers::WithinAbs;

namespace {

constexpr double kEps = 1e-9;

// p is the only provider of a; b requires a and uses q; c can fall back from p to q.
constexpr const char* kDeparture = R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, engineer_week_cost: 1000}
policy: {notice_months: 2}
providers:
  - {id: p, hq: DE, notice_months: 1}
  - {id: q, hq: DE}
capabilities:
  - id: a
    value_share: 0.3
    needs: [{slot: llm, primary: {provider: p}}]
    migration_weeks: {low: 2, likely: 8, high: 26}
    engineers: 2
  - id: b
    value_share: 0.2
    requires: [a]
    needs: [{slot: s, primary: {provider: q}}]
  - id: c
    value_share: 0.1
    needs: [{slot: llm, primary: {provider: p}, fallbacks: [{provider: q, tested: 2026-10-01}]}]
)";

}  // namespace

TEST_CASE("single points of failure: union over AND, intersection over ready OR", "[analysis]") {
  const auto s = run_scenario(kDeparture);
  // a needs p alone; b needs q and (through a) p; c's slot has p or q, so neither alone stops it.
  CHECK(provider_names(s->inventory(), s->analysis.sets.elements(s->analysis.sets.capability_critical[0])) == std::vector<std::string>{"p"});
  CHECK(provider_names(s->inventory(), s->analysis.sets.elements(s->analysis.sets.capability_critical[1])) == std::vector<std::string>{"p", "q"});
  CHECK(s->analysis.sets.capability_critical[2].empty());
  CHECK_THAT(s->provider("p").critical_share, WithinAbs(0.5, kEps));  // a + b
  CHECK_THAT(s->provider("q").critical_share, WithinAbs(0.2, kEps));  // b
  CHECK_THAT(s->provider("p").exposure, WithinAbs(0.6, kEps));        // a, b (via a), c
  CHECK_THAT(s->provider("q").exposure, WithinAbs(0.3, kEps));        // b, c (fallback)
  // Concentration: largest 0.5 (p); HHI = Σ critical share² = 0.5² + 0.2² = 0.29 (not normalised,
  // so a fallback that removes a single point of failure can only lower it).
  CHECK(s->analysis.concentration.largest_provider == 0u);
  CHECK_THAT(s->analysis.concentration.hhi, WithinAbs(0.29, kEps));
  CHECK_THAT(s->analysis.concentration.value_with_single_point_of_failure, WithinAbs(0.5, kEps));  // a, b
}

TEST_CASE("departure: low, likely and high, with a capability broken only through requires", "[analysis]") {
  const auto s = run_scenario(kDeparture);
  const DepartureResult& d = s->provider("p").departure;
  CHECK(d.notice_months == 1);  // the contract's, not the policy's 2
  CHECK(capability_names(s->inventory(), d.migrating_capabilities) == std::vector<std::string>{"a"});
  // c only switches to its tested fallback q: 1 week x 1.5 without evals = 1.5 (1.125 / 3).
  CHECK(capability_names(s->inventory(), d.switching_capabilities) == std::vector<std::string>{"c"});
  // a's weeks 2 / 8 / 26 become 0.46 / 1.85 / 6.0 months; minus one month of notice.
  CHECK_THAT(d.outage_months.low, WithinAbs(0, kEps));
  CHECK_THAT(d.outage_months.likely, WithinAbs(8 * 12.0 / 52 - 1, kEps));
  CHECK_THAT(d.outage_months.high, WithinAbs(26 * 12.0 / 52 - 1, kEps));
  // With an outage, a is down and so is b, which requires a: 0.3 + 0.2.
  CHECK_THAT(d.value_at_risk.low, WithinAbs(0, kEps));
  CHECK_THAT(d.value_at_risk.likely, WithinAbs(0.5, kEps));
  CHECK_THAT(d.value_at_risk.high, WithinAbs(0.5, kEps));
  CHECK(capability_names(s->inventory(), d.broken_capabilities) == std::vector<std::string>{"a", "b"});
  // Value-months: a and b are both down for 8 x 12/52 - 1 = 0.846 months: 0.5 x 0.846.
  CHECK_THAT(d.value_months_at_risk.likely, WithinAbs(0.5 * (8 * 12.0 / 52 - 1), kEps));
  // Time is the longer exit (a's 8 weeks); effort sums engineer-weeks: 8 x 2 + 1.5 x 1.
  CHECK_THAT(d.elapsed_weeks.likely, WithinAbs(8, kEps));
  CHECK_THAT(d.effort_weeks.likely, WithinAbs(17.5, kEps));
  // effort x 1000: a's 2 / 8 / 26 weeks x 2 engineers plus c's switch-over 1.125 / 1.5 / 3.
  REQUIRE(d.migration_cost);
  CHECK_THAT(d.migration_cost->low, WithinAbs(4000 + 1125, kEps));
  CHECK_THAT(d.migration_cost->likely, WithinAbs(16000 + 1500, kEps));
  CHECK_THAT(d.migration_cost->high, WithinAbs(52000 + 3000, kEps));
  CHECK(d.classification == Classification::Existential);  // 0.5 >= 0.25
}

TEST_CASE("departure with a derived estimate: sdk, no evals", "[analysis]") {
  const auto s = run_scenario(kDeparture);
  const DepartureResult& d = s->provider("q").departure;
  CHECK(d.notice_months == 2);  // the policy's
  // b's slot: sdk 6 weeks x 1.5 without evals = 9 likely; low 0.75x = 6.75, high 2x = 18.
  CHECK_THAT(d.migration_weeks.low, WithinAbs(6.75, kEps));
  CHECK_THAT(d.migration_weeks.likely, WithinAbs(9, kEps));
  CHECK_THAT(d.migration_weeks.high, WithinAbs(18, kEps));
  // 9 weeks = 2.077 months, just over the 2 months of notice: an outage of 0.077 months, 2.3 days,
  // below the default min_outage_days of 7, so it puts no value at risk.
  CHECK_THAT(d.outage_months.likely, WithinAbs(9 * 12.0 / 52 - 2, kEps));
  CHECK_THAT(d.value_at_risk.likely, WithinAbs(0, kEps));
  // 18 weeks (high) = 4.15 months: 2.15 months down, b counts.
  CHECK_THAT(d.value_at_risk.high, WithinAbs(0.2, kEps));
  REQUIRE(d.migration_cost);
  CHECK_THAT(d.migration_cost->likely, WithinAbs(9000, kEps));  // 1 engineer by default
  CHECK(d.classification == Classification::Acceptable);

  // With min_outage_days 0 every positive outage counts: 0.2, material.
  std::string counting(kDeparture);
  counting.replace(counting.find("policy: {notice_months: 2}"), 26, "policy: {notice_months: 2, min_outage_days: 0}");
  const auto t = run_scenario(counting);
  CHECK_THAT(t->provider("q").departure.value_at_risk.likely, WithinAbs(0.2, kEps));
  CHECK(t->provider("q").departure.classification == Classification::Material);
}

TEST_CASE("price shock with a two-level pass-through chain and break-even", "[analysis]") {
  const auto s = run_scenario(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, annual_ai_budget: 1000000, engineer_week_cost: 2000}
policy: {price_multiplier: 3, horizon_months: 12}
providers:
  - {id: base, hq: DE, annual_spend: 100000}
  - {id: mid, hq: DE, annual_spend: 50000, upstream: [{provider: base, price_passthrough: 0.5}]}
  - id: top
    hq: DE
    annual_spend: 20000
    upstream: [{provider: mid, price_passthrough: 0.8}, {provider: base, price_passthrough: 0.3}]
capabilities:
  - id: app
    value_share: 0.4
    needs: [{slot: llm, primary: {provider: top}}]
    migration_weeks: 10
    engineers: 3
)");
  const PriceShockResult& base = s->provider("base").price_shock;
  // Own: 100000 x 2. From mid: 50000 x 0.5 x 2 = 50000. From top: its two paths add, since both
  // are parts of top's price: 0.8 x 0.5 = 0.4 through mid plus 0.3 directly = 0.7, so
  // 20000 x 0.7 x 2 = 28000.
  CHECK_THAT(base.direct_added_cost, WithinAbs(200000, kEps));
  CHECK_THAT(base.passthrough_added_cost, WithinAbs(78000, kEps));
  CHECK_THAT(base.added_annual_cost, WithinAbs(278000, kEps));
  REQUIRE(base.budget_share);
  CHECK_THAT(*base.budget_share, WithinAbs(0.278, kEps));
  CHECK(provider_names(s->inventory(), base.passthrough_from) == std::vector<std::string>{"mid", "top"});
  // Leaving base moves app (its primary top runs on base): 10 weeks x 3 x 2000 = 60000, the same
  // figure as base's departure cost.
  REQUIRE(base.cost_of_leaving);
  CHECK_THAT(*base.cost_of_leaving, WithinAbs(60000, kEps));
  CHECK_THAT(s->provider("base").departure.migration_cost->likely, WithinAbs(60000, kEps));
  // 60000 / (278000 / 12) = 2.59 months < 12: migrate.
  REQUIRE(base.break_even_months);
  CHECK_THAT(*base.break_even_months, WithinAbs(60000 / (278000 / 12.0), kEps));
  CHECK(base.recommendation == Recommendation::Migrate);
  CHECK(base.classification == Classification::Material);  // 0.1 <= 0.266 < 0.5

  const PriceShockResult& mid = s->provider("mid").price_shock;
  CHECK_THAT(mid.added_annual_cost, WithinAbs(100000 + 20000 * 0.8 * 2, kEps));
  const PriceShockResult& top = s->provider("top").price_shock;
  // 40000 added; 60000 / (40000 / 12) = 18 months, not under the 12-month horizon: absorb.
  CHECK_THAT(top.added_annual_cost, WithinAbs(40000, kEps));
  CHECK_THAT(*top.break_even_months, WithinAbs(18, kEps));
  CHECK(top.recommendation == Recommendation::Absorb);
  CHECK(top.classification == Classification::Acceptable);
}

TEST_CASE("jurisdiction switch-off: a ready fallback saves one capability, a stale one does not", "[analysis]") {
  const auto s = run_scenario(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, trusted_jurisdictions: [EU]}
providers:
  - {id: us-api, hq: US, regions: [US]}
  - {id: eu-api, hq: FR, regions: [FR]}
  - {id: eu-reseller, hq: DE, regions: [DE], ultimate_parent: {name: Parent Inc., hq: US}}
  - {id: stale-alt, hq: FR, regions: [FR]}
capabilities:
  - id: survives
    value_share: 0.3
    needs: [{slot: llm, primary: {provider: us-api}, fallbacks: [{provider: eu-api, tested: 2026-09-01}]}]
  - id: dies
    value_share: 0.25
    needs: [{slot: llm, primary: {provider: us-api}, fallbacks: [{provider: stale-alt, tested: 2024-01-01}]}]
  - id: dies-too
    value_share: 0.1
    needs: [{slot: llm, primary: {provider: eu-reseller}}]
)");
  REQUIRE(s->analysis.jurisdictions.size() == 1);
  const JurisdictionResult& us = s->analysis.jurisdictions[0];
  CHECK(us.code == "US");
  CHECK(provider_names(s->inventory(), us.providers) == std::vector<std::string>{"us-api", "eu-reseller"});
  CHECK(capability_names(s->inventory(), us.broken_capabilities) == std::vector<std::string>{"dies", "dies-too"});
  CHECK_THAT(us.value_at_risk, WithinAbs(0.35, kEps));
  CHECK(us.classification == Classification::Existential);
  REQUIRE(s->findings("SOV-JURISDICTION", "US").size() == 1);

  // Layers: survives runs its data in the US on a US company's model and servers.
  const CapabilityResult& survives = s->capability("survives");
  CHECK(survives.data.status == LayerStatus::Foreign);
  CHECK(survives.data.jurisdictions == std::vector<std::string>{"US"});
  CHECK(survives.compute.status == LayerStatus::Foreign);
  CHECK(survives.model.status == LayerStatus::Foreign);
  // dies-too keeps data in Germany, but its provider's parent is American.
  const CapabilityResult& reseller = s->capability("dies-too");
  CHECK(reseller.data.status == LayerStatus::Trusted);
  CHECK(reseller.compute.status == LayerStatus::Foreign);
  CHECK(reseller.compute.jurisdictions == std::vector<std::string>{"DE", "US"});
}

TEST_CASE("a residency breach that comes only through an upstream provider's region", "[analysis]") {
  const auto s = run_scenario(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, trusted_jurisdictions: [EEA]}
providers:
  - {id: model-us, hq: US, regions: [US]}
  - {id: reseller, hq: DE, regions: [DE], sovereign: true, upstream: [{provider: model-us, role: model}]}
  - {id: licensed, hq: DE, regions: [DE], upstream: [{provider: model-us, role: weights}]}
capabilities:
  - id: c
    needs: [{slot: a, primary: {provider: reseller}}, {slot: b, primary: {provider: licensed}}]
data_flows:
  - {id: via-reseller, capability: c, provider: reseller, data: [health]}
  - {id: via-licence, capability: c, provider: licensed, data: [health]}
)");
  const FlowResult& f = s->analysis.flows[0];
  CHECK(provider_names(s->inventory(), f.processing_providers) == std::vector<std::string>{"model-us", "reseller"});
  CHECK(f.processing_regions == std::vector<std::string>{"DE", "US"});
  CHECK(f.allowed == std::vector<std::string>{"DE", "EEA"});  // default: the organisation and its trusted set
  REQUIRE(f.outside.size() == 1);
  CHECK(f.outside[0].region == "US");
  CHECK(provider_names(s->inventory(), f.outside[0].providers) == std::vector<std::string>{"model-us"});
  CHECK(f.outside[0].mechanism == TransferMechanism::None);
  const auto breach = s->findings("SOV-RESIDENCY", "via-reseller");
  REQUIRE(breach.size() == 1);
  CHECK(breach[0]->severity == Severity::Existential);  // health data
  CHECK(breach[0]->loc == SourceLoc{11, 49});           // the flow's provider reference
  // A licensed model runs at the licensee: no data reaches model-us.
  const FlowResult& g = s->analysis.flows[1];
  CHECK(g.outside.empty());
  CHECK(s->findings("SOV-RESIDENCY", "via-licence").empty());
  // The reseller is marketed as sovereign but runs on a US model.
  REQUIRE(s->findings("SOV-HIDDEN-DEPENDENCY", "reseller").size() == 1);
}

TEST_CASE("criteria score and build/buy mismatches, with build estimate against buy spend", "[analysis]") {
  const auto s = run_scenario(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, engineer_week_cost: 1000}
policy: {horizon_months: 24}
providers: [{id: p, hq: DE, annual_spend: 60000}]
capabilities:
  - id: core
    value_share: 0.3
    sourcing: buy
    criteria: {differentiating: true, proprietary_data: true, compliance: true, stable: true}
    needs: [{slot: s, primary: {provider: p}}]
    build_weeks: {low: 10, likely: 20, high: 40}
    engineers: 2
  - id: commodity
    value_share: 0.1
    sourcing: build
    criteria: {differentiating: false}
    needs: [{slot: s, primary: {provider: p}}]
)");
  const CapabilityResult& core = s->capability("core");
  CHECK(core.criteria_score == 4);
  CHECK(core.recommendation == Sourcing::Build);
  REQUIRE(core.build_cost);
  CHECK_THAT(*core.build_cost, WithinAbs(20 * 2 * 1000, kEps));
  // p's 60000 split by value share 0.3 : 0.1, then times 24 / 12.
  CHECK_THAT(core.buy_annual_spend, WithinAbs(45000, kEps));
  CHECK_THAT(core.buy_spend_over_horizon, WithinAbs(90000, kEps));
  const auto buy = s->findings("SOV-SOURCING-BUY", "core");
  REQUIRE(buy.size() == 1);
  CHECK(buy[0]->severity == Severity::Material);

  const CapabilityResult& commodity = s->capability("commodity");
  CHECK(commodity.criteria_score == 0);
  CHECK(commodity.recommendation == Sourcing::Buy);
  CHECK(commodity.build_weeks_derived);
  REQUIRE(commodity.build_cost);
  CHECK_THAT(*commodity.build_cost, WithinAbs(26 * 1 * 1000, kEps));  // default 26 weeks, 1 engineer
  CHECK_THAT(commodity.buy_spend_over_horizon, WithinAbs(30000, kEps));
  const auto build = s->findings("SOV-SOURCING-BUILD", "commodity");
  REQUIRE(build.size() == 1);
  CHECK(build[0]->severity == Severity::Material);
}

TEST_CASE("an accepted risk holds through its expiry day and lapses the day after", "[analysis][verdict]") {
  const std::string yaml = std::string(kDeparture) +
                           "accepted_risks:\n"
                           "  - {rule: SOV-DEPARTURE, target: p, owner: cto, expires: 2026-12-31, justification: funded}\n"
                           "  - {rule: SOV-PRICE-SHOCK, target: q, owner: cfo, expires: 2027-12-31, justification: capped}\n";
  const auto before = run_scenario(yaml, "2026-12-31");
  const auto departure = before->findings("SOV-DEPARTURE", "p");
  REQUIRE(departure.size() == 1);
  CHECK(departure[0]->accepted);
  CHECK(departure[0]->severity == Severity::Existential);
  CHECK_FALSE(before->verdict.gate_failed);
  CHECK(before->verdict.counts.existential == 0);
  CHECK(before->verdict.counts.accepted == 1);
  CHECK(before->findings("SOV-ACCEPTANCE-EXPIRED", "p").empty());
  // The acceptance for q matches nothing: a warning, not a finding.
  REQUIRE(before->verdict.warnings.warning_count() == 1);
  CHECK(before->verdict.warnings.all()[0].message ==
        "accepted risk for SOV-PRICE-SHOCK on 'q' matches no finding; remove it or check the rule and target");

  const auto after = run_scenario(yaml, "2027-01-01");
  const auto lapsed = after->findings("SOV-DEPARTURE", "p");
  REQUIRE(lapsed.size() == 1);
  CHECK_FALSE(lapsed[0]->accepted);
  CHECK(after->verdict.gate_failed);
  CHECK(after->verdict.counts.existential == 1);
  const auto expired = after->findings("SOV-ACCEPTANCE-EXPIRED", "p");
  REQUIRE(expired.size() == 1);
  CHECK(expired[0]->severity == Severity::Material);
}

TEST_CASE("the gate threshold decides what trips it", "[verdict]") {
  CHECK(run_scenario(kDeparture, "2026-11-22", FailOn::Existential)->verdict.gate_failed);
  CHECK(run_scenario(kDeparture, "2026-11-22", FailOn::None)->verdict.gate_failed == false);
  const auto clean = run_scenario(std::string(test::kHead) + "providers: [{id: p, hq: DE}]\n", "2026-11-22",
                                  FailOn::Advisory);
  CHECK(clean->verdict.findings.empty());
  CHECK_FALSE(clean->verdict.gate_failed);
}

TEST_CASE("command-line overrides replace the policy's multiplier and default notice", "[analysis]") {
  AnalysisOptions overrides;
  overrides.price_multiplier = 5;
  overrides.notice_months = 0.5;
  const auto s = run_scenario(kDeparture, "2026-11-22", FailOn::Existential, overrides);
  CHECK(s->analysis.policy.price_multiplier == 5);
  CHECK(s->provider("q").departure.notice_months == 0.5);  // had no contract notice
  CHECK(s->provider("p").departure.notice_months == 1);    // its contract still wins
}
