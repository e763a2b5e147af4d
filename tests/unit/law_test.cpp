// Whose law reaches the data: foreign control wherever data is processed, lawful transfers that are
// still reported, and sovereignty claims that cannot be checked (docs/scoring.md, section 7).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <sstream>

#include "scenario.hpp"
#include "sovaudit/report.hpp"

using namespace sovaudit;
using sovaudit::test::provider_names;
using sovaudit::test::run_scenario;

namespace {

std::string message(const test::Scenario& s, const Finding& f) {
  return render_message(f, *builtin_passes().rule(f.rule), s.inventory());
}

}  // namespace

TEST_CASE("foreign control applies wherever the data is processed, a mechanism does not remove it", "[law]") {
  const auto s = run_scenario(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, trusted_jurisdictions: [EEA], annual_ai_budget: 100000, engineer_week_cost: 1000}
providers:
  - {id: azure-se, hq: US, regions: [SE]}
  - {id: azure-us, hq: US, regions: [US]}
capabilities:
  - {id: c, needs: [{slot: a, primary: {provider: azure-se}}, {slot: b, primary: {provider: azure-us}}]}
data_flows:
  - {id: in-region, capability: c, provider: azure-se, data: [health]}
  - {id: abroad, capability: c, provider: azure-us, data: [health], transfer_mechanism: scc}
)");
  // In region: foreign control, material for health data (one step below a residency breach).
  const auto sweden = s->findings("SOV-FOREIGN-CONTROL", "azure-se");
  REQUIRE(sweden.size() == 1);
  CHECK(sweden[0]->severity == Severity::Material);
  CHECK(sweden[0]->loc == SourceLoc{4, 24});  // azure-se's hq
  CHECK(message(*s, *sweden[0]) ==
        "azure-se processes health data of in-region and answers to US law, wherever the data is processed");
  // The same company in the US under SCCs: foreign control too (the mechanism does not remove the
  // law's reach) ...
  const auto us = s->findings("SOV-FOREIGN-CONTROL", "azure-us");
  REQUIRE(us.size() == 1);
  CHECK(us[0]->severity == Severity::Material);
  CHECK(us[0]->loc == SourceLoc{5, 24});
  // ... and the lawful transfer itself, at least as severe, with the mechanism named.
  const auto transfer = s->findings("SOV-RESIDENCY-TRANSFER", "abroad");
  REQUIRE(transfer.size() == 1);
  CHECK(transfer[0]->severity == Severity::Material);
  CHECK(transfer[0]->loc == SourceLoc{10, 89});  // the transfer_mechanism value
  CHECK(find_evidence(*transfer[0], "mechanism")->items == std::vector<std::string>{"scc (US)"});
  CHECK(message(*s, *transfer[0]) ==
        "data flow abroad sends health data to azure-us; it is processed in US (by azure-us), outside the "
        "allowed DE, EEA, under scc (US)");
  CHECK(s->findings("SOV-RESIDENCY", "abroad").empty());  // lawful: no breach
}

TEST_CASE("a sovereignty claim on an upstream with no known hq is a finding", "[law]") {
  const auto s = run_scenario(std::string(test::kHead) + R"(providers:
  - {id: unknown-host}
  - {id: label, hq: DE, sovereign: true, upstream: [{provider: unknown-host, role: hosting}]}
)");
  const auto claim = s->findings("SOV-SOVEREIGNTY-UNVERIFIABLE", "label");
  REQUIRE(claim.size() == 1);
  CHECK(claim[0]->severity == Severity::Material);
  CHECK(claim[0]->loc == SourceLoc{5, 36});  // the sovereign key's value
  CHECK(message(*s, *claim[0]) ==
        "label is marketed as sovereign but runs on unknown-host, whose headquarters are not recorded");
  REQUIRE(claim[0]->related.size() == 1);
  CHECK(claim[0]->related[0].id == "unknown-host");
  CHECK(s->findings("SOV-HIDDEN-DEPENDENCY", "label").empty());  // nothing foreign is known
}

