// CycloneDX 1.6 JSON: the inventory as a services BOM that every supply-chain tool can read.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <streambuf>
#include <unordered_map>

#include "json_out.hpp"
#include "sovaudit/digest.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

// The serial number is the version-5 UUID of the document in this namespace (the v5 UUID of
// "https://github.com/sovaudit/sovaudit#cyclonedx" in RFC 9562's URL namespace), so the same
// inventory and date give the same BOM, and any change to the BOM gives another serial number.
constexpr std::string_view kNamespace = "8ce2b8d6-9638-51fc-99ee-71d98bc0add2";
constexpr std::string_view kPlaceholder = "00000000-0000-5000-8000-000000000000";

std::string provider_ref(std::string_view id) { return "provider:" + std::string(id); }
std::string model_ref(std::string_view id) { return "model:" + std::string(id); }
std::string capability_ref(std::string_view id) { return "capability:" + std::string(id); }
/// A BOM-Link to an element of this BOM; the placeholder becomes the serial number at the end.
std::string bom_link(const std::string& ref) { return "urn:cdx:" + std::string(kPlaceholder) + "/1#" + ref; }

bool runs_a_service(const Provider& p) { return p.kind.value != ProviderKind::WeightsLicensor; }
bool has_model(const Provider& p) {
  const ProviderKind k = p.kind.value;
  return k == ProviderKind::HostedModel || k == ProviderKind::SelfHosted || k == ProviderKind::WeightsLicensor;
}
/// Where requests to a provider go: its service, or the model for a weights licensor.
std::string usage_ref(const Provider& p) { return runs_a_service(p) ? provider_ref(p.id.value) : model_ref(p.id.value); }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

template <class T>
std::string joined_values(const std::vector<Located<T>>& items) {
  std::vector<std::string> values;
  for (const auto& item : items) values.push_back(std::string(item.value));
  return joined(values);
}

std::string number(double value) { return format_number(std::round(value * 1e6) / 1e6); }

class BomWriter {
 public:
  BomWriter(const Report& r, JsonOut& j) : r_(r), j_(j), inv_(r.inventory) {
    for (std::size_t i = 0; i < inv_.providers.size(); ++i) by_id_[inv_.providers[i].id.value.str()] = i;
    for (std::size_t i = 0; i < inv_.providers.size(); ++i) {
      for (const UpstreamLink& link : inv_.providers[i].upstream) consumers_[link.provider.value.str()].insert(i);
    }
    for (const Capability& c : inv_.capabilities) {
      for (const Need& n : c.needs) {
        if (n.primary) used_directly_.insert(n.primary->provider.value.str());
        for (const ProviderUse& u : n.fallbacks) used_directly_.insert(u.provider.value.str());
      }
    }
    for (const DataFlow& f : inv_.data_flows) {
      used_directly_.insert(f.provider.value.str());
      flows_to_[f.provider.value].push_back(&f);
    }
    for (const Finding& f : r.verdict.findings) {
      if (!f.accepted) ++open_by_target_[f.target.str()][static_cast<std::size_t>(f.severity)];
    }
  }

