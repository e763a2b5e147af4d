// Internal to the changes stage: which keys of an inventory entry differ between two reviews.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "sovaudit/changes.hpp"

namespace sovaudit::changes {

/// The inventory keys whose values differ, in the order the inventory reference lists them.
std::vector<std::string> changed_fields(const Provider& a, const Provider& b);
std::vector<std::string> changed_fields(const Capability& a, const Capability& b);
std::vector<std::string> changed_fields(const DataFlow& a, const DataFlow& b);
std::vector<std::string> changed_fields(const AcceptedRisk& a, const AcceptedRisk& b);

/// How an accepted risk is named in a diff: its id, else "RULE on TARGET".
std::string acceptance_key(const AcceptedRisk& risk);

/// The id entries are matched by.
inline std::string entry_key(const Provider& e) { return e.id.value.str(); }
inline std::string entry_key(const Capability& e) { return e.id.value.str(); }
inline std::string entry_key(const DataFlow& e) { return e.id.value.str(); }
inline std::string entry_key(const AcceptedRisk& e) { return acceptance_key(e); }

/// Added, removed and changed entries by id: NEW's order first, then the removed ones in OLD's order.
template <class Entry>
std::vector<EntryChange> entry_changes(const EntryList<Entry>& before, const EntryList<Entry>& after) {
  std::unordered_map<std::string, const Entry*> old_by_id;
  for (const Entry& e : before) old_by_id.try_emplace(entry_key(e), &e);
  std::unordered_map<std::string, bool> in_new;
  std::vector<EntryChange> out;
  for (const Entry& e : after) {
    const std::string key = entry_key(e);
    if (!in_new.try_emplace(key, true).second) continue;
    const auto old = old_by_id.find(key);
    if (old == old_by_id.end()) {
      out.push_back({ChangeKind::Added, key, {}});
    } else if (auto fields = changed_fields(*old->second, e); !fields.empty()) {
      out.push_back({ChangeKind::Changed, key, std::move(fields)});
    }
  }
  for (const Entry& e : before) {
    const std::string key = entry_key(e);
    if (!in_new.contains(key) && old_by_id.at(key) == &e) out.push_back({ChangeKind::Removed, key, {}});
  }
  return out;
}


}  // namespace sovaudit::changes
