// Pins the full text of every kind of load diagnostic: location, message, source line and caret.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using sovaudit::test::with_head;
using sovaudit::test::load;


TEST_CASE("syntax errors point at yaml-cpp's position", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - id: p\n    name: a: b\n")).text ==
        "inventory.yaml:5:12: error: syntax error: illegal map value\n"
        "    5 |     name: a: b\n"
        "      |            ^\n");
}

TEST_CASE("a tab in indentation gets a hint", "[diagnostics]") {
  CHECK(load(with_head("providers:\n\t- id: p\n")).text ==
        "inventory.yaml:4:2: error: syntax error: illegal block entry (the line is indented with a tab; "
        "YAML indentation must use spaces)\n"
        "    4 |         - id: p\n"
        "      |         ^\n");
}

TEST_CASE("unknown keys suggest the closest key", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - id: openai\n    nmae: OpenAI API\n")).text ==
        "inventory.yaml:5:5: error: unknown key 'nmae' in provider 'openai' (did you mean 'name'?)\n"
        "    5 |     nmae: OpenAI API\n"
        "      |     ^~~~\n");
}

TEST_CASE("unknown keys without a close match list the known keys", "[diagnostics]") {
  CHECK(load(with_head("policy: {colour: blue}\n")).text ==
        "inventory.yaml:3:10: error: unknown key 'colour' in policy; expected one of build_threshold, "
        "notice_months, price_multiplier, horizon_months, existential_value_share, material_value_share, "
        "existential_budget_share, material_budget_share, drill_max_age_months, min_outage_days, "
        "jurisdiction_severity\n"
        "    3 | policy: {colour: blue}\n"
        "      |          ^~~~~~\n");
}

TEST_CASE("YAML 1.1 booleans are refused", "[diagnostics]") {
  CHECK(load(with_head("capabilities:\n  - {id: c, evals: yes}\n")).text ==
        "inventory.yaml:4:20: error: 'evals' must be true or false, got 'yes': YAML 1.1 readers take it as a "
        "boolean, YAML 1.2 readers as text\n"
        "    4 |   - {id: c, evals: yes}\n"
        "      |                    ^~~\n");
  CHECK(load(with_head("providers:\n  - {id: p, open_weights: on}\n")).diagnostics.error_count() == 1);
  CHECK(load(with_head("providers:\n  - {id: p, open_weights: \"true\"}\n")).text ==
        "inventory.yaml:4:27: error: 'open_weights' must be true or false, got the text 'true'\n"
        "    4 |   - {id: p, open_weights: \"true\"}\n"
        "      |                           ^~~~~~\n");
}

TEST_CASE("leading zeros are refused instead of read as octal", "[diagnostics]") {
  CHECK(load(with_head("capabilities:\n  - {id: c, engineers: 010}\n")).text ==
        "inventory.yaml:4:24: error: 'engineers' must be a number above 0 and at most 10000, got '010': a "
        "leading zero is ambiguous (octal in YAML 1.1, decimal in YAML 1.2); remove it\n"
        "    4 |   - {id: c, engineers: 010}\n"
        "      |                        ^~~\n");
}

TEST_CASE("NaN and infinities are refused", "[diagnostics]") {
  for (const char* spelling : {".nan", ".NaN", ".inf", "-.Inf", "nan", "inf"}) {
    const auto r = load(with_head(std::string("providers:\n  - {id: p, annual_spend: ") + spelling + "}\n"));
    INFO(r.text);
    CHECK(r.diagnostics.error_count() == 1);
    CHECK(r.text.find("only finite numbers are allowed") != std::string::npos);
  }
  CHECK(load(with_head("providers:\n  - {id: p, annual_spend: 1e400}\n")).text ==
        "inventory.yaml:4:27: error: 'annual_spend' must be a non-negative amount, got '1e400': the number is "
        "out of range\n"
        "    4 |   - {id: p, annual_spend: 1e400}\n"
        "      |                           ^~~~~\n");
}