  void write() {
    j_.begin_object();
    j_.field("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
    j_.field("bomFormat", "CycloneDX").field("specVersion", "1.6");
    j_.field("serialNumber", "urn:uuid:" + std::string(kPlaceholder)).field("version", 1);
    metadata();
    components();
    services();
    dependencies();
    j_.end_object();
  }

 private:
  void property(std::string_view name, std::string_view value) {
    j_.begin_object().field("name", name).field("value", value).end_object();
  }

  void metadata() {
    const Verdict& v = r_.verdict;
    j_.key("metadata").begin_object();
    j_.field("timestamp", to_string(r_.analysis.as_of) + "T00:00:00Z");
    j_.key("lifecycles").begin_array().begin_object().field("phase", "operations").end_object().end_array();
    j_.key("tools").begin_object().key("components").begin_array().begin_object();
    j_.field("type", "application").field("name", "sovaudit").field("version", kVersion);
    j_.end_object().end_array().end_object();
    j_.key("component").begin_object().field("type", "application").field("bom-ref", "application");
    j_.field("name", inv_.organization.name.value).end_object();
    j_.key("properties").begin_array();
    property("sovaudit:inventory", r_.options.repository_path.empty() ? inv_.path : r_.options.repository_path);
    property("sovaudit:organization-jurisdiction", inv_.organization.jurisdiction.value);
    property("sovaudit:trusted-jurisdictions", joined(r_.analysis.trusted));
    if (r_.simulation) {
      property("sovaudit:simulation", std::to_string(r_.simulation->samples) + " samples, seed " +
                                          std::to_string(r_.simulation->seed));
    }
    if (inv_.organization.currency.present) property("sovaudit:currency", inv_.organization.currency.value);
    property("sovaudit:fail-on", std::string(to_string(v.fail_on)));
    property("sovaudit:gate", v.fail_on == FailOn::None ? "off" : v.gate_failed ? "failed" : "passed");
    property("sovaudit:findings:existential", std::to_string(v.counts.existential));
    property("sovaudit:findings:material", std::to_string(v.counts.material));
    property("sovaudit:findings:advisory", std::to_string(v.counts.advisory));
    property("sovaudit:findings:accepted", std::to_string(v.counts.accepted));
    j_.end_array();
    j_.end_object();
  }

  std::vector<std::size_t> sorted_providers() const {
    std::vector<std::size_t> order(inv_.providers.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return inv_.providers[a].id.value < inv_.providers[b].id.value; });
    return order;
  }

