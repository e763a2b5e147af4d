// The typed inventory model: plain structs filled by the loader, read by every later stage.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/compact_text.hpp"
#include "sovaudit/dates.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit {

/// What a provider sells; a closed list (docs/inventory.md).
/// `weights-licensor`: a party we only license model weights from; it runs nothing and sees no data.
enum class ProviderKind : std::uint8_t {
  ModelApi, HostedModel, SelfHosted, Cloud, VectorDb, Compute, Saas, WeightsLicensor
};
/// Who runs a provider's machines: the vendor (the default) or the organisation itself.
enum class Operator : std::uint8_t { Vendor, Self };
/// How hard a provider is to replace, in the terms of DORA's register of information.
enum class Substitutability : std::uint8_t { Easy, Medium, HighlyComplex, NotSubstitutable };
/// What an upstream provider does for the provider built on it.
/// `model`: requests are served by the upstream's model (data goes there). `weights`: this provider
/// runs a model licensed from the upstream (the upstream controls the model, sees no data).
enum class UpstreamRole : std::uint8_t { Model, Weights, Hosting, Compute, Storage, Other };
/// How a capability is sourced today.
enum class Sourcing : std::uint8_t { Build, Buy, Hybrid };
/// How deeply a capability's code is tied to a provider: abstraction-layer < sdk < deep.
enum class Integration : std::uint8_t { AbstractionLayer, Sdk, Deep };
/// Provider-specific features a capability relies on; each makes migration longer.
enum class Feature : std::uint8_t {
  FineTuning, Embeddings, Assistants, Agents, FunctionCalling, StructuredOutput, Batch, Realtime,
  Multimodal, PromptCaching
};
/// Classes of data that flow to a provider, from least to most sensitive.
enum class DataClass : std::uint8_t {
  Public, Internal, Confidential, Personal, Financial, SpecialCategory, Health, Biometric, Genetic,
  Criminal
};
/// The legal basis for sending personal data outside its allowed jurisdictions.
enum class TransferMechanism : std::uint8_t { None, Adequacy, Scc, Bcr, Derogation };
/// How severe a finding is, as a policy may set it per jurisdiction (same order as findings' Severity).
enum class PolicySeverity : std::uint8_t { Advisory, Material, Existential };

/// The spellings of an enum's values as written in inventories, indexed by the enum's value.
template <class E>
std::span<const std::string_view> enum_names();
template <> std::span<const std::string_view> enum_names<ProviderKind>();
template <> std::span<const std::string_view> enum_names<Substitutability>();
template <> std::span<const std::string_view> enum_names<UpstreamRole>();
template <> std::span<const std::string_view> enum_names<Sourcing>();
template <> std::span<const std::string_view> enum_names<Integration>();
template <> std::span<const std::string_view> enum_names<Feature>();
template <> std::span<const std::string_view> enum_names<DataClass>();
template <> std::span<const std::string_view> enum_names<TransferMechanism>();
template <> std::span<const std::string_view> enum_names<Operator>();
template <> std::span<const std::string_view> enum_names<PolicySeverity>();

/// The inventory spelling of `value`, e.g. "model-api".
template <class E>
std::string_view to_string(E value) {
  return enum_names<E>()[static_cast<std::size_t>(value)];
}

/// An optional value kept on the heap: one pointer when absent, which matters for members that most
/// of 1,000,000 entries leave out. Copies are deep; the interface is std::optional's.
template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  /// Creates (or replaces) the value and returns it.
  T& emplace() {
    value_ = std::make_unique<T>();
    return *value_;
  }
  /// The value, created empty when absent (a field of it read before the others).
  T& ensure() { return value_ ? *value_ : emplace(); }
  void reset() { value_.reset(); }
  [[nodiscard]] bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return value_.get(); }
  T* operator->() { return value_.get(); }
  /// Equal when both are absent or both hold equal values.
  friend bool operator==(const Boxed& a, const Boxed& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }

 private:
  std::unique_ptr<T> value_;
};

/// A value given for one jurisdiction (a country or a group such as EEA), in a map keyed by it.
template <class V>
struct ForJurisdiction {
  Located<std::string> jurisdiction;
  Located<V> value;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const ForJurisdiction&, const ForJurisdiction&) = default;
};

/// The value given for `country`: its own entry, else the first group entry containing it, else none.
/// `contains(group, country)` tells whether a group key covers a country.
template <class V, class Contains>
const ForJurisdiction<V>* entry_for(const std::vector<ForJurisdiction<V>>& entries, const std::string& country,
                                    Contains contains) {
  for (const ForJurisdiction<V>& e : entries) {
    if (e.jurisdiction.value == country) return &e;
  }
  for (const ForJurisdiction<V>& e : entries) {
    if (contains(e.jurisdiction.value, country)) return &e;
  }
  return nullptr;
}

/// A migration or build estimate in engineer-weeks: low <= likely <= high.
struct WeeksRange {
  double low = 0;
  double likely = 0;
  double high = 0;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const WeeksRange&, const WeeksRange&) = default;
};

