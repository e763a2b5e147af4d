// Lookup of inventory entities by id, built once and shared by the checks and the analyses.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

#include "sovaudit/model.hpp"

namespace sovaudit {

/// Ids to positions in one flat, open-addressed table: a probe reads one 8-byte slot holding part
/// of the id's hash and the position, and compares the id itself only when that part matches. A
/// node-based map costs an allocation per id and a cache miss per probe step, which at 100,000 ids
/// made lookups the largest part of the checks.
class IdTable {
 public:
  /// Adds `id` at `position` unless it is already there (the first definition wins); returns
  /// whether it was added. `id` must stay valid while the table is used.
  bool insert(std::string_view id, std::size_t position);
  /// The position of `id`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const;
  /// Prepares room for `count` ids.
  void reserve(std::size_t count);

 private:
  /// The slot holding `id` (whose hash is `hash`), or the free slot where it would go.
  [[nodiscard]] std::size_t slot_for(std::string_view id, std::uint64_t hash) const;

  std::vector<std::uint64_t> slots_;     // (hash >> 32) << 32 | (entry + 1); 0 is free
  std::vector<std::string_view> ids_;    // by entry
  std::vector<std::size_t> positions_;   // by entry
};

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
  IdTable providers_, capabilities_, data_flows_;
  std::vector<std::string> provider_ids_, capability_ids_, data_flow_ids_;
};

}  // namespace sovaudit
