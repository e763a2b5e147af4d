// Whole-inventory checks: duplicate ids, dangling references, cycles, sums and consistency warnings.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "helpers.hpp"
#include "scenario.hpp"

using sovaudit::test::with_head;
using sovaudit::test::load;


TEST_CASE("duplicate ids point at both definitions", "[checks]") {
  CHECK(load(with_head("providers:\n  - id: openai\n  - id: openai\n")).text ==
        "inventory.yaml:5:9: error: duplicate provider id 'openai'\n"
        "    5 |   - id: openai\n"
        "      |         ^~~~~~\n"
        "inventory.yaml:4:9: note: 'openai' is first defined here\n"
        "    4 |   - id: openai\n"
        "      |         ^~~~~~\n");
}

TEST_CASE("duplicate ids are checked per kind, and an id shared by a provider and a capability is a warning", "[checks]") {
  const auto r = load(with_head("providers: [{id: search}]\n"
                                "capabilities: [{id: search, needs: [{slot: s, primary: {provider: search}}]}]\n"));
  CHECK(r.diagnostics.error_count() == 0);
  CHECK(r.text ==
        "inventory.yaml:4:21: warning: id 'search' names both a provider and a capability; an accepted risk that "
        "targets it is ambiguous\n"
        "    4 | capabilities: [{id: search, needs: [{slot: s, primary: {provider: search}}]}]\n"
        "      |                     ^~~~~~\n");
}

TEST_CASE("a dangling provider reference suggests the closest id", "[checks]") {
  CHECK(load(with_head("providers: [{id: openai}]\n"
                       "capabilities:\n"
                       "  - id: triage\n"
                       "    needs:\n"
                       "      - slot: llm\n"
                       "        primary: {provider: openia}\n"))
            .text ==
        "inventory.yaml:8:29: error: capability 'triage' needs unknown provider 'openia' (did you mean "
        "'openai'?)\n"
        "    8 |         primary: {provider: openia}\n"
        "      |                             ^~~~~~\n");
}

TEST_CASE("every kind of reference is checked", "[checks]") {
  const auto r = load(with_head("providers:\n"
                                "  - {id: openai, upstream: [{provider: azur}]}\n"
                                "  - {id: azure}\n"
                                "capabilities:\n"
                                "  - id: triage\n"
                                "    requires: [serch]\n"
                                "    needs: [{slot: llm, primary: {provider: openai}, fallbacks: [{provider: mistral}]}]\n"
                                "  - {id: search}\n"
                                "data_flows:\n"
                                "  - {id: f, capability: triag, provider: opena, data: [personal]}\n"
                                "accepted_risks:\n"
                                "  - {rule: SOV-DEPARTURE, target: azuer, owner: cto, expires: 2027-01-01, "
                                "justification: funded}\n"
                                "  - {rule: SOV-JURISDICTION, target: US, owner: cto, expires: 2027-01-01, "
                                "justification: accepted by the board}\n"));
  CHECK(r.diagnostics.error_count() == 6);
  const std::string& t = r.text;
  CHECK(t.find("4:40: error: provider 'openai' has unknown upstream provider 'azur' (did you mean 'azure'?)") !=
        std::string::npos);
  CHECK(t.find("8:16: error: capability 'triage' requires unknown capability 'serch' (did you mean 'search'?)") !=
        std::string::npos);
  CHECK(t.find("9:77: error: capability 'triage' lists unknown fallback provider 'mistral'\n") != std::string::npos);
  CHECK(t.find("12:25: error: data flow 'f' names unknown capability 'triag' (did you mean 'triage'?)") !=
        std::string::npos);
  CHECK(t.find("12:42: error: data flow 'f' sends data to unknown provider 'opena' (did you mean 'openai'?)") !=
        std::string::npos);
  CHECK(t.find("14:35: error: accepted risk for SOV-DEPARTURE targets unknown 'azuer' (did you mean 'azure'?)") !=
        std::string::npos);
}

