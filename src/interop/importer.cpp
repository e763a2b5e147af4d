// `sovaudit import cyclonedx`: a services BOM or SaaSBOM as an annotated starter inventory.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "cyclonedx_json.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/model.hpp"
#include "sovaudit/sbom.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

using nlohmann::json;
using interop::child_pointer;
using interop::string_at;

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

/// Text as a YAML double-quoted scalar (JSON escapes are valid there).
std::string yaml_text(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) out += "\\x" + std::string{"0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]};
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

/// An inventory id from free text: lower-case letters, digits and '-'.
std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) out += l;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 64) out.resize(64);
  return out.empty() ? "service" : out;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && !(i > 0 && (c == '-' || c == '_' || c == '.'))) return false;
  }
  return true;
}

/// The values of the `sovaudit:` properties of an element, by name, in order.
std::multimap<std::string, std::string> properties_of(const json& element) {
  std::multimap<std::string, std::string> out;
  const auto props = element.find("properties");
  if (props == element.end() || !props->is_array()) return out;
  for (const json& p : *props) {
    const std::string name = string_at(p, "name");
    if (name.starts_with("sovaudit:")) out.emplace(name.substr(9), string_at(p, "value"));
  }
  return out;
}

std::string first(const std::multimap<std::string, std::string>& props, const std::string& key) {
  const auto it = props.find(key);
  return it == props.end() ? "" : it->second;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    const std::size_t comma = list.find(',', start);
    out.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

template <class E>
bool is_enum_name(std::string_view text) {
  const auto names = enum_names<E>();
  return std::find(names.begin(), names.end(), text) != names.end();
}

struct ImportedFlow {
  std::string name, capability;
  std::set<DataClass> classes;
};

struct ImportedProvider {
  std::string id, name, bom_ref, pointer;
  std::multimap<std::string, std::string> props;
  std::string country;  ///< provider.address.country
  std::vector<std::string> hosts;
  std::vector<std::pair<std::string, std::string>> upstream;  ///< bom-ref, role
  std::vector<ImportedFlow> flows;
  std::vector<std::string> unmapped;  ///< "name: classification" of data with no sovaudit class
  bool nested = false;
  bool from_model = false;  ///< a weights licensor, read from a machine-learning-model component
};

struct ImportedCapability {
  std::string id, name, bom_ref;
  std::multimap<std::string, std::string> props;
  std::vector<std::string> requires_refs;
};

class Importer {
 public:
  Importer(const SourceFile& source, Diagnostics& diags) : source_(source), diags_(diags) {}

  void read(const json& root) {
    walk_services(root, "", "");
    if (const auto components = root.find("components"); components != root.end() && components->is_array()) {
      for (std::size_t i = 0; i < components->size(); ++i) component((*components)[i], child_pointer("/components", i));
    }
    if (const auto deps = root.find("dependencies"); deps != root.end() && deps->is_array()) {
      for (const json& d : *deps) {
        const std::string ref = string_at(d, "ref");
        const auto on = d.find("dependsOn");
        if (ref.empty() || on == d.end() || !on->is_array()) continue;
        for (const json& target : *on) {
          if (target.is_string()) depends_[ref].push_back(target.get<std::string>());
        }
      }
    }
    if (root.contains("metadata") && root["metadata"].is_object()) {
      const json& meta = root["metadata"];
      metadata_props_ = properties_of(meta);
      if (meta.contains("component")) organization_ = string_at(meta["component"], "name");
      if (organization_.empty() && meta.contains("supplier")) organization_ = string_at(meta["supplier"], "name");
    }
  }

  std::vector<ImportedProvider> providers;
  std::vector<ImportedCapability> capabilities;
  std::map<std::string, std::vector<std::string>> depends_;
  std::multimap<std::string, std::string> metadata_props_;
  std::string organization_;

 private:
  void error(const std::string& pointer, const std::string& message) {
    diags_.error(interop::place_of(source_, pointer), message);
  }

  void walk_services(const json& owner, const std::string& pointer, const std::string& parent_ref) {
    const auto list = owner.find("services");
    if (list == owner.end()) return;
    const std::string list_pointer = child_pointer(pointer, "services");
    if (!list->is_array()) return error(list_pointer, "'services' must be an array");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = child_pointer(list_pointer, i);
      if (service((*list)[i], at, parent_ref)) walk_services((*list)[i], at, providers.back().bom_ref);
    }
  }

  bool service(const json& s, const std::string& pointer, const std::string& parent_ref) {
    if (!s.is_object()) return error(pointer, "each entry of 'services' must be an object"), false;
    if (!s.contains("name") || !s["name"].is_string()) {
      return error(s.contains("name") ? child_pointer(pointer, "name") : pointer, "a service needs a 'name' (a string)"), false;
    }
    ImportedProvider p;
    p.name = s["name"].get<std::string>();
    p.bom_ref = string_at(s, "bom-ref");
    p.pointer = pointer;
    p.props = properties_of(s);
    p.nested = !parent_ref.empty();
    if (s.contains("provider")) p.country = string_at(s["provider"].value("address", json::object()), "country");
    if (const auto endpoints = s.find("endpoints"); endpoints != s.end()) {
      if (!endpoints->is_array()) return error(child_pointer(pointer, "endpoints"), "'endpoints' must be an array of URLs"), false;
      for (std::size_t i = 0; i < endpoints->size(); ++i) {
        const json& e = (*endpoints)[i];
        if (!e.is_string()) return error(child_pointer(child_pointer(pointer, "endpoints"), i), "an endpoint must be a URL string"), false;
        const std::string host = host_of(e.get<std::string>());
        if (valid_host_pattern(host) && std::find(p.hosts.begin(), p.hosts.end(), host) == p.hosts.end()) p.hosts.push_back(host);
      }
    }
    if (!data(s, pointer, p)) return false;
    if (!parent_ref.empty()) {
      for (ImportedProvider& parent : providers) {
        if (parent.bom_ref == parent_ref) parent.upstream.emplace_back(p.bom_ref.empty() ? pointer : p.bom_ref, "");
      }
    }
    if (p.bom_ref.empty()) p.bom_ref = pointer;  // a service without bom-ref is still referred to by its place
    providers.push_back(std::move(p));
    return true;
  }

  bool data(const json& s, const std::string& pointer, ImportedProvider& p) {
    const auto list = s.find("data");
    if (list == s.end()) return true;
    const std::string list_pointer = child_pointer(pointer, "data");
    if (!list->is_array()) return error(list_pointer, "'data' must be an array"), false;
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
      const auto same = std::find_if(p.flows.begin(), p.flows.end(), [&](const ImportedFlow& f) {
        return f.name == name && f.capability == capability;
      });
      if (same != p.flows.end()) same->classes.insert(*cls);
      else p.flows.push_back(ImportedFlow{name, capability, {*cls}});
    }
    return true;
  }

  void component(const json& c, const std::string& pointer) {
    if (!c.is_object()) return;
    const auto props = properties_of(c);
    const std::string type = string_at(c, "type");
    if (type == "application" && string_at(c, "bom-ref").starts_with("capability:")) {
      capabilities.push_back(ImportedCapability{first(props, "id"), string_at(c, "name"), string_at(c, "bom-ref"), props, {}});
    } else if (type == "machine-learning-model" && (props.count("provider") == 0 || first(props, "kind") == "weights-licensor")) {
      // A model of a provider's own service (sovaudit's "model:ID") comes back with that service.
      ImportedProvider p;
      p.name = string_at(c, "name");
      p.bom_ref = string_at(c, "bom-ref");
      p.pointer = pointer;
      p.props = props;
      p.from_model = true;
      providers.push_back(std::move(p));
    }
  }

  const SourceFile& source_;
  Diagnostics& diags_;
};

