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

const Evidence* find_evidence(const Finding& finding, std::string_view key) {
  for (const Evidence& e : finding.evidence) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

Evidence evidence_number(std::string key, Unit unit, double value) { return {std::move(key), unit, value, {}}; }
Evidence evidence_text(std::string key, std::string value) { return {std::move(key), Unit::Text, 0, {std::move(value)}}; }
Evidence evidence_list(std::string key, std::vector<std::string> items) {
  return {std::move(key), Unit::List, 0, std::move(items)};
}
Evidence evidence_date(std::string key, const Date& date) { return {std::move(key), Unit::Date, 0, {to_string(date)}}; }

}  // namespace sovaudit
