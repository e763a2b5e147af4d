// The law-and-data fields of issue 13: one mechanism per destination, pinned regions, precise layers,
// the trust default, our own machines and severity by law, each pinned by its exact findings.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "scenario.hpp"
#include "sovaudit/report.hpp"

using namespace sovaudit;
using sovaudit::test::provider_names;
using sovaudit::test::run_scenario;

namespace {

constexpr const char* kOrg =
    "sovaudit: 1\n"
    "organization: {name: T, jurisdiction: DE, trusted_jurisdictions: [EEA], annual_ai_budget: 100000, "
    "engineer_week_cost: 1000}\n";

std::string message(const test::Scenario& s, const Finding& f) {
  return render_message(f, *builtin_passes().rule(f.rule), s.inventory());
}

std::string markdown(const test::Scenario& s) {
  const Report report{s.inventory(), s.analysis, s.verdict, builtin_passes(), {}, ReportOptions{}};
  return render(*find_writer("markdown"), report, TextStyle{});
}

std::vector<std::string> strings(LayerResult::Codes codes) { return {codes.begin(), codes.end()}; }

}  // namespace

TEST_CASE("3. one transfer mechanism per destination, checked per destination", "[law]") {
  const std::string providers =
      "providers:\n"
      "  - {id: cohere, hq: CA, regions: [CA, US]}\n"
      "capabilities:\n"
      "  - {id: c, needs: [{slot: llm, primary: {provider: cohere}}]}\n"
      "data_flows:\n";
  // Both destinations covered: a lawful transfer naming each mechanism, no breach.
  auto s = run_scenario(std::string(kOrg) + providers +
                        "  - {id: f, capability: c, provider: cohere, data: [health], "
                        "transfer_mechanisms: {US: scc, CA: adequacy}}\n");
  auto transfer = s->findings("SOV-RESIDENCY-TRANSFER", "f");
  REQUIRE(transfer.size() == 1);
  CHECK(transfer[0]->severity == Severity::Material);
  CHECK(transfer[0]->loc == SourceLoc{8, 97});  // CA's entry: the first destination, by code
  CHECK(message(*s, *transfer[0]) ==
        "data flow f sends health data to cohere; it is processed in CA, US (by cohere), outside the allowed DE, "
        "EEA, under adequacy (CA), scc (US)");
  CHECK(s->findings("SOV-RESIDENCY", "f").empty());

  // One destination uncovered: a breach for it alone, a lawful transfer for the other.
  s = run_scenario(std::string(kOrg) + providers +
                   "  - {id: f, capability: c, provider: cohere, data: [health], transfer_mechanisms: {CA: adequacy}}\n");
  const auto breach = s->findings("SOV-RESIDENCY", "f");
  REQUIRE(breach.size() == 1);
  CHECK(breach[0]->severity == Severity::Existential);
  CHECK(find_evidence(*breach[0], "outside")->items == std::vector<std::string>{"US"});
  transfer = s->findings("SOV-RESIDENCY-TRANSFER", "f");
  REQUIRE(transfer.size() == 1);
  CHECK(find_evidence(*transfer[0], "outside")->items == std::vector<std::string>{"CA"});
  CHECK(find_evidence(*transfer[0], "mechanism")->items == std::vector<std::string>{"adequacy (CA)"});
  const FlowResult& r = s->analysis.flows[0];
  REQUIRE(r.outside.size() == 2);
  CHECK(r.outside[0].mechanism == TransferMechanism::Adequacy);
  CHECK(r.outside[1].mechanism == TransferMechanism::None);

  // The scalar is the default; a destination's own entry (even `none`) wins over it.
  s = run_scenario(std::string(kOrg) + providers +
                   "  - {id: f, capability: c, provider: cohere, data: [personal], transfer_mechanism: scc, "
                   "transfer_mechanisms: {US: none}}\n");
  REQUIRE(s->findings("SOV-RESIDENCY", "f").size() == 1);
  CHECK(find_evidence(*s->findings("SOV-RESIDENCY", "f")[0], "outside")->items == std::vector<std::string>{"US"});
  CHECK(find_evidence(*s->findings("SOV-RESIDENCY-TRANSFER", "f")[0], "mechanism")->items ==
        std::vector<std::string>{"scc (CA)"});
}

