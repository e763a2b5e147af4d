// The planner: candidates from the documented table with their efforts, the order of risk, and
// plans whose every step is the whole review of the changed inventory.
#include <catch2/catch.hpp>

#include <algorithm>

#include "helpers.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/plan.hpp"
#include "sovaudit/report.hpp"

using namespace sovaudit;

namespace {

constexpr const char* kBody = R"(providers:
  - {id: openai, hq: US, annual_spend: 200000, notice_months: 1}
  - {id: aleph, hq: DE, annual_spend: 10000}
capabilities:
  - id: triage
    value_share: 0.5
    needs:
      - slot: llm
        primary: {provider: openai, integration: sdk}
    engineers: 2
data_flows:
  - {id: tickets, capability: triage, provider: openai, data: [personal]}
)";

Inventory loaded(const std::string& body = kBody) { return test::valid_inventory(body, builtin_passes().rules()); }

AnalysisOptions at_date() {
  AnalysisOptions o;
  o.as_of = *parse_iso_date("2026-12-01").date;
  return o;
}

struct Reviewed {
  Inventory inventory;
  Analysis analysis;
  Verdict verdict;
};

/// The review `sovaudit what-if` would run on `inventory` with `changes`.
std::unique_ptr<Reviewed> review(const Inventory& inventory, const std::vector<WhatIfChange>& changes) {
  auto r = std::make_unique<Reviewed>();
  WhatIfOutcome outcome = apply_what_if(inventory, changes);
  REQUIRE(outcome.errors.empty());
  r->inventory = std::move(outcome.inventory);
  r->analysis = analyze(r->inventory, at_date());
  r->verdict = judge(run_passes(builtin_passes(), PassContext{r->inventory, r->analysis}), r->inventory,
                     at_date().as_of, FailOn::Existential);
  return r;
}

const PlanAction* find(const std::vector<PlanAction>& actions, std::string_view key) {
  const auto it = std::find_if(actions.begin(), actions.end(), [&](const PlanAction& a) { return a.key == key; });
  return it == actions.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("plan candidates: a trusted provider as fallback, notice, an abstraction layer, with table efforts") {
  const Inventory inv = loaded();
  const auto r = review(inv, {});
  const std::vector<PlanAction> actions = plan_candidates(r->inventory, r->analysis, r->verdict);
  const PlanAction* fallback = find(actions, "add-fallback triage/llm aleph");
  REQUIRE(fallback != nullptr);
  // sdk 6 weeks x 1.5 without evaluations, plus a switch-over test of 1.5 weeks, for 2 engineers.
  CHECK(fallback->effort_weeks == Approx(21));
  CHECK(fallback->cost == Approx(21000));
  REQUIRE(fallback->changes.size() == 1);
  CHECK(describe(fallback->changes[0]) == "--add-fallback triage:llm:aleph@2026-12-01");
  const PlanAction* layer = find(actions, "abstraction-layer triage/llm");
  REQUIRE(layer != nullptr);
  CHECK(layer->effort_weeks == Approx(18));  // sdk 6 x 1.5 x 2 engineers
  const PlanAction* notice = find(actions, "negotiate-notice openai");
  REQUIRE(notice != nullptr);
  // 9 weeks of migration (sdk 6 x 1.5) are 2.08 months: a notice of 3 months covers them.
  CHECK(notice->value == "3");
  CHECK(describe(notice->changes[0]) == "--set providers.openai.notice_months=3");
  CHECK(find(actions, "add-evals triage") != nullptr);
  CHECK(std::is_sorted(actions.begin(), actions.end(), [](const PlanAction& a, const PlanAction& b) { return a.key < b.key; }));
}

TEST_CASE("plan candidates: no trusted provider serves the slot, so a placeholder under trusted law is proposed") {
  const Inventory inv = loaded(R"(providers:
  - {id: openai, hq: US, annual_spend: 200000, notice_months: 3}
capabilities:
  - id: triage
    value_share: 0.5
    needs: [{slot: llm, primary: {provider: openai}}]
)");
  const auto r = review(inv, {});
  const std::vector<PlanAction> actions = plan_candidates(r->inventory, r->analysis, r->verdict);
  const PlanAction* placeholder = find(actions, "add-new-provider triage/llm second-model-api-de");
  REQUIRE(placeholder != nullptr);
  REQUIRE(placeholder->changes.size() == 3);
  CHECK(describe(placeholder->changes[0]) == "--add-provider second-model-api-de:model-api:DE");
  CHECK(describe(placeholder->changes[2]) == "--add-fallback triage:llm:second-model-api-de@2026-12-01");
}

TEST_CASE("the order of risk puts one existential finding above any number of advisories") {
  PlanFigures one_existential, many_advisories;
  one_existential.existential = 1;
  many_advisories.advisory = 50;
  many_advisories.material = 3;
  many_advisories.value_months_at_risk = 0;
  CHECK(compare_risk(one_existential, many_advisories) > 0);
  PlanFigures more_value_months = many_advisories;
  more_value_months.value_months_at_risk = 0.1;
  more_value_months.material = 0;
  CHECK(compare_risk(more_value_months, many_advisories) > 0);  // value-months before material findings
  CHECK(compare_risk(many_advisories, many_advisories) == 0);
}

TEST_CASE("a plan removes an existential finding first and every step replays to its figures") {
  const Inventory inv = loaded();
  PlanOptions options;
  options.analysis = at_date();
  const Plan plan = make_plan(inv, options);
  REQUIRE_FALSE(plan.steps.empty());
  CHECK(plan.exact);
  CHECK(plan.start.existential >= 1);
  CHECK(plan.steps.front().after.existential < plan.steps.front().before.existential);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto replayed = review(inv, changes_through(plan.steps, i));
    const PlanFigures f = plan_figures(replayed->inventory, replayed->analysis, replayed->verdict);
    CHECK(compare_risk(f, plan.steps[i].after) == 0);
    CHECK(f.existential == plan.steps[i].after.existential);
    CHECK(f.advisory == plan.steps[i].after.advisory);
    // The plan never makes things worse overall at any step.
    CHECK(compare_risk(plan.steps[i].after, plan.start) < 0);
  }
  CHECK(compare_risk(plan.end, plan.steps.back().after) == 0);
}

