// --observed: the components and service endpoints of an application's CycloneDX SBOMs.
#include "cyclonedx_json.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/sbom.hpp"

namespace sovaudit {
namespace {

using nlohmann::json;
using interop::child_pointer;
using interop::string_at;

/// Walks components and services, nested ones included, without recursion on the C++ stack.
class SbomWalker {
 public:
  SbomWalker(const SourceFile& source, std::uint32_t file, Diagnostics& diagnostics)
      : source_(source), file_(file), diagnostics_(diagnostics) {}

  void walk(const json& root) {
    pending_.push_back({&root, "", Kind::Root});
    while (!pending_.empty()) {
      const Pending next = pending_.back();
      pending_.pop_back();
      visit(next);
    }
  }

  std::vector<SbomItem> items;

 private:
  enum class Kind : std::uint8_t { Root, Component, Service };
  struct Pending {
    const json* value;
    std::string pointer;
    Kind kind;
  };

  void visit(const Pending& p) {
    if (p.kind != Kind::Root && !p.value->is_object()) {
      diagnostics_.error(interop::place_of(source_, p.pointer),
                         std::string("each entry of '") + (p.kind == Kind::Component ? "components" : "services") +
                             "' must be an object");
      return;
    }
    if (p.kind == Kind::Component) component(*p.value, p.pointer);
    if (p.kind == Kind::Service) service(*p.value, p.pointer);
    // Later siblings go on the stack first so that items come out in document order.
    push_list(*p.value, p.pointer, "services", Kind::Service);
    push_list(*p.value, p.pointer, "components", Kind::Component);
  }

  void push_list(const json& object, const std::string& pointer, std::string_view key, Kind kind) {
    const auto it = object.find(key);
    if (it == object.end()) return;
    const std::string list = child_pointer(pointer, key);
    if (!it->is_array()) {
      diagnostics_.error(interop::place_of(source_, list), "'" + std::string(key) + "' must be an array");
      return;
    }
    for (std::size_t i = it->size(); i-- > 0;) pending_.push_back({&(*it)[i], child_pointer(list, i), kind});
  }

  void component(const json& c, const std::string& pointer) {
    const std::string purl = string_at(c, "purl");
    if (purl.empty()) return;
    SbomItem item;
    item.file = file_;
    item.pointer = pointer;
    item.name = string_at(c, "name");
    item.purl = purl;
    if (const auto props = c.find("properties"); props != c.end() && props->is_array()) {
      for (const json& prop : *props) {
        if (string_at(prop, "name") == "SrcFile") item.found_in = string_at(prop, "value");
      }
    }
    items.push_back(std::move(item));
  }

  void service(const json& s, const std::string& pointer) {
    const auto endpoints = s.find("endpoints");
    if (endpoints == s.end() || !endpoints->is_array()) return;
    for (std::size_t i = 0; i < endpoints->size(); ++i) {
      const json& endpoint = (*endpoints)[i];
      if (!endpoint.is_string()) continue;
      SbomItem item;
      item.file = file_;
      item.pointer = child_pointer(child_pointer(pointer, "endpoints"), i);
      item.name = string_at(s, "name");
      item.host = host_of(endpoint.get<std::string>());
      if (!item.host.empty()) items.push_back(std::move(item));
    }
  }

  const SourceFile& source_;
  std::uint32_t file_;
  Diagnostics& diagnostics_;
  std::vector<Pending> pending_;
};

/// A composition that says the whole BOM is complete: aggregate "complete" over no named
/// assemblies, or over the BOM's own top-level component.
bool declares_complete(const json& root) {
  const auto compositions = root.find("compositions");
  if (compositions == root.end() || !compositions->is_array()) return false;
  const std::string self = root.contains("metadata") ? string_at(root["metadata"].value("component", json::object()), "bom-ref") : "";
  for (const json& c : *compositions) {
    if (string_at(c, "aggregate") != "complete") continue;
    const auto assemblies = c.find("assemblies");
    if (assemblies == c.end() || (assemblies->is_array() && assemblies->empty())) return true;
    if (!self.empty() && assemblies->is_array()) {
      for (const json& a : *assemblies) {
        if (a.is_string() && a.get<std::string>() == self) return true;
      }
    }
  }
  return false;
}

}  // namespace

void read_observed_sbom(const SourceFile& source, Observations& into, Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  const auto doc = interop::parse_cyclonedx(source, diagnostics);
  if (!doc) return;
  SbomWalker walker(source, static_cast<std::uint32_t>(into.files.size()), diagnostics);
  walker.walk(doc->root);
  if (diagnostics.error_count() != errors_before) return;
  std::vector<std::string> pointers;
  pointers.reserve(walker.items.size());
  for (const SbomItem& item : walker.items) pointers.push_back(item.pointer);
  const std::vector<SourceLoc> places = locate_json_pointers(source.text, pointers);
  for (std::size_t i = 0; i < walker.items.size(); ++i) walker.items[i].loc = places[i];
  into.files.push_back(SbomFile{source.path, doc->spec_version, declares_complete(doc->root)});
  into.items.insert(into.items.end(), std::make_move_iterator(walker.items.begin()),
                    std::make_move_iterator(walker.items.end()));
}

}  // namespace sovaudit
