// Choosing the part of the dependency graph a diagram draws: all of it, one provider's or
// capability's neighbourhood, or only the providers that matter (--focus, --min-class, the review).
#include "graph_selection.hpp"

#include <optional>

namespace sovaudit::graphs {
namespace {

/// Marks every provider reachable from the marked ones along upstream edges (and, with
/// `downstream`, along the reverse: the resellers built on them).
void close_over_providers(const DependencyGraph& g, std::vector<bool>& providers, bool downstream) {
  std::vector<NodeIndex> work;
  for (NodeIndex p = 0; p < providers.size(); ++p) {
    if (providers[p]) work.push_back(p);
  }
  while (!work.empty()) {
    const NodeIndex p = work.back();
    work.pop_back();
    const auto visit = [&](NodeIndex q) {
      if (!providers[q]) {
        providers[q] = true;
        work.push_back(q);
      }
    };
    for (const UpstreamEdge& e : g.providers[p].upstream) visit(e.provider);
    if (downstream) {
      for (NodeIndex q : g.downstream[p]) visit(q);
    }
  }
}

bool uses_selected(const DependencyGraph& g, NodeIndex c, const std::vector<bool>& providers) {
  for (NodeIndex s : g.capabilities[c].slots) {
    for (const SlotOption& o : g.slots[s].options) {
      if (providers[o.provider]) return true;
    }
  }
  return false;
}

void count(const DependencyGraph& g, GraphSelection& sel) {
  sel.nodes = 0;
  sel.edges = 0;
  for (NodeIndex c = 0; c < sel.capabilities.size(); ++c) {
    if (!sel.capabilities[c]) continue;
    ++sel.nodes;
    for (NodeIndex required : g.capabilities[c].requires_capabilities) sel.edges += sel.capabilities[required] ? 1 : 0;
    for (NodeIndex s : g.capabilities[c].slots) {
      for (const SlotOption& o : g.slots[s].options) sel.edges += sel.providers[o.provider] ? 1 : 0;
    }
  }
  for (NodeIndex p = 0; p < sel.providers.size(); ++p) {
    if (!sel.providers[p]) continue;
    ++sel.nodes;
    for (const UpstreamEdge& e : g.providers[p].upstream) sel.edges += sel.providers[e.provider] ? 1 : 0;
  }
}

}  // namespace

GraphSelection select_graph(const Report& r, std::string_view focus, Classification min_class) {
  const DependencyGraph& g = r.analysis.graph;
  GraphSelection sel;
  sel.capabilities.assign(g.capabilities.size(), focus.empty());
  sel.providers.assign(g.providers.size(), focus.empty());
  std::optional<NodeIndex> focus_provider, focus_capability;
  for (NodeIndex p = 0; !focus.empty() && p < g.providers.size(); ++p) {
    if (g.providers[p].provider->id.value == focus) focus_provider = p;
  }
  for (NodeIndex c = 0; !focus.empty() && !focus_provider && c < g.capabilities.size(); ++c) {
    if (g.capabilities[c].capability->id.value == focus) focus_capability = c;
  }
  if (focus_provider) {
    // The provider, what it runs on, what is resold on it, and the capabilities that use any of them.
    sel.providers[*focus_provider] = true;
    close_over_providers(g, sel.providers, true);
    std::vector<NodeIndex> work;
    for (NodeIndex c = 0; c < g.capabilities.size(); ++c) {
      sel.capabilities[c] = uses_selected(g, c, sel.providers);
      if (sel.capabilities[c]) work.push_back(c);
    }
    // Capabilities that require one of those stop with them: they depend on the provider too.
    while (!work.empty()) {
      const NodeIndex c = work.back();
      work.pop_back();
      for (NodeIndex dependant : g.capabilities[c].required_by) {
        if (!sel.capabilities[dependant]) {
          sel.capabilities[dependant] = true;
          work.push_back(dependant);
        }
      }
    }
  } else if (focus_capability) {
    // The capability, what it requires, their providers and what those run on.
    std::vector<NodeIndex> work{*focus_capability};
    sel.capabilities[*focus_capability] = true;
    while (!work.empty()) {
      const NodeIndex c = work.back();
      work.pop_back();
      for (NodeIndex required : g.capabilities[c].requires_capabilities) {
        if (!sel.capabilities[required]) {
          sel.capabilities[required] = true;
          work.push_back(required);
        }
      }
      for (NodeIndex s : g.capabilities[c].slots) {
        for (const SlotOption& o : g.slots[s].options) sel.providers[o.provider] = true;
      }
    }
    close_over_providers(g, sel.providers, false);
  }
  if (min_class > Classification::Acceptable) {
    for (NodeIndex p = 0; p < g.providers.size(); ++p) {
      if (sel.providers[p] && r.analysis.providers[p].classification < min_class && p != focus_provider) {
        sel.providers[p] = false;
      }
    }
    for (NodeIndex c = 0; c < g.capabilities.size(); ++c) {
      if (sel.capabilities[c] && c != focus_capability) sel.capabilities[c] = uses_selected(g, c, sel.providers);
    }
  }
  count(g, sel);
  return sel;
}

}  // namespace sovaudit::graphs
