// The explicit registry of built-in passes (one line per pass), and running them in order.
#include <algorithm>
#include <exception>
#include <iterator>
#include <stdexcept>

#include "pass_support.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/parallel.hpp"

namespace sovaudit {

const PassRegistry& builtin_passes() {
  static const PassRegistry registry = [] {
    PassRegistry r;
    r.add(passes::make_departure_pass());
    r.add(passes::make_dated_departure_pass());
    r.add(passes::make_group_concentration_pass());
    r.add(passes::make_price_shock_pass());
    r.add(passes::make_jurisdiction_pass());
    r.add(passes::make_residency_pass());
    r.add(passes::make_foreign_control_pass());
    r.add(passes::make_hidden_dependency_pass());
    r.add(passes::make_sourcing_pass());
    r.add(passes::make_abstraction_pass());
    r.add(passes::make_exit_plan_pass());
    r.add(passes::make_fallback_pass());
    r.add(passes::make_evals_pass());
    r.add(passes::make_unknown_hq_pass());
    r.add(passes::make_acceptance_expiry_pass());
    r.add(passes::make_drift_pass());
    return r;
  }();
  return registry;
}

void PassRegistry::add(std::unique_ptr<Pass> pass) {
  for (const RuleInfo& rule : pass->rules()) {
    if (this->rule(rule.id)) throw std::logic_error("rule registered twice: " + std::string(rule.id));
  }
  passes_.push_back(std::move(pass));
}

std::vector<const RuleInfo*> PassRegistry::rules() const {
  std::vector<const RuleInfo*> out;
  for (const auto& pass : passes_) {
    for (const RuleInfo& rule : pass->rules()) out.push_back(&rule);
  }
  std::sort(out.begin(), out.end(), [](const RuleInfo* a, const RuleInfo* b) { return a->id < b->id; });
  return out;
}

const RuleInfo* PassRegistry::rule(std::string_view id) const {
  for (const auto& pass : passes_) {
    for (const RuleInfo& rule : pass->rules()) {
      if (rule.id == id) return &rule;
    }
  }
  return nullptr;
}

std::vector<std::string_view> PassRegistry::rule_ids() const {
  std::vector<std::string_view> ids;
  for (const RuleInfo* rule : rules()) ids.push_back(rule->id);
  return ids;
}

std::vector<Finding> run_passes(const PassRegistry& registry, const PassContext& context) {
  // Each pass's findings are kept until all have run, so the joined list is allocated once at its
  // exact size instead of doubling (and copying) while the scan's memory peaks.
  // The passes only read the context, and each fills its own list: they run on up to two threads,
  // handed out in registry order, and the joined list is the same however they were shared. Not
  // more: each thread allocates from a malloc arena of its own, and the findings it makes are held
  // to the end of the run, when the scan's memory peaks.
  const auto& passes = registry.passes();
  std::vector<std::vector<Finding>> found_by_pass(passes.size());
  std::vector<std::exception_ptr> failures(passes.size());
  parallel_for(passes.size(), std::min(2u, available_cores()), [&](std::size_t i) {
    try {
      found_by_pass[i] = passes[i]->run(context);
    } catch (...) {
      failures[i] = std::current_exception();  // rethrown below, on the caller's thread
    }
  });
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  std::size_t total = 0;
  for (const std::vector<Finding>& found : found_by_pass) total += found.size();
  std::vector<Finding> findings;
  findings.reserve(total);
  for (std::vector<Finding>& found : found_by_pass) {
    for (Finding& f : found) {
      // Evidence added after the first list grew by doubling; the report keeps it to the end.
      if (f.evidence.capacity() > f.evidence.size()) f.evidence.shrink_to_fit();
      if (f.related.capacity() > f.related.size()) f.related.shrink_to_fit();
      findings.push_back(std::move(f));
    }
    std::vector<Finding>().swap(found);
  }
  sort_for_listing(findings);
  return findings;
}

namespace passes {

std::optional<Severity> severity_of(Classification c) {
  switch (c) {
    case Classification::Existential:
      return Severity::Existential;
    case Classification::Material:
      return Severity::Material;
    case Classification::Acceptable:
      break;
  }
  return std::nullopt;
}

Finding make_finding(const RuleInfo& rule, Severity severity, CompactText target, SourceLoc loc) {
  Finding f;
  f.rule = rule.id;
  f.severity = severity;
  f.target = std::move(target);
  f.loc = loc;
  return f;
}

std::optional<Severity> data_severity(DataClass most_sensitive, int milder) {
  int level = -1;  // -1 none, 0 advisory, 1 material, 2 existential
  if (most_sensitive >= DataClass::SpecialCategory) level = 2;
  else if (most_sensitive >= DataClass::Personal) level = 1;
  else if (most_sensitive >= DataClass::Internal) level = 0;
  level -= milder;
  if (level < 0) return std::nullopt;
  return static_cast<Severity>(level);
}

static_assert(static_cast<int>(PolicySeverity::Existential) == static_cast<int>(Severity::Existential) &&
              static_cast<int>(PolicySeverity::Advisory) == static_cast<int>(Severity::Advisory));

std::optional<Severity> law_severity(const Inventory& inventory, DataClass most_sensitive, int milder,
                                     std::span<const std::string> jurisdictions) {
  if (most_sensitive < DataClass::Internal) return std::nullopt;
  const auto& table = inventory.policy.jurisdiction_severity;
  std::optional<Severity> out;
  const auto raise = [&](std::optional<Severity> s) {
    if (s && (!out || *s > *out)) out = s;
  };
  for (const std::string& j : jurisdictions) {
    const auto* entry = entry_for(table, j, group_contains);
    raise(entry ? std::optional<Severity>(static_cast<Severity>(entry->value.value))
                : data_severity(most_sensitive, milder));
  }
  return out;
}

std::vector<std::string> provider_ids(const Inventory& inventory, const std::vector<NodeIndex>& indices) {
  std::vector<std::string> out;
  out.reserve(indices.size());
  for (NodeIndex i : indices) out.push_back(inventory.providers[i].id.value.str());
  return out;
}

std::vector<std::string> capability_ids(const Inventory& inventory, const std::vector<NodeIndex>& indices) {
  std::vector<std::string> out;
  out.reserve(indices.size());
  for (NodeIndex i : indices) out.push_back(inventory.capabilities[i].id.value.str());
  return out;
}

std::vector<std::string> data_class_names(const std::vector<Located<DataClass>>& classes) {
  std::vector<DataClass> sorted;
  for (const auto& c : classes) sorted.push_back(c.value);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::string> out;
  for (DataClass c : sorted) out.emplace_back(to_string(c));
  return out;
}

}  // namespace passes
}  // namespace sovaudit