namespace {

/// A random inventory of providers in and out of the EEA, each capability with one flow.
std::string random_law_inventory(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* countries[] = {"DE", "FR", "US", "CN", "SE", "CH"};
  const char* classes[] = {"internal", "personal", "financial", "health", "biometric"};
  const char* mechanisms[] = {"none", "scc", "adequacy", "none"};
  const int providers = 2 + pick(5);
  std::ostringstream y;
  y << "sovaudit: 1\norganization: {name: R, jurisdiction: DE, trusted_jurisdictions: [EEA], annual_ai_budget: 1000, "
       "engineer_week_cost: 100}\n";
  // Only policies that raise a law's severity: one that lowers US could rightly lower a moved flow.
  if (pick(3) == 0) y << "policy: {jurisdiction_severity: {CN: existential, US: material}}\n";
  y << "providers:\n";
  std::vector<std::string> first_region(static_cast<std::size_t>(providers));
  for (int p = 0; p < providers; ++p) {
    y << "  - {id: p" << p << ", hq: " << countries[pick(6)];
    if (pick(3) != 0) {
      first_region[static_cast<std::size_t>(p)] = countries[pick(6)];
      y << ", regions: [" << first_region[static_cast<std::size_t>(p)];
      if (pick(2) == 0) y << ", " << countries[pick(6)];
      y << "]";
    }
    if (pick(4) == 0) y << ", ultimate_parent: {name: Parent, hq: " << countries[pick(6)] << "}";
    if (p > 0 && pick(3) == 0) y << ", upstream: [{provider: p" << pick(p) << ", role: model}]";
    y << "}\n";
  }
  y << "capabilities:\n  - id: c\n    needs:\n";
  for (int p = 0; p < providers; ++p) {
    y << "      - {slot: s" << p << ", primary: {provider: p" << p;
    if (!first_region[static_cast<std::size_t>(p)].empty() && pick(3) == 0) {
      y << ", regions: [" << first_region[static_cast<std::size_t>(p)] << "]";
    }
    y << "}}\n";
  }
  y << "data_flows:\n";
  for (int p = 0; p < providers; ++p) {
    y << "  - {id: f" << p << ", capability: c, provider: p" << p << ", data: [" << classes[pick(5)]
      << "], transfer_mechanism: " << mechanisms[pick(4)];
    if (pick(3) == 0) y << ", transfer_mechanisms: {" << countries[pick(6)] << ": " << mechanisms[pick(4)] << "}";
    y << "}\n";
  }
  return y.str();
}

/// The most severe finding about flow `id`: its own, or a foreign-control finding that lists it.
int flow_severity(const Verdict& verdict, std::string_view id) {
  int worst = -1;
  for (const Finding& f : verdict.findings) {
    bool about = f.target == id;
    if (f.rule == "SOV-FOREIGN-CONTROL") {
      const Evidence* flows = find_evidence(f, "flows");
      about = flows && std::find(flows->items.begin(), flows->items.end(), id) != flows->items.end();
    }
    if (about) worst = std::max(worst, static_cast<int>(f.severity));
  }
  return worst;
}

std::vector<std::string> foreign_control_targets(const Verdict& verdict) {
  std::vector<std::string> out;
  for (const Finding& f : verdict.findings) {
    if (f.rule == "SOV-FOREIGN-CONTROL") out.push_back(f.target.str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Verdict verdict_of(const Inventory& inventory) {
  const Date as_of{2026, 11, 22};
  const Analysis analysis = analyze(inventory, AnalysisOptions{as_of, {}, {}});
  return judge(run_passes(builtin_passes(), PassContext{inventory, analysis}), inventory, as_of, FailOn::Existential);
}

}  // namespace

TEST_CASE("moving processing abroad never lowers a flow's worst finding, a mechanism never removes foreign control",
          "[law][invariants]") {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    const std::string yaml = random_law_inventory(seed);
    const auto base = run_scenario(yaml);
    const Inventory& original = base->inventory();
    const auto us = std::vector<Located<std::string>>{Located<std::string>("US", SourceLoc{1, 1})};
    for (std::size_t p = 0; p < original.providers.size(); ++p) {
      // Only processing that is in allowed jurisdictions today moves abroad.
      const auto& regions = original.providers[p].regions;
      if (regions.empty() || std::any_of(regions.begin(), regions.end(), [](const Located<std::string>& r) {
            return r.value != "DE" && r.value != "FR" && r.value != "SE";
          })) {
        continue;
      }
      Inventory moved = original;
      moved.providers[p].regions = us;
      for (Need& need : moved.capabilities[0].needs) {
        if (need.primary->provider.value == original.providers[p].id.value && !need.primary->regions.empty()) {
          need.primary->regions.edit() = us;  // the pin moves with the processing
        }
      }
      const Verdict after = verdict_of(moved);
      for (const DataFlow& flow : original.data_flows) {
        INFO(yaml << "\nflow " << flow.id.value << " after p" << p << " moved its processing to the US");
        CHECK(flow_severity(after, flow.id.value) >= flow_severity(base->verdict, flow.id.value));
      }
    }
    Inventory lawful = original;
    for (DataFlow& flow : lawful.data_flows) {
      flow.transfer_mechanism = Located<TransferMechanism>(TransferMechanism::Scc, SourceLoc{1, 1});
    }
    const auto before = foreign_control_targets(base->verdict);
    const auto after = foreign_control_targets(verdict_of(lawful));
    INFO(yaml);
    CHECK(std::includes(after.begin(), after.end(), before.begin(), before.end()));
    // A mechanism for one destination (the US) does not remove one either.
    Inventory per_destination = original;
    for (DataFlow& flow : per_destination.data_flows) {
      flow.transfer_mechanisms.insert(flow.transfer_mechanisms.begin(),
                                      {Located<std::string>("US", SourceLoc{1, 1}),
                                       Located<TransferMechanism>(TransferMechanism::Scc, SourceLoc{1, 1})});
    }
    const auto with_entry = foreign_control_targets(verdict_of(per_destination));
    CHECK(std::includes(with_entry.begin(), with_entry.end(), before.begin(), before.end()));
  }
}

TEST_CASE("a ready fallback is a processing location on failover, checked by the same rules", "[law]") {
  const std::string yaml = R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, trusted_jurisdictions: [EEA], annual_ai_budget: 100000, engineer_week_cost: 1000}
providers:
  - {id: eu-llm, hq: DE, regions: [DE]}
  - {id: us-llm, hq: US, regions: [US]}
capabilities:
  - {id: c, needs: [{slot: llm, primary: {provider: eu-llm}, fallbacks: [{provider: us-llm, tested: TESTED}]}]}
data_flows:
  - {id: notes, capability: c, provider: eu-llm, data: [health]}
)";
  std::string tested = yaml;
  tested.replace(tested.find("TESTED"), 6, "2026-10-01");
  const auto s = run_scenario(tested);
  const auto failover = s->findings("SOV-RESIDENCY-FAILOVER", "notes");
  REQUIRE(failover.size() == 1);
  CHECK(failover[0]->severity == Severity::Existential);  // health data, no mechanism: as a breach
  CHECK(failover[0]->loc == SourceLoc{9, 42});
  CHECK(message(*s, *failover[0]) ==
        "data flow notes sends health data to eu-llm; on failover to us-llm it would be processed in US, outside "
        "the allowed DE, EEA; transfer mechanisms: none (US)");
  CHECK(s->findings("SOV-RESIDENCY", "notes").empty());  // the primary stays in Germany
  const auto control = s->findings("SOV-FOREIGN-CONTROL", "us-llm");
  REQUIRE(control.size() == 1);
  CHECK(control[0]->severity == Severity::Material);
  CHECK(find_evidence(*control[0], "on_failover")->items == std::vector<std::string>{"notes"});

