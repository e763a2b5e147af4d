// Test helper: the whole pipeline on inline YAML.
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

namespace sovaudit::test {

std::unique_ptr<Scenario> run_scenario(const std::string& yaml, const std::string& as_of, FailOn fail_on,
                                       AnalysisOptions overrides) {
  auto s = std::make_unique<Scenario>();
  const auto rules = builtin_passes().rules();
  s->loaded = load(yaml, {}, rules);
  INFO(s->loaded.text);
  REQUIRE_FALSE(s->loaded.diagnostics.has_errors());
  const auto date = parse_iso_date(as_of).date;
  REQUIRE(date);
  overrides.as_of = *date;
  s->analysis = analyze(s->inventory(), overrides);
  auto findings = run_passes(builtin_passes(), PassContext{s->inventory(), s->analysis});
  s->verdict = judge(std::move(findings), s->inventory(), *date, fail_on);
  return s;
}

std::unique_ptr<Scenario> run_every_rule() {
  auto s = std::make_unique<Scenario>();
  Diagnostics d;
  read_observed_sbom(SourceFile{"tests/cases/every-rule.cdx.json", read_repo_file("tests/cases/every-rule.cdx.json")},
                     s->observed, d);
  REQUIRE_FALSE(d.has_errors());
  s->observed.complete = s->observed.files.front().complete;
  const auto rules = builtin_passes().rules();
  s->loaded = load(read_repo_file("tests/cases/every-rule.yaml"), {}, rules);
  REQUIRE_FALSE(s->loaded.diagnostics.has_errors());
  AnalysisOptions options;
  options.as_of = *parse_iso_date("2026-11-22").date;
  options.observed = &s->observed;
  s->analysis = analyze(s->inventory(), options);
  s->verdict = judge(run_passes(builtin_passes(), PassContext{s->inventory(), s->analysis}), s->inventory(),
                     options.as_of, FailOn::Existential);
  return s;
}

const ProviderResult& Scenario::provider(const std::string& id) const {
  for (const ProviderResult& p : analysis.providers) {
    if (inventory().providers[p.provider].id.value == id) return p;
  }
  FAIL("no provider " << id);
  throw std::logic_error("unreachable");
}

const CapabilityResult& Scenario::capability(const std::string& id) const {
  for (const CapabilityResult& c : analysis.capabilities) {
    if (inventory().capabilities[c.capability].id.value == id) return c;
  }
  FAIL("no capability " << id);
  throw std::logic_error("unreachable");
}

std::vector<const Finding*> Scenario::findings(const std::string& rule, const std::string& target) const {
  std::vector<const Finding*> out;
  for (const Finding& f : verdict.findings) {
    if (f.rule == rule && f.target == target) out.push_back(&f);
  }
  return out;
}

std::string read_repo_file(const std::string& relative) {
  std::ifstream in(std::string(SOVAUDIT_SOURCE_DIR) + "/" + relative);
  INFO(relative);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> capability_names(const Inventory& inventory, const std::vector<NodeIndex>& indices) {
  std::vector<std::string> out;
  for (NodeIndex i : indices) out.push_back(inventory.capabilities[i].id.value.str());
  return out;
}

std::vector<std::string> provider_names(const Inventory& inventory, const std::vector<NodeIndex>& indices) {
  std::vector<std::string> out;
  for (NodeIndex i : indices) out.push_back(inventory.providers[i].id.value.str());
  return out;
}

}  // namespace sovaudit::test
