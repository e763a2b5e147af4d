// The writer registry: one line per output format; --format choices and extensions come from here.
#include <algorithm>
#include <sstream>

#include "sovaudit/report.hpp"

namespace sovaudit {
namespace {

/// Adapts a writer that renders a string; fine for the formats that stay small.
template <std::string (*Render)(const Report&, TextStyle)>
void write_rendered(const Report& report, TextStyle style, std::ostream& out) {
  out << Render(report, style);
}

}  // namespace

const std::vector<Writer>& builtin_writers() {
  static const std::vector<Writer> writers = {
      {"table", "terminal summary: verdict, top risks, provider table", {"txt"}, false, write_rendered<render_terminal_summary>, false, 1},
      {"markdown", "quarterly review for people (GitHub-flavoured Markdown)", {"md", "markdown"}, false, write_markdown, false, 10},
      {"markdown-summary", "the review's verdict, largest risks and actions in under 64 KiB (CI job summaries)", {}, false,
       write_markdown_summary, false, 1},
      {"json", "every number, for scripts (schemas/report.schema.json)", {"json"}, false, write_json, false, 9},
      {"sarif", "SARIF 2.1.0 for code scanning", {"sarif"}, false, write_sarif, true, 4},
      {"github", "GitHub Actions annotations on the inventory's lines (workflow commands)", {}, false, write_github, true, 4},
      {"gitlab-codequality", "GitLab Code Quality report for merge requests (CodeClimate JSON subset)", {}, false,
       write_gitlab_codequality, false, 4},
      {"junit", "JUnit XML: a failing test per finding that trips the gate (GitLab, Jenkins)", {"xml"}, false, write_junit, false, 5},
      {"cyclonedx", "CycloneDX 1.6 services BOM: providers, models, capabilities, data flows (docs/interop.md)",
       {"cdx.json"}, false, write_cyclonedx, false, 27},
      {"mermaid", "dependency graph as a Mermaid flowchart", {"mmd", "mermaid"}, true, write_mermaid, false, 2},
      {"dot", "dependency graph in Graphviz DOT", {"dot", "gv"}, true, write_dot, false, 2},
  };
  return writers;
}

std::string render(const Writer& writer, const Report& report, TextStyle style) {
  std::ostringstream out;
  writer.write(report, style, out);
  return std::move(out).str();
}

const Writer* find_writer(std::string_view name) {
  // A file extension names its format too (`md`, `mmd`, `gv`, `txt`): `--output md:x.md` is what
  // people type, and refusing it read the prefix as a directory.
  const auto& writers = builtin_writers();
  const auto it = std::find_if(writers.begin(), writers.end(), [&](const Writer& w) {
    return w.name == name || std::find(w.extensions.begin(), w.extensions.end(), name) != w.extensions.end();
  });
  return it == writers.end() ? nullptr : &*it;
}

const Writer* writer_for_path(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  // The longest extension decides: "bom.cdx.json" is CycloneDX, "report.json" the JSON report.
  const Writer* best = nullptr;
  std::size_t best_length = 0;
  for (const Writer& w : builtin_writers()) {
    for (std::string_view extension : w.extensions) {
      const bool matches = name.size() > extension.size() + 1 && name.ends_with(extension) &&
                           name[name.size() - extension.size() - 1] == '.';
      if (matches && extension.size() > best_length) best = &w, best_length = extension.size();
    }
  }
  return best;
}

}  // namespace sovaudit
