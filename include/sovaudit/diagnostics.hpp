// Diagnostics as values: errors and warnings that carry their place, collected before a run stops.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/source.hpp"

namespace sovaudit {

/// How bad a diagnostic is: errors stop the run after the stage that found them, warnings do not.
enum class DiagSeverity : unsigned char { Error, Warning, Note };

/// "error", "warning", "note".
std::string_view to_string(DiagSeverity s);

/// One message about one place in an inventory.
struct Diagnostic {
  DiagSeverity severity = DiagSeverity::Error;
  SourceLoc loc;               ///< where the problem is; unknown for whole-file problems
  std::uint32_t length = 1;    ///< how many characters the caret underlines
  std::string message;         ///< one sentence, no trailing period, no location prefix
};

/// An ordered collection of diagnostics from one or more stages over the same file.
class Diagnostics {
 public:
  /// Records an error at `loc` underlining `length` characters.
  void error(SourceLoc loc, std::string message, std::uint32_t length = 1);
  /// Records a warning at `loc` underlining `length` characters.
  void warning(SourceLoc loc, std::string message, std::uint32_t length = 1);
  /// Records a note that belongs to the diagnostic recorded just before it.
  void note(SourceLoc loc, std::string message, std::uint32_t length = 1);
  /// Appends every diagnostic of `other`.
  void append(const Diagnostics& other);

  /// Number of errors recorded.
  [[nodiscard]] std::size_t error_count() const { return errors_; }
  /// Number of warnings recorded.
  [[nodiscard]] std::size_t warning_count() const { return warnings_; }
  /// True when at least one error was recorded.
  [[nodiscard]] bool has_errors() const { return errors_ != 0; }
  /// All diagnostics in the order they were recorded.
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return items_; }
  /// The diagnostics ordered by location (stable; notes stay behind their diagnostic).
  [[nodiscard]] std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
};

}  // namespace sovaudit
