// Accepted risks, counts and the gate.
#include "sovaudit/verdict.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "acceptances.hpp"

namespace sovaudit {
namespace {

bool trips(Severity severity, FailOn fail_on) {
  switch (fail_on) {
    case FailOn::None:
      return false;
    case FailOn::Advisory:
      return true;
    case FailOn::Material:
      return severity >= Severity::Material;
    case FailOn::Existential:
      break;
  }
  return severity == Severity::Existential;
}

}  // namespace

bool trips_gate(const Finding& f, FailOn fail_on) { return !f.accepted && !f.baselined && trips(f.severity, fail_on); }

std::string_view to_string(FailOn f) {
  switch (f) {
    case FailOn::Material:
      return "material";
    case FailOn::Advisory:
      return "advisory";
    case FailOn::None:
      return "none";
    case FailOn::Existential:
      break;
  }
  return "existential";
}

std::optional<FailOn> parse_fail_on(std::string_view text) {
  for (FailOn f : {FailOn::Existential, FailOn::Material, FailOn::Advisory, FailOn::None}) {
    if (to_string(f) == text) return f;
  }
  return std::nullopt;
}

Verdict judge(std::vector<Finding> findings, const Inventory& inventory, const Date& as_of, FailOn fail_on,
              const JudgeOptions& options) {
  Verdict v;
  v.fail_on = fail_on;
  v.expiring_within_days = options.expiring_within_days;
  v.warnings = verdict::apply_acceptances(findings, inventory, as_of);
  v.has_baseline = options.has_baseline;
  std::unordered_set<std::string_view> seen;  // baseline fingerprints matched by a finding
  for (Finding& f : findings) {
    f.baseline_state = BaselineState::None;
    if (options.has_baseline) {
      const std::string print = fingerprint(f);
      const auto known = options.baseline.find(print);
      if (known == options.baseline.end()) {
        f.baseline_state = BaselineState::New;
      } else {
        seen.insert(known->first);
        f.baseline_severity = known->second.severity;
        f.baseline_state = f.severity == f.baseline_severity ? BaselineState::Unchanged : BaselineState::Updated;
      }
    }
    // Held back only at the severity the baseline knew: a rise from material to existential is news.
    f.baselined = f.baseline_state != BaselineState::None && f.baseline_state != BaselineState::New &&
                  !f.accepted && f.severity <= f.baseline_severity;
    if (f.accepted) {
      ++v.counts.accepted;
      continue;
    }
    switch (f.severity) {
      case Severity::Existential:
        ++v.counts.existential;
        break;
      case Severity::Material:
        ++v.counts.material;
        break;
      case Severity::Advisory:
        ++v.counts.advisory;
        break;
    }
    if (f.baselined) {
      ++v.counts.baselined;
      continue;
    }
    if (escalated(f)) ++v.counts.escalated;
    if (f.severity == Severity::Existential) ++v.counts.existential_for_gate;
    v.gate_failed = v.gate_failed || trips(f.severity, fail_on);
  }
  const std::int64_t today = days_since_epoch(as_of);
  for (std::size_t i = 0; i < inventory.accepted_risks.size(); ++i) {
    const std::int64_t left = days_since_epoch(inventory.accepted_risks[i].expires.value) - today;
    if (left >= 0 && left <= options.expiring_within_days) v.expiring.push_back(i);
  }
  std::stable_sort(v.expiring.begin(), v.expiring.end(), [&](std::size_t a, std::size_t b) {
    return inventory.accepted_risks[a].expires.value < inventory.accepted_risks[b].expires.value;
  });
  for (const auto& [print, entry] : options.baseline) {
    if (!seen.contains(print)) v.absent.emplace_back(print, entry);
  }
  std::sort(v.absent.begin(), v.absent.end(), [](const auto& a, const auto& b) {
    if (a.second.severity != b.second.severity) return a.second.severity > b.second.severity;
    if (a.second.rule != b.second.rule) return a.second.rule < b.second.rule;
    if (a.second.target != b.second.target) return a.second.target < b.second.target;
    return a.first < b.first;
  });
  v.findings = std::move(findings);
  return v;
}

}  // namespace sovaudit
