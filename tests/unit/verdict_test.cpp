// The verdict stage: the baseline gate (escalations count again, absent findings are listed) and
// acceptances.
#include <algorithm>

#include <catch2/catch.hpp>

#include "scenario.hpp"

using namespace sovaudit;
using sovaudit::test::run_scenario;

namespace {

// One capability on one US provider with no fallback: US law could stop 60% of core value (existential).
const std::string kOneProvider = test::with_head(
    "providers:\n"
    "  - {id: p, hq: US, kind: model-api}\n"
    "capabilities:\n"
    "  - {id: c, value_share: 0.6, needs: [{slot: llm, primary: {provider: p}}]}\n");

/// A baseline that knew every finding of `findings`, each at `severity`.
JudgeOptions baseline_at(const std::vector<Finding>& findings, Severity severity) {
  JudgeOptions options;
  options.has_baseline = true;
  for (const Finding& f : findings) options.baseline[fingerprint(f)] = BaselineFinding{f.rule, f.target, "", severity};
  return options;
}

const Finding& us_law(const Verdict& v) {
  const auto it = std::find_if(v.findings.begin(), v.findings.end(),
                               [](const Finding& f) { return f.rule == "SOV-JURISDICTION" && f.target == "US"; });
  REQUIRE(it != v.findings.end());
  return *it;
}

}  // namespace

TEST_CASE("a baselined finding whose severity rose counts for the gate again", "[verdict]") {
  const auto s = run_scenario(kOneProvider, "2026-11-22", FailOn::Existential);
  REQUIRE(us_law(s->verdict).severity == Severity::Existential);
  const Date day{2026, 11, 22};

  // The baseline knew it as material: the rise to existential is news and trips the gate.
  Verdict raised = judge(s->verdict.findings, s->inventory(), day, FailOn::Existential,
                         baseline_at(s->verdict.findings, Severity::Material));
  CHECK(us_law(raised).baseline_state == BaselineState::Updated);
  CHECK(us_law(raised).baseline_severity == Severity::Material);
  CHECK_FALSE(us_law(raised).baselined);
  CHECK(raised.counts.escalated >= 1);
  CHECK(raised.gate_failed);

  // Known at the same severity: held back.
  Verdict same = judge(s->verdict.findings, s->inventory(), day, FailOn::Existential,
                       baseline_at(s->verdict.findings, Severity::Existential));
  CHECK(us_law(same).baseline_state == BaselineState::Unchanged);
  CHECK(us_law(same).baselined);
  CHECK(same.counts.escalated == 0);
  CHECK_FALSE(same.gate_failed);
  CHECK(same.absent.empty());
}

TEST_CASE("a baselined finding whose severity fell stays held back, as updated", "[verdict]") {
  const auto s = run_scenario(kOneProvider, "2026-11-22", FailOn::Advisory);
  JudgeOptions options = baseline_at(s->verdict.findings, Severity::Existential);
  const Verdict v = judge(s->verdict.findings, s->inventory(), Date{2026, 11, 22}, FailOn::Advisory, options);
  for (const Finding& f : v.findings) {
    CHECK(f.baselined);
    CHECK(f.baseline_state == (f.severity == Severity::Existential ? BaselineState::Unchanged : BaselineState::Updated));
  }
  CHECK(v.counts.escalated == 0);
  CHECK_FALSE(v.gate_failed);
}

TEST_CASE("baseline findings no longer found are listed as absent, worst first", "[verdict]") {
  const auto s = run_scenario(kOneProvider, "2026-11-22", FailOn::Existential);
  JudgeOptions options;
  options.has_baseline = true;
  options.baseline["00000000000000a1"] = BaselineFinding{"SOV-PRICE-SHOCK", "gone", "x", Severity::Advisory};
  options.baseline["00000000000000b2"] = BaselineFinding{"SOV-DEPARTURE", "gone", "y", Severity::Existential};
  const Verdict v = judge(s->verdict.findings, s->inventory(), Date{2026, 11, 22}, FailOn::Existential, options);
  REQUIRE(v.absent.size() == 2);
  CHECK(v.absent[0].first == "00000000000000b2");
  CHECK(v.absent[1].first == "00000000000000a1");
  // Nothing current was in the baseline: every finding is new and the gate sees all of them.
  for (const Finding& f : v.findings) CHECK(f.baseline_state == BaselineState::New);
  CHECK(v.gate_failed);
}

TEST_CASE("without a baseline no finding carries a baseline state", "[verdict]") {
  const auto s = run_scenario(kOneProvider);
  for (const Finding& f : s->verdict.findings) CHECK(f.baseline_state == BaselineState::None);
  CHECK_FALSE(s->verdict.has_baseline);
}

namespace {

Finding finding_with(Severity severity, std::string rule, std::string target, std::vector<Evidence> evidence) {
  Finding f;
  f.severity = severity;
  f.rule = std::move(rule);
  f.target = std::move(target);
  f.evidence = std::move(evidence);
  return f;
}

}  // namespace

TEST_CASE("findings are listed by severity, then value at risk, then budget share, then id - never by rule", "[verdict]") {
  std::vector<Finding> findings{
      finding_with(Severity::Existential, "SOV-A-PRICE", "zeta", {evidence_number("budget_share", Unit::Share, 0.9)}),
      finding_with(Severity::Material, "SOV-A", "big", {evidence_number("value_at_risk", Unit::Share, 0.8)}),
      finding_with(Severity::Existential, "SOV-Z-RESIDENCY", "flow", {evidence_number("value_at_risk", Unit::Share, 0.1)}),
      finding_with(Severity::Existential, "SOV-M", "alpha", {}),
      finding_with(Severity::Existential, "SOV-B", "law", {evidence_number("value_at_risk", Unit::Share, 0.7)}),
      finding_with(Severity::Existential, "SOV-C", "plan", {evidence_number("critical_share", Unit::Share, 0.3)}),
      finding_with(Severity::Existential, "SOV-A-PRICE", "small", {evidence_number("budget_share", Unit::Share, 0.3)}),
  };
  std::vector<std::string> order;
  for (int pass = 0; pass < 2; ++pass) {
    std::stable_sort(findings.begin(), findings.end(), listed_before);
    order.clear();
    for (const Finding& f : findings) order.push_back(f.target);
    CHECK(order == std::vector<std::string>{"law", "plan", "flow", "zeta", "small", "alpha", "big"});
    std::reverse(findings.begin(), findings.end());  // the given order must not matter
  }
  // Shares that are equal to the billionth tie, and the id decides.
  const Finding a = finding_with(Severity::Material, "SOV-Z", "a", {evidence_number("value_at_risk", Unit::Share, 0.1 + 0.2)});
  const Finding b = finding_with(Severity::Material, "SOV-A", "b", {evidence_number("value_at_risk", Unit::Share, 0.3)});
  CHECK(listed_before(a, b));
  CHECK_FALSE(listed_before(b, a));
}