TEST_CASE("numbers in quotes, with separators or in other bases are refused", "[diagnostics]") {
  CHECK(load(with_head("capabilities:\n  - {id: c, value_share: \"0.3\"}\n")).text ==
        "inventory.yaml:4:26: error: 'value_share' must be a number from 0 to 1, got the text '0.3' (numbers are "
        "written without quotes)\n"
        "    4 |   - {id: c, value_share: \"0.3\"}\n"
        "      |                          ^~~~~\n");
  CHECK(load(with_head("providers:\n  - {id: p, annual_spend: 1_000}\n")).text.find(
            "got '1_000': digit separators are not allowed") != std::string::npos);
  CHECK(load(with_head("providers:\n  - {id: p, annual_spend: '1,000'}\n")).diagnostics.error_count() == 1);
  CHECK(load(with_head("providers:\n  - {id: p, annual_spend: 0x10}\n")).text.find(
            "got '0x10': write the number in decimal") != std::string::npos);
  CHECK(load(with_head("providers:\n  - {id: p, annual_spend: lots}\n")).text ==
        "inventory.yaml:4:27: error: 'annual_spend' must be a non-negative amount, got 'lots'\n"
        "    4 |   - {id: p, annual_spend: lots}\n"
        "      |                           ^~~~\n");
}

TEST_CASE("values out of range name the range", "[diagnostics]") {
  CHECK(load(with_head("capabilities:\n  - id: c\n    value_share: 1.5\n")).text ==
        "inventory.yaml:5:18: error: 'value_share' must be a number from 0 to 1, got 1.5\n"
        "    5 |     value_share: 1.5\n"
        "      |                  ^~~\n");
  CHECK(load(with_head("providers:\n  - {id: p, annual_spend: -5}\n")).text ==
        "inventory.yaml:4:27: error: 'annual_spend' must be a non-negative amount, got -5\n"
        "    4 |   - {id: p, annual_spend: -5}\n"
        "      |                           ^~\n");
  CHECK(load(with_head("policy: {build_threshold: 5}\n")).text ==
        "inventory.yaml:3:27: error: 'build_threshold' must be a whole number from 1 to 4, got 5\n"
        "    3 | policy: {build_threshold: 5}\n"
        "      |                           ^\n");
}

TEST_CASE("wrong shapes say what was expected and what came", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - id: p\n    regions: US\n")).text ==
        "inventory.yaml:5:14: error: 'regions' must be a list, got 'US'\n"
        "    5 |     regions: US\n"
        "      |              ^~\n");
  CHECK(load(with_head("providers:\n  - id: p\n    exit_plan: [true]\n")).text ==
        "inventory.yaml:5:16: error: 'exit_plan' must be a map, got a list\n"
        "    5 |     exit_plan: [true]\n"
        "      |                ^\n");
  CHECK(load(with_head("providers:\n  - id: p\n    name:\n")).text ==
        "inventory.yaml:5:5: error: 'name' must be a text, got nothing\n"
        "    5 |     name:\n"
        "      |     ^~~~\n");
  CHECK(load(with_head("providers: {id: p}\n")).text ==
        "inventory.yaml:3:12: error: 'providers' must be a list of maps, got a map\n"
        "    3 | providers: {id: p}\n"
        "      |            ^\n");
}

TEST_CASE("closed lists suggest the canonical spelling", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - {id: p, kind: model_api}\n")).text ==
        "inventory.yaml:4:19: error: 'kind' must be one of model-api, hosted-model, self-hosted, cloud, "
        "vector-db, compute, saas, weights-licensor, got 'model_api' (did you mean 'model-api'?)\n"
        "    4 |   - {id: p, kind: model_api}\n"
        "      |                   ^~~~~~~~~\n");
}

TEST_CASE("country codes are ISO 3166-1 alpha-2 with EU and EEA groups", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - {id: p, hq: UK}\n")).text ==
        "inventory.yaml:4:17: error: 'hq' must be an ISO 3166-1 alpha-2 country code, got 'UK' (did you mean "
        "'GB'?)\n"
        "    4 |   - {id: p, hq: UK}\n"
        "      |                 ^~\n");
  CHECK(load(with_head("providers:\n  - {id: p, hq: de}\n")).text.find("got 'de' (did you mean 'DE'?)") !=
        std::string::npos);
  CHECK(load(with_head("providers:\n  - {id: p, regions: [EU, EEA, NO, CH]}\n")).diagnostics.all().empty());
  CHECK(load(with_head("providers:\n  - {id: p, hq: EU}\n")).text ==
        "inventory.yaml:4:17: error: 'hq' must be an ISO 3166-1 alpha-2 country code, got 'EU'\n"
        "    4 |   - {id: p, hq: EU}\n"
        "      |                 ^~\n");
  CHECK(load(with_head("providers:\n  - {id: p, regions: [XX]}\n")).text ==
        "inventory.yaml:4:23: error: 'regions' must be an ISO 3166-1 alpha-2 country code or a group (EU, EEA), "
        "got 'XX'\n"
        "    4 |   - {id: p, regions: [XX]}\n"
        "      |                       ^~\n");
}

