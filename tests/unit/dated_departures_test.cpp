// Dated departures: the time left, the outage and the value at risk of a model retirement or a
// contract end, with every number derived by hand (docs/scoring.md, "Dated departures").
#include <catch2/catch.hpp>

#include "scenario.hpp"
#include "sovaudit/lifecycle.hpp"
#include "sovaudit/report.hpp"

using namespace sovaudit;
using sovaudit::test::capability_names;
using sovaudit::test::run_scenario;
using Catch::Matchers::WithinAbs;

namespace {

constexpr double kEps = 1e-9;

/// `chat` (value 0.3, 13 likely weeks to migrate, two engineers) on model m1 at `llm`, which retires
/// on `retires`; `fallback` is appended to its slot, `extra` to the providers.
std::string chat_on(const std::string& retires, const std::string& fallback = "", const std::string& extra = "",
                    double value = 0.3) {
  return R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, engineer_week_cost: 1000}
providers:
  - {id: llm, hq: DE, regions: [DE]}
  - {id: alt, hq: DE, regions: [DE])" +
         extra + R"(}
capabilities:
  - id: chat
    value_share: )" +
         std::to_string(value) + R"(
    evals: true
    engineers: 2
    migration_weeks: {low: 8, likely: 13, high: 26}
    needs:
      - slot: llm
        primary: {provider: llm, integration: abstraction-layer, model: m1, retires: )" +
         retires + "}\n" + (fallback.empty() ? "" : "        fallbacks: [" + fallback + "]\n");
}

const Finding& only(const test::Scenario& s, const std::string& rule, const std::string& target) {
  const auto found = s.findings(rule, target);
  REQUIRE(found.size() == 1);
  return *found.front();
}

std::string message(const test::Scenario& s, const Finding& f) {
  return render_message(f, *builtin_passes().rule(f.rule), s.inventory(), share_thresholds(s.analysis.policy));
}

}  // namespace

TEST_CASE("a model retirement is the departure scenario with the time left as its notice", "[dated]") {
  // 2026-11-22 -> 2027-01-22 is 61 days, 2 calendar months. Likely migration 13 weeks = 13 x 12/52
  // = 3 months: 1 month beyond the date. Low 8 weeks = 1.85 months fits; high 26 weeks = 6 months, 4 over.
  const auto s = run_scenario(chat_on("2027-01-22"));
  REQUIRE(s->analysis.dated_departures.size() == 1);
  const DatedDeparture& d = s->analysis.dated_departures.front();
  CHECK(d.kind == DatedKind::ModelRetirement);
  CHECK(d.model == "m1");
  CHECK(d.days_left == 61);
  CHECK_THAT(d.months_left, WithinAbs(2.0, kEps));
  CHECK_FALSE(d.past);
  CHECK_FALSE(d.planned);
  CHECK(capability_names(s->inventory(), d.capabilities) == std::vector<std::string>{"chat"});
  CHECK_THAT(d.departure.outage_months.low, WithinAbs(0.0, kEps));
  CHECK_THAT(d.departure.outage_months.likely, WithinAbs(1.0, kEps));
  CHECK_THAT(d.departure.outage_months.high, WithinAbs(4.0, kEps));
  CHECK_THAT(d.departure.value_at_risk.likely, WithinAbs(0.3, kEps));
  CHECK_THAT(d.departure.value_months_at_risk.likely, WithinAbs(0.3, kEps));
  CHECK_THAT(d.departure.effort_weeks.likely, WithinAbs(26.0, kEps));
  CHECK_THAT(d.stranded_share, WithinAbs(0.3, kEps));
  // 30% reaches the default existential share (25%).
  const Finding& f = only(*s, "SOV-MODEL-RETIREMENT", "m1");
  CHECK(f.severity == Severity::Existential);
  CHECK(f.discriminator == "llm");
  CHECK(f.loc.line == 14);  // the retires date
  CHECK(message(*s, f) ==
        "m1 retires on 2027-01-22 (2 months left), used by chat at llm; moving off it takes 13 weeks (26 "
        "engineer-weeks of effort), so 30% of core value would be down for up to 1 month");
}

