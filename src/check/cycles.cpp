// Cycles in `upstream` and `requires`: an iterative depth-first search that reports each back
// edge once with its path (long ones shortened), at most 50 per kind, so neither a 10k-long chain
// nor thousands of cycles can overflow the stack or fill memory with messages.
#include <span>
#include <string>
#include <vector>

#include "checks_internal.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::check {
namespace {

/// A directed graph over entity positions; each edge keeps the reference it came from. The edges
/// of node n are edges[first_edge[n] .. first_edge[n + 1]): one flat list, not one per node, as
/// most of 100,000 capabilities require nothing.
struct RefGraph {
  struct Edge {
    std::size_t target;
    SourceLoc loc;         ///< where the reference is written
    std::uint32_t length;  ///< the length of the id it names
  };
  std::vector<std::string_view> names;
  std::vector<std::size_t> first_edge;
  std::vector<Edge> edges;
  [[nodiscard]] std::span<const Edge> out(std::size_t node) const {
    return std::span<const Edge>(edges).subspan(first_edge[node], first_edge[node + 1] - first_edge[node]);
  }
};

// Enough to fix the first ones; a file with thousands of cycles must not cost gigabytes of messages.
constexpr std::size_t kMaxCyclesReported = 50;
// Ids shown at each end of a long cycle's path.
constexpr std::size_t kPathEnds = 4;

/// The reference a list item holds: an upstream link names its provider.
const Located<CompactText>& reference_in(const UpstreamLink& link) { return link.provider; }
const Located<std::string>& reference_in(const Located<std::string>& id) { return id; }

/// "a -> b -> c -> a", or for a long cycle its first and last ids around "(N more)".
std::string cycle_text(const RefGraph& graph, const std::vector<std::size_t>& cycle) {
  std::string text;
  // Ids are at most 128 plain ASCII characters (the loader checks), so they need no quoting.
  const auto add = [&](std::size_t node) { text += std::string(graph.names[node]) + " -> "; };
  if (cycle.size() <= 2 * kPathEnds) {
    for (std::size_t node : cycle) add(node);
  } else {
    for (std::size_t i = 0; i < kPathEnds; ++i) add(cycle[i]);
    text += "(" + std::to_string(cycle.size() - 2 * kPathEnds) + " more) -> ";
    for (std::size_t i = cycle.size() - kPathEnds; i < cycle.size(); ++i) add(cycle[i]);
  }
  return text + std::string(graph.names[cycle.front()]);
}

void report_cycles(const RefGraph& graph, std::string_view what, Diagnostics& diags) {
  enum class Mark : unsigned char { Unvisited, OnPath, Done };
  std::vector<Mark> mark(graph.names.size(), Mark::Unvisited);
  std::vector<std::size_t> position(graph.names.size(), 0);  // index in `path` while on it
  struct Step {
    std::size_t node;
    std::size_t next_edge;
  };
  std::vector<Step> path;
  std::size_t found = 0;
  SourceLoc first_unreported;
  for (std::size_t start = 0; start < graph.names.size(); ++start) {
    if (mark[start] != Mark::Unvisited) continue;
    position[start] = 0;
    path.push_back({start, 0});
    mark[start] = Mark::OnPath;
    while (!path.empty()) {
      Step& top = path.back();
      const std::span<const RefGraph::Edge> out = graph.out(top.node);
      if (top.next_edge == out.size()) {
        mark[top.node] = Mark::Done;
        path.pop_back();
        continue;
      }
      const auto [target, ref_loc, ref_length] = out[top.next_edge++];
      if (mark[target] == Mark::Unvisited) {
        mark[target] = Mark::OnPath;
        position[target] = path.size();
        path.push_back({target, 0});
      } else if (mark[target] == Mark::OnPath) {
        if (++found > kMaxCyclesReported) {
          if (found == kMaxCyclesReported + 1) first_unreported = ref_loc;
          continue;
        }
        std::vector<std::size_t> cycle;
        for (std::size_t i = position[target]; i < path.size(); ++i) cycle.push_back(path[i].node);
        diags.error(ref_loc, std::string(what) + " cycle: " + cycle_text(graph, cycle), ref_length);
      }
    }
  }
  if (found > kMaxCyclesReported) {
    diags.error(first_unreported, std::to_string(found - kMaxCyclesReported) + " more " + std::string(what) +
                                      " cycles are not listed; fix the ones above first");
  }
}

/// The reference graph over `entities`: `refs(entity)` is the list of references it holds (each
/// a Located<std::string>, or has one as `member`), `find(id)` resolves one. Entities with a
/// duplicate id get no edges (the duplicate is reported elsewhere).
template <class Entity, class Refs, class Find>
RefGraph graph_of(const EntryList<Entity>& entities, Refs refs, Find find) {
  RefGraph graph;
  graph.names.resize(entities.size());
  graph.first_edge.reserve(entities.size() + 1);
  for (std::size_t i = 0; i < entities.size(); ++i) {
    graph.first_edge.push_back(graph.edges.size());
    graph.names[i] = entities[i].id.value;
    const auto& list = refs(entities[i]);
    if (list.empty() || find(entities[i].id.value) != i) continue;
    for (const auto& item : list) {
      const auto& ref = reference_in(item);
      if (auto target = find(ref.value)) {
        graph.edges.push_back({*target, ref.loc, static_cast<std::uint32_t>(ref.value.size())});
      }
    }
  }
  graph.first_edge.push_back(graph.edges.size());
  return graph;
}

}  // namespace

void check_cycles(const Inventory& inventory, const InventoryIndex& index, Diagnostics& diags) {
  const auto upstream = graph_of(
      inventory.providers, [](const Provider& p) -> const auto& { return p.upstream; },
      [&](std::string_view id) { return index.provider(id); });
  report_cycles(upstream, "upstream", diags);

  const auto requires_graph = graph_of(
      inventory.capabilities, [](const Capability& c) -> const auto& { return c.required_capabilities; },
      [&](std::string_view id) { return index.capability(id); });
  report_cycles(requires_graph, "requires", diags);
}

}  // namespace sovaudit::check