TEST_CASE("upstream cycles are reported with the whole path", "[checks]") {
  CHECK(load(with_head("providers:\n"
                       "  - {id: a, upstream: [{provider: b}]}\n"
                       "  - {id: b, upstream: [{provider: c}]}\n"
                       "  - {id: c, upstream: [{provider: a}]}\n"))
            .text ==
        "inventory.yaml:6:35: error: upstream cycle: a -> b -> c -> a\n"
        "    6 |   - {id: c, upstream: [{provider: a}]}\n"
        "      |                                   ^\n");
}

TEST_CASE("requires cycles and self-references are reported", "[checks]") {
  CHECK(load(with_head("capabilities:\n"
                       "  - {id: x, requires: [y]}\n"
                       "  - {id: y, requires: [x]}\n"
                       "  - {id: z, requires: [z]}\n"))
            .text ==
        "inventory.yaml:5:24: error: requires cycle: x -> y -> x\n"
        "    5 |   - {id: y, requires: [x]}\n"
        "      |                        ^\n"
        "inventory.yaml:6:24: error: requires cycle: z -> z\n"
        "    6 |   - {id: z, requires: [z]}\n"
        "      |                        ^\n");
}

TEST_CASE("a diamond is not a cycle", "[checks]") {
  const auto r = load(with_head("providers:\n"
                                "  - {id: a, upstream: [{provider: b}, {provider: c}]}\n"
                                "  - {id: b, upstream: [{provider: d}]}\n"
                                "  - {id: c, upstream: [{provider: d}]}\n"
                                "  - {id: d}\n"));
  CHECK(r.diagnostics.all().empty());
}

TEST_CASE("a 20000-long upstream chain is checked without deep recursion", "[checks]") {
  std::string yaml = with_head("providers:\n");
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    yaml += "  - {id: p" + std::to_string(i) + ", upstream: [{provider: p" + std::to_string((i + 1) % n) + "}]}\n";
  }
  const auto r = load(yaml);
  REQUIRE(r.diagnostics.error_count() == 1);
  // The path is shortened: its first and last four ids around the count of the others.
  CHECK(r.text.find("upstream cycle: p0 -> p1 -> p2 -> p3 -> (19992 more) -> p19996 -> p19997 -> p19998 -> "
                    "p19999 -> p0\n") != std::string::npos);
}

TEST_CASE("hardening 13: thousands of cycles are reported 50 at a time, with a count of the rest", "[checks][hardening]") {
  std::string yaml = with_head("providers:\n");
  const std::string long_id(100, 'x');
  for (int i = 0; i < 3000; ++i) {
    const std::string a = long_id + std::to_string(2 * i), b = long_id + std::to_string(2 * i + 1);
    yaml += "  - {id: " + a + ", upstream: [{provider: " + b + "}]}\n  - {id: " + b + ", upstream: [{provider: " + a +
            "}]}\n";
  }
  const auto r = load(yaml);
  CHECK(r.diagnostics.error_count() == 51);
  CHECK(r.text.find("error: 2950 more upstream cycles are not listed; fix the ones above first") != std::string::npos);
  CHECK(r.text.size() < 200000);  // was 16 MB of messages
}

TEST_CASE("value shares above 1 in total are refused", "[checks]") {
  CHECK(load(with_head("capabilities:\n  - {id: a, value_share: 0.6}\n  - {id: b, value_share: 0.5}\n")).text ==
        "inventory.yaml:3:1: error: capability value shares sum to 1.1, above 1; each is a share of the same core "
        "user value\n"
        "    3 | capabilities:\n"
        "      | ^~~~~~~~~~~~\n");
  // Decimal rounding (0.1 + 0.2 + 0.7 is 1.0000000000000002 in binary) is not an error.
  CHECK(load(with_head("capabilities:\n  - {id: a, value_share: 0.1}\n  - {id: b, value_share: 0.2}\n"
                       "  - {id: c, value_share: 0.7}\n"))
            .diagnostics.all()
            .empty());
}