TEST_CASE("a retirement the migration fits before is material while nothing is planned", "[dated]") {
  // 2027-05-22 leaves 6 months; 13 weeks (3 months) fits: no value at risk, yet no fallback takes over.
  const auto s = run_scenario(chat_on("2027-05-22"));
  const Finding& f = only(*s, "SOV-MODEL-RETIREMENT", "m1");
  CHECK_THAT(s->analysis.dated_departures.front().departure.value_at_risk.likely, WithinAbs(0.0, kEps));
  CHECK(f.severity == Severity::Material);
}

TEST_CASE("a fallback counts only while it is served past the date itself", "[dated]") {
  // Tested on 2026-10-01 (within the 12-month drill age), so ready today.
  const std::string ready = "{provider: alt, tested: 2026-10-01, model: m2, retires: ";
  SECTION("it retires first: gone by then, so chat migrates") {
    const auto s = run_scenario(chat_on("2027-01-22", ready + "2027-01-01}"));
    const DatedDeparture* first = &s->analysis.dated_departures.front();
    CHECK(first->model == "m2");  // by date: m2 first
    const DatedDeparture& m1 = s->analysis.dated_departures.back();
    CHECK(m1.model == "m1");
    CHECK_FALSE(m1.planned);
    CHECK_THAT(m1.departure.value_at_risk.likely, WithinAbs(0.3, kEps));
    CHECK(only(*s, "SOV-MODEL-RETIREMENT", "m1").severity == Severity::Existential);
    // m2 is only a fallback: its retirement takes no primary, so it is listed but reports nothing.
    CHECK(first->capabilities.empty());
    CHECK(s->findings("SOV-MODEL-RETIREMENT", "m2").empty());
  }
  SECTION("it outlives the date: a switch-over, advisory") {
    const auto s = run_scenario(chat_on("2027-01-22", ready + "2027-06-01}"));
    const DatedDeparture& m1 = s->analysis.dated_departures.front();
    CHECK(m1.planned);
    CHECK_THAT(m1.departure.value_at_risk.likely, WithinAbs(0.0, kEps));
    CHECK_THAT(m1.departure.elapsed_weeks.likely, WithinAbs(1.0, kEps));  // a switch-over with evaluations
    CHECK_THAT(m1.stranded_share, WithinAbs(0.0, kEps));
    CHECK(only(*s, "SOV-MODEL-RETIREMENT", "m1").severity == Severity::Advisory);
  }
  SECTION("its provider's contract ends first: gone too") {
    const auto s = run_scenario(chat_on("2027-01-22", "{provider: alt, tested: 2026-10-01}", ", contract_ends: 2026-12-31"));
    const auto& all = s->analysis.dated_departures;
    const auto m1 = std::find_if(all.begin(), all.end(), [](const DatedDeparture& d) { return d.model == "m1"; });
    REQUIRE(m1 != all.end());
    CHECK_FALSE(m1->planned);
  }
}

TEST_CASE("a capability still on a retired model: existential by its value share, else material", "[dated]") {
  const auto big = run_scenario(chat_on("2026-11-01"));
  const DatedDeparture& d = big->analysis.dated_departures.front();
  CHECK(d.past);
  CHECK(d.days_left == -21);
  CHECK_THAT(d.months_left, WithinAbs(0.0, kEps));
  const Finding& f = only(*big, "SOV-MODEL-RETIREMENT", "m1");
  CHECK(f.severity == Severity::Existential);
  CHECK(message(*big, f) ==
        "m1 retired on 2026-11-01 (0 months left), used by chat at llm; moving off it takes 13 weeks (26 "
        "engineer-weeks of effort), so 30% of core value would be down for up to 3 months");
  const auto small = run_scenario(chat_on("2026-11-01", "", "", 0.1));
  CHECK(only(*small, "SOV-MODEL-RETIREMENT", "m1").severity == Severity::Material);
}

