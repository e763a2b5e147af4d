// The shared load stage of the CLI commands.
#include "load_stage.hpp"

#include <ostream>

#include "sovaudit/checks.hpp"
#include "sovaudit/passes.hpp"

namespace sovaudit::cli {

LoadedInventory load_inventory(const std::string& path, const LoadLimits& limits) {
  LoadedInventory loaded;
  SourceRead read = read_source_file(path, limits);
  loaded.diagnostics = std::move(read.diagnostics);
  if (!read.source) {
    loaded.failure = read.io_failure ? ExitCode::Internal : ExitCode::InvalidInput;
    return loaded;
  }
  loaded.source = std::move(read.source);
  loaded.parsed = parse_inventory(*loaded.source, limits);
  loaded.diagnostics.append(loaded.parsed.diagnostics);
  // Cross-entity checks on a half-read file would report phantom dangling references.
  if (loaded.parsed.complete) {
    const auto rules = builtin_passes().rule_ids();
    loaded.diagnostics.append(check_inventory(loaded.parsed.inventory, rules));
  }
  if (loaded.parsed.internal_failure) {
    loaded.failure = ExitCode::Internal;
  } else if (loaded.diagnostics.has_errors()) {
    loaded.failure = ExitCode::InvalidInput;
  }
  return loaded;
}

void print_diagnostics(const std::string& path, const LoadedInventory& loaded, std::ostream& err, TextStyle style) {
  const std::string_view text = loaded.source ? std::string_view(loaded.source->text) : std::string_view();
  err << render_diagnostics(path, text, loaded.diagnostics.sorted(), style);
}

}  // namespace sovaudit::cli
