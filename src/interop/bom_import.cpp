// `sovaudit import cyclonedx`, first half: the services, models and data flows of a CycloneDX BOM.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "imported_bom.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::interop {
namespace {

using nlohmann::json;

/// CycloneDX data classifications (free text) that name a sovaudit data class; docs/interop.md.
const std::map<std::string, DataClass>& classification_table() {
  static const std::map<std::string, DataClass> table = {
      {"public", DataClass::Public},
      {"internal", DataClass::Internal},
      {"confidential", DataClass::Confidential},
      {"restricted", DataClass::Confidential},
      {"proprietary", DataClass::Confidential},
      {"personal", DataClass::Personal},
      {"pii", DataClass::Personal},
      {"personal-data", DataClass::Personal},
      {"financial", DataClass::Financial},
      {"pifi", DataClass::Financial},
      {"pci", DataClass::Financial},
      {"special-category", DataClass::SpecialCategory},
      {"spi", DataClass::SpecialCategory},
      {"health", DataClass::Health},
      {"phi", DataClass::Health},
      {"biometric", DataClass::Biometric},
      {"genetic", DataClass::Genetic},
      {"criminal", DataClass::Criminal},
  };
  return table;
}

std::optional<DataClass> data_class_of(std::string_view classification) {
  std::string key;
  for (char c : classification) key += c == ' ' || c == '_' ? '-' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const auto it = classification_table().find(key);
  if (it == classification_table().end()) return std::nullopt;
  return it->second;
}

/// The values of the `sovaudit:` properties of an element, by name, in order.
Properties properties_of(const json& element) {
  Properties out;
  const auto props = element.find("properties");
  if (props == element.end() || !props->is_array()) return out;
  for (const json& p : *props) {
    const std::string name = string_at(p, "name");
    if (name.starts_with("sovaudit:")) out.emplace(name.substr(9), string_at(p, "value"));
  }
  return out;
}

class Importer {
 public:
  Importer(const SourceFile& source, Diagnostics& diags, ImportedBom& bom) : source_(source), diags_(diags), bom_(bom) {}

  void read(const json& root) {
    walk_services(root, "", std::nullopt);
    if (const auto components = root.find("components"); components != root.end() && components->is_array()) {
      for (std::size_t i = 0; i < components->size(); ++i) component((*components)[i], child_pointer("/components", i));
    }
    if (const auto deps = root.find("dependencies"); deps != root.end() && deps->is_array()) {
      for (const json& d : *deps) {
        const std::string ref = string_at(d, "ref");
        const auto on = d.find("dependsOn");
        if (ref.empty() || on == d.end() || !on->is_array()) continue;
        std::vector<std::string>& targets = bom_.depends[ref];
        for (const json& target : *on) {
          if (target.is_string()) targets.push_back(target.get<std::string>());
        }
      }
    }
    if (root.contains("metadata") && root["metadata"].is_object()) {
      const json& meta = root["metadata"];
      bom_.metadata_props = properties_of(meta);
      if (meta.contains("component")) bom_.organization = string_at(meta["component"], "name");
      if (bom_.organization.empty() && meta.contains("supplier")) bom_.organization = string_at(meta["supplier"], "name");
    }
  }

 private:
  void error(const std::string& pointer, const std::string& message) {
    diags_.error(interop::place_of(source_, pointer), message);
  }

  void walk_services(const json& owner, const std::string& pointer, std::optional<std::size_t> parent) {
    const auto list = owner.find("services");
    if (list == owner.end()) return;
    const std::string list_pointer = child_pointer(pointer, "services");
    if (!list->is_array()) return error(list_pointer, "'services' must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = child_pointer(list_pointer, i);
      if (service((*list)[i], at, parent)) walk_services((*list)[i], at, bom_.providers.size() - 1);
    }
  }

  bool service(const json& s, const std::string& pointer, std::optional<std::size_t> parent) {
    if (!s.is_object()) return error(pointer, "each entry of 'services' must be an object"), false;
    if (!s.contains("name") || !s["name"].is_string()) {
      return error(s.contains("name") ? child_pointer(pointer, "name") : pointer, "a service needs a 'name' (a string)"), false;
    }
    ImportedProvider p;
    p.name = s["name"].get<std::string>();
    p.bom_ref = string_at(s, "bom-ref");
    p.pointer = pointer;
    p.props = properties_of(s);
    p.parent = parent;
    if (s.contains("provider")) p.country = string_at(s["provider"].value("address", json::object()), "country");
    if (const auto endpoints = s.find("endpoints"); endpoints != s.end()) {
      if (!endpoints->is_array()) return error(child_pointer(pointer, "endpoints"), "'endpoints' must be an array of URLs"), false;
      std::set<std::string> seen;
      for (std::size_t i = 0; i < endpoints->size(); ++i) {
        const json& e = (*endpoints)[i];
        if (!e.is_string()) return error(child_pointer(child_pointer(pointer, "endpoints"), i), "an endpoint must be a URL string"), false;
        const std::string host = host_of(e.get<std::string>());
        if (valid_host_pattern(host) && seen.insert(host).second) p.hosts.push_back(host);
      }
    }
    if (!data(s, pointer, p)) return false;
    if (p.bom_ref.empty()) p.bom_ref = pointer;  // a service without bom-ref is still referred to by its place
    bom_.providers.push_back(std::move(p));
    return true;
  }