TEST_CASE("a contract end is a departure of the provider, one that renews is none", "[dated]") {
  const std::string far = "2029-01-01";  // m1 beyond the 18-month horizon: not a departure
  const auto ends = run_scenario(chat_on(far, "", "") + "", "2026-11-22");
  CHECK(ends->analysis.dated_departures.empty());
  const std::string yaml = chat_on(far);
  std::string with_end = yaml;
  with_end.replace(with_end.find("{id: llm, hq: DE, regions: [DE]}"), 32,
                   "{id: llm, hq: DE, regions: [DE], contract_ends: 2027-01-22}");
  const auto s = run_scenario(with_end);
  REQUIRE(s->analysis.dated_departures.size() == 1);
  const DatedDeparture& d = s->analysis.dated_departures.front();
  CHECK(d.kind == DatedKind::ContractEnd);
  CHECK_THAT(d.departure.value_at_risk.likely, WithinAbs(0.3, kEps));
  const Finding& f = only(*s, "SOV-CONTRACT-END", "llm");
  CHECK(f.severity == Severity::Existential);
  CHECK(f.loc.line == 4);
  CHECK(message(*s, f) ==
        "the contract with llm ends on 2027-01-22 (2 months left) and does not renew; moving chat off it takes 13 "
        "weeks (26 engineer-weeks of effort), so 30% of core value would be down for up to 1 month");
  std::string renews = with_end;
  renews.replace(renews.find("contract_ends: 2027-01-22}"), 26, "contract_ends: 2027-01-22, renews_automatically: true}");
  const auto r = run_scenario(renews);
  CHECK(r->analysis.dated_departures.empty());
  CHECK(r->findings("SOV-CONTRACT-END", "llm").empty());
}

TEST_CASE("what requires a capability that stops on the date is at risk with it", "[dated]") {
  std::string yaml = chat_on("2027-01-22", "", "", 0.2);
  yaml += "  - {id: report, value_share: 0.1, requires: [chat]}\n";
  const auto s = run_scenario(yaml);
  const DatedDeparture& d = s->analysis.dated_departures.front();
  CHECK_THAT(d.departure.value_at_risk.likely, WithinAbs(0.3, kEps));
  CHECK(capability_names(s->inventory(), d.departure.broken_capabilities) == std::vector<std::string>{"chat", "report"});
  CHECK_THAT(d.stranded_share, WithinAbs(0.3, kEps));
}

TEST_CASE("an accepted retirement names the model, a capability is the wrong kind of target", "[dated]") {
  const std::string accepted = chat_on("2027-01-22") +
      "accepted_risks:\n  - {rule: SOV-MODEL-RETIREMENT, target: m1, owner: cto, expires: 2027-01-31, justification: moving}\n";
  const auto s = run_scenario(accepted);
  CHECK(only(*s, "SOV-MODEL-RETIREMENT", "m1").accepted);
  const auto wrong = test::load(chat_on("2027-01-22") +
      "accepted_risks:\n  - {rule: SOV-MODEL-RETIREMENT, target: chat, owner: cto, expires: 2027-01-31, justification: x}\n",
      {}, builtin_passes().rules());
  CHECK(wrong.text.find("inventory.yaml:16:42: error: accepted risk for SOV-MODEL-RETIREMENT targets 'chat', a capability, "
                        "but SOV-MODEL-RETIREMENT reports on each model") != std::string::npos);
}

TEST_CASE("a retirement date needs its model, and one model retires once", "[dated]") {
  const auto no_model = test::load(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE}
providers: [{id: llm, hq: DE}]
capabilities:
  - {id: a, value_share: 0.1, needs: [{slot: s, primary: {provider: llm, retires: 2027-01-01}}]}
)");
  CHECK(no_model.text.find("inventory.yaml:5:83: error: 'retires' needs 'model': name the model version that retires on "
                           "this date") != std::string::npos);
  const auto empty_name = test::load(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE}
providers: [{id: llm, hq: DE}]
capabilities:
  - {id: a, value_share: 0.1, needs: [{slot: s, primary: {provider: llm, model: " ", retires: 2027-01-01}}]}
)");
  CHECK(empty_name.text.find("inventory.yaml:5:81: error: 'model' must name the model version, e.g. gpt-4o-2024-08-06; got an "
                             "empty text") != std::string::npos);
  CHECK(empty_name.text.find("'retires' needs 'model'") == std::string::npos);  // one mistake, one error
  const auto two_dates = test::load(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE}
