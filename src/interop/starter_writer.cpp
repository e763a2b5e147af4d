// `sovaudit import cyclonedx`, second half: the starter inventory, annotated, that always loads.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "imported_bom.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit::interop {
namespace {

/// How much of a name, and of a comment quoting the BOM, the starter keeps.
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxQuotedBytes = 400;

/// Text as a YAML double-quoted scalar (JSON escapes are valid there).
std::string yaml_text(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == 0) continue;  // the inventory refuses NUL: it ends strings in C interfaces
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

/// Gives every imported provider and capability a unique, valid inventory id.
class IdAssigner {
 public:
  std::string take(const std::string& preferred, const std::string& fallback_text) {
    std::string id = valid_id(preferred) ? preferred : slug(fallback_text);
    std::string unique = id;
    // Counting on from the last suffix of this id keeps a thousand "Gateway"s linear.
    for (std::size_t& n = next_suffix_.try_emplace(id, 1).first->second; used_.count(unique);) unique = id + "-" + std::to_string(++n);
    used_.insert(unique);
    return unique;
  }

 private:
  std::set<std::string> used_;
  std::map<std::string, std::size_t> next_suffix_;
};

std::string strip_prefix(const std::string& ref, std::string_view prefix) {
  return ref.starts_with(prefix) ? ref.substr(prefix.size()) : "";
}

/// `links` (node -> targets, in order) without the links that close a cycle, which go to `cut`. A
/// depth-first walk from each node of `order` in turn keeps every link but those back to a node on
/// the walk's current path, so what is kept has no cycle and depends only on the BOM's order.
std::map<std::string, std::vector<std::string>> without_cycles(const std::vector<std::string>& order,
                                                               const std::map<std::string, std::vector<std::string>>& links,
                                                               std::map<std::string, std::vector<std::string>>& cut) {
  enum class State { unseen, on_path, done };
  struct Frame {
    const std::string* node;
    const std::vector<std::string>* targets;
    std::size_t next = 0;
    std::set<std::string_view> seen;
  };
  std::map<std::string_view, State> state;
  std::map<std::string, std::vector<std::string>> kept;
  std::vector<Frame> path;  // explicit, so a 100,000-long chain needs no deep recursion
  auto enter = [&](const std::string& node) {
    state[node] = State::on_path;
    const auto it = links.find(node);
    path.push_back(Frame{&node, it == links.end() ? nullptr : &it->second, 0, {}});
  };
  for (const std::string& root : order) {
    if (state[root] != State::unseen) continue;
    enter(root);
    while (!path.empty()) {
      Frame& frame = path.back();
      if (!frame.targets || frame.next == frame.targets->size()) {
        state[*frame.node] = State::done;
        path.pop_back();
        continue;
      }
      const std::string& node = *frame.node;
      const std::string& target = (*frame.targets)[frame.next++];
      if (!frame.seen.insert(target).second) continue;
      const State reached = state[target];
      if (reached == State::on_path) {
        cut[node].push_back(target);
        continue;
      }
      kept[node].push_back(target);
      if (reached == State::unseen) enter(target);
    }
  }
  return kept;
}

/// A name from the BOM as the inventory holds it: `fallback` when blank, cut to a bounded length
/// (a name is for people; a 100 KB one is an attack on the report, not information).
std::string name_from_bom(std::string_view name, std::string_view fallback) {
  const bool blank = std::all_of(name.begin(), name.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0'; });
  return clip_utf8(blank ? fallback : name, kMaxNameBytes);
}

/// Renders the starter inventory.
class StarterWriter {
 public:
  StarterWriter(ImportedBom& in, const std::string& path, const Date& today) : in_(in), path_(path), today_(today) {}

  ImportedInventory render() {
    for (ImportedProvider& p : in_.providers) {
      p.id = ids_.take(first(p.props, "id").empty() ? strip_prefix(p.bom_ref, "provider:") : first(p.props, "id"), p.name);
      id_of_ref_[p.bom_ref] = p.id;
    }
    // Our own export names a service's model "model:ID": requests to it are requests to ID.
    for (const ImportedProvider& p : in_.providers) id_of_ref_.emplace("model:" + p.id, p.id);
    for (ImportedCapability& c : in_.capabilities) {
      c.id = ids_.take(c.id.empty() ? strip_prefix(c.bom_ref, "capability:") : c.id, c.name);
      capability_of_ref_[c.bom_ref] = c.id;
      capability_ids_.insert(c.id);
    }
    link_upstreams();
    link_requires();
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
    line("  name: " + yaml_text(name_from_bom(in_.organization, "TODO: your organisation")));
    const std::string jurisdiction = first(in_.metadata_props, "organization-jurisdiction");
    if (is_country_code(jurisdiction)) {
      line("  jurisdiction: " + jurisdiction);
    } else {
      line("  jurisdiction: DE                   # TODO: the country whose law governs you (ISO 3166-1)");
    }
    std::vector<std::string> trusted;
    for (const std::string& t : split(first(in_.metadata_props, "trusted-jurisdictions"))) {
      if (t != jurisdiction && (is_country_code(t) || is_country_group(t))) trusted.push_back(t);
    }
    if (!trusted.empty()) line("  trusted_jurisdictions: [" + join(trusted) + "]");
    else line("  # trusted_jurisdictions: [EEA]     # TODO: law you accept over your data besides your own");
    const std::string currency = first(in_.metadata_props, "currency");
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
      line("    name: " + yaml_text(name_from_bom(p.name, p.id)));
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
      if (!parent.empty() && is_country_code(parent_hq)) line("    ultimate_parent: {name: " + yaml_text(name_from_bom(parent, "TODO")) + ", hq: " + parent_hq + "}");
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
        line("    # data " + terminal_safe(clip_utf8(u, kMaxQuotedBytes)) + ": no sovaudit data class matches; add it to a data flow by hand");
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

  /// Nested services and dependsOn links as upstreams, in BOM order, without the links that would
  /// close a cycle: the inventory refuses upstream cycles, a BOM's dependency graph may hold them.
  void link_upstreams() {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> wanted;
    for (const ImportedProvider& p : in_.providers) {
      order.push_back(p.id);
      if (p.parent) wanted[in_.providers[*p.parent].id].push_back(p.id);
    }
    for (const ImportedProvider& p : in_.providers) {
      const auto deps = in_.depends.find(p.bom_ref);
      if (deps == in_.depends.end()) continue;
      for (const std::string& ref : deps->second) {
        // Our export lists a service's own "model:ID" among what it depends on: not an upstream.
        if (const auto it = id_of_ref_.find(ref); it != id_of_ref_.end() && it->second != p.id) wanted[p.id].push_back(it->second);
      }
    }
    upstream_ = without_cycles(order, wanted, upstream_cut_);
  }

  void link_requires() {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> wanted;
    for (const ImportedCapability& c : in_.capabilities) {
      order.push_back(c.id);
      const auto deps = in_.depends.find(c.bom_ref);
      if (deps == in_.depends.end()) continue;
      for (const std::string& ref : deps->second) {
        if (const auto it = capability_of_ref_.find(ref); it != capability_of_ref_.end()) wanted[c.id].push_back(it->second);
      }
    }
    required_ = without_cycles(order, wanted, required_cut_);
  }

  /// Comments for the links of `id` that `without_cycles` cut.
  void cut_links(const std::map<std::string, std::vector<std::string>>& cut, const std::string& id, std::string_view relation) {
    const auto it = cut.find(id);
    if (it == cut.end()) return;
    for (const std::string& target : it->second) {
      line("    # the BOM also has " + id + " " + std::string(relation) + " " + target + "; left out, as it closes a cycle");
    }
  }

  void upstream(const ImportedProvider& p) {
    if (const auto links = upstream_.find(p.id); links != upstream_.end() && !links->second.empty()) {
      line("    upstream:");
      for (const std::string& id : links->second) {
        const std::string role = first(p.props, "upstream:" + id);
        if (is_enum_name<UpstreamRole>(role)) line("      - {provider: " + id + ", role: " + role + "}");
        else line("      - {provider: " + id + "}        # TODO: role: model, weights, hosting, compute, storage or other");
      }
    }
    cut_links(upstream_cut_, p.id, "depend on");
  }

  void detect(const ImportedProvider& p) {
    std::vector<std::string> purls, hosts;
    std::set<std::string> seen;
    for (auto [it, end] = p.props.equal_range("detect-purl"); it != end; ++it) {
      if (it->second.size() <= kMaxQuotedBytes && parse_purl(it->second) && seen.insert(it->second).second) purls.push_back(it->second);
    }
    for (auto [it, end] = p.props.equal_range("detect-host"); it != end; ++it) {
      if (valid_host_pattern(it->second) && seen.insert(it->second).second) hosts.push_back(it->second);
    }
    for (const std::string& h : p.hosts) {
      if (seen.insert(h).second) hosts.push_back(h);
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
        if (p.parent || p.from_model) continue;
        ++result.capabilities;
        placeholder_[p.id] = ids_.take("", "uses-" + p.id);
        line("  - id: " + placeholder_[p.id]);
        line("    name: " + yaml_text("What uses " + name_from_bom(p.name, p.id)) + "  # TODO: the product capability");
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
      line("    name: " + yaml_text(name_from_bom(c.name, c.id)));
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
    if (const auto links = required_.find(c.id); links != required_.end() && !links->second.empty()) {
      line("    requires: [" + join(links->second) + "]");
    }
    cut_links(required_cut_, c.id, "require");
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
        const std::string capability = capability_ids_.count(f.capability) ? f.capability : placeholder_for(p);
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
  std::string placeholder_for(const ImportedProvider& p) const {
    const ImportedProvider* top = &p;
    while (top->parent) top = &in_.providers[*top->parent];
    const auto it = placeholder_.find(top->id);
    return it == placeholder_.end() ? "" : it->second;
  }

  ImportedBom& in_;
  std::string path_;
  Date today_;
  std::string out_;
  IdAssigner ids_;
  std::map<std::string, std::string> id_of_ref_, capability_of_ref_, placeholder_;
  std::set<std::string> capability_ids_;
  std::map<std::string, std::vector<std::string>> upstream_, upstream_cut_, required_, required_cut_;
};

}  // namespace

ImportedInventory write_starter_inventory(ImportedBom bom, const std::string& path, const Date& today) {
  return StarterWriter(bom, path, today).render();
}

}  // namespace sovaudit::interop
