// Test helper: run every stage from inline YAML to a verdict, keeping the inventory alive.
#pragma once

#include <memory>
#include <string>

#include "helpers.hpp"
#include "sovaudit/analysis.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/sbom.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit::test {

/// An analysed inventory; held by pointer because the analysis points into the inventory.
struct Scenario {
  Observations observed;  ///< the SBOMs drift compares with, when any
  Loaded loaded;
  Analysis analysis;
  Verdict verdict;

  [[nodiscard]] const Inventory& inventory() const { return loaded.parsed.inventory; }
  /// The provider result for `id` (fails the test when absent).
  [[nodiscard]] const ProviderResult& provider(const std::string& id) const;
  /// The capability result for `id`.
  [[nodiscard]] const CapabilityResult& capability(const std::string& id) const;
  /// The findings of `rule` for `target`.
  [[nodiscard]] std::vector<const Finding*> findings(const std::string& rule, const std::string& target) const;
};

/// Loads `yaml` (which must be valid), analyses it at `as_of` and judges it at `fail_on`.
std::unique_ptr<Scenario> run_scenario(const std::string& yaml, const std::string& as_of = "2026-11-22",
                                       FailOn fail_on = FailOn::Existential, AnalysisOptions overrides = {});

/// tests/cases/every-rule.yaml observed against tests/cases/every-rule.cdx.json (declared complete),
/// so that every rule, the drift rules included, reports at least once.
std::unique_ptr<Scenario> run_every_rule();

/// The text of a file in the source tree, e.g. "examples/fintech.yaml" (fails the test if missing).
std::string read_repo_file(const std::string& relative);

/// Ids of `indices` in the inventory's capability list.
std::vector<std::string> capability_names(const Inventory& inventory, const std::vector<NodeIndex>& indices);
/// Ids of `indices` in the inventory's provider list.
std::vector<std::string> provider_names(const Inventory& inventory, const std::vector<NodeIndex>& indices);

}  // namespace sovaudit::test
