// Internal to the CLI: the read -> parse -> check stages shared by every command that takes an inventory.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include <memory>

#include "sovaudit/analysis.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/exit_code.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit::cli {

/// A loaded inventory, or why there is none.
struct LoadedInventory {
  std::optional<SourceFile> source;
  ParseResult parsed;
  Diagnostics diagnostics;  ///< read, parse and check diagnostics together
  ExitCode failure = ExitCode::Ok;  ///< InvalidInput or Internal when the inventory cannot be used

  /// True when the inventory can be analysed.
  [[nodiscard]] bool usable() const { return failure == ExitCode::Ok; }
};

/// Reads, parses and checks `path` (accepted risks against the built-in rules).
LoadedInventory load_inventory(const std::string& path, const LoadLimits& limits);

/// Prints the inventory's diagnostics (sorted, with source lines) to `err`, at most `max_shown`.
void print_diagnostics(const std::string& path, const LoadedInventory& loaded, std::ostream& err, TextStyle style,
                       std::size_t max_shown = LoadLimits::kDefaultMaxErrors);

/// An inventory taken through every stage up to the verdict. Held by pointer: the analysis and
/// the verdict refer into the loaded inventory.
struct Scanned {
  LoadedInventory loaded;
  Analysis analysis;
  Verdict verdict;
};

/// The choices that shape a scan's numbers and verdict.
struct ScanSettings {
  AnalysisOptions analysis;
  FailOn fail_on = FailOn::Existential;
  JudgeOptions judge;
};

/// Loads, analyses and judges `path`; prints diagnostics and warnings to `err`. On failure returns
/// nothing and sets `failure` to the exit code.
std::unique_ptr<Scanned> scan_inventory(const std::string& path, const LoadLimits& limits, const ScanSettings& settings,
                                        std::ostream& err, TextStyle err_style, ExitCode& failure);

}  // namespace sovaudit::cli
