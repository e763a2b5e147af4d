// Severity names and evidence helpers.
#include "sovaudit/findings.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <span>
#include <stdexcept>
#include <unordered_map>

#include "sovaudit/exact.hpp"

namespace sovaudit {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "existential";
    case Severity::Material:
      return "material";
    case Severity::Advisory:
      break;
  }
  return "advisory";
}

std::string_view to_string(BaselineState s) {
  switch (s) {
    case BaselineState::New:
      return "new";
    case BaselineState::Unchanged:
      return "unchanged";
    case BaselineState::Updated:
      return "updated";
    case BaselineState::None:
      break;
  }
  return "";
}

namespace {

/// A known share named by one of `keys` (the first present), or -1 when the finding has none.
double share_of(const Finding& f, std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) {
    if (const Evidence* e = find_evidence(f, key); e && e->known) return e->number;
  }
  return -1;
}

}  // namespace

std::string_view to_string(TargetKind kind) {
  switch (kind) {
    case TargetKind::Capability:
      return "capability";
    case TargetKind::DataFlow:
      return "data flow";
    case TargetKind::Jurisdiction:
      return "jurisdiction";
    case TargetKind::Group:
      return "provider group";
    case TargetKind::Model:
      return "model";
    case TargetKind::Observed:
      return "provider seen in an SBOM";
    case TargetKind::AcceptedTarget:
      return "the accepted risk's target";
    case TargetKind::Provider:
      break;
  }
  return "provider";
}

std::string_view to_string(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::Flows:
      return "flows";
    case ScopeKind::Capabilities:
      return "capabilities";
    case ScopeKind::Providers:
      break;
  }
  return "providers";
}

std::vector<std::string> concerned_ids(const Finding& finding, ScopeKind kind) {
  static constexpr std::string_view kFlows[] = {"flows", "on_failover"};
  static constexpr std::string_view kCapabilities[] = {"broken_capabilities", "primary_for"};
  static constexpr std::string_view kProviders[] = {"provider",  "providers",    "critical_providers", "fallback",
                                                    "fallbacks", "processed_by", "unknown_providers"};
  const std::span<const std::string_view> keys = kind == ScopeKind::Flows          ? std::span<const std::string_view>(kFlows)
                                                 : kind == ScopeKind::Capabilities ? std::span<const std::string_view>(kCapabilities)
                                                                                   : std::span<const std::string_view>(kProviders);
  std::vector<std::string> out;
  for (const std::string_view key : keys) {
    if (const Evidence* e = find_evidence(finding, key)) out.insert(out.end(), e->items.begin(), e->items.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool narrowable_by(const RuleInfo& rule, ScopeKind kind) {
  const std::string_view name = to_string(kind);
  std::string_view rest = rule.narrowed_by;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    if (rest.substr(0, comma) == name) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

namespace {

/// The numbers a listing compares, read from the evidence once per finding rather than per comparison.
struct ListingKey {
  ShareUnits value;
  ShareUnits budget;
};

ListingKey listing_key(const Finding& f) {
  // Compared in exact units: shares that print alike must not order by floating-point noise.
  const auto units = [](double share) { return share < 0 ? ShareUnits{-1} : to_share_units(share); };
  return {units(share_of(f, {"value_at_risk", "critical_share"})), units(share_of(f, {"budget_share"}))};
}

bool listed_before(const Finding& a, const ListingKey& ka, const Finding& b, const ListingKey& kb) {
  if (a.severity != b.severity) return a.severity > b.severity;
  if (ka.value != kb.value) return ka.value > kb.value;
  if (ka.budget != kb.budget) return ka.budget > kb.budget;
  if (a.target != b.target) return a.target < b.target;
  if (a.rule != b.rule) return a.rule < b.rule;
  if (a.discriminator != b.discriminator) return a.discriminator < b.discriminator;
  return a.loc < b.loc;
}

}  // namespace

bool listed_before(const Finding& a, const Finding& b) { return listed_before(a, listing_key(a), b, listing_key(b)); }

void sort_for_listing(std::vector<Finding>& findings) {
  std::vector<ListingKey> keys;
  keys.reserve(findings.size());
  for (const Finding& f : findings) keys.push_back(listing_key(f));
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return listed_before(findings[a], keys[a], findings[b], keys[b]);
  });
  // Apply the order in place, cycle by cycle: a sorted copy would hold every finding twice at the
  // moment the scan's memory peaks.
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    Finding held = std::move(findings[start]);
    std::size_t to = start;
    while (order[to] != start) {
      const std::size_t from = order[to];
      findings[to] = std::move(findings[from]);
      order[to] = to;
      to = from;
    }
    findings[to] = std::move(held);
    order[to] = to;
  }
}

std::string fingerprint(const Finding& finding) {
  // FNV-1a, 64 bits: stable across platforms and releases, unlike std::hash.
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&](std::string_view part) {
    for (unsigned char c : part) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xFF;  // separator, so ("ab","c") and ("a","bc") differ
    hash *= 1099511628211ull;
  };
  mix(finding.rule);
  mix(finding.target);
  mix(finding.discriminator);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
  return out;
}