/// The organisation that owns the inventory.
struct Organization {
  SourceLoc loc;
  Located<std::string> name;
  Located<std::string> jurisdiction;                   ///< ISO 3166-1 alpha-2 country code
  std::vector<Located<std::string>> trusted_jurisdictions;  ///< countries or groups (EU, EEA)
  Located<double> annual_ai_budget;                    ///< > 0 when given; absent: price shocks are not classified
  Located<std::string> currency;                       ///< ISO 4217 code; absent: unspecified
  Located<double> engineer_week_cost;                  ///< cost of one engineer for one week; absent: costs unknown
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Organization&, const Organization&) = default;
};

/// Thresholds and assumptions of the analyses; every key has a documented default.
struct Policy {
  SourceLoc loc;
  Located<int> build_threshold{3};
  Located<double> notice_months{6};
  Located<double> price_multiplier{3};
  Located<double> horizon_months{18};
  Located<double> existential_value_share{0.25};
  Located<double> material_value_share{0.05};
  Located<double> existential_budget_share{0.5};
  Located<double> material_budget_share{0.1};
  Located<double> drill_max_age_months{12};
  Located<double> min_outage_days{7};  ///< shorter outages do not count as value at risk
  /// Severity of residency and foreign-control findings that involve a jurisdiction; replaces the
  /// data-class severity (docs/scoring.md, "Severity by law").
  std::vector<ForJurisdiction<PolicySeverity>> jurisdiction_severity;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Policy&, const Policy&) = default;
};

/// The company that ultimately controls a provider; its law reaches the provider too.
struct UltimateParent {
  SourceLoc loc;
  Located<std::string> name;
  Located<std::string> hq;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const UltimateParent&, const UltimateParent&) = default;
};

/// Whether a documented exit plan exists and when it was last rehearsed.
struct ExitPlan {
  SourceLoc loc;
  Located<bool> exists{false};
  Located<Date> tested;
  Located<std::string> document;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const ExitPlan&, const ExitPlan&) = default;
};

/// How a provider is recognised in SBOMs (`detect`): packages and endpoint hosts that mean it,
/// in addition to the catalogue's and ahead of them (a package listed here is attributed to this
/// provider alone).
struct Detection {
  SourceLoc loc;
  std::vector<Located<std::string>> purls;  ///< package URLs, version ignored
  std::vector<Located<std::string>> hosts;  ///< host patterns: "api.example.com", "*.example.com"
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Detection&, const Detection&) = default;
};

/// A provider this provider is built on: a hidden dependency of everyone who uses it.
struct UpstreamLink {
  SourceLoc loc;
  Located<CompactText> provider;
  Located<UpstreamRole> role{UpstreamRole::Model};
  Located<double> price_passthrough{1.0};  ///< share of this provider's price that is the upstream's cost, 0..1;
                                           ///< absent: the role's documented default
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const UpstreamLink&, const UpstreamLink&) = default;
};

/// An outside (or self-hosted) AI provider. Members are ordered largest first so that a
/// 200,000-provider inventory carries no padding.
struct Provider {
  Located<CompactText> id;
  Located<CompactText> name;
  Located<CompactText> hq;
  Boxed<UltimateParent> ultimate_parent;
  std::vector<Located<std::string>> regions;
  Located<double> annual_spend{0};
  Located<double> notice_months;  ///< absent: the policy's notice_months
  Located<double> max_price_increase;   ///< contractual cap on the yearly rise, as a fraction (0.1 = 10%)
  Boxed<ExitPlan> exit_plan;
  std::vector<UpstreamLink> upstream;
  Boxed<Detection> detect;
  SourceLoc loc;
  Located<Date> price_locked_until;     ///< prices are fixed by contract until this day (inclusive)
  Located<Date> contract_ends;          ///< the contract's last day; a departure unless it renews automatically
  Located<ProviderKind> kind{ProviderKind::ModelApi};
  Located<bool> open_weights{false};
  Located<Substitutability> substitutability{Substitutability::Medium};
  Located<bool> sovereign{false};  ///< marketed as sovereign
  Located<Operator> operated_by{Operator::Vendor};
  Located<bool> air_gapped{false};  ///< no network path out: only model and storage upstreams receive data
  Located<bool> renews_automatically{false};  ///< the contract renews at contract_ends: no departure
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Provider&, const Provider&) = default;
};

/// A list of regions, boxed: most uses pin none, so an absent list costs one pointer.
class PinnedRegions {
 public:
  using List = std::vector<Located<std::string>>;
  /// The pinned regions; empty when none are pinned.
  [[nodiscard]] const List& list() const {
    static const List kNone;
    return list_ ? *list_ : kNone;
  }
  /// The list to fill, created on first use.
  List& edit() { return list_ ? *list_ : list_.emplace(); }
  [[nodiscard]] bool empty() const { return !list_ || list_->empty(); }
  /// Equal when they pin the same regions (no list and an empty one alike).
  friend bool operator==(const PinnedRegions& a, const PinnedRegions& b) { return a.list() == b.list(); }

