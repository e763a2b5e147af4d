// A lifecycle file (--lifecycle): retirement dates shared across inventories, by model or provider.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit {

/// One dated entry: a model name (or a provider id) and the day it retires.
struct LifecycleEntry {
  Located<std::string> name;     ///< the key: a model name as uses spell it, or a provider id
  Located<Date> retires;         ///< the last day it is served
  Located<std::string> source;   ///< where the date comes from (a deprecation page, a letter); may be absent
};

/// A whole lifecycle file. Entries that match nothing in an inventory are ignored: one file serves
/// many inventories.
struct Lifecycle {
  std::string path;                     ///< as named on the command line
  std::vector<LifecycleEntry> entries;  ///< in file order, keys unique
  std::vector<std::size_t> by_name;     ///< indices into entries, sorted by name

  /// The entry for `name`, or nullptr. Logarithmic: a shared file may list thousands of models.
  [[nodiscard]] const LifecycleEntry* find(std::string_view name) const {
    const auto it = std::lower_bound(by_name.begin(), by_name.end(), name,
                                     [&](std::size_t i, std::string_view n) { return entries[i].name.value < n; });
    return it != by_name.end() && entries[*it].name.value == name ? &entries[*it] : nullptr;
  }
};

/// Parses a lifecycle file: a YAML map of name -> {retires: YYYY-MM-DD, source: TEXT}. Every problem
/// (syntax, a missing or malformed date, an unknown key, a duplicate name) is a diagnostic at its
/// place in `source`; the result holds the entries that were read whole.
Lifecycle parse_lifecycle(const SourceFile& source, const LoadLimits& limits, Diagnostics& diags);

}  // namespace sovaudit