TEST_CASE("dates must exist in the calendar", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - {id: p, exit_plan: {tested: 2026-02-29}}\n")).text ==
        "inventory.yaml:4:33: error: 'tested' must be a date written YYYY-MM-DD, got '2026-02-29': February "
        "2026 has 28 days\n"
        "    4 |   - {id: p, exit_plan: {tested: 2026-02-29}}\n"
        "      |                                 ^~~~~~~~~~\n");
  CHECK(load(with_head("providers:\n  - {id: p, exit_plan: {tested: 2028-02-29}}\n")).diagnostics.all().empty());
  CHECK(load(with_head("providers:\n  - {id: p, exit_plan: {tested: 10/03/2026}}\n")).text ==
        "inventory.yaml:4:33: error: 'tested' must be a date written YYYY-MM-DD, got '10/03/2026'\n"
        "    4 |   - {id: p, exit_plan: {tested: 10/03/2026}}\n"
        "      |                                 ^~~~~~~~~~\n");
}

TEST_CASE("duplicate mapping keys are reported instead of silently kept", "[diagnostics]") {
  CHECK(load(with_head("capabilities:\n  - id: c\n    engineers: 2\n    engineers: 3\n")).text ==
        "inventory.yaml:6:5: error: duplicate key 'engineers' in capability 'c'; the first is at line 5 and "
        "YAML readers disagree on which one wins\n"
        "    6 |     engineers: 3\n"
        "      |     ^~~~~~~~~\n");
}

TEST_CASE("missing required keys are reported at the map", "[diagnostics]") {
  CHECK(load("sovaudit: 1\norganization:\n  name: Acme\n").text ==
        "inventory.yaml:3:3: error: organization is missing required key 'jurisdiction'\n"
        "    3 |   name: Acme\n"
        "      |   ^\n");
  CHECK(load(with_head("providers:\n  - name: nameless\n")).text ==
        "inventory.yaml:4:5: error: provider is missing required key 'id'\n"
        "    4 |   - name: nameless\n"
        "      |     ^\n");
}

TEST_CASE("anchors and aliases are refused", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - &p {id: p}\n  - *p\n")).text ==
        "inventory.yaml:4:5: error: anchors are not allowed in an inventory (aliases can make a small file "
        "expand without bound)\n"
        "    4 |   - &p {id: p}\n"
        "      |     ^~\n"
        "inventory.yaml:5:5: error: aliases are not allowed in an inventory; write the value out in full\n"
        "    5 |   - *p\n"
        "      |     ^\n");
}

TEST_CASE("a self-referencing alias is refused without recursion", "[diagnostics]") {
  const auto r = load(with_head("providers:\n  - id: p\n    regions: &a [DE, *a]\n"));
  CHECK(r.diagnostics.error_count() == 2);
}

TEST_CASE("a second document is refused", "[diagnostics]") {
  CHECK(load(with_head("---\nsovaudit: 1\n")).text ==
        "inventory.yaml:3:1: error: a second YAML document starts here; an inventory is a single document\n"
        "    3 | ---\n"
        "      | ^~~\n");
}

TEST_CASE("an empty file or a root that is not a map is refused", "[diagnostics]") {
  const std::string empty =
      "inventory.yaml:1:1: error: the inventory is empty; it needs at least 'sovaudit: 1' and an 'organization'\n"
      "    1 | \n"
      "      | ^\n";
  CHECK(load("").text == empty);
  CHECK(load("# comments only\n").text ==
        "inventory.yaml:1:1: error: the inventory is empty; it needs at least 'sovaudit: 1' and an 'organization'\n"
        "    1 | # comments only\n"
        "      | ^\n");
  CHECK(load("- a\n- b\n").text ==
        "inventory.yaml:1:1: error: the top level of an inventory must be a map of keys such as 'sovaudit' and "
        "'providers', got a list\n"
        "    1 | - a\n"
        "      | ^\n");
  CHECK(load("hello\n").text ==
        "inventory.yaml:1:1: error: the top level of an inventory must be a map of keys such as 'sovaudit' and "
        "'providers', got 'hello'\n"
        "    1 | hello\n"
        "      | ^~~~~\n");
}

