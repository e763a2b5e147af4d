// The dependency graph for people: Mermaid (for Markdown and GitHub) and Graphviz DOT.
// Capabilities point at the providers of their slots, providers at their upstream providers;
// existential and material providers are highlighted.
#include <fmt/format.h>

#include <sstream>

#include "graph_selection.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

/// Mermaid label text: plain ASCII words pass, everything else becomes a #code; entity, so no
/// quote, bracket, backtick or markup can end the label or the Markdown fence around it.
std::string mermaid_label(std::string_view raw) {
  // An entity would bring a bidi override or a zero-width character back: show those as \u{...}.
  const std::string shown = visible_unicode(raw);
  const std::string_view text = shown;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
                       c == '-' || c == '.' || c == ',' || c == '%' || c == '_' || c == '/' || c == '(' || c == ')';
    if (plain) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence (invalid bytes stand for themselves) into a numeric entity.
    std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > text.size()) len = 1;
    std::uint32_t cp = len == 1 ? c : (c & (0xFF >> (len + 1)));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
    out += cp < 0x20 || cp == 0x7F ? std::string(" ") : fmt::format("#{};", cp);
    i += len;
  }
  return out;
}

/// DOT string contents: invisible characters shown as \u{...}, quotes and backslashes escaped, line
/// breaks as \n, other controls dropped.
std::string dot_string(std::string_view raw) {
  std::string out;
  for (char ch : visible_unicode(raw)) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (c >= 0x20 && c != 0x7F) {
      out += ch;
    }
  }
  return out;
}

std::string_view role_word(UpstreamRole r) { return to_string(r); }

/// "fallback" when it counts, else why it does not.
std::string_view fallback_word(const SlotOption& o) {
  if (o.ready) return "fallback";
  return o.use->tested.present ? "stale fallback" : "untested fallback";
}

std::string provider_label(const Provider& p) {
  return p.name.present ? p.name.value + " (" + p.id.value + ")" : p.id.value.str();
}

std::string capability_label(const Capability& c) {
  return (c.name.present ? c.name.value : c.id.value) + ", " + format_share(c.value_share.value);
}

}  // namespace

namespace graphs {

void mermaid_of(StreamedText& out, const Report& r, const GraphSelection& sel) {
  const Inventory& inv = r.inventory;
  const DependencyGraph& graph = r.analysis.graph;
  out += "flowchart LR\n";
  out += "  classDef capability fill:#eef4ff,stroke:#3b6fb6\n";
  out += "  classDef provider fill:#f4f4f4,stroke:#666\n";
  out += "  classDef existential fill:#fde2e2,stroke:#c0392b,stroke-width:3px\n";
  out += "  classDef material fill:#fff1cc,stroke:#b7791f,stroke-width:2px\n";
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    if (!sel.capabilities[c]) continue;
    out += fmt::format("  c{}([\"{}\"]):::capability\n", c, mermaid_label(capability_label(inv.capabilities[c])));
  }
  for (NodeIndex p = 0; p < graph.providers.size(); ++p) {
    if (!sel.providers[p]) continue;
    const Classification k = r.analysis.providers[p].classification;
    const std::string_view cls = k == Classification::Existential ? "existential"
                                 : k == Classification::Material  ? "material"
                                                                  : "provider";
    out += fmt::format("  p{}[\"{}\"]:::{}\n", p, mermaid_label(provider_label(inv.providers[p])), cls);
  }
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    if (!sel.capabilities[c]) continue;
    for (NodeIndex required : graph.capabilities[c].requires_capabilities) {
      if (sel.capabilities[required]) out += fmt::format("  c{} ==>|requires| c{}\n", c, required);
    }
    for (NodeIndex s : graph.capabilities[c].slots) {
      const std::string slot = mermaid_label(graph.slots[s].need->slot.value);
      for (const SlotOption& o : graph.slots[s].options) {
        if (!sel.providers[o.provider]) continue;
        if (o.primary) {
          out += fmt::format("  c{} -->|{}| p{}\n", c, slot, o.provider);
        } else {
          out += fmt::format("  c{} -.->|{} {}| p{}\n", c, slot, fallback_word(o), o.provider);
        }
      }
    }
  }
  for (NodeIndex p = 0; p < graph.providers.size(); ++p) {
    if (!sel.providers[p]) continue;
    for (const UpstreamEdge& e : graph.providers[p].upstream) {
      if (sel.providers[e.provider]) out += fmt::format("  p{} -->|{}| p{}\n", p, role_word(e.role), e.provider);
    }
  }
}

}  // namespace graphs

