// Id lookup tables over an inventory.
#include "sovaudit/index.hpp"

#include <algorithm>
#include <functional>
#include <utility>

namespace sovaudit {
namespace {

std::uint64_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

template <class Entity>
void index_ids(const EntryList<Entity>& entities, IdTable& table, std::vector<std::string>& ids) {
  table.reserve(entities.size());
  ids.reserve(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (!entities[i].id.present) continue;
    if (table.insert(entities[i].id.value, i)) ids.push_back(entities[i].id.value.str());
  }
}

}  // namespace

std::size_t IdTable::slot_for(std::string_view id, std::uint64_t hash) const {
  const std::uint64_t tag = hash >> 32 << 32;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = slots_[at];
    if (slot == 0) return at;
    if ((slot & ~std::uint64_t{0xFFFFFFFF}) == tag && ids_[static_cast<std::uint32_t>(slot) - 1] == id) return at;
  }
}

void IdTable::reserve(std::size_t count) {
  ids_.reserve(count);
  positions_.reserve(count);
  // At most half full, so a miss ends within a few slots.
  std::size_t size = 16;
  while (size < 2 * count) size *= 2;
  if (size <= slots_.size()) return;
  const std::vector<std::uint64_t> old = std::exchange(slots_, std::vector<std::uint64_t>(size, 0));
  for (std::uint64_t slot : old) {
    if (slot == 0) continue;
    const std::string_view id = ids_[static_cast<std::uint32_t>(slot) - 1];
    slots_[slot_for(id, hash_of(id))] = slot;
  }
}

bool IdTable::insert(std::string_view id, std::size_t position) {
  if (2 * (ids_.size() + 1) > slots_.size()) reserve(std::max<std::size_t>(8, 2 * ids_.size()));
  const std::uint64_t hash = hash_of(id);
  std::uint64_t& slot = slots_[slot_for(id, hash)];
  if (slot != 0) return false;
  ids_.push_back(id);
  positions_.push_back(position);
  slot = hash >> 32 << 32 | static_cast<std::uint32_t>(ids_.size());
  return true;
}

std::optional<std::size_t> IdTable::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t slot = slots_[slot_for(id, hash_of(id))];
  if (slot == 0) return std::nullopt;
  return positions_[static_cast<std::uint32_t>(slot) - 1];
}

InventoryIndex::InventoryIndex(const Inventory& inventory) {
  index_ids(inventory.providers, providers_, provider_ids_);
  index_ids(inventory.capabilities, capabilities_, capability_ids_);
  index_ids(inventory.data_flows, data_flows_, data_flow_ids_);
}

std::optional<std::size_t> InventoryIndex::provider(std::string_view id) const { return providers_.find(id); }
std::optional<std::size_t> InventoryIndex::capability(std::string_view id) const { return capabilities_.find(id); }
std::optional<std::size_t> InventoryIndex::data_flow(std::string_view id) const { return data_flows_.find(id); }

}  // namespace sovaudit
