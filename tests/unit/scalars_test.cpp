// Scalar forms the loader accepts: YAML 1.2 core numbers and booleans, read exactly.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using sovaudit::test::kHead;
using sovaudit::test::load;

namespace {

/// Loads `value` as a provider's annual_spend and returns it, failing the test on any diagnostic.
double spend(const std::string& value) {
  const auto r = load(std::string(kHead) + "providers:\n  - {id: p, annual_spend: " + value + "}\n");
  INFO(r.text);
  REQUIRE(r.diagnostics.all().empty());
  return r.parsed.inventory.providers[0].annual_spend.value;
}

bool open_weights(const std::string& value) {
  const auto r = load(std::string(kHead) + "providers:\n  - {id: p, open_weights: " + value + "}\n");
  INFO(r.text);
  REQUIRE(r.diagnostics.all().empty());
  return r.parsed.inventory.providers[0].open_weights.value;
}

}  // namespace

TEST_CASE("YAML 1.2 decimal forms are read exactly", "[scalars]") {
  CHECK(spend("0") == 0);
  CHECK(spend("240000") == 240000);
  CHECK(spend("1.5") == 1.5);
  CHECK(spend(".5") == 0.5);
  CHECK(spend("5.") == 5);
  CHECK(spend("1.2e6") == 1200000);
  CHECK(spend("12E+3") == 12000);
  CHECK(spend("+7") == 7);
  CHECK(spend("0.25") == 0.25);
}

TEST_CASE("booleans are the YAML 1.2 core spellings only", "[scalars]") {
  CHECK(open_weights("true"));
  CHECK(open_weights("True"));
  CHECK(open_weights("TRUE"));
  CHECK_FALSE(open_weights("false"));
  CHECK_FALSE(open_weights("FALSE"));
  for (const char* refused : {"yes", "no", "on", "off", "y", "N", "1", "0"}) {
    const auto r = load(std::string(kHead) + "providers:\n  - {id: p, open_weights: " + refused + "}\n");
    INFO(refused);
    CHECK(r.diagnostics.error_count() == 1);
  }
}

TEST_CASE("NO is Norway, not false", "[scalars]") {
  const auto r = load(std::string(kHead) + "providers:\n  - {id: p, hq: NO, regions: [NO, ON]}\n");
  REQUIRE(r.diagnostics.error_count() == 1);  // ON is not a country
  CHECK(r.parsed.inventory.providers[0].hq.value == "NO");
  CHECK(r.text.find("got 'ON'") != std::string::npos);
}

TEST_CASE("multi-line text keeps its newlines", "[scalars]") {
  const auto r = load(std::string(kHead) + "accepted_risks:\n  - rule: SOV-DEPARTURE\n    target: DE\n"
                                           "    owner: cto\n    expires: 2027-01-01\n    justification: |\n"
                                           "      line one\n      line two\n");
  INFO(r.text);
  REQUIRE(r.diagnostics.all().empty());
  CHECK(r.parsed.inventory.accepted_risks[0].justification.value == "line one\nline two\n");
}
