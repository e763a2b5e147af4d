// Lookup of inventory entities by id, built once and shared by the checks and the analyses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sovaudit/model.hpp"

namespace sovaudit {

/// Maps each id to the position of its first definition in the inventory's lists.
/// Views point into the inventory, which must outlive the index.
class InventoryIndex {
 public:
  /// Indexes `inventory`; later duplicates of an id are ignored (the checks report them).
  explicit InventoryIndex(const Inventory& inventory);

  /// Position of the provider with `id` in `inventory.providers`.
  [[nodiscard]] std::optional<std::size_t> provider(std::string_view id) const;
  /// Position of the capability with `id` in `inventory.capabilities`.
  [[nodiscard]] std::optional<std::size_t> capability(std::string_view id) const;
  /// Position of the data flow with `id` in `inventory.data_flows`.
  [[nodiscard]] std::optional<std::size_t> data_flow(std::string_view id) const;

  /// Every provider id in file order, for suggestions.
  [[nodiscard]] const std::vector<std::string>& provider_ids() const { return provider_ids_; }
  /// Every capability id in file order, for suggestions.
  [[nodiscard]] const std::vector<std::string>& capability_ids() const { return capability_ids_; }
  /// Every data flow id in file order, for suggestions.
  [[nodiscard]] const std::vector<std::string>& data_flow_ids() const { return data_flow_ids_; }

 private:
  std::unordered_map<std::string_view, std::size_t> providers_, capabilities_, data_flows_;
  std::vector<std::string> provider_ids_, capability_ids_, data_flow_ids_;
};

}  // namespace sovaudit
