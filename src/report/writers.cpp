// The writer registry: one line per output format; --format choices come from here.
#include <algorithm>

#include "sovaudit/report.hpp"

namespace sovaudit {

const std::vector<Writer>& builtin_writers() {
  static const std::vector<Writer> writers = {
      {"table", "terminal summary: verdict, top risks, provider table (80 columns)", "txt", render_terminal_summary},
      {"json", "the JSON report (schemas/report.schema.json), every number", "json", render_json},
  };
  return writers;
}

const Writer* find_writer(std::string_view name) {
  const auto& writers = builtin_writers();
  const auto it = std::find_if(writers.begin(), writers.end(), [&](const Writer& w) { return w.name == name; });
  return it == writers.end() ? nullptr : &*it;
}

}  // namespace sovaudit
