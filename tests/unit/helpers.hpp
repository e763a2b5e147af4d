// Test helpers: run the load and check stages on inline YAML and render what they found.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "sovaudit/checks.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/loader.hpp"

namespace sovaudit::test {

/// The stages' output for one inline inventory.
struct Loaded {
  ParseResult parsed;
  Diagnostics diagnostics;  ///< parse and (for complete parses) check diagnostics
  std::string text;         ///< diagnostics rendered without colour, as the CLI prints them
};

/// Parses `yaml` as "inventory.yaml", runs the checks when the parse completed, renders the result.
/// With `rules`, accepted risks are checked against them as the CLI does.
inline Loaded load(std::string yaml, const LoadLimits& limits = {}, std::span<const RuleInfo* const> rules = {}) {
  const SourceFile source{"inventory.yaml", std::move(yaml)};
  Loaded out{parse_inventory(source, limits), {}, {}};
  out.diagnostics = out.parsed.diagnostics;
  if (out.parsed.complete) out.diagnostics.append(check_inventory(out.parsed.inventory, rules));
  out.text = render_diagnostics(source.path, source.text, out.diagnostics.sorted(), TextStyle{});
  return out;
}

/// The smallest valid head of an inventory, to which tests append their sections.
inline constexpr const char* kHead =
    "sovaudit: 1\n"
    "organization: {name: Acme, jurisdiction: DE, trusted_jurisdictions: [DE], annual_ai_budget: 1000000,"
    " engineer_week_cost: 1000}\n";

/// `kHead` followed by `body`.
inline std::string with_head(const std::string& body) { return std::string(kHead) + body; }

/// `kHead` followed by `body`, loaded and checked against `rules`; the test fails (printing the
/// diagnostics) unless it is a valid inventory.
inline Inventory valid_inventory(const std::string& body, std::span<const RuleInfo* const> rules) {
  Loaded l = load(with_head(body), {}, rules);
  INFO(l.text);
  REQUIRE_FALSE(l.diagnostics.has_errors());
  return std::move(l.parsed.inventory);
}

}  // namespace sovaudit::test

namespace Catch {
/// Prints locations as line:col in assertion failures.
template <>
struct StringMaker<sovaudit::SourceLoc> {
  static std::string convert(const sovaudit::SourceLoc& loc) {
    return std::to_string(loc.line) + ":" + std::to_string(loc.column);
  }
};
}  // namespace Catch
