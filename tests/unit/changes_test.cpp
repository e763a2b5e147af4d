// The changes stage: data flows, transfer mechanisms, accepted risks, policy and groups between two
// reviews, and what counts as a regression.
#include <catch2/catch.hpp>

#include "scenario.hpp"
#include "sovaudit/changes.hpp"

using namespace sovaudit;
using sovaudit::test::run_scenario;

namespace {

// A flow of health data to a US-processing provider under SCCs; `flow_tail` and `tail` vary it.
std::string inventory(const std::string& flow_tail, const std::string& tail = "") {
  return test::with_head(
      "providers:\n"
      "  - {id: us-api, hq: DE, kind: model-api, regions: [US]}\n"
      "  - {id: eu-api, hq: DE, kind: model-api, regions: [DE]}\n"
      "capabilities:\n"
      "  - {id: triage, value_share: 0.1, needs: [{slot: llm, primary: {provider: us-api}, "
      "fallbacks: [{provider: eu-api, tested: 2026-10-01}]}]}\n"
      "data_flows:\n"
      "  - {id: notes, capability: triage, data: [health]" + flow_tail + "}\n" + tail);
}

Changes compare(const std::string& old_yaml, const std::string& new_yaml, const std::string& as_of = "2026-11-22") {
  static std::vector<std::unique_ptr<test::Scenario>> keep;  // the changes refer into both sides
  keep.push_back(run_scenario(old_yaml, as_of));
  keep.push_back(run_scenario(new_yaml, as_of));
  const auto& a = keep[keep.size() - 2];
  const auto& b = keep.back();
  return compare_reviews(ReviewState{a->inventory(), a->analysis, a->verdict},
                         ReviewState{b->inventory(), b->analysis, b->verdict});
}

}  // namespace

TEST_CASE("a flow that keeps processing abroad but loses its SCCs is a dropped mechanism and a regression", "[changes]") {
  const Changes c = compare(inventory(", provider: us-api, transfer_mechanism: scc"), inventory(", provider: us-api"));
  REQUIRE(c.data_flows.size() == 1);
  CHECK(c.data_flows[0].id == "notes");
  CHECK(c.data_flows[0].fields == std::vector<std::string>{"transfer_mechanism"});
  REQUIRE(c.mechanisms.size() == 1);
  CHECK(c.mechanisms[0].destination == "default");
  CHECK(c.mechanisms[0].dropped());
  CHECK(c.dropped_mechanisms() == 1);
  CHECK(c.regressed());
}

TEST_CASE("SCCs removed when the flow moved home are a change, not a dropped mechanism", "[changes]") {
  const Changes c = compare(inventory(", provider: us-api, transfer_mechanism: scc"), inventory(", provider: eu-api"));
  REQUIRE(c.data_flows.size() == 1);
  CHECK(c.data_flows[0].fields == std::vector<std::string>{"provider", "transfer_mechanism"});
  REQUIRE(c.mechanisms.size() == 1);
  CHECK_FALSE(c.mechanisms[0].dropped());
  CHECK(c.dropped_mechanisms() == 0);
}

TEST_CASE("accepted risks and policy values that changed are listed", "[changes]") {
  const std::string acceptance =
      "accepted_risks:\n"
      "  - {rule: SOV-RESIDENCY-TRANSFER, target: notes, owner: dpo, expires: 2027-06-30, justification: TIA}\n";
  const std::string renewed =
      "accepted_risks:\n"
      "  - {rule: SOV-RESIDENCY-TRANSFER, target: notes, owner: ciso, expires: 2027-12-31, justification: TIA}\n";
  const std::string policy = "policy: {notice_months: 3}\n";
  const Changes c = compare(inventory(", provider: us-api, transfer_mechanism: scc", acceptance),
                            inventory(", provider: us-api, transfer_mechanism: scc", renewed + policy));
  REQUIRE(c.accepted_risks.size() == 1);
  CHECK(c.accepted_risks[0].id == "SOV-RESIDENCY-TRANSFER on notes");
  CHECK(c.accepted_risks[0].fields == std::vector<std::string>{"owner", "expires"});
  REQUIRE(c.policy.size() == 1);
  CHECK(c.policy[0].before.key == "notice_months");
  CHECK(c.policy[0].before.number == 6);
  CHECK(c.policy[0].after.number == 3);
}

TEST_CASE("an acceptance that lapsed while its risk is still there is a regression, even unchanged", "[changes]") {
  const std::string lapsed =
      "accepted_risks:\n"
      "  - {rule: SOV-RESIDENCY-TRANSFER, target: notes, owner: dpo, expires: 2026-10-31, justification: TIA}\n";
  const std::string same = inventory(", provider: us-api, transfer_mechanism: scc", lapsed);
  const Changes c = compare(same, same);
  REQUIRE(c.lapsed_acceptances.size() == 1);
  CHECK(c.lapsed_acceptances[0].finding.target == "notes");
  CHECK(c.regressed());
  CHECK_FALSE(c.empty());
}

TEST_CASE("a severity that rose is a regression and counted", "[changes]") {
  // Special-category data under SCCs is material (SOV-RESIDENCY-TRANSFER); personal data is advisory.
  const Changes c = compare(inventory(", provider: us-api, transfer_mechanism: scc").replace(
                                inventory("").find("[health]"), 8, "[personal]"),
                            inventory(", provider: us-api, transfer_mechanism: scc"));
  CHECK(c.severity_rises() >= 1);
  CHECK(c.regressed());
}
