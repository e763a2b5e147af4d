// The published JSON Schema describes exactly the keys the loader reads, so editors and sovaudit agree.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sovaudit/format.hpp"

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

nlohmann::json load_schema() {
  std::ifstream in(std::string(SOVAUDIT_SOURCE_DIR) + "/schemas/inventory.schema.json");
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("the JSON Schema has the loader's keys and required keys for every map", "[format]") {
  const nlohmann::json schema = load_schema();
  const auto format = sovaudit::inventory_format();
  REQUIRE(format.size() == 16);
  for (const sovaudit::FormatMap& map : format) {
    INFO("map " << map.name);
    const nlohmann::json& def = map.name == "inventory" ? schema : schema.at("$defs").at(map.name);
    CHECK(def.at("additionalProperties") == false);
    std::vector<std::string> keys;
    for (const auto& [key, value] : def.at("properties").items()) {
      keys.push_back(key);
      INFO("key " << key);
      CHECK((value.contains("description") || value.contains("$ref")));
    }
    CHECK(sorted(keys) == sorted(map.keys));
    const std::vector<std::string> required =
        def.contains("required") ? def.at("required").get<std::vector<std::string>>() : std::vector<std::string>{};
    CHECK(sorted(required) == sorted(map.required));
  }
}
