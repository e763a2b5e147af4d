// Id lookup tables over an inventory.
#include "sovaudit/index.hpp"

namespace sovaudit {
namespace {

template <class Entity>
void index_ids(const EntryList<Entity>& entities, std::unordered_map<std::string_view, std::size_t>& map,
               std::vector<std::string>& ids) {
  map.reserve(entities.size());
  ids.reserve(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (!entities[i].id.present) continue;
    if (map.emplace(entities[i].id.value, i).second) ids.push_back(entities[i].id.value);
  }
}

std::optional<std::size_t> find(const std::unordered_map<std::string_view, std::size_t>& map, std::string_view id) {
  const auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

InventoryIndex::InventoryIndex(const Inventory& inventory) {
  index_ids(inventory.providers, providers_, provider_ids_);
  index_ids(inventory.capabilities, capabilities_, capability_ids_);
  index_ids(inventory.data_flows, data_flows_, data_flow_ids_);
}

std::optional<std::size_t> InventoryIndex::provider(std::string_view id) const { return find(providers_, id); }
std::optional<std::size_t> InventoryIndex::capability(std::string_view id) const { return find(capabilities_, id); }
std::optional<std::size_t> InventoryIndex::data_flow(std::string_view id) const { return find(data_flows_, id); }

}  // namespace sovaudit