 private:
  Boxed<List> list_;
};

/// The model version a use calls and the day its provider retires it (`model`, `retires`).
struct ModelVersion {
  Located<std::string> name;  ///< as the provider spells it, e.g. gpt-4o-2024-08-06
  Located<Date> retires;      ///< absent: unknown here (a --lifecycle file may know it)
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const ModelVersion&, const ModelVersion&) = default;
};

/// How a capability uses one provider in one slot.
struct ProviderUse {
  SourceLoc loc;
  Located<CompactText> provider;
  std::vector<Located<Feature>> features;
  Located<Date> tested;  ///< fallbacks only: when switching to it was last tested
  Located<Integration> integration{Integration::Sdk};
  /// The regions of the provider this use runs in (a subset of its `regions`); empty: any of them.
  PinnedRegions regions;
  /// The model version it calls; boxed, as most uses of a million-entry inventory name none.
  Boxed<ModelVersion> model;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const ProviderUse&, const ProviderUse&) = default;
};

/// One thing a capability needs (an LLM, embeddings, a vector store), served by any one provider.
struct Need {
  SourceLoc loc;
  Located<CompactText> slot;
  std::optional<ProviderUse> primary;
  std::vector<ProviderUse> fallbacks;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Need&, const Need&) = default;
};

/// The four sovereignty criteria; three or more true argue for building.
struct Criteria {
  SourceLoc loc;
  Located<bool> differentiating{false};
  Located<bool> proprietary_data{false};
  Located<bool> compliance{false};
  Located<bool> stable{false};
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Criteria&, const Criteria&) = default;
};

/// A product capability whose value depends on providers.
struct Capability {
  SourceLoc loc;
  Located<CompactText> id;
  Located<CompactText> name;
  Located<double> value_share{0};
  Located<Sourcing> sourcing{Sourcing::Buy};
  std::optional<Criteria> criteria;
  std::vector<Located<std::string>> required_capabilities;  ///< `requires` in YAML
  std::vector<Need> needs;
  Located<WeeksRange> migration_weeks;  ///< absent: derived from integration depth
  Located<WeeksRange> build_weeks;      ///< absent: derived in the criteria analysis
  Located<double> engineers{1};
  Located<bool> evals{false};
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Capability&, const Capability&) = default;
};

/// Data of given classes sent by a capability to a provider.
struct DataFlow {
  SourceLoc loc;
  Located<CompactText> id;
  Located<CompactText> capability;
  Located<CompactText> provider;
  std::vector<Located<DataClass>> data;
  std::vector<Located<std::string>> allowed;        ///< absent: the trusted set plus the organisation
  /// The regions of the flow's provider that process this flow (a subset of its `regions`);
  /// empty: the slot's pinned regions, else all of the provider's.
  std::vector<Located<std::string>> regions;
  /// The mechanism for destinations without their own entry in `transfer_mechanisms`.
  Located<TransferMechanism> transfer_mechanism{TransferMechanism::None};
  /// One mechanism per destination jurisdiction (`{US: scc, CA: adequacy}`).
  std::vector<ForJurisdiction<TransferMechanism>> transfer_mechanisms;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const DataFlow&, const DataFlow&) = default;
};

/// A risk the organisation accepted on purpose, until a date.
struct AcceptedRisk {
  SourceLoc loc;
  Located<std::string> id;
  Located<std::string> rule;
  Located<std::string> target;
  Located<std::string> owner;
  Located<Date> expires;
  Located<std::string> justification;
  // Narrowing: when given, the acceptance covers a finding only while every id of that kind the
  // finding concerns is listed, so a new flow, capability or provider reopens it.
  std::vector<Located<std::string>> flows;
  std::vector<Located<std::string>> capabilities;
  std::vector<Located<std::string>> providers;
  SourceLoc flows_loc, capabilities_loc, providers_loc;  ///< where each list's key is; unknown when absent
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const AcceptedRisk&, const AcceptedRisk&) = default;
};

/// A whole inventory file, as written.
/// The container of the top-level entry lists.
template <class T>
using EntryList = std::deque<T>;

struct Inventory {
  SourceLoc loc;
  std::string path;  ///< the file as named on the command line
  Located<int> format_version;
  Organization organization;
  Policy policy;
  SourceLoc providers_loc, capabilities_loc, data_flows_loc, accepted_risks_loc;
  // Deques, not vectors: a list of 200,000 entries grows without the copy that doubles a vector's
  // peak, and an entry never moves once read.
  EntryList<Provider> providers;
  EntryList<Capability> capabilities;
  EntryList<DataFlow> data_flows;
  EntryList<AcceptedRisk> accepted_risks;
  /// Every field, place and presence flag alike (a split parse must equal the one-piece read).
  friend bool operator==(const Inventory&, const Inventory&) = default;
};

}  // namespace sovaudit
