// The verdict stage: the baseline gate (escalations count again, absent findings are listed) and
// acceptances.
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "scenario.hpp"
#include "sovaudit/diagnostic_writer.hpp"

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
  for (const Finding& f : findings) options.baseline[fingerprint(f)] = BaselineFinding{std::string(f.rule), f.target.str(), "", severity};
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

Finding finding_with(Severity severity, std::string_view rule, std::string target, std::vector<Evidence> evidence) {
  Finding f;
  f.severity = severity;
  f.rule = rule;
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
  for (int pass = 0; pass < 4; ++pass) {
    // sort_for_listing (what run_passes uses) and a sort by listed_before agree.
    if (pass % 2 == 0) {
      std::stable_sort(findings.begin(), findings.end(), listed_before);
    } else {
      sort_for_listing(findings);
    }
    order.clear();
    for (const Finding& f : findings) order.push_back(f.target.str());
    CHECK(order == std::vector<std::string>{"law", "plan", "flow", "zeta", "small", "alpha", "big"});
    std::reverse(findings.begin(), findings.end());  // the given order must not matter
  }
  // Shares that are equal to the billionth tie, and the id decides.
  const Finding a = finding_with(Severity::Material, "SOV-Z", "a", {evidence_number("value_at_risk", Unit::Share, 0.1 + 0.2)});
  const Finding b = finding_with(Severity::Material, "SOV-A", "b", {evidence_number("value_at_risk", Unit::Share, 0.3)});
  CHECK(listed_before(a, b));
  CHECK_FALSE(listed_before(b, a));
}

namespace {

// Two health-data flows to a US provider: one SOV-FOREIGN-CONTROL finding on us-api that names both.
const std::string kTwoFlows = test::with_head(
    "providers:\n"
    "  - {id: us-api, hq: US, kind: model-api, regions: [DE]}\n"
    "capabilities:\n"
    "  - {id: triage, value_share: 0.1, needs: [{slot: llm, primary: {provider: us-api}}]}\n"
    "data_flows:\n"
    "  - {id: notes, capability: triage, provider: us-api, data: [health]}\n"
    "  - {id: scans, capability: triage, provider: us-api, data: [health]}\n"
    "accepted_risks:\n");

const Finding& foreign_control(const Verdict& v) {
  const auto it = std::find_if(v.findings.begin(), v.findings.end(),
                               [](const Finding& f) { return f.rule == "SOV-FOREIGN-CONTROL" && f.target == "us-api"; });
  REQUIRE(it != v.findings.end());
  return *it;
}

std::string warnings_of(const test::Scenario& s, const std::string& yaml) {
  return render_diagnostics("inventory.yaml", yaml, s.verdict.warnings.sorted(), TextStyle{});
}

}  // namespace

TEST_CASE("an acceptance narrowed to flows covers a finding only while it names every flow", "[verdict][acceptance]") {
  const std::string narrowed = kTwoFlows +
      "  - {rule: SOV-FOREIGN-CONTROL, target: us-api, flows: [notes], owner: dpo, expires: 2027-06-30, justification: TIA}\n";
  const auto open = run_scenario(narrowed);
  CHECK_FALSE(foreign_control(open->verdict).accepted);
  CHECK(warnings_of(*open, narrowed) ==
        "inventory.yaml:11:49: warning: accepted risk for SOV-FOREIGN-CONTROL on 'us-api' does not list flows 'scans', "
        "which its finding also concerns, so the finding stays open; assess them and add them to 'flows', or leave the "
        "finding open\n"
        "   11 |   - {rule: SOV-FOREIGN-CONTROL, target: us-api, flows: [notes], owner: dpo, expires: 2027-06-30, "
        "justification: TIA}\n"
        "      |                                                 ^~~~~\n");

  std::string both = narrowed;
  both.replace(both.find("flows: [notes]"), 14, "flows: [scans, notes]");
  const auto covered = run_scenario(both);
  CHECK(foreign_control(covered->verdict).accepted);
  CHECK(covered->verdict.warnings.all().empty());

  // Without a list the acceptance covers the provider's finding whatever flows it names.
  std::string whole = narrowed;
  whole.replace(whole.find("flows: [notes], "), 16, "");
  CHECK(foreign_control(run_scenario(whole)->verdict).accepted);
}