TEST_CASE("slots, fallbacks and data flows are checked for consistency", "[checks]") {
  const auto r = load(with_head("providers: [{id: p}, {id: q}, {id: r, upstream: [{provider: q}]}]\n"
                                "capabilities:\n"
                                "  - id: c\n"
                                "    needs:\n"
                                "      - {slot: llm, primary: {provider: p}, fallbacks: [{provider: p}, {provider: r},"
                                " {provider: r}]}\n"
                                "      - {slot: llm, primary: {provider: r}}\n"
                                "data_flows:\n"
                                "  - {id: via-upstream, capability: c, provider: q, data: [personal]}\n"
                                "  - {id: unused, capability: c, provider: s, data: [personal]}\n"));
  CHECK(r.text ==
        "inventory.yaml:7:68: warning: fallback 'p' is the primary provider of slot 'llm' too; it adds no "
        "resilience\n"
        "    7 |       - {slot: llm, primary: {provider: p}, fallbacks: [{provider: p}, {provider: r}, {provider: "
        "r}]}\n"
        "      |                                                                    ^\n"
        "inventory.yaml:7:98: warning: fallback 'r' is listed twice in slot 'llm'\n"
        "    7 |       - {slot: llm, primary: {provider: p}, fallbacks: [{provider: p}, {provider: r}, {provider: "
        "r}]}\n"
        "      |                                                                                                  ^\n"
        "inventory.yaml:8:16: error: capability 'c' has two slots named 'llm'\n"
        "    8 |       - {slot: llm, primary: {provider: r}}\n"
        "      |                ^~~\n"
        "inventory.yaml:7:16: note: the first is here\n"
        "    7 |       - {slot: llm, primary: {provider: p}, fallbacks: [{provider: p}, {provider: r}, {provider: "
        "r}]}\n"
        "      |                ^~~\n"
        "inventory.yaml:11:43: error: data flow 'unused' sends data to unknown provider 's' (did you mean 'p'?)\n"
        "   11 |   - {id: unused, capability: c, provider: s, data: [personal]}\n"
        "      |                                           ^\n");
}

TEST_CASE("a long list of slots or fallbacks finds its repeats as a short one does", "[checks]") {
  // Past 16 entries the checks look repeats up in a table instead of looking back along the list;
  // both must report the same places, the first occurrence in the note.
  for (const int count : {6, 40}) {
    std::string yaml = "providers: [{id: p}";
    for (int i = 0; i < count; ++i) yaml += ", {id: f" + std::to_string(i) + "}";
    yaml += "]\ncapabilities:\n  - id: c\n    needs:\n";
    for (int i = 0; i < count; ++i) {
      // Slot count-1 repeats slot 1; in slot 0, fallback count-1 repeats fallback 2, and fallback 3 is the primary.
      yaml += "      - slot: s" + std::to_string(i == count - 1 ? 1 : i) + "\n        primary: {provider: p}\n";
      if (i != 0) continue;
      yaml += "        fallbacks:\n";
      for (int k = 0; k < count; ++k) {
        yaml += "          - {provider: " + (k == 3 ? std::string("p") : "f" + std::to_string(k == count - 1 ? 2 : k)) + "}\n";
      }
    }
    INFO(count << " entries");
    std::vector<std::string> found;
    const auto loaded = load(with_head(yaml));
    for (const auto& d : loaded.diagnostics.all()) found.push_back(std::to_string(d.loc.line) + ": " + d.message);
    // Lines: the head (2), providers, "capabilities:", "- id: c", "needs:", slot 0 with its primary
    // and "fallbacks:", its fallbacks, then two lines per further slot.
    const auto line = [](int n) { return std::to_string(n) + ": "; };
    const int first_fallback = 2 + 4 + 3 + 1;
    const int slot_1 = first_fallback + count;
    const int last_slot = slot_1 + 2 * (count - 2);
    const std::vector<std::string> expected = {
        line(first_fallback + 3) + "fallback 'p' is the primary provider of slot 's0' too; it adds no resilience",
        line(first_fallback + count - 1) + "fallback 'f2' is listed twice in slot 's0'",
        line(last_slot) + "capability 'c' has two slots named 's1'",
        line(slot_1) + "the first is here",
    };
    CHECK(found == expected);
  }
}

TEST_CASE("a repeated data flow id points at its first definition", "[checks]") {
  CHECK(load(with_head("providers: [{id: p}]\n"
                       "capabilities: [{id: c, needs: [{slot: s, primary: {provider: p}}]}]\n"
                       "data_flows:\n"
                       "  - {id: f, capability: c, provider: p, data: [internal]}\n"
                       "  - {id: f, capability: c, provider: p, data: [internal]}\n"))
            .text ==
        "inventory.yaml:7:10: error: duplicate data flow id 'f'\n"
        "    7 |   - {id: f, capability: c, provider: p, data: [internal]}\n"
        "      |          ^\n"
        "inventory.yaml:6:10: note: 'f' is first defined here\n"
        "    6 |   - {id: f, capability: c, provider: p, data: [internal]}\n"
        "      |          ^\n");
}