  bool data(const json& s, const std::string& pointer, ImportedProvider& p) {
    const auto list = s.find("data");
    if (list == s.end()) return true;
    const std::string list_pointer = child_pointer(pointer, "data");
    if (!list->is_array()) return error(list_pointer, "'data' must be an array"), false;
    std::map<std::pair<std::string, std::string>, std::size_t> flow_index;  // (name, capability) -> flow
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& d = (*list)[i];
      const std::string at = child_pointer(list_pointer, i);
      if (!d.is_object()) return error(at, "each entry of 'data' must be an object"), false;
      static constexpr std::string_view kFlows[] = {"inbound", "outbound", "bi-directional", "unknown"};
      const auto flow = d.find("flow");
      if (flow == d.end() || !flow->is_string() ||
          std::find(std::begin(kFlows), std::end(kFlows), flow->get<std::string>()) == std::end(kFlows)) {
        error(flow == d.end() ? at : child_pointer(at, "flow"),
              child_pointer(at, "flow") + ": 'flow' " + (flow == d.end() ? std::string("is missing") : "is " + quote(flow->is_string() ? flow->get<std::string>() : flow->dump())) +
                  "; CycloneDX allows inbound, outbound, bi-directional or unknown");
        return false;
      }
      const auto classification = d.find("classification");
      if (classification == d.end() || !classification->is_string()) {
        return error(classification == d.end() ? at : child_pointer(at, "classification"),
                     "'classification' must be a string naming the kind of data"), false;
      }
      if (flow->get<std::string>() == "outbound") continue;  // what leaves the service is not sent to it
      const std::string label = classification->get<std::string>();
      const std::string name = string_at(d, "name");
      const auto cls = data_class_of(label);
      if (!cls) {
        p.unmapped.push_back((name.empty() ? "unnamed data" : name) + ": " + label);
        continue;
      }
      std::string capability;
      if (const auto sources = d.find("source"); sources != d.end() && sources->is_array()) {
        for (const json& src : *sources) {
          const std::string link = src.is_string() ? src.get<std::string>() : "";
          if (const std::size_t hash = link.find("#capability:"); link.starts_with("urn:cdx:") && hash != std::string::npos) {
            capability = link.substr(hash + 12);
          }
        }
      }
      const auto [same, added] = flow_index.try_emplace({name, capability}, p.flows.size());
      if (added) p.flows.push_back(ImportedFlow{name, capability, {}});
      p.flows[same->second].classes.insert(*cls);
    }
    return true;
  }

  void component(const json& c, const std::string& pointer) {
    if (!c.is_object()) return;
    const auto props = properties_of(c);
    const std::string type = string_at(c, "type");
    if (type == "application" && string_at(c, "bom-ref").starts_with("capability:")) {
      bom_.capabilities.push_back(ImportedCapability{first(props, "id"), string_at(c, "name"), string_at(c, "bom-ref"), props});
    } else if (type == "machine-learning-model" && (props.count("provider") == 0 || first(props, "kind") == "weights-licensor")) {
      // A model of a provider's own service (sovaudit's "model:ID") comes back with that service.
      ImportedProvider p;
      p.name = string_at(c, "name");
      p.bom_ref = string_at(c, "bom-ref");
      p.pointer = pointer;
      p.props = props;
      p.from_model = true;
      bom_.providers.push_back(std::move(p));
    }
  }

  const SourceFile& source_;
  Diagnostics& diags_;
  ImportedBom& bom_;
};

}  // namespace

std::string first(const Properties& props, const std::string& key) {
  const auto it = props.find(key);
  return it == props.end() ? "" : it->second;
}

std::optional<ImportedBom> read_imported_bom(const SourceFile& source, const json& root, Diagnostics& diagnostics) {
  const std::size_t errors = diagnostics.error_count();
  ImportedBom bom;
  Importer(source, diagnostics, bom).read(root);
  if (diagnostics.error_count() != errors) return std::nullopt;
  return bom;
}

}  // namespace sovaudit::interop

namespace sovaudit {

ImportedInventory import_cyclonedx(const SourceFile& source, const Date& today, Diagnostics& diagnostics,
                                   std::uint64_t max_entries) {
  const auto doc = interop::parse_cyclonedx(source, diagnostics);
  if (!doc) return {};
  auto bom = interop::read_imported_bom(source, doc->root, diagnostics);
  if (!bom) return {};
  std::size_t flows = 0;
  for (const interop::ImportedProvider& p : bom->providers) flows += p.flows.size();
  // Each becomes one list of the starter; refused here, the limit reads as the BOM's, not as a
  // fault in the starter.
  for (const auto& [count, what, list] : {std::tuple{bom->providers.size(), "services and licensed models", "providers"},
                                          std::tuple{bom->capabilities.size(), "capabilities", "capabilities"},
                                          std::tuple{flows, "data entries with a data class", "data_flows"}}) {
    if (count > max_entries) {
      diagnostics.error(SourceLoc{1, 1}, "the BOM lists " + std::to_string(count) + " " + what + "; an inventory holds at most " +
                                             std::to_string(max_entries) + " " + list + " (raise it with --max-entries)");
    }
  }
  if (diagnostics.has_errors()) return {};
  if (bom->providers.empty()) {
    diagnostics.warning(SourceLoc{1, 1}, "the BOM lists no services and no licensed models; the starter inventory has no providers");
  }
  return interop::write_starter_inventory(std::move(*bom), source.path, today);
}

}  // namespace sovaudit