TEST_CASE("3. a group key covers its members, a country's own entry wins", "[law]") {
  const auto s = run_scenario(std::string(kOrg) + R"(providers:
  - {id: p, hq: DE, regions: [FR, IT, US]}
capabilities:
  - {id: c, needs: [{slot: llm, primary: {provider: p}}]}
data_flows:
  - {id: f, capability: c, provider: p, data: [personal], allowed: [DE], transfer_mechanisms: {EU: bcr, IT: scc}}
)");
  const FlowResult& r = s->analysis.flows[0];
  REQUIRE(r.outside.size() == 3);
  CHECK(r.outside[0].region == "FR");
  CHECK(r.outside[0].mechanism == TransferMechanism::Bcr);  // the EU entry
  CHECK(r.outside[1].mechanism == TransferMechanism::Scc);  // IT's own entry
  CHECK(r.outside[2].mechanism == TransferMechanism::None);  // US: no entry, no default
}

TEST_CASE("3. transfer_mechanisms is read strictly, and subjects_in is deprecated with a warning", "[law]") {
  const std::string head = std::string(test::kHead) +
                           "providers: [{id: p, regions: [US]}]\n"
                           "capabilities: [{id: c, needs: [{slot: s, primary: {provider: p}}]}]\n"
                           "data_flows:\n";
  CHECK(test::load(head + "  - {id: f, capability: c, provider: p, data: [personal], "
                          "transfer_mechanisms: {US: scc, US: bcr}}\n").text ==
        "inventory.yaml:6:90: error: duplicate key 'US' in 'transfer_mechanisms'; the first is at line 6 and YAML "
        "readers disagree on which one wins\n"
        "    6 |   - {id: f, capability: c, provider: p, data: [personal], transfer_mechanisms: {US: scc, US: bcr}}\n"
        "      |                                                                                          ^~\n");
  CHECK(test::load(head + "  - {id: f, capability: c, provider: p, data: [personal], "
                          "transfer_mechanisms: {US: sccs}}\n").text ==
        "inventory.yaml:6:85: error: 'transfer_mechanisms' must be one of none, adequacy, scc, bcr, derogation, got "
        "'sccs' (did you mean 'scc'?)\n"
        "    6 |   - {id: f, capability: c, provider: p, data: [personal], transfer_mechanisms: {US: sccs}}\n"
        "      |                                                                                     ^~~~\n");
  CHECK(test::load(head + "  - {id: f, capability: c, provider: p, data: [personal], "
                          "transfer_mechanisms: [scc]}\n").diagnostics.error_count() == 1);
  const auto deprecated =
      test::load(head + "  - {id: f, capability: c, provider: p, data: [personal], subjects_in: EEA}\n");
  CHECK(deprecated.diagnostics.error_count() == 0);
  CHECK(deprecated.text ==
        "inventory.yaml:6:72: warning: 'subjects_in' is deprecated and ignored: residency is checked against "
        "'allowed' (by default the organisation's jurisdiction and its trusted_jurisdictions); list where this data "
        "may be processed in 'allowed' and remove 'subjects_in'\n"
        "    6 |   - {id: f, capability: c, provider: p, data: [personal], subjects_in: EEA}\n"
        "      |                                                                        ^~~\n");
}

