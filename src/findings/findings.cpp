// Severity names and evidence helpers.
#include "sovaudit/findings.hpp"

#include <algorithm>
#include <initializer_list>
#include <span>

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

const Evidence* find_evidence(const Finding& finding, std::string_view key) {
  for (const Evidence& e : finding.evidence) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

Evidence evidence_number(std::string_view key, Unit unit, double value) { return {key, value, {}, unit}; }
Evidence evidence_text(std::string_view key, std::string value) { return {key, 0, {std::move(value)}, Unit::Text}; }
Evidence evidence_list(std::string_view key, std::vector<std::string> items) {
  return {key, 0, std::move(items), Unit::List};
}
Evidence evidence_date(std::string_view key, const Date& date) { return {key, 0, {to_string(date)}, Unit::Date}; }
Evidence evidence_unknown(std::string_view key, Unit unit, std::string missing) {
  return {key, 0, {std::move(missing)}, unit, false};
}
Evidence evidence_cost(std::string_view key, const std::optional<double>& amount) {
  return amount ? evidence_number(key, Unit::Money, *amount)
                : evidence_unknown(key, Unit::Money, std::string(kNoEngineerWeekCost));
}

}  // namespace sovaudit
