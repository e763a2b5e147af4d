// Internal to the CLI: the read -> parse -> check stages shared by every command that takes an inventory.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include <memory>

#include "sovaudit/analysis.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/exit_code.hpp"
#include "sovaudit/lifecycle.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/sbom.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit::cli {

/// What goes to the terminal besides results: --quiet keeps errors only; progress lines are for a
/// person watching a large scan on a terminal.
struct Console {
  bool quiet = false;     ///< --quiet: errors only on stderr; no table on stdout unless --format
  bool progress = false;  ///< stderr is a terminal and not --quiet: show stages of a large scan
};

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
/// With `quiet`, errors only (each with its notes) and no warnings.
void print_diagnostics(const std::string& path, const LoadedInventory& loaded, std::ostream& err, TextStyle style,
                       bool quiet = false, std::size_t max_shown = LoadLimits::kDefaultMaxErrors);

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
  bool drift_only = false;  ///< keep the findings of the drift rules alone (`sovaudit drift`)
  /// The --lifecycle file's text (its dates are analysis.lifecycle), for the lines its conflicts show.
  const SourceFile* lifecycle_source = nullptr;
};

/// A --lifecycle file: its text and its dates.
struct LoadedLifecycle {
  SourceFile source;
  Lifecycle lifecycle;
};

/// Lifecycle files are hand-kept lists of dates: past this size one is a mistake, not a list.
inline constexpr std::uint64_t kMaxLifecycleBytes = 8u << 20;

/// Reads and parses a --lifecycle file, printing its diagnostics with its lines. On an error
/// returns nothing and sets `failure`.
std::unique_ptr<LoadedLifecycle> load_lifecycle(const std::string& path, const LoadLimits& limits, std::ostream& err,
                                                TextStyle err_style, ExitCode& failure, const Console& console = {});

/// Points `settings` at a loaded lifecycle file (or at none).
void use_lifecycle(ScanSettings& settings, const LoadedLifecycle* loaded);

/// Reads every SBOM of `paths` (CycloneDX JSON); prints each one's diagnostics with its lines. The
/// SBOMs are complete when `complete` says so or each declares it. On an error returns nothing and
/// sets `failure`.
std::optional<Observations> load_observations(const std::vector<std::string>& paths, bool complete,
                                              const LoadLimits& limits, std::ostream& err, TextStyle err_style,
                                              ExitCode& failure, const Console& console = {});

/// Loads, analyses and judges `path`; prints diagnostics and warnings to `err` (errors only when
/// console.quiet) and, with console.progress and a large file, each stage as it starts. On failure
/// returns nothing and sets `failure` to the exit code.
std::unique_ptr<Scanned> scan_inventory(const std::string& path, const LoadLimits& limits, const ScanSettings& settings,
                                        std::ostream& err, TextStyle err_style, ExitCode& failure,
                                        const Console& console = {});

/// A one-line progress display on a terminal's stderr, rewritten in place and erased when done.
class Progress {
 public:
  /// Shows nothing unless `enabled`.
  Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() { clear(); }
  /// Replaces the line with "sovaudit: WHAT...".
  void show(std::string_view what);
  /// Erases the line.
  void clear();

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
};

/// Inventories at least this large show progress on a terminal: below it a scan is instant.
inline constexpr std::size_t kProgressBytes = 1u << 20;

/// Analyses a usable loaded inventory, runs the rules and judges the findings, into `s`; shows
/// the rules' stage on `progress` when given.
void analyse_and_judge(Scanned& s, const ScanSettings& settings, Progress* progress = nullptr);

}  // namespace sovaudit::cli