TEST_CASE("a data flow to a provider the capability does not use is a warning", "[checks]") {
  CHECK(load(with_head("providers: [{id: p}, {id: q}]\n"
                       "capabilities: [{id: c, needs: [{slot: s, primary: {provider: p}}]}]\n"
                       "data_flows: [{id: f, capability: c, provider: q, data: [health]}]\n"))
            .text ==
        "inventory.yaml:5:47: warning: data flow 'f' sends data to 'q', which capability 'c' does not use\n"
        "    5 | data_flows: [{id: f, capability: c, provider: q, data: [health]}]\n"
        "      |                                               ^\n");
}

TEST_CASE("eight classic mistakes are all reported in one run at their places", "[checks]") {
  const auto r = load(sovaudit::test::read_repo_file("tests/e2e/invalid/eight_mistakes.yaml"));
  std::vector<std::pair<sovaudit::SourceLoc, std::string>> errors;
  for (const auto& d : r.diagnostics.sorted()) {
    if (d.severity == sovaudit::DiagSeverity::Error) errors.emplace_back(d.loc, d.message.substr(0, 30));
  }
  using L = sovaudit::SourceLoc;
  const std::vector<std::pair<L, std::string>> expected = {
      {L{11, 5}, "unknown key 'anual_spend' in p"},   // 1. misspelt key
      {L{14, 9}, "'hq' must be an ISO 3166-1 alp"},   // 2. bad country code
      {L{21, 20}, "upstream cycle: regio-llm -> r"},  // 6. upstream cycle
      {L{22, 9}, "duplicate provider id 'openai'"},   // 4. duplicate id
      {L{26, 18}, "'value_share' must be a number"},  // 8. value_share: 1.5
      {L{29, 29}, "capability 'triage' needs unkn"},  // 3. dangling provider reference
      {L{31, 39}, "'tested' must be a date writte"},  // 7. bad date
      {L{33, 5}, "duplicate key 'engineers' in c"},   // 5. duplicate mapping key
  };
  CHECK(errors == expected);
}

TEST_CASE("accepted risks must name a known rule", "[checks]") {
  const auto r = load(with_head("providers: [{id: p}]\n"
                                "accepted_risks:\n"
                                "  - {rule: SOV-DEPARTRUE, target: p, owner: cto, expires: 2027-01-01, justification: x}\n"));
  const sovaudit::RuleInfo* rules[] = {sovaudit::builtin_passes().rule("SOV-DEPARTURE"),
                                       sovaudit::builtin_passes().rule("SOV-PRICE-SHOCK")};
  const sovaudit::Diagnostics d = sovaudit::check_inventory(r.parsed.inventory, rules);
  CHECK(sovaudit::render_diagnostics("inventory.yaml", std::string(sovaudit::test::kHead) +
                                                           "providers: [{id: p}]\naccepted_risks:\n"
                                                           "  - {rule: SOV-DEPARTRUE, target: p, owner: cto, "
                                                           "expires: 2027-01-01, justification: x}\n",
                                     d.sorted(), {}) ==
        "inventory.yaml:5:12: error: accepted risk names unknown rule 'SOV-DEPARTRUE' (did you mean "
        "'SOV-DEPARTURE'?) ('sovaudit rules' lists them)\n"
        "    5 |   - {rule: SOV-DEPARTRUE, target: p, owner: cto, expires: 2027-01-01, justification: x}\n"
        "      |            ^~~~~~~~~~~~~\n");
}