TEST_CASE("4. pinned regions: a flow's, else its slot's, else all of the provider's", "[law]") {
  const std::string body = R"(providers:
  - {id: azure, hq: DE, regions: [SE, US]}
  - {id: backup, hq: DE, regions: [FR, US]}
capabilities:
  - id: c
    needs:
      - slot: llm
        primary: {provider: azure, PIN}
        fallbacks: [{provider: backup, tested: 2026-11-01, regions: [FR]}]
data_flows:
  - {id: f, capability: c, provider: azure, data: [health]FLOWPIN}
)";
  const auto with = [&](const std::string& pin, const std::string& flow_pin) {
    std::string yaml = body;
    yaml.replace(yaml.find("PIN}"), 3, pin);
    yaml.replace(yaml.find("FLOWPIN"), 7, flow_pin);
    return run_scenario(std::string(kOrg) + yaml);
  };
  // Nothing pinned on the primary: all of azure's regions, US among them.
  auto s = with("integration: sdk", "");
  CHECK(s->analysis.flows[0].processing_regions == std::vector<std::string>{"SE", "US"});
  REQUIRE(s->findings("SOV-RESIDENCY", "f").size() == 1);
  CHECK(strings(s->capability("c").data.controllers()) == std::vector<std::string>{"SE", "US"});
  // The fallback's pin keeps its failover in FR.
  CHECK(s->analysis.flows[0].on_failover().regions == std::vector<std::string>{"FR"});
  CHECK(s->findings("SOV-RESIDENCY-FAILOVER", "f").empty());
  // The slot pins SE: the flow and the data layer follow it.
  s = with("regions: [SE]", "");
  CHECK(s->analysis.flows[0].processing_regions == std::vector<std::string>{"SE"});
  CHECK(s->findings("SOV-RESIDENCY", "f").empty());
  CHECK(s->capability("c").data.status == LayerStatus::Trusted);
  CHECK(strings(s->capability("c").data.controllers()) == std::vector<std::string>{"SE"});
  // The flow's own pin wins over the slot's.
  s = with("regions: [SE]", ", regions: [US]");
  CHECK(s->analysis.flows[0].processing_regions == std::vector<std::string>{"US"});
  REQUIRE(s->findings("SOV-RESIDENCY", "f").size() == 1);
}

TEST_CASE("4. a pinned region must be one of the provider's", "[law]") {
  const std::string head = std::string(test::kHead) +
                           "providers: [{id: azure, regions: [SE, FR]}, {id: bare}]\n";
  CHECK(test::load(head + "capabilities: [{id: c, needs: [{slot: s, primary: {provider: azure, regions: [US]}}]}]\n")
            .text ==
        "inventory.yaml:4:79: error: the primary of slot 's' of capability 'c' pins region 'US', which provider "
        "'azure' does not list (its regions: SE, FR)\n"
        "    4 | capabilities: [{id: c, needs: [{slot: s, primary: {provider: azure, regions: [US]}}]}]\n"
        "      |                                                                               ^~\n");
  CHECK(test::load(head + "capabilities: [{id: c, needs: [{slot: s, primary: {provider: bare}}]}]\n"
                          "data_flows: [{id: f, capability: c, provider: bare, data: [personal], regions: [DE]}]\n")
            .text ==
        "inventory.yaml:5:81: error: data flow 'f' pins region 'DE', but provider 'bare' lists no regions; record "
        "the provider's regions first\n"
        "    5 | data_flows: [{id: f, capability: c, provider: bare, data: [personal], regions: [DE]}]\n"
        "      |                                                                                 ^~\n");
  // A country inside a listed group is within it.
  CHECK(test::load(std::string(test::kHead) + "providers: [{id: eu, regions: [EU]}]\n"
                                              "capabilities: [{id: c, needs: [{slot: s, primary: {provider: eu, "
                                              "regions: [FR]}}]}]\n")
            .diagnostics.all()
            .empty());
}

