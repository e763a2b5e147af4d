// Cycles in `upstream` and `requires`: an iterative depth-first search that reports each back
// edge once with the whole path, so a 10k-long chain cannot overflow the call stack.
#include <string>
#include <vector>

#include "checks_internal.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::check {
namespace {

/// A directed graph over entity positions; each edge keeps the reference it came from.
struct RefGraph {
  std::vector<std::string_view> names;
  std::vector<std::vector<std::pair<std::size_t, const Located<std::string>*>>> edges;
};

void report_cycles(const RefGraph& graph, std::string_view what, Diagnostics& diags) {
  enum class Mark : unsigned char { Unvisited, OnPath, Done };
  std::vector<Mark> mark(graph.names.size(), Mark::Unvisited);
  struct Step {
    std::size_t node;
    std::size_t next_edge;
  };
  std::vector<Step> path;
  for (std::size_t start = 0; start < graph.names.size(); ++start) {
    if (mark[start] != Mark::Unvisited) continue;
    path.push_back({start, 0});
    mark[start] = Mark::OnPath;
    while (!path.empty()) {
      Step& top = path.back();
      const auto& out = graph.edges[top.node];
      if (top.next_edge == out.size()) {
        mark[top.node] = Mark::Done;
        path.pop_back();
        continue;
      }
      const auto [target, ref] = out[top.next_edge++];
      if (mark[target] == Mark::Unvisited) {
        mark[target] = Mark::OnPath;
        path.push_back({target, 0});
      } else if (mark[target] == Mark::OnPath) {
        std::string text;
        bool in_cycle = false;
        for (const Step& s : path) {
          in_cycle = in_cycle || s.node == target;
          if (in_cycle) text += std::string(graph.names[s.node]) + " -> ";
        }
        text += std::string(graph.names[target]);
        diags.error(ref->loc, std::string(what) + " cycle: " + text,
                    static_cast<std::uint32_t>(ref->value.size()));
      }
    }
  }
}

/// The reference graph over `entities`: `refs(entity)` yields the references it holds, `find(id)`
/// resolves one. Entities with a duplicate id get no edges (the duplicate is reported elsewhere).
template <class Entity, class Refs, class Find>
RefGraph graph_of(const std::vector<Entity>& entities, Refs refs, Find find) {
  RefGraph graph;
  graph.names.resize(entities.size());
  graph.edges.resize(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) {
    graph.names[i] = entities[i].id.value;
    if (find(entities[i].id.value) != i) continue;
    for (const Located<std::string>* ref : refs(entities[i])) {
      if (auto target = find(ref->value)) graph.edges[i].push_back({*target, ref});
    }
  }
  return graph;
}

}  // namespace

void check_cycles(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  const auto upstream = graph_of(
      inventory.providers,
      [](const Provider& p) {
        std::vector<const Located<std::string>*> refs;
        for (const UpstreamLink& link : p.upstream) refs.push_back(&link.provider);
        return refs;
      },
      [&](std::string_view id) { return index.provider(id); });
  report_cycles(upstream, "upstream", diags);

  const auto requires_graph = graph_of(
      inventory.capabilities,
      [](const Capability& c) {
        std::vector<const Located<std::string>*> refs;
        for (const Located<std::string>& required : c.required_capabilities) refs.push_back(&required);
        return refs;
      },
      [&](std::string_view id) { return index.capability(id); });
  report_cycles(requires_graph, "requires", diags);
}

}  // namespace sovaudit::check
