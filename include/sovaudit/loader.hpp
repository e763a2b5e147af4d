// The load stage: bytes of an inventory file -> typed model plus every diagnostic found on the way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/model.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit {

/// Bounds that keep a hostile or broken file from exhausting time or memory.
struct LoadLimits {
  static constexpr std::uint64_t kDefaultMaxFileBytes = 64ull * 1024 * 1024;
  static constexpr std::uint32_t kDefaultMaxDepth = 16;
  static constexpr std::uint64_t kDefaultMaxEntries = 200000;
  static constexpr std::uint64_t kDefaultMaxStringBytes = 64 * 1024;
  static constexpr std::uint64_t kDefaultMaxErrors = 500;

  std::uint64_t max_file_bytes = kDefaultMaxFileBytes;      ///< --max-file-size
  std::uint32_t max_depth = kDefaultMaxDepth;               ///< --max-depth: nested maps and lists
  std::uint64_t max_entries = kDefaultMaxEntries;           ///< --max-entries: in one list or map
  std::uint64_t max_string_bytes = kDefaultMaxStringBytes;  ///< --max-string-length: one scalar, in bytes
  std::uint64_t max_errors = kDefaultMaxErrors;             ///< reading stops after this many errors
};

/// The outcome of reading a file from disk: the source, or the diagnostics that explain why not.
struct SourceRead {
  std::optional<SourceFile> source;
  Diagnostics diagnostics;
  bool io_failure = false;  ///< the file exists but could not be read (an environment problem)
};

/// Reads `path` whole, refusing files larger than `limits.max_file_bytes` before reading them;
/// messages name the file as `what`.
SourceRead read_source_file(const std::string& path, const LoadLimits& limits, std::string_view what = "the inventory");

/// The outcome of parsing: the model (partial when `complete` is false) and diagnostics.
struct ParseResult {
  Inventory inventory;
  Diagnostics diagnostics;
  bool complete = false;          ///< false after a syntax error or an aborting limit
  bool internal_failure = false;  ///< an unexpected failure inside the parser (exit code 3)
};

/// How the parse may use the machine; the result never depends on it.
struct ParseOptions {
  /// Pieces the text may be cut into, each parsed on its own thread: 0 picks one per available core
  /// for every 16 KiB of text (at most 16), 1 reads in one piece. A file whose layout the cutter
  /// does not recognise, or whose pieces report any error, is read again in one piece, so
  /// diagnostics and the model are exactly those of the one-piece read.
  std::size_t pieces = 0;
};

/// Parses one YAML document straight into the model, checking every key, type, range and code.
/// Whole-inventory checks (references, cycles, sums) are `check_inventory`'s job.
ParseResult parse_inventory(const SourceFile& source, const LoadLimits& limits = {}, const ParseOptions& options = {});

}  // namespace sovaudit