TEST_CASE("6. the layers say who processes, who runs the machines and who can change the weights", "[law]") {
  const auto s = run_scenario(std::string(kOrg) + R"(providers:
  - {id: qwen, kind: weights-licensor, hq: CN, open_weights: true}
  - {id: our-llm, kind: self-hosted, hq: DE, regions: [DE], upstream: [{provider: qwen, role: weights}]}
  - {id: us-api, hq: US, regions: [US]}
  - {id: reseller, kind: hosted-model, hq: DE, regions: [DE], upstream: [{provider: us-api, role: model}]}
capabilities:
  - {id: held, needs: [{slot: llm, primary: {provider: our-llm}}]}
  - {id: resold, needs: [{slot: llm, primary: {provider: reseller}}]}
)");
  const CapabilityResult& held = s->capability("held");
  CHECK(held.model.status == LayerStatus::Own);
  CHECK(held.model.controllers().empty());
  CHECK(strings(held.model.held_origins()) == std::vector<std::string>{"CN"});
  CHECK(held.compute.status == LayerStatus::Trusted);  // our-llm is a vendor here, in DE
  // Compute follows the model upstream: a US company runs the machines behind the reseller.
  const CapabilityResult& resold = s->capability("resold");
  CHECK(resold.compute.status == LayerStatus::Foreign);
  CHECK(strings(resold.compute.controllers()) == std::vector<std::string>{"US"});
  const std::string md = markdown(*s);
  CHECK(md.find("| `held` | trusted (DE) | trusted (DE) | held, origin CN |") != std::string::npos);
  CHECK(md.find("| `resold` | foreign (DE, US) | foreign (US) | foreign (US) |") != std::string::npos);
}

TEST_CASE("7. without trusted_jurisdictions, one warning with the fix", "[law]") {
  CHECK(test::load("sovaudit: 1\norganization: {name: A, jurisdiction: NL}\n").text ==
        "inventory.yaml:2:15: warning: organization has no 'trusted_jurisdictions': only NL is trusted, so a "
        "provider under any other law counts as foreign; if EEA law is trusted, add 'trusted_jurisdictions: [EEA]'\n"
        "    2 | organization: {name: A, jurisdiction: NL}\n"
        "      |               ^~~~~~~~~~~~\n");
  CHECK(test::load("sovaudit: 1\norganization: {name: A, jurisdiction: US}\n").text.find(
            "only US is trusted, so a provider under any other law counts as foreign; list the countries or groups "
            "whose law you trust in 'trusted_jurisdictions'") != std::string::npos);
  CHECK(test::load("sovaudit: 1\norganization: {name: A, jurisdiction: NL, trusted_jurisdictions: [NL]}\n")
            .diagnostics.all()
            .empty());
}

TEST_CASE("8. our own machines: no price shock, exit plan or departure of their own - air gaps keep data in", "[law]") {
  const auto s = run_scenario(std::string(kOrg) + R"(providers:
  - {id: chips, kind: compute, hq: US, regions: [US], annual_spend: 1000}
  - {id: cluster, kind: self-hosted, operated_by: self, air_gapped: true, regions: [DE], annual_spend: 50000,
     upstream: [{provider: chips, role: compute, price_passthrough: 0.5}]}
capabilities:
  - {id: c, value_share: 0.5, needs: [{slot: llm, primary: {provider: cluster}}]}
data_flows:
  - {id: f, capability: c, provider: cluster, data: [health]}
)");
  CHECK(s->inventory().providers[1].hq.value == "DE");  // our own law by default
  const ProviderResult& cluster = s->provider("cluster");
  CHECK(cluster.price_shock.effective_multiplier == 1);
  CHECK(cluster.price_shock.direct_added_cost == 0);
  // The chip vendor's rise still reaches our cost: 50,000 x 0.5 x (3 - 1).
  const ProviderResult& chips = s->provider("chips");
  REQUIRE(chips.price_shock.passthrough.size() == 1);
  CHECK(chips.price_shock.passthrough[0].added_cost == 50000);
  CHECK(s->findings("SOV-EXIT-PLAN-MISSING", "cluster").empty());
  CHECK(s->findings("SOV-DEPARTURE", "cluster").empty());
  CHECK(s->findings("SOV-EXIT-PLAN-MISSING", "chips").size() == 1);  // the vendor is a single point of failure
  // Air-gapped: the data stays on the cluster; the US chip vendor sees none of it.
  const FlowResult& f = s->analysis.flows[0];
  CHECK(provider_names(s->inventory(), f.processing_providers) == std::vector<std::string>{"cluster"});
  CHECK(f.processing_regions == std::vector<std::string>{"DE"});
  CHECK(s->findings("SOV-RESIDENCY", "f").empty());
  CHECK(s->findings("SOV-FOREIGN-CONTROL", "chips").empty());
  // ... but the dependence on the chip vendor shows in the compute layer and the US scenario.
  CHECK(s->capability("c").compute.status == LayerStatus::Foreign);
  const auto us = s->findings("SOV-JURISDICTION", "US");
  REQUIRE(us.size() == 1);
  CHECK(find_evidence(*us[0], "broken_capabilities")->items == std::vector<std::string>{"c"});
}

