// Scalar forms the loader accepts: YAML 1.2 core numbers and booleans, read exactly.
#include <catch2/catch.hpp>

#include "helpers.hpp"
#include "sovaudit/geo.hpp"

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

namespace {

/// The one error `body` (after the head) produces, without its source lines.
std::string only_error(const std::string& body) {
  const auto r = load(std::string(kHead) + body);
  REQUIRE(r.diagnostics.error_count() == 1);
  return r.text.substr(0, r.text.find('\n'));
}

}  // namespace

TEST_CASE("mistakes real users make get hints that show the fix", "[scalars][hints]") {
  // A cloud region where a country belongs: the region's country.
  CHECK(only_error("providers: [{id: p, regions: [eu-central-1]}]\n") ==
        "inventory.yaml:3:31: error: 'regions' must be an ISO 3166-1 alpha-2 country code or a group (EU, EEA), got "
        "'eu-central-1': eu-central-1 is an AWS region in DE; write DE");
  CHECK(only_error("providers: [{id: p, regions: [SwedenCentral]}]\n") ==
        "inventory.yaml:3:31: error: 'regions' must be an ISO 3166-1 alpha-2 country code or a group (EU, EEA), got "
        "'SwedenCentral': swedencentral is an Azure region in SE; write SE");
  CHECK(only_error("providers: [{id: p, hq: europe-west4}]\n") ==
        "inventory.yaml:3:25: error: 'hq' must be an ISO 3166-1 alpha-2 country code, got 'europe-west4': "
        "europe-west4 is a Google Cloud region in NL; write NL");
  // A percentage where a share belongs, and where a plain number does.
  CHECK(only_error("capabilities: [{id: c, value_share: 25%}]\n") ==
        "inventory.yaml:3:37: error: 'value_share' must be a number from 0 to 1, got '25%': a share is a fraction of 1; "
        "write 0.25 for 25%");
  CHECK(only_error("policy: {notice_months: 3%}\n") ==
        "inventory.yaml:3:25: error: 'notice_months' must be a number from 0 to 240, got '3%': write the number without '%'");
  // The EU-US Data Privacy Framework is an adequacy decision, not a mechanism of its own.
  CHECK(only_error("providers: [{id: p}]\ncapabilities: [{id: c, value_share: 0.1, needs: [{slot: s, primary: "
                   "{provider: p}}]}]\ndata_flows: [{id: f, capability: c, provider: p, data: [personal], "
                   "transfer_mechanism: dpf}]\n")
            .ends_with("got 'dpf': the EU-US Data Privacy Framework is an adequacy decision (for a certified US "
                       "recipient); write adequacy"));
  // A map given as its name: the shape, with the name in place.
  CHECK(only_error("providers: [{id: p, ultimate_parent: Microsoft}]\n") ==
        "inventory.yaml:3:38: error: 'ultimate_parent' must be a map, got 'Microsoft'; write it as {name: Microsoft, "
        "hq: ...}");
}

TEST_CASE("the cloud region table is sorted and names only real country codes", "[scalars][hints]") {
  const auto regions = sovaudit::known_cloud_regions();
  for (std::size_t i = 0; i < regions.size(); ++i) {
    INFO(regions[i].name);
    CHECK(sovaudit::is_country_code(regions[i].country));
    if (i > 0) CHECK(regions[i - 1].name < regions[i].name);
    CHECK(sovaudit::cloud_region(regions[i].name)->country == regions[i].country);
  }
  CHECK_FALSE(sovaudit::cloud_region("DE"));
}
