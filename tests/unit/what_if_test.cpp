// What-if changes: each value read by the loader's rules, ids suggested, removals handed to fallbacks,
// and a change on the command line analysed exactly like the same change written in the file.
#include <catch2/catch.hpp>

#include <algorithm>

#include "helpers.hpp"
#include "sovaudit/analysis.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/verdict.hpp"
#include "sovaudit/what_if.hpp"

using namespace sovaudit;

namespace {

constexpr const char* kBody = R"(providers:
  - {id: openai, hq: US, annual_spend: 200000}
  - {id: mistral, hq: FR, annual_spend: 20000}
  - {id: azure, hq: US, kind: hosted-model, upstream: [{provider: openai, role: model}]}
capabilities:
  - id: triage
    value_share: 0.4
    needs:
      - slot: llm
        primary: {provider: openai}
        fallbacks: [{provider: mistral, tested: 2026-10-01}]
  - id: search
    value_share: 0.2
    needs: [{slot: llm, primary: {provider: azure}}]
data_flows:
  - {id: tickets, capability: triage, provider: openai, data: [personal]}
accepted_risks:
  - {rule: SOV-PRICE-SHOCK, target: openai, owner: cto, expires: 2027-06-30, justification: "contract cap"}
)";

Inventory loaded(const std::string& body = kBody) { return test::valid_inventory(body, builtin_passes().rules()); }

WhatIfOutcome apply(const Inventory& inv, std::vector<WhatIfChange> changes) {
  return apply_what_if(inv, changes);
}