TEST_CASE("8. a weights licensor is only an upstream with role weights", "[law]") {
  CHECK(test::load(std::string(test::kHead) + "providers: [{id: meta, kind: weights-licensor}]\n"
                                              "capabilities: [{id: c, needs: [{slot: s, primary: {provider: meta}}]}]\n")
            .text ==
        "inventory.yaml:4:62: warning: the primary of slot 's' of capability 'c' is served by 'meta', a "
        "weights-licensor that runs nothing; name the provider that runs the model and give it an upstream with "
        "role weights\n"
        "    4 | capabilities: [{id: c, needs: [{slot: s, primary: {provider: meta}}]}]\n"
        "      |                                                              ^~~~\n");
  CHECK(test::load(std::string(test::kHead) +
                   "providers: [{id: meta, kind: weights-licensor}, {id: p, upstream: [{provider: meta, role: "
                   "hosting}]}]\n")
            .text.find("provider 'p' uses weights-licensor 'meta' with role hosting; a licensor only licenses "
                       "weights (role weights)") != std::string::npos);
}

TEST_CASE("9. policy.jurisdiction_severity sets the severity of residency and foreign control by law", "[law]") {
  const std::string body = R"(providers:
  - {id: cn-api, hq: CN, regions: [CN]}
  - {id: us-api, hq: US, regions: [US]}
capabilities:
  - {id: c, needs: [{slot: a, primary: {provider: cn-api}}, {slot: b, primary: {provider: us-api}}]}
data_flows:
  - {id: to-cn, capability: c, provider: cn-api, data: [confidential]}
  - {id: to-us, capability: c, provider: us-api, data: [health]}
)";
  // Defaults: confidential data abroad is advisory, health data abroad existential.
  auto s = run_scenario(std::string(kOrg) + body);
  CHECK(s->findings("SOV-RESIDENCY", "to-cn")[0]->severity == Severity::Advisory);
  CHECK(s->findings("SOV-FOREIGN-CONTROL", "cn-api").empty());  // confidential: not reported by default
  CHECK(s->findings("SOV-RESIDENCY", "to-us")[0]->severity == Severity::Existential);
  // The policy's word replaces the data-class severity for the jurisdictions it names.
  s = run_scenario(std::string(kOrg) + "policy: {jurisdiction_severity: {CN: existential, US: advisory}}\n" + body);
  CHECK(s->findings("SOV-RESIDENCY", "to-cn")[0]->severity == Severity::Existential);
  const auto control = s->findings("SOV-FOREIGN-CONTROL", "cn-api");
  REQUIRE(control.size() == 1);
  CHECK(control[0]->severity == Severity::Existential);
  CHECK(s->findings("SOV-RESIDENCY", "to-us")[0]->severity == Severity::Advisory);
  CHECK(s->findings("SOV-FOREIGN-CONTROL", "us-api")[0]->severity == Severity::Advisory);
  CHECK(test::load(std::string(test::kHead) + "policy: {jurisdiction_severity: {CN: fatal}}\n").text ==
        "inventory.yaml:3:38: error: 'jurisdiction_severity' must be one of advisory, material, existential, got "
        "'fatal'\n"
        "    3 | policy: {jurisdiction_severity: {CN: fatal}}\n"
        "      |                                      ^~~~~\n");
}