  std::vector<std::size_t> sorted_capabilities() const {
    std::vector<std::size_t> order(inv_.capabilities.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return inv_.capabilities[a].id.value < inv_.capabilities[b].id.value; });
    return order;
  }

  void components() {
    j_.key("components").begin_array();
    for (std::size_t c : sorted_capabilities()) capability(inv_.capabilities[c], r_.analysis.capabilities[c]);
    for (std::size_t p : sorted_providers()) {
      if (has_model(inv_.providers[p])) model(inv_.providers[p]);
    }
    j_.end_array();
  }

  void capability(const Capability& c, const CapabilityResult& result) {
    j_.begin_object().field("type", "application").field("bom-ref", capability_ref(c.id.value));
    j_.field("name", c.name.present ? c.name.value : c.id.value);
    j_.key("properties").begin_array();
    property("sovaudit:id", c.id.value);
    property("sovaudit:value-share", number(c.value_share.value));
    property("sovaudit:sourcing", std::string(to_string(c.sourcing.value)));
    if (result.assessed) {
      property("sovaudit:criteria-score", std::to_string(result.criteria_score));
      property("sovaudit:recommendation", std::string(to_string(result.recommendation)));
    }
    for (const Need& n : c.needs) {
      if (n.primary) property("sovaudit:need:" + n.slot.value + ":primary", n.primary->provider.value);
      for (const ProviderUse& u : n.fallbacks) {
        property("sovaudit:need:" + n.slot.value + ":fallback",
                 u.provider.value + (u.tested.present ? "@" + to_string(u.tested.value) : ""));
      }
    }
    findings_properties(c.id.value);
    j_.end_array().end_object();
  }

  void model(const Provider& p) {
    j_.begin_object().field("type", "machine-learning-model").field("bom-ref", model_ref(p.id.value));
    j_.field("name", p.name.present ? p.name.value : p.id.value);
    j_.key("supplier").begin_object().field("name", p.name.present ? p.name.value : p.id.value).end_object();
    j_.key("properties").begin_array();
    property("sovaudit:provider", p.id.value);
    property("sovaudit:open-weights", p.open_weights.value ? "true" : "false");
    if (p.kind.value == ProviderKind::WeightsLicensor) provider_properties(p);
    j_.end_array().end_object();
  }

  void findings_properties(std::string_view target) {
    const auto it = open_by_target_.find(target);
    if (it == open_by_target_.end()) return;
    static constexpr std::string_view kNames[] = {"sovaudit:findings:advisory", "sovaudit:findings:material",
                                                  "sovaudit:findings:existential"};
    for (std::size_t s = 3; s-- > 0;) {
      if (it->second[s] > 0) property(kNames[s], std::to_string(it->second[s]));
    }
  }

  /// Whether `p` is written inside the one provider built on it, rather than at the top level.
  bool nested(const Provider& p) const {
    if (!runs_a_service(p) || used_directly_.contains(std::string_view(p.id.value))) return false;
    const auto it = consumers_.find(std::string_view(p.id.value));
    return it != consumers_.end() && it->second.size() == 1;
  }

  std::string trust_zone(std::size_t index) const {
    const Provider& p = inv_.providers[index];
    if (p.operated_by.value == Operator::Self) return "own";
    if (!p.hq.present) return "unknown";
    return r_.analysis.providers[index].foreign_jurisdictions.empty() ? "trusted" : "foreign";
  }

  void services() {
    j_.key("services").begin_array();
    for (std::size_t p : sorted_providers()) {
      if (runs_a_service(inv_.providers[p]) && !nested(inv_.providers[p])) service(p);
    }
    j_.end_array();
  }

  void service(std::size_t index) {
    const Provider& p = inv_.providers[index];
    const ProviderResult& result = r_.analysis.providers[index];
    j_.begin_object().field("bom-ref", provider_ref(p.id.value));
    j_.key("provider").begin_object().field("name", p.name.present ? p.name.value : p.id.value);
    if (p.hq.present) j_.key("address").begin_object().field("country", p.hq.value).end_object();
    j_.end_object();
    j_.field("name", p.name.present ? p.name.value : p.id.value);
    std::vector<std::string> endpoints;
    if (p.detect) {
      for (const auto& host : p.detect->hosts) {
        if (host.value.find('*') == std::string::npos) endpoints.push_back("https://" + host.value);
      }
    }
    if (!endpoints.empty()) j_.array_field("endpoints", endpoints);
    j_.field("x-trust-boundary", p.operated_by.value != Operator::Self);
    j_.field("trustZone", trust_zone(index));
    data(p);
    // Upstreams that serve only this provider are nested in it, as CycloneDX nests a SaaS's own suppliers.
    std::vector<std::size_t> inner;
    for (const UpstreamLink& link : p.upstream) {
      const auto it = by_id_.find(std::string_view(link.provider.value));
      if (it != by_id_.end() && nested(inv_.providers[it->second])) inner.push_back(it->second);
    }
    std::sort(inner.begin(), inner.end(),
              [&](std::size_t a, std::size_t b) { return inv_.providers[a].id.value < inv_.providers[b].id.value; });
    if (!inner.empty()) {
      j_.key("services").begin_array();
      for (std::size_t u : inner) service(u);
      j_.end_array();
    }
    j_.key("properties").begin_array();
    provider_properties(p);
    property("sovaudit:exposure", number(result.exposure));
    property("sovaudit:critical-share", number(result.critical_share));
    property("sovaudit:classification", std::string(to_string(result.classification)));
    if (!result.reaching_jurisdictions.empty()) property("sovaudit:jurisdictions", joined(result.reaching_jurisdictions));
    if (!result.foreign_jurisdictions.empty()) {
      property("sovaudit:foreign-jurisdictions", joined(result.foreign_jurisdictions));
    }
    findings_properties(p.id.value);
    j_.end_array();
    j_.end_object();
  }

  /// What the inventory says of a provider that CycloneDX has no field for.
  void provider_properties(const Provider& p) {
    property("sovaudit:id", p.id.value);
    property("sovaudit:kind", std::string(to_string(p.kind.value)));
    if (p.hq.present) property("sovaudit:hq", p.hq.value);
    if (p.ultimate_parent) {
      property("sovaudit:ultimate-parent", p.ultimate_parent->name.value);
      property("sovaudit:ultimate-parent-hq", p.ultimate_parent->hq.value);
    }
    if (!p.regions.empty()) property("sovaudit:regions", joined_values(p.regions));
    if (p.operated_by.value == Operator::Self) property("sovaudit:operated-by", "self");
    if (p.annual_spend.present) property("sovaudit:annual-spend", number(p.annual_spend.value));
    if (p.notice_months.present) property("sovaudit:notice-months", number(p.notice_months.value));
    if (p.substitutability.present) {
      property("sovaudit:substitutability", std::string(to_string(p.substitutability.value)));
    }
    for (const UpstreamLink& link : p.upstream) {
      property("sovaudit:upstream:" + link.provider.value, std::string(to_string(link.role.value)));
    }
    if (p.detect) {
      for (const auto& purl : p.detect->purls) property("sovaudit:detect-purl", purl.value);
      for (const auto& host : p.detect->hosts) property("sovaudit:detect-host", host.value);
    }
  }

  /// The data flows to a provider: what enters the service (inbound), one entry per data class.
  void data(const Provider& p) {
    const auto found = flows_to_.find(p.id.value);
    if (found == flows_to_.end()) return;
    std::vector<const DataFlow*> flows = found->second;
    std::sort(flows.begin(), flows.end(), [](const DataFlow* a, const DataFlow* b) { return a->id.value < b->id.value; });
    j_.key("data").begin_array();
    for (const DataFlow* f : flows) {
      std::vector<DataClass> classes;
      for (const auto& d : f->data) classes.push_back(d.value);
      std::sort(classes.begin(), classes.end());
      classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
      for (DataClass c : classes) {
        j_.begin_object().field("flow", "inbound").field("classification", to_string(c)).field("name", f->id.value);
        j_.field("description", "sent by capability " + f->capability.value);
        j_.key("source").begin_array().value(bom_link(capability_ref(f->capability.value))).end_array();
        j_.end_object();
      }
    }
    j_.end_array();
  }

  void dependencies() {
    j_.key("dependencies").begin_array();
    std::vector<std::string> capabilities;
    for (std::size_t c : sorted_capabilities()) capabilities.push_back(capability_ref(inv_.capabilities[c].id.value));
    dependency("application", capabilities);
    for (std::size_t c : sorted_capabilities()) {
      const Capability& cap = inv_.capabilities[c];
      std::set<std::string> on;
      for (const Need& n : cap.needs) {
        if (n.primary) on.insert(ref_of(n.primary->provider.value));
        for (const ProviderUse& u : n.fallbacks) on.insert(ref_of(u.provider.value));
      }
      for (const auto& req : cap.required_capabilities) on.insert(capability_ref(req.value));
      dependency(capability_ref(cap.id.value), {on.begin(), on.end()});
    }
    for (std::size_t i : sorted_providers()) {
      const Provider& p = inv_.providers[i];
      std::set<std::string> on;
      for (const UpstreamLink& link : p.upstream) on.insert(ref_of(link.provider.value));
      if (has_model(p) && runs_a_service(p)) on.insert(model_ref(p.id.value));
      if (runs_a_service(p)) dependency(provider_ref(p.id.value), {on.begin(), on.end()});
      if (has_model(p)) dependency(model_ref(p.id.value), {});
    }
    j_.end_array();
  }

  std::string ref_of(std::string_view provider_id) const {
    const auto it = by_id_.find(provider_id);
    return it == by_id_.end() ? provider_ref(provider_id) : usage_ref(inv_.providers[it->second]);
  }

  void dependency(const std::string& ref, const std::vector<std::string>& on) {
    j_.begin_object().field("ref", ref);
    if (!on.empty()) j_.array_field("dependsOn", on);
    j_.end_object();
  }

  const Report& r_;
  JsonOut& j_;
  const Inventory& inv_;
  // Looked up by std::string_view (std::less<>): the model keeps ids as CompactText.
  std::map<std::string, std::size_t, std::less<>> by_id_;
  std::map<std::string, std::set<std::size_t>, std::less<>> consumers_;
  std::set<std::string, std::less<>> used_directly_;
  std::map<std::string, std::array<std::size_t, 3>, std::less<>> open_by_target_;
  // Indexed once: looking every provider's flows up in the whole list made the BOM quadratic.
  std::unordered_map<std::string_view, std::vector<const DataFlow*>> flows_to_;
};