/// Gives every imported provider and capability a unique, valid inventory id.
class IdAssigner {
 public:
  std::string take(const std::string& preferred, const std::string& fallback_text) {
    std::string id = valid_id(preferred) ? preferred : slug(fallback_text);
    std::string unique = id;
    for (int n = 2; used_.count(unique); ++n) unique = id + "-" + std::to_string(n);
    used_.insert(unique);
    return unique;
  }

 private:
  std::set<std::string> used_;
};

std::string strip_prefix(const std::string& ref, std::string_view prefix) {
  return ref.starts_with(prefix) ? ref.substr(prefix.size()) : "";
}

/// Renders the starter inventory.
class StarterWriter {
 public:
  StarterWriter(Importer& in, const std::string& path, const Date& today) : in_(in), path_(path), today_(today) {}

  ImportedInventory render() {
    for (ImportedProvider& p : in_.providers) {
      p.id = ids_.take(first(p.props, "id").empty() ? strip_prefix(p.bom_ref, "provider:") : first(p.props, "id"), p.name);
      id_of_ref_[p.bom_ref] = p.id;
      if (p.from_model) id_of_ref_[p.bom_ref] = p.id;
    }
    // Our own export names a service's model "model:ID": requests to it are requests to ID.
    for (const ImportedProvider& p : in_.providers) id_of_ref_.emplace("model:" + p.id, p.id);
    for (ImportedCapability& c : in_.capabilities) {
      c.id = ids_.take(c.id.empty() ? strip_prefix(c.bom_ref, "capability:") : c.id, c.name);
      capability_of_ref_[c.bom_ref] = c.id;
    }
    ImportedInventory result;
    header();
    organization();
    providers(result);
    capabilities(result);
    flows(result);
    result.yaml = std::move(out_);
    return result;
  }