  // A stale fallback does not take over, so it receives nothing.
  std::string stale = yaml;
  stale.replace(stale.find("TESTED"), 6, "2024-01-01");
  const auto t = run_scenario(stale);
  CHECK(t->findings("SOV-RESIDENCY-FAILOVER", "notes").empty());
  CHECK(t->findings("SOV-FOREIGN-CONTROL", "us-llm").empty());
}

TEST_CASE("the law where the machines stand reaches a provider too", "[law]") {
  const auto s = run_scenario(R"(sovaudit: 1
organization: {name: T, jurisdiction: DE, trusted_jurisdictions: [EEA], annual_ai_budget: 100000, engineer_week_cost: 1000}
providers:
  - {id: de-host, hq: DE, regions: [DE, US]}
  - {id: us-api, hq: US, ultimate_parent: {name: P, hq: US}, regions: [US]}
capabilities:
  - {id: c, value_share: 0.3, needs: [{slot: s, primary: {provider: de-host}}]}
  - {id: d, value_share: 0.1, needs: [{slot: s, primary: {provider: us-api}}]}
)");
  REQUIRE(s->analysis.jurisdictions.size() == 1);
  const JurisdictionResult& us = s->analysis.jurisdictions[0];
  CHECK(us.code == "US");
  // A German company running our model in a US region is in the US scenario, by its region.
  CHECK(provider_names(s->inventory(), us.providers) == std::vector<std::string>{"de-host", "us-api"});
  CHECK(us.reasons == std::vector<std::uint8_t>{kReachRegion, kReachHq | kReachParent | kReachRegion});
  CHECK(us.value_at_risk == 0.4);
  const auto finding = s->findings("SOV-JURISDICTION", "US");
  REQUIRE(finding.size() == 1);
  CHECK(finding[0]->severity == Severity::Existential);
  CHECK(finding[0]->loc == SourceLoc{4, 41});  // de-host's US region
  CHECK(find_evidence(*finding[0], "through_region")->items == std::vector<std::string>{"de-host"});
  // Foreign control still follows hq and parent only: de-host is a German company.
  CHECK(s->provider("de-host").foreign_jurisdictions.empty());
}
