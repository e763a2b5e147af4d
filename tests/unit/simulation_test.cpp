// The confidence stage: PERT sampling against its closed-form moments, determinism for a seed,
// independence from list order, and monotonicity in the high estimate.
#include <catch2/catch.hpp>

#include <cmath>

#include "helpers.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/simulation.hpp"

using namespace sovaudit;

namespace {

Inventory loaded(const std::string& body) { return test::valid_inventory(body, builtin_passes().rules()); }

std::string body(double high) {
  return R"(providers:
  - {id: openai, hq: US, notice_months: 2}
  - {id: pinecone, hq: US, kind: vector-db, notice_months: 2}
capabilities:
  - id: triage
    value_share: 0.3
    needs: [{slot: llm, primary: {provider: openai}}]
    migration_weeks: {low: 4, likely: 10, high: )" +
         std::to_string(high) + R"(}
  - id: search
    value_share: 0.2
    needs: [{slot: index, primary: {provider: pinecone}}, {slot: llm, primary: {provider: openai}}]
)";
}

Simulation run(const Inventory& inv, std::size_t samples, std::uint64_t seed) {
  AnalysisOptions o;
  o.as_of = *parse_iso_date("2026-12-01").date;
  const Analysis analysis = analyze(inv, o);
  return simulate(inv, analysis, SimulationOptions{samples, seed});
}

const SimulatedDeparture& of(const Simulation& s, std::string_view id) {
  for (const SimulatedDeparture& d : s.providers) {
    if (d.id == id) return d;
  }
  FAIL("no simulated departure of " << id);
  return s.providers.front();
}

}  // namespace

TEST_CASE("PERT samples have the closed-form mean and variance") {
  for (const Estimate e : {Estimate{2, 5, 14}, Estimate{10, 10, 30}, Estimate{1, 9, 10}, Estimate{4.5, 6, 12}}) {
    const double mean = (e.low + 4 * e.likely + e.high) / 6;
    const double variance = (mean - e.low) * (e.high - mean) / 7;
    const int n = 200000;
    double sum = 0, squares = 0;
    int outside = 0;
    for (int i = 0; i < n; ++i) {
      const double x = pert_quantile(e, simulation_draw(42, "triage", static_cast<std::uint64_t>(i)));
      outside += x < e.low || x > e.high ? 1 : 0;
      sum += x;
      squares += x * x;
    }
    const double m = sum / n;
    const double v = squares / n - m * m;
    INFO("low " << e.low << " likely " << e.likely << " high " << e.high);
    CHECK(outside == 0);
    CHECK(m == Approx(mean).epsilon(0.01));
    CHECK(v == Approx(variance).epsilon(0.03));
  }
  CHECK(pert_quantile(Estimate{3, 3, 3}, 0.7) == 3);  // a point estimate stays a point
}

TEST_CASE("a simulation is the same for a seed, differs for another, and ignores the order of the lists") {
  const Inventory inv = loaded(body(40));
  const Simulation a = run(inv, 4000, 7);
  const Simulation b = run(inv, 4000, 7);
  REQUIRE(a.providers.size() == b.providers.size());
  CHECK(of(a, "openai").outage_months.p90 == of(b, "openai").outage_months.p90);
  CHECK(of(a, "openai").probability_existential == of(b, "openai").probability_existential);
  const Simulation c = run(inv, 4000, 8);
  CHECK(of(a, "openai").outage_months.p50 != of(c, "openai").outage_months.p50);
  Inventory reversed = inv;
  std::reverse(reversed.capabilities.begin(), reversed.capabilities.end());
  std::reverse(reversed.providers.begin(), reversed.providers.end());
  const Simulation d = run(reversed, 4000, 7);
  CHECK(of(d, "openai").outage_months.p90 == of(a, "openai").outage_months.p90);
  CHECK(of(d, "openai").value_months_at_risk.p50 == of(a, "openai").value_months_at_risk.p50);
  CHECK(a.samples == 4000);
  CHECK(a.seed == 7);
}

TEST_CASE("a wider high estimate never lowers P90, and probabilities stay in 0..1") {
  double previous_p90 = -1, previous_probability = -1;
  for (double high : {12.0, 20.0, 40.0, 80.0}) {
    const Simulation s = run(loaded(body(high)), 3000, 3);
    const SimulatedDeparture& d = of(s, "openai");
    INFO("high " << high);
    CHECK(d.outage_months.p90 >= previous_p90);
    CHECK(d.value_months_at_risk.p90 >= d.value_months_at_risk.p50);
    CHECK(d.probability_existential >= previous_probability);
    CHECK((d.probability_existential >= 0 && d.probability_existential <= 1));
    CHECK((d.value_at_risk.p90 >= 0 && d.value_at_risk.p90 <= 1));
    previous_p90 = d.outage_months.p90;
    previous_probability = d.probability_existential;
  }
}

TEST_CASE("the probability gate trips at its threshold and not below it") {
  Simulation s;
  s.providers.push_back({});
  s.providers.back().probability_existential = 0.2;
  CHECK_FALSE(probability_gate_trips(s));  // no threshold, no gate
  s.fail_on_probability = 0.2;
  CHECK(probability_gate_trips(s));
  s.fail_on_probability = 0.21;
  CHECK_FALSE(probability_gate_trips(s));
}