 private:
  void line(const std::string& text) { out_ += text + "\n"; }

  void header() {
    line("# yaml-language-server: $schema=https://raw.githubusercontent.com/sovaudit/sovaudit/v" + std::string(kVersion) +
         "/schemas/inventory.schema.json");
    line("#");
    line("# Starter inventory imported by `sovaudit import cyclonedx` from " + terminal_safe(path_) + " on " +
         to_string(today_) + ".");
    line("# A BOM tells which services there are and what data they receive; it cannot tell what they are");
    line("# worth to you. Every TODO marks a value to fill in; `sovaudit validate FILE` checks each edit.");
    line("sovaudit: 1");
    line("");
  }

  void organization() {
    line("organization:");
    const std::string name = in_.organization_.empty() ? "TODO: your organisation" : in_.organization_;
    line("  name: " + yaml_text(name) + (in_.organization_.empty() ? "" : ""));
    const std::string jurisdiction = first(in_.metadata_props_, "organization-jurisdiction");
    if (is_country_code(jurisdiction)) {
      line("  jurisdiction: " + jurisdiction);
    } else {
      line("  jurisdiction: DE                   # TODO: the country whose law governs you (ISO 3166-1)");
    }
    std::vector<std::string> trusted;
    for (const std::string& t : split(first(in_.metadata_props_, "trusted-jurisdictions"))) {
      if (t != jurisdiction && (is_country_code(t) || is_country_group(t))) trusted.push_back(t);
    }
    if (!trusted.empty()) line("  trusted_jurisdictions: [" + join(trusted) + "]");
    else line("  # trusted_jurisdictions: [EEA]     # TODO: law you accept over your data besides your own");
    const std::string currency = first(in_.metadata_props_, "currency");
    if (is_currency_code(currency)) line("  currency: " + currency);
    line("  # annual_ai_budget: 250000         # TODO: price shocks are measured against it");
    line("  # engineer_week_cost: 3500         # TODO: turns migration weeks into money");
    line("");
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
  }

  void providers(ImportedInventory& result) {
    if (in_.providers.empty()) {
      line("providers: []                      # the BOM lists no services; add the providers you call");
      line("");
      return;
    }
    line("providers:");
    for (const ImportedProvider& p : in_.providers) {
      ++result.providers;
      line("  - id: " + p.id);
      line("    name: " + yaml_text(p.name));
      const std::string kind = first(p.props, "kind");
      const Vendor* vendor = nullptr;
      for (const std::string& host : p.hosts) {
        if (const CatalogueEntry* e = catalogue_entry_for_host(host); e && !e->vendors.empty()) vendor = find_vendor(e->vendors.front());
      }
      if (is_enum_name<ProviderKind>(kind)) line("    kind: " + kind);
      else if (vendor) line("    kind: " + std::string(to_string(vendor->kind)) + "  # from its endpoint; check it");
      else if (p.from_model) line("    kind: weights-licensor           # TODO: a model whose weights you license; if you call it as a service, model-api");
      else line("    kind: saas                       # TODO: model-api, hosted-model, self-hosted, cloud, vector-db, compute, saas");
      const std::string hq = first(p.props, "hq").empty() ? p.country : first(p.props, "hq");
      if (is_country_code(hq)) line("    hq: " + hq);
      else line("    # hq: US                         # TODO: where the provider's law comes from" +
                (p.country.empty() ? std::string() : " (the BOM says " + quote(p.country) + ")"));
      const std::string parent = first(p.props, "ultimate-parent"), parent_hq = first(p.props, "ultimate-parent-hq");
      if (!parent.empty() && is_country_code(parent_hq)) line("    ultimate_parent: {name: " + yaml_text(parent) + ", hq: " + parent_hq + "}");
      std::vector<std::string> regions;
      for (const std::string& r : split(first(p.props, "regions"))) {
        if (is_country_code(r) || is_country_group(r)) regions.push_back(r);
      }
      if (!regions.empty()) line("    regions: [" + join(regions) + "]");
      else line("    # regions: [IE]                  # TODO: where your data is processed");
      if (first(p.props, "operated-by") == "self") line("    operated_by: self");
      scalar_property(p, "annual-spend", "annual_spend", "    # annual_spend: 0                # TODO: yearly spend");
      scalar_property(p, "notice-months", "notice_months", "");
      const std::string subst = first(p.props, "substitutability");
      if (is_enum_name<Substitutability>(subst)) line("    substitutability: " + subst);
      upstream(p);
      detect(p);
      for (const std::string& u : p.unmapped) {
        line("    # data " + terminal_safe(u) + ": no sovaudit data class matches; add it to a data flow by hand");
      }
      line("");
    }
  }

