// The rule registry: complete metadata, templates backed by evidence, and every rule able to fire.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "scenario.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

using namespace sovaudit;

namespace {

std::vector<std::string> placeholders(std::string_view message) {
  std::vector<std::string> keys;
  const std::string text(message);
  const std::regex placeholder(R"(\{([a-z_]+)\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder); it != std::sregex_iterator(); ++it) {
    keys.push_back((*it)[1]);
  }
  return keys;
}

}  // namespace

TEST_CASE("every rule has an id, a name and all its texts", "[rules]") {
  const auto rules = builtin_passes().rules();
  REQUIRE(rules.size() == 27);
  std::set<std::string_view> names;
  for (const RuleInfo* r : rules) {
    INFO(r->id);
    CHECK(std::regex_match(std::string(r->id), std::regex("SOV-[A-Z]+(-[A-Z]+)*")));
    CHECK(std::regex_match(std::string(r->name), std::regex("[A-Z][A-Za-z]+")));
    CHECK(names.insert(r->name).second);
    CHECK_FALSE(r->summary.empty());
    CHECK_FALSE(r->description.empty());
    CHECK_FALSE(r->remediation.empty());
    CHECK_FALSE(r->severities.empty());
    CHECK_FALSE(r->tags.empty());
    CHECK(r->message.find("{target}") != std::string_view::npos);
  }
}

TEST_CASE("one focused inventory trips every rule, and every message is fully filled", "[rules]") {
  const auto s = test::run_every_rule();
  std::set<std::string> fired;
  for (const Finding& f : s->verdict.findings) {
    fired.insert(std::string(f.rule));
    const RuleInfo* rule = builtin_passes().rule(f.rule);
    REQUIRE(rule);
    INFO(f.rule << " " << f.target);
    for (const std::string& key : placeholders(rule->message)) {
      if (key != "target") CHECK(find_evidence(f, key) != nullptr);
    }
    CHECK(f.loc.known());
    for (const RelatedLocation& r : f.related) CHECK(r.loc.known());
  }
  for (const RuleInfo* rule : builtin_passes().rules()) {
    INFO("rule never fired: " << rule->id);
    CHECK(fired.count(std::string(rule->id)) == 1);
  }
}

TEST_CASE("messages read as sentences with the evidence rendered by unit", "[rules]") {
  const auto s = test::run_every_rule();
  const auto departure = s->findings("SOV-DEPARTURE", "us-model");
  REQUIRE(departure.size() == 1);
  // assistant: deep 12 + fine-tuning 8 = 20 weeks, x1.5 without evals = 30 weeks = 6.92 months,
  // minus 1 month of notice: 5.9 months; value at risk 0.5; one engineer, so 30 engineer-weeks;
  // cost 30 x 1 x 1000.
  CHECK(render_message(*departure[0], *builtin_passes().rule("SOV-DEPARTURE"), s->inventory()) ==
        "if us-model left with 1 month notice, 50% of core value would be down for up to 5.9 months (likely "
        "estimate; 12.8 months at worst); "
        "moving off it takes 30 weeks (30 engineer-weeks of effort) and costs EUR 30,000");
}

TEST_CASE("the terminal summary fits in 80 columns", "[report]") {
  for (const char* file : {"examples/eu-health-tech.yaml", "examples/fintech.yaml", "examples/public-sector.yaml",
                           "tests/cases/every-rule.yaml"}) {
    const auto s = test::run_scenario(test::read_repo_file(file));
    const std::string text = render_terminal_summary(Report{s->inventory(), s->analysis, s->verdict, builtin_passes(),
                                                            s->loaded.parsed.inventory.path, ReportOptions{}},
                                                     TextStyle{});
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      INFO(file << ": " << line);
      CHECK(count_code_points(line, line.size()) <= 80);
    }
  }
}
