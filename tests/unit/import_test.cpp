// `import cyclonedx` on BOMs that CycloneDX allows and the inventory does not: cycles, nesting, hostile names.
#include <catch2/catch.hpp>

#include <random>

#include "sovaudit/checks.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/sbom.hpp"

using namespace sovaudit;

namespace {

const Date kToday = *parse_iso_date("2026-11-22").date;

std::string bom(const std::string& body) {
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, )" + body + "}";
}

/// The starter of `json`, which must import and then load and check without errors.
std::string starter(const std::string& json, std::uint64_t max_entries = LoadLimits::kDefaultMaxEntries) {
  Diagnostics d;
  const ImportedInventory imported = import_cyclonedx(SourceFile{"bom.json", json}, kToday, d, max_entries);
  INFO(render_diagnostics("bom.json", json, d.sorted(), TextStyle{}));
  REQUIRE_FALSE(d.has_errors());
  const SourceFile file{"imported.yaml", imported.yaml};
  const ParseResult parsed = parse_inventory(file);
  Diagnostics check = parsed.diagnostics;
  if (parsed.complete) check.append(check_inventory(parsed.inventory, builtin_passes().rules()));
  INFO(imported.yaml);
  INFO(render_diagnostics(file.path, file.text, check.sorted(), TextStyle{}));
  REQUIRE(parsed.complete);
  REQUIRE_FALSE(check.has_errors());
  return imported.yaml;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("a dependency cycle between services imports without the link that closes it", "[interop][import]") {
  const std::string yaml = starter(bom(R"("services": [{"bom-ref": "a", "name": "A"}, {"bom-ref": "b", "name": "B"},
      {"bom-ref": "c", "name": "C"}],
    "dependencies": [{"ref": "a", "dependsOn": ["b"]}, {"ref": "b", "dependsOn": ["c"]}, {"ref": "c", "dependsOn": ["a", "a"]}])"));
  CHECK(has_line(yaml, "      - {provider: b}        # TODO: role: model, weights, hosting, compute, storage or other"));
  CHECK(has_line(yaml, "      - {provider: c}        # TODO: role: model, weights, hosting, compute, storage or other"));
  CHECK(has_line(yaml, "    # the BOM also has c depend on a; left out, as it closes a cycle"));
  CHECK(yaml.find("{provider: a}        #") == std::string::npos);
}

TEST_CASE("a nested service is its parent's upstream, and a link back to the parent is cut", "[interop][import]") {
  const std::string yaml = starter(bom(R"("services": [{"bom-ref": "gw", "name": "Gateway",
      "services": [{"bom-ref": "m1", "name": "Model 1"}, {"bom-ref": "m2", "name": "Model 2",
        "data": [{"flow": "inbound", "classification": "PII", "name": "prompts"}]}]}],
    "dependencies": [{"ref": "m1", "dependsOn": ["gw"]}, {"ref": "gw", "dependsOn": ["m1"]}])"));
  CHECK(has_line(yaml, "  - id: gateway\n    name: \"Gateway\""));
  CHECK(has_line(yaml, "      - {provider: model-1}        # TODO: role: model, weights, hosting, compute, storage or other\n"
                       "      - {provider: model-2}        # TODO: role: model, weights, hosting, compute, storage or other"));
  CHECK(has_line(yaml, "    # the BOM also has model-1 depend on gateway; left out, as it closes a cycle"));
  // Only the top-level service gets a placeholder capability; the nested one's data counts for it.
  CHECK(has_line(yaml, "  - id: uses-gateway"));
  CHECK(yaml.find("uses-model") == std::string::npos);
  CHECK(has_line(yaml, "  - id: prompts\n    capability: uses-gateway\n    provider: model-2\n    data: [personal]"));
}

