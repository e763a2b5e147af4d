// Internal to the report writers: which part of the dependency graph a diagram draws.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "sovaudit/report.hpp"
#include "streamed_text.hpp"

namespace sovaudit::graphs {

/// The capabilities and providers a diagram draws; edges are drawn between drawn nodes only.
struct GraphSelection {
  std::vector<bool> capabilities;
  std::vector<bool> providers;
  std::size_t nodes = 0;
  std::size_t edges = 0;  ///< requires, slot and upstream edges between drawn nodes
};

/// The whole graph, or with `focus` (a provider or capability id) the focus with what it depends on
/// and what depends on it, and with `min_class` above acceptable only the providers classified at
/// least that (the focus is always kept) and the capabilities that use them.
GraphSelection select_graph(const Report& r, std::string_view focus, Classification min_class);

/// Appends the Mermaid flowchart of the selected part, without the Markdown fence, to `out`.
void mermaid_of(StreamedText& out, const Report& r, const GraphSelection& selection);

}  // namespace sovaudit::graphs
