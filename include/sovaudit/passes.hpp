// Rule passes: each reads the model and the analysis and returns findings. Registered explicitly.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "sovaudit/analysis.hpp"
#include "sovaudit/findings.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit {

/// What every pass may read.
struct PassContext {
  const Inventory& inventory;
  const Analysis& analysis;
};

/// One check over the analysed inventory. Passes never format text: findings carry evidence.
class Pass {
 public:
  virtual ~Pass() = default;
  /// The rules this pass can report.
  [[nodiscard]] virtual std::span<const RuleInfo> rules() const = 0;
  /// The findings for this inventory, in any order.
  [[nodiscard]] virtual std::vector<Finding> run(const PassContext& context) const = 0;
};

/// The ordered list of passes and the rules they report.
class PassRegistry {
 public:
  /// Adds a pass; its rule ids must be new.
  void add(std::unique_ptr<Pass> pass);
  /// Every registered pass in registration order.
  [[nodiscard]] const std::vector<std::unique_ptr<Pass>>& passes() const { return passes_; }
  /// Every rule of every pass, sorted by id.
  [[nodiscard]] std::vector<const RuleInfo*> rules() const;
  /// The rule with `id`, or nullptr.
  [[nodiscard]] const RuleInfo* rule(std::string_view id) const;
  /// Every rule id, sorted, for suggestions and for checking accepted risks.
  [[nodiscard]] std::vector<std::string_view> rule_ids() const;

 private:
  std::vector<std::unique_ptr<Pass>> passes_;
};

/// The passes that ship with sovaudit (src/passes/registry.cpp, one line each).
const PassRegistry& builtin_passes();

/// Runs every pass and returns the findings in a deterministic order: severity (worst first),
/// rule, target, then location.
std::vector<Finding> run_passes(const PassRegistry& registry, const PassContext& context);

}  // namespace sovaudit