TEST_CASE("nesting deeper than the limit stops the parse", "[diagnostics]") {
  sovaudit::LoadLimits limits;
  limits.max_depth = 4;
  CHECK(load(with_head("providers:\n  - id: p\n    upstream: [{provider: [x]}]\n"), limits).text ==
        "inventory.yaml:5:16: error: nesting is deeper than 4 levels; no inventory needs that (raise the limit "
        "with --max-depth)\n"
        "    5 |     upstream: [{provider: [x]}]\n"
        "      |                ^\n");
}

TEST_CASE("invalid UTF-8 and control characters are refused", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - {id: p, name: \"caf\xE9\"}\n")).text ==
        "inventory.yaml:4:23: error: invalid UTF-8 (byte 0xe9); an inventory must be UTF-8 text\n"
        "    4 |   - {id: p, name: \"caf\\xe9\"}\n"
        "      |                       ^~~~\n");
  CHECK(load(with_head("providers:\n  - {id: p, name: \"a\x1b[31mred\"}\n")).text ==
        "inventory.yaml:4:21: error: control character 0x1b is not allowed in an inventory\n"
        "    4 |   - {id: p, name: \"a\\x1b[31mred\"}\n"
        "      |                     ^~~~\n");
  CHECK(load(with_head("providers:\n  - {id: p, name: \"nul\\0\"}\n")).text ==
        "inventory.yaml:4:19: error: 'name' contains a NUL character\n"
        "    4 |   - {id: p, name: \"nul\\0\"}\n"
        "      |                   ^~~~~~\n");
  // Escaped control characters are text; the writers escape them for their destination.
  const auto escaped = load(with_head("providers:\n  - {id: p, name: \"bell\\a \\e[31mred\"}\n"));
  CHECK(escaped.diagnostics.all().empty());
  CHECK(escaped.parsed.inventory.providers[0].name.value == "bell\a \x1b[31mred");
}

TEST_CASE("explicit tags are refused", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - {id: p, hq: !!str DE}\n")).text ==
        "inventory.yaml:4:17: error: YAML tags such as 'tag:yaml.org,2002:str' are not allowed in an inventory\n"
        "    4 |   - {id: p, hq: !!str DE}\n"
        "      |                 ^\n");
}

TEST_CASE("ids are ASCII so look-alike letters cannot make two ids seem equal", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - id: \xD0\xBEpenai\n")).text ==  // Cyrillic o
        "inventory.yaml:4:9: error: 'id' must be an id of ASCII letters, digits, '-', '_' and '.', got "
        "'\xD0\xBEpenai' (non-ASCII letters are refused: look-alikes would make two ids seem equal)\n"
        "    4 |   - id: \xD0\xBEpenai\n"
        "      |         ^~~~~~\n");
}

TEST_CASE("unsupported format versions are refused", "[diagnostics]") {
  CHECK(load("sovaudit: 2\norganization: {name: A, jurisdiction: DE, trusted_jurisdictions: [DE]}\n").text ==
        "inventory.yaml:1:11: error: unsupported inventory format version 2; this sovaudit reads version 1\n"
        "    1 | sovaudit: 2\n"
        "      |           ^\n");
}

TEST_CASE("weeks ranges must be ordered and complete", "[diagnostics]") {
  CHECK(load(with_head("capabilities:\n  - {id: c, migration_weeks: {low: 8, likely: 4, high: 16}}\n")).text ==
        "inventory.yaml:4:30: error: a weeks range must satisfy low <= likely <= high, got low 8, likely 4, high "
        "16\n"
        "    4 |   - {id: c, migration_weeks: {low: 8, likely: 4, high: 16}}\n"
        "      |                              ^\n");
  const auto r = load(with_head("capabilities:\n  - {id: c, migration_weeks: {low: 8, high: 16}}\n"));
  CHECK(r.diagnostics.error_count() == 1);
  CHECK_FALSE(r.parsed.inventory.capabilities[0].migration_weeks.present);
}

TEST_CASE("material thresholds may not exceed existential ones", "[diagnostics]") {
  CHECK(load(with_head("policy: {material_value_share: 0.5, existential_value_share: 0.3}\n")).text ==
        "inventory.yaml:3:32: error: policy 'material_value_share' (0.5) must not exceed 'existential_value_share' "
        "(0.3)\n"
        "    3 | policy: {material_value_share: 0.5, existential_value_share: 0.3}\n"
        "      |                                ^\n");
}