  void scalar_property(const ImportedProvider& p, const std::string& prop, const std::string& key, const std::string& todo) {
    const std::string value = first(p.props, prop);
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (!value.empty() && end && *end == '\0' && number >= 0) line("    " + key + ": " + format_number(number));
    else if (!todo.empty()) line(todo);
  }

  void upstream(const ImportedProvider& p) {
    std::vector<std::pair<std::string, std::string>> links;  // id, role
    auto add = [&](const std::string& ref) {
      const auto it = id_of_ref_.find(ref);
      if (it == id_of_ref_.end() || it->second == p.id) return;
      if (std::any_of(links.begin(), links.end(), [&](const auto& l) { return l.first == it->second; })) return;
      std::string role = first(p.props, "upstream:" + it->second);
      links.emplace_back(it->second, role);
    };
    for (const auto& [ref, role] : p.upstream) add(ref);
    if (const auto deps = in_.depends_.find(p.bom_ref); deps != in_.depends_.end()) {
      for (const std::string& ref : deps->second) add(ref);
    }
    if (links.empty()) return;
    line("    upstream:");
    for (const auto& [id, role] : links) {
      if (is_enum_name<UpstreamRole>(role)) line("      - {provider: " + id + ", role: " + role + "}");
      else line("      - {provider: " + id + "}        # TODO: role: model, weights, hosting, compute, storage or other");
    }
  }