providers: [{id: llm, hq: DE}]
capabilities:
  - {id: a, value_share: 0.1, needs: [{slot: s, primary: {provider: llm, model: m, retires: 2027-03-01}}]}
  - {id: b, value_share: 0.1, needs: [{slot: s, primary: {provider: llm, model: m, retires: 2027-02-01}}]}
)");
  CHECK(two_dates.text.find("inventory.yaml:5:93: warning: model 'm' at 'llm' retires on 2027-03-01 here but on "
                            "2027-02-01 elsewhere; the earlier date is used for every use of it") != std::string::npos);
  CHECK(two_dates.text.find("inventory.yaml:6:93: note: the earlier date") != std::string::npos);
}

TEST_CASE("a lifecycle file supplies dates the inventory lacks and the inventory date wins", "[dated][lifecycle]") {
  const SourceFile file{"lifecycle.yaml", std::string(R"(m1: {retires: 2027-03-01, source: vendor page}
m2: {retires: 2027-02-01}
alt: {retires: 2027-04-01}
unused-model: {retires: 2020-01-01}
)")};
  Diagnostics diags;
  const Lifecycle lifecycle = parse_lifecycle(file, {}, diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(lifecycle.entries.size() == 4);
  CHECK(lifecycle.find("m2")->retires.loc.line == 2);
  CHECK(lifecycle.find("nothing") == nullptr);
  std::string yaml = chat_on("2027-01-22");
  yaml += "  - id: notes\n    value_share: 0.1\n    needs: [{slot: s, primary: {provider: llm, model: m2}}]\n";
  yaml += "  - {id: labels, value_share: 0.1, needs: [{slot: s, primary: {provider: alt}}]}\n";
  AnalysisOptions options;
  options.lifecycle = &lifecycle;
  const auto s = run_scenario(yaml, "2026-11-22", FailOn::Existential, options);
  // m1: the inventory's 2027-01-22 is used and the file's 2027-03-01 is a conflict.
  REQUIRE(s->analysis.lifecycle_conflicts.size() == 1);
  CHECK(s->analysis.lifecycle_conflicts.front().model == "m1");
  CHECK(s->analysis.lifecycle_conflicts.front().entry->retires.loc.line == 1);
  const auto& all = s->analysis.dated_departures;
  REQUIRE(all.size() == 3);
  CHECK(all[0].model == "m1");
  CHECK(to_string(all[0].date) == "2027-01-22");
  CHECK(all[0].lifecycle == nullptr);
  // m2: only the file knows it; its place in the inventory is the model line.
  CHECK(all[1].model == "m2");
  REQUIRE(all[1].lifecycle != nullptr);
  CHECK(all[1].lifecycle->name.value == "m2");
  CHECK(all[1].loc.line == 17);
  // alt, a provider id: the provider retires as a whole.
  CHECK(all[2].kind == DatedKind::ProviderRetirement);
  const Finding& f = only(*s, "SOV-MODEL-RETIREMENT", "alt");
  CHECK(message(*s, f).starts_with("alt retires on 2027-04-01 (4.3 months left), used by labels at alt;"));
  REQUIRE(f.related.size() >= 1);
  CHECK(f.related.front().role == "lifecycle");
  CHECK(f.related.front().loc.line == 3);
}

TEST_CASE("a broken lifecycle file is every problem at its place", "[dated][lifecycle]") {
  const SourceFile file{"lifecycle.yaml", std::string("a: {retires: 2027-02-30}\nb: {retire: 2027-01-01}\na: {retires: 2027-01-01}\nc: 2027\n")};
  Diagnostics diags;
  const Lifecycle lifecycle = parse_lifecycle(file, {}, diags);
  CHECK(lifecycle.entries.empty());
  std::vector<std::string> messages;
  for (const Diagnostic& d : diags.sorted()) {
    messages.push_back(std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + " " + d.message);
  }
  CHECK(messages == std::vector<std::string>{
                        "1:14 lifecycle entry 'a': 'retires' must be a date written YYYY-MM-DD, got '2027-02-30': "
                        "February 2027 has 28 days",
                        "2:5 lifecycle entry 'b' has unknown key 'retire' (did you mean 'retires'?)",
                        "3:1 lifecycle names 'a' twice",
                        "1:1 first given here",
                        "4:4 lifecycle entry 'c' must be a map: {retires: YYYY-MM-DD, source: TEXT}",
                    });
}

TEST_CASE("a hostile lifecycle file stops before a node is built", "[dated][lifecycle]") {
  const auto first_error = [](std::string text) {
    Diagnostics diags;
    const Lifecycle lifecycle = parse_lifecycle(SourceFile{"lifecycle.yaml", std::move(text)}, {}, diags);
    CHECK(lifecycle.entries.empty());
    return diags.sorted().empty() ? std::string() : diags.sorted().front().message;
  };
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(first_error(deep) == "the lifecycle file nests deeper than 16 levels");
  CHECK(first_error("a: &x {retires: 2027-01-01}\nb: *x\n") == "anchors are not allowed in a lifecycle file");
  CHECK(first_error("a: {retires: 2027-01-01}\n---\nb: {retires: 2027-01-01}\n") == "a lifecycle file holds one YAML document");
  CHECK(first_error("[a, b]\n").starts_with("a lifecycle file is a map"));
  CHECK(first_error("a: {retires: [2027-01-01]}\n") == "lifecycle entry 'a': 'retires' must be a scalar");
}

TEST_CASE("a fallback whose model has retired is no way out in any scenario", "[dated]") {
  // Tested in time (2026-10-01) but its model m2 retired on 2026-11-01, before the review.
  const auto s = run_scenario(chat_on("2029-01-01", "{provider: alt, tested: 2026-10-01, model: m2, retires: 2026-11-01}"));
  // llm's own departure (6 months' notice): chat has to migrate instead of switching over.
  const DepartureResult& d = s->provider("llm").departure;
  CHECK(capability_names(s->inventory(), d.migrating_capabilities) == std::vector<std::string>{"chat"});
  CHECK(d.switching_capabilities.empty());
  const Finding& f = only(*s, "SOV-FALLBACK-RETIRED", "chat");
  CHECK(f.severity == Severity::Advisory);
  CHECK(message(*s, f) == "fallback alt of chat (slot llm) is gone since 2026-11-01: its model has retired, so it does not "
                          "count as a way out");
  // The same fallback still served: a switch-over, and no finding.
  const auto served = run_scenario(chat_on("2029-01-01", "{provider: alt, tested: 2026-10-01, model: m2, retires: 2027-11-01}"));
  CHECK(capability_names(served->inventory(), served->provider("llm").departure.switching_capabilities) ==
        std::vector<std::string>{"chat"});
  CHECK(served->findings("SOV-FALLBACK-RETIRED", "chat").empty());
}

TEST_CASE("invariant: a later date never raises the risk of a retirement", "[dated][invariant]") {
  double last_value = 2, last_outage = 1e9;
  int last_severity = 3;
  for (int month = 1; month <= 17; ++month) {
    const Date date = add_months(Date{2026, 12, 1}, month - 1);
    const auto s = run_scenario(chat_on(to_string(date)));
    REQUIRE(s->analysis.dated_departures.size() == 1);
    const DatedDeparture& d = s->analysis.dated_departures.front();
    INFO(to_string(date));
    CHECK(d.departure.value_at_risk.likely <= last_value);
    CHECK(d.departure.outage_months.high <= last_outage + kEps);
    CHECK(d.departure.value_at_risk.likely >= 0);
    CHECK(d.departure.value_at_risk.likely <= 1);
    const int severity = static_cast<int>(only(*s, "SOV-MODEL-RETIREMENT", "m1").severity);
    CHECK(severity <= last_severity);
    last_value = d.departure.value_at_risk.likely;
    last_outage = d.departure.outage_months.high;
    last_severity = severity;
  }
}
