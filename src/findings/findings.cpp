// Severity names and evidence helpers.
#include "sovaudit/findings.hpp"

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