TEST_CASE("an empty data list is refused", "[diagnostics]") {
  CHECK(load(with_head("capabilities: [{id: c, needs: [{slot: s, primary: {provider: p}}]}]\nproviders: [{id: p}]\n"
                       "data_flows: [{id: f, capability: c, provider: p, data: []}]\n"))
            .text ==
        "inventory.yaml:5:56: error: 'data' must list at least one entry, each one of public, internal, "
        "confidential, personal, financial, special-category, health, biometric, genetic, criminal\n"
        "    5 | data_flows: [{id: f, capability: c, provider: p, data: []}]\n"
        "      |                                                        ^\n");
}

TEST_CASE("an unterminated quote is an error, not the rest of the file as text", "[diagnostics]") {
  CHECK(load(with_head("providers:\n  - id: p\n    name: \"OpenAI\ncapabilities: []\n")).text ==
        "inventory.yaml:5:11: error: the closing quote is missing, so the rest of the file would be read as this "
        "text\n"
        "    5 |     name: \"OpenAI\n"
        "      |           ^\n");
  CHECK(load(with_head("providers:\n  - id: p\n    name: 'it''s\n")).diagnostics.error_count() == 1);
  // Escaped quotes, a leading byte order mark and block scalars holding quotes are fine.
  CHECK(load(with_head("providers:\n  - id: p\n    name: \"say \\\"hi\\\"\"\n")).diagnostics.all().empty());
  CHECK(load("\xEF\xBB\xBF" + with_head("providers:\n  - {id: p, name: 'it''s'}\n")).diagnostics.all().empty());
  CHECK(load(with_head("providers:\n  - id: p\n    name: |\n      \"quoted\n")).diagnostics.all().empty());
}

TEST_CASE("the YAML escapes for NEL and no-break space are read as the characters they stand for", "[diagnostics]") {
  // yaml-cpp 0.7 turns them into the lone bytes 0x85 and 0xA0, which are not UTF-8.
  const auto r = load(with_head("providers:\n  - {id: p, name: \"a\\Nb\\_c \\x85 \u00e9\"}\n"));
  CHECK(r.diagnostics.all().empty());
  REQUIRE(r.parsed.inventory.providers.size() == 1);
  CHECK(r.parsed.inventory.providers[0].name.value == "a\u0085b\u00A0c \u0085 \u00e9");
}

TEST_CASE("hardening 17: an unterminated quote in a flow map reports only itself", "[diagnostics]") {
  // yaml-cpp first reads the broken map as the key of a one-pair map; that phantom stays unsaid.
  CHECK(load(with_head("providers: [{id: \"p}]\ncapabilities: []\n")).text ==
        "inventory.yaml:3:18: error: the closing quote is missing, so the rest of the file would be read as this "
        "text\n"
        "    3 | providers: [{id: \"p}]\n"
        "      |                  ^\n");
  CHECK(load(with_head("providers:\n  - {id: p, name: \"x, hq: US}\n  - {id: q}\n")).diagnostics.error_count() == 1);
  // A real map as a key is still reported, once, where it opens.
  CHECK(load(with_head("providers: [{id: p}: x]\n")).text ==
        "inventory.yaml:3:13: error: a key must be a single word, not a map\n"
        "    3 | providers: [{id: p}: x]\n"
        "      |             ^\n"
        "inventory.yaml:3:13: error: provider is missing required key 'id'\n"
        "    3 | providers: [{id: p}: x]\n"
        "      |             ^\n");
}

TEST_CASE("the deepest part of the format fits in 8 levels", "[diagnostics]") {
  const std::string deepest = with_head(
      "providers: [{id: p}, {id: q}]\n"
      "capabilities:\n"
      "  - id: c\n"
      "    needs:\n"
      "      - slot: s\n"
      "        primary: {provider: p}\n"
      "        fallbacks: [{provider: q, features: [batch]}]\n");
  sovaudit::LoadLimits limits;
  limits.max_depth = 8;
  CHECK(load(deepest, limits).diagnostics.all().empty());
  limits.max_depth = 7;
  CHECK(load(deepest, limits).diagnostics.error_count() == 1);
}