void write_mermaid(const Report& r, TextStyle, std::ostream& stream) {
  StreamedText out(&stream);
  graphs::mermaid_of(out, r, graphs::select_graph(r, r.options.graph_focus, r.options.graph_min_class));
  out.flush();
}

std::string render_mermaid(const Report& r, TextStyle style) {
  std::ostringstream out;
  write_mermaid(r, style, out);
  return std::move(out).str();
}

void write_dot(const Report& r, TextStyle, std::ostream& stream) {
  const Inventory& inv = r.inventory;
  const DependencyGraph& graph = r.analysis.graph;
  const graphs::GraphSelection sel = graphs::select_graph(r, r.options.graph_focus, r.options.graph_min_class);
  StreamedText out(&stream);
  out += fmt::format("digraph \"{}\" {{\n", dot_string(inv.organization.name.value));
  out += "  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    if (!sel.capabilities[c]) continue;
    out += fmt::format("  c{} [label=\"{}\", shape=box, style=\"rounded,filled\", fillcolor=\"#eef4ff\"];\n", c,
                       dot_string(capability_label(inv.capabilities[c])));
  }
  for (NodeIndex p = 0; p < graph.providers.size(); ++p) {
    if (!sel.providers[p]) continue;
    const Classification k = r.analysis.providers[p].classification;
    const std::string_view fill = k == Classification::Existential ? "#fde2e2"
                                  : k == Classification::Material  ? "#fff1cc"
                                                                   : "#f4f4f4";
    const int pen = k == Classification::Existential ? 3 : k == Classification::Material ? 2 : 1;
    out += fmt::format("  p{} [label=\"{}\\n{}\", shape=ellipse, style=filled, fillcolor=\"{}\", penwidth={}];\n", p,
                       dot_string(provider_label(inv.providers[p])), to_string(k), fill, pen);
  }
  for (NodeIndex c = 0; c < graph.capabilities.size(); ++c) {
    if (!sel.capabilities[c]) continue;
    for (NodeIndex required : graph.capabilities[c].requires_capabilities) {
      if (sel.capabilities[required]) out += fmt::format("  c{} -> c{} [label=\"requires\", penwidth=2];\n", c, required);
    }
    for (NodeIndex s : graph.capabilities[c].slots) {
      const std::string slot = dot_string(graph.slots[s].need->slot.value);
      for (const SlotOption& o : graph.slots[s].options) {
        if (!sel.providers[o.provider]) continue;
        if (o.primary) {
          out += fmt::format("  c{} -> p{} [label=\"{}\"];\n", c, o.provider, slot);
        } else {
          out += fmt::format("  c{} -> p{} [label=\"{} {}\", style=dashed];\n", c, o.provider, slot, fallback_word(o));
        }
      }
    }
  }
  for (NodeIndex p = 0; p < graph.providers.size(); ++p) {
    if (!sel.providers[p]) continue;
    for (const UpstreamEdge& e : graph.providers[p].upstream) {
      if (sel.providers[e.provider]) out += fmt::format("  p{} -> p{} [label=\"{}\"];\n", p, e.provider, role_word(e.role));
    }
  }
  out += "}\n";
  out.flush();
}

std::string render_dot(const Report& r, TextStyle style) {
  std::ostringstream out;
  write_dot(r, style, out);
  return std::move(out).str();
}

}  // namespace sovaudit