TEST_CASE("a plan stays within its budget and step limit, and greedy and exact agree on a small case") {
  const Inventory inv = loaded();
  PlanOptions options;
  options.analysis = at_date();
  options.budget_weeks = 5;
  const Plan within = make_plan(inv, options);
  CHECK(within.effort_weeks <= 5);
  for (const PlanStep& s : within.steps) CHECK(s.action.effort_weeks <= 5);
  options.budget_weeks.reset();
  options.max_steps = 1;
  const Plan one = make_plan(inv, options);
  CHECK(one.steps.size() <= 1);
  options.max_steps.reset();
  options.exact_limit = 0;  // force greedy
  const Plan greedy = make_plan(inv, options);
  CHECK_FALSE(greedy.exact);
  options.exact_limit = 10;
  const Plan exact = make_plan(inv, options);
  CHECK(compare_risk(exact.end, greedy.end) <= 0);  // the exact search is never worse
}

TEST_CASE("a plan until existential stops once no existential finding is open and says what remains otherwise") {
  const Inventory inv = loaded();
  PlanOptions options;
  options.analysis = at_date();
  options.until = PlanGoal::Existential;
  const Plan plan = make_plan(inv, options);
  CHECK(plan.goal_reached);
  CHECK(plan.end.existential == 0);
  CHECK(plan.remaining.empty());
  options.budget_weeks = 0.5;  // too little for any action
  const Plan starved = make_plan(inv, options);
  CHECK(starved.steps.empty());
  CHECK_FALSE(starved.goal_reached);
  REQUIRE_FALSE(starved.remaining.empty());
  CHECK(starved.remaining.front().reason == RemainReason::OverBudget);
  REQUIRE(starved.remaining.front().would_remove);
}

TEST_CASE("the plan's terminal text escapes a group name that holds a terminal escape") {
  const Inventory inv = loaded(R"(providers:
  - {id: openai, hq: US, annual_spend: 200000, notice_months: 1,
     ultimate_parent: {name: "Evil \e[31mred\e[0m Inc.", hq: US}}
  - {id: aleph, hq: DE, annual_spend: 10000}
capabilities:
  - id: triage
    value_share: 0.5
    needs: [{slot: llm, primary: {provider: openai, integration: sdk}}]
)");
  PlanOptions options;
  options.analysis = at_date();
  const Plan plan = make_plan(inv, options);
  REQUIRE_FALSE(plan.steps.empty());
  CHECK(plan.start.group_concentration_of == "Evil \x1b[31mred\x1b[0m Inc.");
  const PlanReport report{plan, inv, builtin_passes(), at_date().as_of, std::nullopt};
  for (const PlanWriter& writer : builtin_plan_writers()) {
    const std::string out = writer.render(report, TextStyle{});
    INFO(writer.name);
    CHECK(out.find('\x1b') == std::string::npos);
  }
}