void render_bom(const Report& report, std::ostream& out) {
  JsonOut j(out);
  BomWriter(report, j).write();
  j.flush();
  out.flush();
}

/// Digests what is written through it, and keeps the text while it is at most `keep_limit` bytes.
class DigestSink final : public std::streambuf {
 public:
  DigestSink(Sha1& hash, std::size_t keep_limit) : hash_(hash), keep_limit_(keep_limit) {}

  /// The whole text written, unless it grew past the limit (then nullptr).
  [[nodiscard]] const std::string* kept() const { return over_limit_ ? nullptr : &kept_; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const std::string_view text(s, static_cast<std::size_t>(n));
    hash_.update(text);
    keep(text);
    return n;
  }
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    hash_.update(std::string_view(&c, 1));
    keep(std::string_view(&c, 1));
    return ch;
  }

 private:
  void keep(std::string_view text) {
    if (over_limit_) return;
    if (kept_.size() + text.size() > keep_limit_) {
      over_limit_ = true;
      std::string().swap(kept_);
      return;
    }
    kept_.append(text);
  }

  Sha1& hash_;
  std::size_t keep_limit_;
  std::string kept_;
  bool over_limit_ = false;
};

/// Passes what is written through it on to `out` with every `from` replaced by `to`, left to
/// right as the text arrives; a `from` split between two writes is still found.
class ReplacingSink final : public std::streambuf {
 public:
  ReplacingSink(std::ostream& out, std::string_view from, std::string_view to) : out_(out), from_(from), to_(to) {}
  ReplacingSink(const ReplacingSink&) = delete;
  ReplacingSink& operator=(const ReplacingSink&) = delete;
  ~ReplacingSink() override { drain(true); }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<std::size_t>(n));
    if (pending_.size() >= kChunk) drain(false);
    return n;
  }
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    pending_ += traits_type::to_char_type(ch);
    if (pending_.size() >= kChunk) drain(false);
    return ch;
  }
  int sync() override {
    drain(false);
    return out_ ? 0 : -1;
  }

 private:
  static constexpr std::size_t kChunk = 1 << 16;

  /// Writes out what can no longer be the start of a `from` (everything, at the end).
  void drain(bool all) {
    std::size_t done = 0;
    for (std::size_t at = pending_.find(from_); at != std::string::npos; at = pending_.find(from_, done)) {
      out_.write(pending_.data() + done, static_cast<std::streamsize>(at - done));
      out_.write(to_.data(), static_cast<std::streamsize>(to_.size()));
      done = at + from_.size();
    }
    // A text that might begin a `from` waits for the next write.
    const std::size_t keep = all ? 0 : std::min(pending_.size() - done, from_.size() - 1);
    const std::size_t upto = pending_.size() - keep;
    out_.write(pending_.data() + done, static_cast<std::streamsize>(upto - done));
    pending_.erase(0, upto);
  }

  std::ostream& out_;
  std::string_view from_, to_;
  std::string pending_;
};

}  // namespace

void write_cyclonedx(const Report& report, TextStyle, std::ostream& out) {
  write_cyclonedx_kept_up_to(report, out, std::size_t{4} << 20);
}

void write_cyclonedx_kept_up_to(const Report& report, std::ostream& out, std::size_t keep_limit) {
  // The serial number is a digest of the whole document, and the document names it near its top.
  // A BOM of up to keep_limit bytes is rendered once and kept; a larger one is rendered twice, once
  // into the digest and once to `out` with the serial number in place, rather than held whole in
  // memory (tens of megabytes for a large inventory). Both ways give the same bytes.
  Sha1 hash = uuid_v5_hash(kNamespace);
  DigestSink digest_sink(hash, keep_limit);
  {
    std::ostream digest(&digest_sink);
    render_bom(report, digest);
  }
  const std::string serial = uuid_v5(hash);
  {
    ReplacingSink sink(out, kPlaceholder, serial);
    std::ostream text(&sink);
    if (const std::string* kept = digest_sink.kept()) {
      text.write(kept->data(), static_cast<std::streamsize>(kept->size()));
      text.flush();
    } else {
      render_bom(report, text);
    }
  }
  out << '\n';
}

}  // namespace sovaudit