TEST_CASE("hardening 17: ids that differ only in case or are jurisdiction codes are warnings", "[checks][hardening]") {
  CHECK(load(with_head("providers:\n  - id: openai\n  - id: OpenAI\n")).text ==
        "inventory.yaml:5:9: warning: provider id 'OpenAI' differs from 'openai' only in case; they are two entries, "
        "though they read as one\n"
        "    5 |   - id: OpenAI\n"
        "      |         ^~~~~~\n"
        "inventory.yaml:4:9: note: 'openai' is defined here\n"
        "    4 |   - id: openai\n"
        "      |         ^~~~~~\n");
  CHECK(load(with_head("capabilities:\n  - id: US\n")).text ==
        "inventory.yaml:4:9: warning: capability id 'US' is also a jurisdiction code; an accepted risk that targets it "
        "is ambiguous\n"
        "    4 |   - id: US\n"
        "      |         ^~\n");
  CHECK(load(with_head("providers:\n  - id: us-east\n  - id: mistral\n")).diagnostics.all().empty());
}

TEST_CASE("an acceptance narrows only by lists its rule's findings name, and only by known ids", "[checks][acceptance]") {
  const std::string body =
      "providers: [{id: p}]\n"
      "capabilities: [{id: c, value_share: 0.1, needs: [{slot: s, primary: {provider: p}}]}]\n"
      "data_flows: [{id: notes, capability: c, provider: p, data: [personal]}]\n"
      "accepted_risks:\n"
      "  - {rule: SOV-PRICE-SHOCK, target: p, flows: [notes], owner: cfo, expires: 2027-01-01, justification: x}\n"
      "  - {rule: SOV-FOREIGN-CONTROL, target: p, flows: [note], owner: dpo, expires: 2027-01-01, justification: x}\n";
  const auto r = load(with_head(body));
  const sovaudit::Diagnostics d = sovaudit::check_inventory(r.parsed.inventory, sovaudit::builtin_passes().rules());
  CHECK(sovaudit::render_diagnostics("inventory.yaml", with_head(body), d.sorted(), {}) ==
        "inventory.yaml:7:40: error: accepted risk for SOV-PRICE-SHOCK lists flows, but its findings (one per provider) "
        "name no flows; it cannot be narrowed\n"
        "    7 |   - {rule: SOV-PRICE-SHOCK, target: p, flows: [notes], owner: cfo, expires: 2027-01-01, justification: x}\n"
        "      |                                        ^~~~~\n"
        "inventory.yaml:8:52: error: accepted risk for SOV-FOREIGN-CONTROL lists unknown data flow 'note' (did you mean "
        "'notes'?)\n"
        "    8 |   - {rule: SOV-FOREIGN-CONTROL, target: p, flows: [note], owner: dpo, expires: 2027-01-01, justification: x}\n"
        "      |                                                    ^~~~\n");
}

TEST_CASE("an acceptance targets what its rule reports on: a group by its parent's name, never another kind",
          "[checks][acceptance]") {
  const std::string body =
      "providers:\n"
      "  - {id: a, hq: US, ultimate_parent: {name: Big Corp, hq: US}}\n"
      "capabilities: [{id: c, value_share: 0.1, needs: [{slot: s, primary: {provider: a}}]}]\n"
      "accepted_risks:\n"
      "  - {rule: SOV-GROUP-CONCENTRATION, target: Big Corp, owner: cto, expires: 2027-01-01, justification: x}\n"
      "  - {rule: SOV-GROUP-CONCENTRATION, target: Big Crop, owner: cto, expires: 2027-01-01, justification: x}\n"
      "  - {rule: SOV-DEPARTURE, target: US, owner: cto, expires: 2027-01-01, justification: x}\n";
  const auto r = load(with_head(body));
  const sovaudit::Diagnostics d = sovaudit::check_inventory(r.parsed.inventory, sovaudit::builtin_passes().rules());
  const std::string text = sovaudit::render_diagnostics("inventory.yaml", with_head(body), d.sorted(), {});
  CHECK(d.error_count() == 2);
  CHECK(text.find("inventory.yaml:8:45: error: accepted risk for SOV-GROUP-CONCENTRATION targets unknown 'Big Crop' "
                  "(did you mean 'Big Corp'?)\n") != std::string::npos);
  CHECK(text.find("inventory.yaml:9:35: error: accepted risk for SOV-DEPARTURE targets 'US', a jurisdiction, but "
                  "SOV-DEPARTURE reports on each provider ('sovaudit explain SOV-DEPARTURE')\n") != std::string::npos);
}