  void detect(const ImportedProvider& p) {
    std::vector<std::string> purls, hosts;
    for (auto [it, end] = p.props.equal_range("detect-purl"); it != end; ++it) {
      if (parse_purl(it->second)) purls.push_back(it->second);
    }
    for (auto [it, end] = p.props.equal_range("detect-host"); it != end; ++it) {
      if (valid_host_pattern(it->second) && std::find(hosts.begin(), hosts.end(), it->second) == hosts.end()) hosts.push_back(it->second);
    }
    for (const std::string& h : p.hosts) {
      if (std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
    }
    if (purls.empty() && hosts.empty()) return;
    line("    detect:");
    if (!purls.empty()) {
      std::vector<std::string> quoted;
      for (const std::string& u : purls) quoted.push_back(yaml_text(u));
      line("      purls: [" + join(quoted) + "]");
    }
    if (!hosts.empty()) {
      std::vector<std::string> quoted;
      for (const std::string& h : hosts) quoted.push_back(yaml_text(h));
      line("      hosts: [" + join(quoted) + "]");
    }
  }

  /// Our own export carries capabilities; for any other BOM each top-level service gets one to fill in.
  void capabilities(ImportedInventory& result) {
    line("capabilities:");
    if (in_.capabilities.empty()) {
      for (ImportedProvider& p : in_.providers) {
        if (p.nested || p.from_model) continue;
        ++result.capabilities;
        placeholder_[p.id] = ids_.take("", "uses-" + p.id);
        line("  - id: " + placeholder_[p.id]);
        line("    name: " + yaml_text("What uses " + p.name) + "  # TODO: the product capability");
        line("    value_share: 0                   # TODO: its share of core value, 0..1");
        line("    # criteria: {differentiating: false, proprietary_data: false, compliance: false, stable: false}  # TODO");
        line("    needs:");
        line("      - slot: service");
        line("        primary: {provider: " + p.id + "}");
        line("");
      }
      if (result.capabilities == 0) out_.replace(out_.size() - 1, 1, " []\n");
      return;
    }
    for (const ImportedCapability& c : in_.capabilities) {
      ++result.capabilities;
      line("  - id: " + c.id);
      line("    name: " + yaml_text(c.name.empty() ? c.id : c.name));
      char* end = nullptr;
      const std::string share = first(c.props, "value-share");
      const double value = std::strtod(share.c_str(), &end);
      if (!share.empty() && end && *end == '\0' && value >= 0 && value <= 1) line("    value_share: " + format_number(value));
      else line("    value_share: 0                   # TODO: its share of core value, 0..1");
      const std::string sourcing = first(c.props, "sourcing");
      if (is_enum_name<Sourcing>(sourcing) && sourcing != "buy") line("    sourcing: " + sourcing);
      line("    # criteria: {differentiating: false, proprietary_data: false, compliance: false, stable: false}  # TODO");
      requires_(c);
      needs(c);
      line("");
    }
  }

  void requires_(const ImportedCapability& c) {
    std::vector<std::string> required;
    if (const auto deps = in_.depends_.find(c.bom_ref); deps != in_.depends_.end()) {
      for (const std::string& ref : deps->second) {
        if (const auto it = capability_of_ref_.find(ref); it != capability_of_ref_.end()) required.push_back(it->second);
      }
    }
    if (!required.empty()) line("    requires: [" + join(required) + "]");
  }

  void needs(const ImportedCapability& c) {
    std::map<std::string, std::pair<std::string, std::vector<std::string>>> slots;  // slot -> primary, fallbacks
    std::vector<std::string> order;
    for (const auto& [name, value] : c.props) {
      if (!name.starts_with("need:")) continue;
      const std::size_t colon = name.rfind(':');
      const std::string slot = name.substr(5, colon - 5), role = name.substr(colon + 1);
      if (!valid_id(slot)) continue;
      if (!slots.count(slot)) order.push_back(slot);
      if (role == "primary") slots[slot].first = value;
      else if (role == "fallback") slots[slot].second.push_back(value);
    }
    if (order.empty()) {
      line("    needs: []                        # TODO: the slots (llm, embeddings, ...) and their providers");
      return;
    }
    line("    needs:");
    for (const std::string& slot : order) {
      const auto& [primary, fallbacks] = slots[slot];
      line("      - slot: " + slot);
      line("        primary: {provider: " + (valid_id(primary) ? primary : "TODO") + "}");
      if (fallbacks.empty()) continue;
      line("        fallbacks:");
      for (const std::string& f : fallbacks) {
        const std::size_t at = f.find('@');
        const std::string id = f.substr(0, at);
        const DateParse tested = at == std::string::npos ? DateParse{} : parse_iso_date(f.substr(at + 1));
        if (!valid_id(id)) continue;
        line("          - {provider: " + id + (tested.date ? ", tested: " + to_string(*tested.date) : "") + "}");
      }
    }
  }

  void flows(ImportedInventory& result) {
    std::vector<std::string> lines;
    IdAssigner flow_ids;
    for (const ImportedProvider& p : in_.providers) {
      for (const ImportedFlow& f : p.flows) {
        std::string capability = f.capability;
        if (const auto it = std::find_if(in_.capabilities.begin(), in_.capabilities.end(),
                                         [&](const ImportedCapability& c) { return c.id == f.capability; });
            it == in_.capabilities.end()) {
          capability = placeholder_for(p);
        }
        if (capability.empty()) continue;
        ++result.data_flows;
        std::string classes;
        for (DataClass c : f.classes) classes += (classes.empty() ? "" : ", ") + std::string(to_string(c));
        lines.push_back("  - id: " + flow_ids.take(f.name, f.name.empty() ? p.id + "-data" : f.name));
        lines.push_back("    capability: " + capability);
        lines.push_back("    provider: " + p.id);
        lines.push_back("    data: [" + classes + "]");
        lines.push_back("");
      }
    }
    if (lines.empty()) {
      line("data_flows: []");
      return;
    }
    line("data_flows:");
    for (const std::string& l : lines) line(l);
  }

  /// The placeholder capability of the top-level service that holds `p`.
  std::string placeholder_for(const ImportedProvider& p) {
    if (const auto it = placeholder_.find(p.id); it != placeholder_.end()) return it->second;
    for (const ImportedProvider& parent : in_.providers) {
      for (const auto& [ref, role] : parent.upstream) {
        if (id_of_ref_[ref] == p.id) return placeholder_for(parent);
      }
    }
    return "";
  }

  Importer& in_;
  std::string path_;
  Date today_;
  std::string out_;
  IdAssigner ids_;
  std::map<std::string, std::string> id_of_ref_, capability_of_ref_, placeholder_;
};

}  // namespace

ImportedInventory import_cyclonedx(const SourceFile& source, const Date& today, Diagnostics& diagnostics) {
  const std::size_t errors = diagnostics.error_count();
  const auto doc = interop::parse_cyclonedx(source, diagnostics);
  if (!doc) return {};
  Importer importer(source, diagnostics);
  importer.read(doc->root);
  if (diagnostics.error_count() != errors) return {};
  if (importer.providers.empty()) {
    diagnostics.warning(SourceLoc{1, 1}, "the BOM lists no services and no licensed models; the starter inventory has no providers");
  }
  return StarterWriter(importer, source.path, today).render();
}

}  // namespace sovaudit