TEST_CASE("capabilities that require each other import without the closing link", "[interop][import]") {
  const std::string yaml = starter(bom(R"("components": [{"type": "application", "bom-ref": "capability:x", "name": "X"},
      {"type": "application", "bom-ref": "capability:y", "name": "Y"}],
    "dependencies": [{"ref": "capability:x", "dependsOn": ["capability:y", "capability:x"]},
      {"ref": "capability:y", "dependsOn": ["capability:x"]}])"));
  CHECK(has_line(yaml, "    requires: [y]"));
  CHECK(has_line(yaml, "    # the BOM also has x require x; left out, as it closes a cycle"));
  CHECK(has_line(yaml, "    # the BOM also has y require x; left out, as it closes a cycle"));
}

TEST_CASE("blank, NUL-laden and huge names import as names the inventory holds", "[interop][import]") {
  const std::string huge(100000, 'x');
  const std::string yaml = starter(bom(R"("metadata": {"component": {"type": "application", "name": "Ac\u0000me"}},
    "services": [{"name": ""}, {"name": "  "}, {"name": "a\u0000b"}, {"name": ")" + huge + R"("},
      {"name": "Same"}, {"name": "Same"}, {"name": "Same"}])"));
  CHECK(has_line(yaml, "  name: \"Acme\""));
  CHECK(has_line(yaml, "  - id: service\n    name: \"service\""));
  CHECK(has_line(yaml, "  - id: service-2\n    name: \"service-2\""));
  CHECK(has_line(yaml, "  - id: a-b\n    name: \"ab\""));
  CHECK(has_line(yaml, "    name: \"" + std::string(200, 'x') + "\u2026\""));
  CHECK(has_line(yaml, "  - id: same-3"));
}

TEST_CASE("a BOM with more services than an inventory list holds is refused at 1:1", "[interop][import]") {
  Diagnostics d;
  const std::string json = bom(R"("services": [{"name": "a"}, {"name": "b"}, {"name": "c"}])");
  import_cyclonedx(SourceFile{"bom.json", json}, kToday, d, 2);
  REQUIRE(d.error_count() >= 1);
  CHECK(render_diagnostics("bom.json", json, d.sorted(), TextStyle{}).starts_with(
      "bom.json:1:1: error: the BOM lists 3 services and licensed models; an inventory holds at most 2 providers "
      "(raise it with --max-entries)\n"));
  starter(json, 3);
}

TEST_CASE("invariant: whatever links, nesting and names a BOM holds, its starter loads and checks clean", "[interop][import][invariant]") {
  std::mt19937 random(20261122);
  const char* names[] = {"GPT", "", "  ", "Same", "Same", "\\u0000", "a\\nb", "\\u202eevil", "\\\"quoted\\\"", "ünï"};
  for (int round = 0; round < 150; ++round) {
    const int count = 1 + static_cast<int>(random() % 12);
    std::string services, deps;
    std::vector<std::string> open_nested;
    for (int i = 0; i < count; ++i) {
      const std::string ref = "r" + std::to_string(random() % (count + 1));  // duplicates on purpose
      std::string service = R"({"bom-ref": ")" + ref + R"(", "name": ")" + names[random() % 10] + "\"";
      if (random() % 3 == 0) service += R"(, "data": [{"flow": "inbound", "classification": "PII", "name": "same"}])";
      if (random() % 4 == 0) service += R"(, "services": [{"bom-ref": "n)" + std::to_string(i) + R"(", "name": "N"}])";
      services += (i ? ", " : "") + service + "}";
      const int links = static_cast<int>(random() % 4);
      std::string targets;
      for (int l = 0; l < links; ++l) {
        const std::string target = random() % 3 ? "r" + std::to_string(random() % (count + 1)) : "n" + std::to_string(random() % count);
        targets += (l ? ", \"" : "\"") + target + "\"";
      }
      deps += (i ? ", " : "") + std::string(R"({"ref": ")") + ref + R"(", "dependsOn": [)" + targets + "]}";
    }
    INFO("round " << round);
    starter(bom(R"("services": [)" + services + R"(], "dependencies": [)" + deps + "]"));
  }
}
