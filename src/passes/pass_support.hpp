// Internal to the passes: factories for the registry and small helpers every pass uses.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sovaudit/passes.hpp"

namespace sovaudit::passes {

// One factory per pass file; registry.cpp lists them.
std::unique_ptr<Pass> make_departure_pass();
std::unique_ptr<Pass> make_dated_departure_pass();
std::unique_ptr<Pass> make_group_concentration_pass();
std::unique_ptr<Pass> make_price_shock_pass();
std::unique_ptr<Pass> make_jurisdiction_pass();
std::unique_ptr<Pass> make_residency_pass();
std::unique_ptr<Pass> make_foreign_control_pass();
std::unique_ptr<Pass> make_hidden_dependency_pass();
std::unique_ptr<Pass> make_sourcing_pass();
std::unique_ptr<Pass> make_abstraction_pass();
std::unique_ptr<Pass> make_exit_plan_pass();
std::unique_ptr<Pass> make_fallback_pass();
std::unique_ptr<Pass> make_evals_pass();
std::unique_ptr<Pass> make_unknown_hq_pass();
std::unique_ptr<Pass> make_acceptance_expiry_pass();
std::unique_ptr<Pass> make_drift_pass();

/// The finding severity of a classified dependency; nothing for acceptable ones.
std::optional<Severity> severity_of(Classification c);

/// Severity of exposing data of `most_sensitive` class: existential for special categories, material
/// for personal and financial, advisory for internal and confidential, none for public; each of
/// `milder` steps moves one level down (advisory drops out).
std::optional<Severity> data_severity(DataClass most_sensitive, int milder = 0);

/// Severity of a residency or foreign-control finding about data of `most_sensitive` class in (or
/// controlled from) `jurisdictions`: each jurisdiction's severity in policy.jurisdiction_severity
/// (its own entry, else a group's), data_severity(most_sensitive, milder) for those without; the
/// most severe. Public data, and jurisdictions without an entry whose data severity drops out, give none.
std::optional<Severity> law_severity(const Inventory& inventory, DataClass most_sensitive, int milder,
                                     std::span<const std::string> jurisdictions);

/// A finding of `rule` about `target`, located at `loc`, with no evidence yet.
Finding make_finding(const RuleInfo& rule, Severity severity, CompactText target, SourceLoc loc);

/// Ids of the providers at `indices`.
std::vector<std::string> provider_ids(const Inventory& inventory, const std::vector<NodeIndex>& indices);
/// Ids of the capabilities at `indices`.
std::vector<std::string> capability_ids(const Inventory& inventory, const std::vector<NodeIndex>& indices);
/// Spellings of data classes, most sensitive last, without repeats.
std::vector<std::string> data_class_names(const std::vector<Located<DataClass>>& classes);

/// The field's location when it was written, else `fallback`.
template <class T>
SourceLoc loc_or(const Located<T>& field, SourceLoc fallback) {
  return field.present ? field.loc : fallback;
}

/// A pass defined by a rule table and a function, so each pass file holds only its logic.
template <class Run>
class TablePass final : public Pass {
 public:
  TablePass(std::span<const RuleInfo> rule_table, Run function) : rules_(rule_table), run_(function) {}
  [[nodiscard]] std::span<const RuleInfo> rules() const override { return rules_; }
  [[nodiscard]] std::vector<Finding> run(const PassContext& context) const override { return run_(context); }

 private:
  std::span<const RuleInfo> rules_;
  Run run_;
};

/// Makes a TablePass from a rule table and a run function.
template <class Run>
std::unique_ptr<Pass> make_table_pass(std::span<const RuleInfo> rules, Run run) {
  return std::make_unique<TablePass<Run>>(rules, run);
}

}  // namespace sovaudit::passes
