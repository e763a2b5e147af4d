// Accepted risks applied to findings: matching by rule and target, narrowing by flows,
// capabilities and providers, and what an acceptance that covers nothing says.
#include "acceptances.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "sovaudit/text.hpp"
#include "sovaudit/verdict.hpp"

namespace sovaudit::verdict {
namespace {

std::string key_of(std::string_view rule, std::string_view target) {
  std::string k(rule);
  k += '\0';
  k += target;
  return k;
}

/// The first list of `risk` that leaves part of `f` uncovered, with what it leaves out.
struct Gap {
  ScopeKind kind = ScopeKind::Flows;
  SourceLoc loc;
  std::vector<std::string> missing;
};

std::optional<Gap> first_gap(const AcceptedRisk& risk, const Finding& f) {
  for (const AcceptanceScope& scope : scopes_of(risk)) {
    if (scope.ids->empty()) continue;
    Gap gap{scope.kind, scope.loc, {}};
    for (const std::string& id : concerned_ids(f, scope.kind)) {
      const bool listed = std::any_of(scope.ids->begin(), scope.ids->end(),
                                      [&](const Located<std::string>& l) { return l.value == id; });
      if (!listed) gap.missing.push_back(id);
    }
    if (!gap.missing.empty()) return gap;
  }
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + quote(id);
  return out;
}

}  // namespace

Diagnostics apply_acceptances(std::vector<Finding>& findings, const Inventory& inventory, const Date& as_of) {
  Diagnostics warnings;
  for (Finding& f : findings) {  // judged afresh, even when judged before
    f.accepted = false;
    f.acceptance.reset();
  }
  const auto& risks = inventory.accepted_risks;
  if (risks.empty()) return warnings;
  std::vector<bool> used(risks.size(), false);
  std::vector<bool> gap_reported(risks.size(), false);
  // Acceptances by rule and target, in file order: a lookup per finding instead of a scan of all.
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < risks.size(); ++i) by_key[key_of(risks[i].rule.value, risks[i].target.value)].push_back(i);
  for (Finding& f : findings) {
    const auto match = by_key.find(key_of(f.rule, f.target));
    if (match == by_key.end()) continue;
    for (const std::size_t i : match->second) {
      const AcceptedRisk& risk = risks[i];
      used[i] = true;
      if (!(as_of <= risk.expires.value)) continue;
      if (const auto gap = first_gap(risk, f)) {
        if (!gap_reported[i]) {
          gap_reported[i] = true;
          const std::string_view kind = to_string(gap->kind);
          warnings.warning(gap->loc,
                           "accepted risk for " + risk.rule.value + " on " + quote(risk.target.value) +
                               " does not list " + std::string(kind) + " " + joined(gap->missing) +
                               ", which its finding also concerns, so the finding stays open; assess them and add "
                               "them to '" + std::string(kind) + "', or leave the finding open",
                           static_cast<std::uint32_t>(kind.size()));
        }
        continue;
      }
      f.accepted = true;
      f.acceptance = static_cast<std::uint32_t>(i);  // 4 billion acceptances would not fit in memory
      break;
    }
  }
  // An expired acceptance that matches nothing: a warning replaces its SOV-ACCEPTANCE-EXPIRED finding.
  std::unordered_set<std::string> stale;  // target '\0' rule, as that finding carries them
  for (std::size_t i = 0; i < risks.size(); ++i) {
    const AcceptedRisk& risk = risks[i];
    if (used[i]) continue;
    const bool expired = !(as_of <= risk.expires.value);
    if (expired) stale.insert(key_of(risk.target.value, risk.rule.value));
    warnings.warning(risk.rule.loc,
                     "accepted risk for " + risk.rule.value + " on " + quote(risk.target.value) +
                         (expired ? " expired on " + to_string(risk.expires.value) + " and" : std::string()) +
                         " matches no finding; remove it or check the rule and target",
                     static_cast<std::uint32_t>(risk.rule.value.size()));
  }
  if (!stale.empty()) {
    std::erase_if(findings, [&](const Finding& f) {
      return f.rule == "SOV-ACCEPTANCE-EXPIRED" && stale.contains(key_of(f.target, f.discriminator));
    });
  }
  return warnings;
}

}  // namespace sovaudit::verdict