namespace {

/// Every evidence name in use, by index; index 0 is the empty name. Names are only ever added, so an
/// index read from an existing key always finds its name.
struct EvidenceNames {
  static constexpr std::size_t kMax = 4096;
  std::mutex mutex;
  std::unordered_map<std::string_view, std::uint16_t> index_of;
  std::deque<std::string> storage;  // deque: the names never move
  std::array<std::string_view, kMax> names{};
  std::size_t count = 1;
};

EvidenceNames& evidence_names() {
  static EvidenceNames table;
  return table;
}

}  // namespace

EvidenceKey::EvidenceKey(std::string_view name) {
  if (name.empty()) return;
  EvidenceNames& table = evidence_names();
  // Each thread remembers where it last found a name of the same hash, so the lock is taken about
  // once per name and thread, not once per evidence value.
  thread_local std::array<std::uint16_t, 256> recent{};
  const std::size_t slot = std::hash<std::string_view>{}(name) % recent.size();
  if (recent[slot] != 0 && table.names[recent[slot]] == name) {
    index_ = recent[slot];
    return;
  }
  const std::lock_guard<std::mutex> lock(table.mutex);
  if (const auto it = table.index_of.find(name); it != table.index_of.end()) {
    index_ = it->second;
  } else {
    if (table.count == EvidenceNames::kMax) throw std::length_error("more than 4095 evidence names");
    const std::string_view stored = table.storage.emplace_back(name);
    index_ = static_cast<std::uint16_t>(table.count++);
    table.names[index_] = stored;
    table.index_of.emplace(stored, index_);
  }
  recent[slot] = index_;
}

std::string_view EvidenceKey::name() const { return evidence_names().names[index_]; }

const Evidence* find_evidence(const Finding& finding, std::string_view key) {
  for (const Evidence& e : finding.evidence) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

Evidence evidence_number(std::string_view key, Unit unit, double value) {
  return {.number = value, .items = {}, .key = key, .unit = unit};
}
Evidence evidence_text(std::string_view key, std::string_view value) {
  return {.number = 0, .items = {value}, .key = key, .unit = Unit::Text};
}
Evidence evidence_list(std::string_view key, std::vector<std::string> items) {
  return {.number = 0, .items = std::move(items), .key = key, .unit = Unit::List};
}
Evidence evidence_date(std::string_view key, const Date& date) {
  return {.number = 0, .items = {to_string(date)}, .key = key, .unit = Unit::Date};
}
Evidence evidence_unknown(std::string_view key, Unit unit, std::string missing) {
  return {.number = 0, .items = {std::move(missing)}, .key = key, .unit = unit, .known = false};
}
Evidence evidence_cost(std::string_view key, const std::optional<double>& amount) {
  return amount ? evidence_number(key, Unit::Money, *amount)
                : evidence_unknown(key, Unit::Money, std::string(kNoEngineerWeekCost));
}

}  // namespace sovaudit