TEST_CASE("an expired acceptance that matches nothing is a warning, not a material finding", "[verdict][acceptance]") {
  const std::string yaml = kTwoFlows +
      "  - {rule: SOV-PRICE-SHOCK, target: us-api, owner: cfo, expires: 2026-01-31, justification: capped}\n";
  const auto s = run_scenario(yaml);
  CHECK(s->findings("SOV-ACCEPTANCE-EXPIRED", "us-api").empty());
  CHECK(warnings_of(*s, yaml).find("inventory.yaml:11:12: warning: accepted risk for SOV-PRICE-SHOCK on 'us-api' expired on "
                             "2026-01-31 and matches no finding; remove it or check the rule and target\n") == 0);
  // One that still matches a finding is the material finding it was: the risk is back and needs an owner.
  const auto matched = run_scenario(kTwoFlows +
      "  - {rule: SOV-FOREIGN-CONTROL, target: us-api, owner: dpo, expires: 2026-01-31, justification: TIA}\n");
  const auto lapsed = matched->findings("SOV-ACCEPTANCE-EXPIRED", "us-api");
  REQUIRE(lapsed.size() == 1);
  CHECK(lapsed[0]->severity == Severity::Material);
  CHECK_FALSE(foreign_control(matched->verdict).accepted);
}

TEST_CASE("every rule's narrowing lists are the ids its findings name", "[verdict][acceptance]") {
  // Over the inventory that triggers every rule: a kind a rule cannot be narrowed by is never in its
  // findings' evidence, and a kind it can be narrowed by appears in some finding of it.
  const auto s = test::run_every_rule();
  for (const RuleInfo* rule : builtin_passes().rules()) {
    for (const ScopeKind kind : {ScopeKind::Flows, ScopeKind::Capabilities, ScopeKind::Providers}) {
      bool named = false;
      for (const Finding& f : s->verdict.findings) {
        if (f.rule == rule->id) named = named || !concerned_ids(f, kind).empty();
      }
      INFO(rule->id << " by " << to_string(kind));
      CHECK(named == narrowable_by(*rule, kind));
    }
  }
}

TEST_CASE("evidence keys stand for their names, compare by name and are made safely on many threads", "[findings]") {
  const EvidenceKey share("value_at_risk");
  CHECK(share.name() == "value_at_risk");
  CHECK(share == EvidenceKey(std::string("value_at_risk")));
  CHECK(share == "value_at_risk");
  CHECK(share == std::string_view("value_at_risk"));
  CHECK_FALSE(share == EvidenceKey("value_at_risk_high"));
  CHECK(EvidenceKey().name().empty());
  CHECK(EvidenceKey("") == EvidenceKey());
  CHECK(sizeof(Evidence) <= 24);
  // A name made from a temporary string outlives it.
  EvidenceKey from_temporary;
  {
    std::string name = "made_from_a_temporary";
    from_temporary = EvidenceKey(name);
    name.assign(name.size(), 'x');
  }
  CHECK(from_temporary.name() == "made_from_a_temporary");
  // Eight threads make the same 200 names in different orders: every thread gets the same keys.
  std::vector<std::string> names;
  for (int i = 0; i < 200; ++i) names.push_back("threaded_name_" + std::to_string(i));
  std::vector<std::vector<EvidenceKey>> seen(8, std::vector<EvidenceKey>(names.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t k = 0; k < names.size(); ++k) {
        // Each thread starts elsewhere, and every other one goes backwards.
        const std::size_t step = (k + 25 * t) % names.size();
        const std::size_t i = t % 2 == 0 ? step : names.size() - 1 - step;
        seen[t][i] = EvidenceKey(names[i]);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 0; i < names.size(); ++i) {
    for (std::size_t t = 0; t < seen.size(); ++t) {
      CHECK(seen[t][i] == seen[0][i]);
      CHECK(seen[t][i].name() == names[i]);
    }
  }
}