/// "severity rule target" of every finding, sorted, for comparing two analyses.
std::vector<std::string> finding_lines(const Inventory& inv) {
  AnalysisOptions options;
  options.as_of = *parse_iso_date("2026-11-22").date;
  const Analysis analysis = analyze(inv, options);
  const Verdict verdict = judge(run_passes(builtin_passes(), PassContext{inv, analysis}), inv, options.as_of,
                                FailOn::Existential);
  std::vector<std::string> lines;
  for (const Finding& f : verdict.findings) {
    lines.push_back(std::string(to_string(f.severity)) + " " + std::string(f.rule) + " " + f.target);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace

TEST_CASE("what-if --set reads its value by the loader's rule for that key", "[what-if]") {
  const Inventory inv = loaded();
  const WhatIfOutcome ok = apply(inv, {{WhatIfKind::Set, "providers.openai.notice_months=12"},
                                       {WhatIfKind::Set, "policy.price_multiplier=5"},
                                       {WhatIfKind::Set, "capabilities.triage.migration_weeks=9"}});
  REQUIRE(ok.errors.empty());
  CHECK(ok.inventory.providers[0].notice_months.value == 12);
  CHECK(ok.inventory.providers[0].notice_months.present);
  CHECK(ok.inventory.providers[0].notice_months.loc == inv.providers[0].loc);  // findings still point into the file
  CHECK(ok.inventory.policy.price_multiplier.value == 5);
  CHECK(ok.inventory.capabilities[0].migration_weeks.value.high == 9);
  CHECK_FALSE(inv.providers[0].notice_months.present);  // the loaded inventory is left alone

  const WhatIfOutcome bad = apply(inv, {{WhatIfKind::Set, "providers.openia.notice_months=12"},
                                        {WhatIfKind::Set, "providers.openai.notice_month=12"},
                                        {WhatIfKind::Set, "providers.openai.notice_months=-1"},
                                        {WhatIfKind::Set, "providers.openai.exit_plan=yes"},
                                        {WhatIfKind::Set, "providers.openai.id=gpt"},
                                        {WhatIfKind::Set, "polcy.price_multiplier=5"},
                                        {WhatIfKind::Set, "policy.material_value_share=0.5"},
                                        {WhatIfKind::Set, "providers.openai"},
                                        {WhatIfKind::Set, "organization.currency=EUX"}});
  CHECK(bad.errors == std::vector<std::string>{
      "--set providers.openia.notice_months=12: no provider is called 'openia' (did you mean 'openai'?)",
      "--set providers.openai.notice_month=12: a provider has no key 'notice_month' (did you mean 'notice_months'?)",
      "--set providers.openai.notice_months=-1: 'notice_months' must be a number from 0 to 240, got -1",
      "--set providers.openai.exit_plan=yes: 'exit_plan' is not a single value; --set changes one of name, kind, hq, "
      "annual_spend, notice_months, open_weights, substitutability, sovereign, price_locked_until, "
      "max_price_increase, operated_by, air_gapped, contract_ends, renews_automatically",
      "--set providers.openai.id=gpt: an id cannot be changed; --remove the entry and add another to the inventory",
      "--set polcy.price_multiplier=5: 'polcy' is not a section (did you mean 'policy'?); a path starts with "
      "organization, policy, providers, capabilities or data_flows",
      "--set policy.material_value_share=0.5: policy 'material_value_share' (0.5) must not exceed "
      "'existential_value_share' (0.25)",
      "--set providers.openai: expected PATH=VALUE, such as providers.openai.notice_months=12",
      "--set organization.currency=EUX: 'currency' must be an ISO 4217 currency code, got 'EUX'"});
}

TEST_CASE("what-if --remove hands each slot to its first fallback and takes the provider's traces away", "[what-if]") {
  const Inventory inv = loaded();
  // azure's only slot would be left empty: nothing changes until it gets another provider.
  const WhatIfOutcome refused = apply(inv, {{WhatIfKind::Remove, "azure"}});
  CHECK(refused.errors == std::vector<std::string>{
      "--remove azure: capability 'search' slot 'llm' would be left with no provider; give it one with "
      "--add-fallback search:llm:PROVIDER"});

  const WhatIfOutcome out = apply(inv, {{WhatIfKind::Remove, "openai"}});
  REQUIRE(out.errors.empty());
  // azure is built on openai: openai stays as its upstream, and so does the acceptance of its risk.
  CHECK(out.inventory.providers.size() == 3);
  CHECK(out.inventory.providers[2].upstream.size() == 1);
  CHECK(out.inventory.accepted_risks.size() == 1);
  const Need& llm = out.inventory.capabilities[0].needs[0];
  CHECK(llm.primary->provider.value == "mistral");
  CHECK_FALSE(llm.primary->tested.present);
  CHECK(llm.fallbacks.empty());
  CHECK(out.inventory.data_flows[0].provider.value == "mistral");
  CHECK(out.notes == std::vector<std::string>{"--remove openai: triage slot llm now runs on its fallback mistral (last tested 2026-10-01)",
                                              "--remove openai: data flow tickets now goes to mistral",
                                              "--remove openai: openai stays in the inventory as the upstream of azure"});
  // A provider nobody is built on goes, and so do the fallbacks that named it.
  const WhatIfOutcome gone = apply(inv, {{WhatIfKind::Remove, "mistral"}});
  REQUIRE(gone.errors.empty());
  CHECK(gone.inventory.providers.size() == 2);
  CHECK(gone.inventory.capabilities[0].needs[0].fallbacks.empty());
  CHECK_FALSE(check_inventory(out.inventory, builtin_passes().rules()).has_errors());
  CHECK(apply(inv, {{WhatIfKind::Remove, "opnai"}}).errors ==
        std::vector<std::string>{"--remove opnai: no provider is called 'opnai' (did you mean 'openai'?)"});
}

TEST_CASE("what-if --add-fallback names a slot and a provider that exist, once", "[what-if]") {
  const Inventory inv = loaded();
  const WhatIfOutcome out = apply(inv, {{WhatIfKind::AddFallback, "search:llm:mistral@2026-11-01"}});
  REQUIRE(out.errors.empty());
  const Need& llm = out.inventory.capabilities[1].needs[0];
  REQUIRE(llm.fallbacks.size() == 1);
  CHECK(llm.fallbacks[0].provider.value == "mistral");
  CHECK(to_string(llm.fallbacks[0].tested.value) == "2026-11-01");
  // Given with the removal, it lets azure go.
  CHECK(apply(inv, {{WhatIfKind::AddFallback, "search:llm:mistral"}, {WhatIfKind::Remove, "azure"}}).errors.empty());

  const WhatIfOutcome bad = apply(inv, {{WhatIfKind::AddFallback, "serch:llm:mistral"},
                                        {WhatIfKind::AddFallback, "search:lm:mistral"},
                                        {WhatIfKind::AddFallback, "search:llm:mistrall"},
                                        {WhatIfKind::AddFallback, "triage:llm:mistral"},
                                        {WhatIfKind::AddFallback, "search:llm:mistral@2026-02-30"},
                                        {WhatIfKind::AddFallback, "search:llm"}});
  CHECK(bad.errors == std::vector<std::string>{
      "--add-fallback serch:llm:mistral: no capability is called 'serch' (did you mean 'search'?)",
      "--add-fallback search:lm:mistral: capability 'search' has no slot 'lm' (did you mean 'llm'?); its slots "
      "are llm",
      "--add-fallback search:llm:mistrall: no provider is called 'mistrall' (did you mean 'mistral'?)",
      "--add-fallback triage:llm:mistral: 'mistral' already serves 'triage' slot 'llm' as its primary or a "
      "fallback",
      "--add-fallback search:llm:mistral@2026-02-30: 'tested' must be a date written YYYY-MM-DD, got "
      "'2026-02-30': February 2026 has 28 days",
      "--add-fallback search:llm: expected CAPABILITY:SLOT:PROVIDER or CAPABILITY:SLOT:PROVIDER@TESTED, such as "
      "triage:llm:mistral@2026-11-01"});
}

TEST_CASE("a change on the command line is analysed like the same change in the file", "[what-if]") {
  const Inventory inv = loaded();
  std::string edited = kBody;
  edited.replace(edited.find("{id: openai, hq: US, annual_spend: 200000}"),
                 std::string("{id: openai, hq: US, annual_spend: 200000}").size(),
                 "{id: openai, hq: US, annual_spend: 200000, notice_months: 1}");
  edited.replace(edited.find("needs: [{slot: llm, primary: {provider: azure}}]"),
                 std::string("needs: [{slot: llm, primary: {provider: azure}}]").size(),
                 "needs: [{slot: llm, primary: {provider: azure}, fallbacks: [{provider: mistral, tested: 2026-11-01}]}]");
  const WhatIfOutcome out = apply(inv, {{WhatIfKind::Set, "providers.openai.notice_months=1"},
                                        {WhatIfKind::AddFallback, "search:llm:mistral@2026-11-01"}});
  REQUIRE(out.errors.empty());
  const std::vector<std::string> from_file = finding_lines(loaded(edited));
  CHECK(finding_lines(out.inventory) == from_file);
  CHECK(finding_lines(inv) != from_file);  // the changes did change something
}

TEST_CASE("what-if: a tested fallback never raises a provider's value at risk", "[what-if][invariant]") {
  const Inventory inv = loaded();
  AnalysisOptions options;
  options.as_of = *parse_iso_date("2026-11-22").date;
  const Analysis before = analyze(inv, options);
  for (const char* change : {"search:llm:mistral@2026-11-01", "search:llm:openai@2026-11-01",
                                    "triage:llm:azure@2026-11-01"}) {
    const WhatIfOutcome out = apply(inv, {{WhatIfKind::AddFallback, change}});
    REQUIRE(out.errors.empty());
    const Analysis after = analyze(out.inventory, options);
    for (std::size_t p = 0; p < inv.providers.size(); ++p) {
      INFO(change << " provider " << inv.providers[p].id.value);
      CHECK(after.providers[p].departure.value_at_risk.likely <= before.providers[p].departure.value_at_risk.likely);
      CHECK(after.providers[p].departure.value_at_risk.high <= before.providers[p].departure.value_at_risk.high);
    }
  }
}

TEST_CASE("what-if refuses values no inventory file could hold, without echoing them", "[what-if][hardening]") {
  const Inventory inv = loaded();
  const WhatIfOutcome out = apply_what_if(inv, std::vector<WhatIfChange>{
      {WhatIfKind::Set, "providers.openai.name=\x1b[2Jgone"},
      {WhatIfKind::Set, "providers.openai.name=\xff\xfe"},
      {WhatIfKind::Remove, std::string(100, 'a')},
      {WhatIfKind::AddFallback, "search:llm:mistral\n"}}, 64);
  CHECK(out.errors == std::vector<std::string>{
      "--set: the value holds a control character, which no inventory may",
      "--set: the value is not valid UTF-8",
      "--remove: the value is 100 bytes long, over the limit of 64 (--max-string-length)",
      "--add-fallback: the value holds a control character, which no inventory may"});
  CHECK(out.inventory.providers[0].name.value.empty());
}

TEST_CASE("what-if --switch-off takes away every provider under that law, whatever their order", "[what-if]") {
  // a-model is built on by b-host, which c-reseller resells: all three answer to US law.
  const std::string body = R"(providers:
  - {id: a-model, hq: US}
  - {id: b-host, hq: US, kind: hosted-model, upstream: [{provider: a-model, role: model}]}
  - {id: c-reseller, hq: DE, ultimate_parent: {name: Big Co, hq: US}, kind: hosted-model,
     upstream: [{provider: b-host, role: hosting}]}
  - {id: eu-llm, hq: FR}
  - {id: eu-api, hq: DE, upstream: [{provider: a-model, role: weights}]}
capabilities:
  - id: chat
    value_share: 0.4
    needs:
      - slot: llm
        primary: {provider: c-reseller}
        fallbacks: [{provider: b-host, tested: 2026-10-01}, {provider: eu-llm, tested: 2026-10-02}]
)";
  const Inventory inv = loaded(body);
  const WhatIfOutcome out = apply(inv, {{WhatIfKind::SwitchOff, "US"}});
  REQUIRE(out.errors.empty());
  std::vector<std::string> left;
  for (const Provider& p : out.inventory.providers) left.push_back(p.id.value.str());
  // a-model stays: eu-api, which does not answer to US law, is built on it.
  CHECK(left == std::vector<std::string>{"a-model", "eu-llm", "eu-api"});
  CHECK(out.inventory.capabilities[0].needs[0].primary->provider.value == "eu-llm");
  CHECK(out.notes == std::vector<std::string>{
      "--switch-off US: a-model, b-host, c-reseller answer to US law",
      "--switch-off US: chat slot llm now runs on its fallback eu-llm (last tested 2026-10-02)",
      "--switch-off US: a-model stays in the inventory as the upstream of eu-api"});
  CHECK_FALSE(check_inventory(out.inventory, builtin_passes().rules()).has_errors());

  // The same inventory listed the other way round loses the same providers.
  std::string reversed = body;
  const std::size_t a = reversed.find("  - {id: a-model");
  const std::size_t eu = reversed.find("  - {id: eu-llm");
  const std::string us_block = reversed.substr(a, eu - a);
  reversed.erase(a, us_block.size());
  reversed.insert(reversed.find("capabilities:"), us_block);
  std::vector<std::string> left_reversed;
  for (const Provider& p : apply(loaded(reversed), {{WhatIfKind::SwitchOff, "US"}}).inventory.providers) {
    left_reversed.push_back(p.id.value.str());
  }
  std::sort(left.begin(), left.end());
  std::sort(left_reversed.begin(), left_reversed.end());
  CHECK(left_reversed == left);

  // Nothing changes when a slot has no provider outside the law.
  CHECK(apply(loaded(), {{WhatIfKind::SwitchOff, "US"}}).errors ==
        std::vector<std::string>{"--switch-off US: capability 'search' slot 'llm' has no provider outside US law; the "
                                 "scan's SOV-JURISDICTION finding measures that loss"});
  CHECK(apply(inv, {{WhatIfKind::SwitchOff, "UK"}}).errors ==
        std::vector<std::string>{"--switch-off UK: 'UK' is not a country code or a group such as EU (did you mean 'GB'?)"});
  CHECK(apply(inv, {{WhatIfKind::SwitchOff, "CN"}}).notes ==
        std::vector<std::string>{"--switch-off CN: no provider answers to CN law; nothing changes"});
}

TEST_CASE("what-if --set reaches a provider's exit plan and a capability's criteria", "[what-if]") {
  const Inventory inv = loaded();
  const WhatIfOutcome out = apply(inv, {{WhatIfKind::Set, "providers.openai.exit_plan.exists=true"},
                                        {WhatIfKind::Set, "providers.openai.exit_plan.tested=2026-11-01"},
                                        {WhatIfKind::Set, "capabilities.triage.criteria.differentiating=true"}});
  REQUIRE(out.errors.empty());
  REQUIRE(out.inventory.providers[0].exit_plan);
  CHECK(out.inventory.providers[0].exit_plan->exists.value);
  CHECK(to_string(out.inventory.providers[0].exit_plan->tested.value) == "2026-11-01");
  REQUIRE(out.inventory.capabilities[0].criteria);
  CHECK(out.inventory.capabilities[0].criteria->differentiating.value);
  CHECK_FALSE(out.inventory.capabilities[0].criteria->stable.value);
  CHECK(apply(inv, {{WhatIfKind::Set, "providers.openai.exit_plan.tsted=2026-11-01"}}).errors ==
        std::vector<std::string>{"--set providers.openai.exit_plan.tsted=2026-11-01: an exit_plan has no key 'tsted' "
                                 "(did you mean 'tested'?)"});
}
