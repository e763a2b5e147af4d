// compare_reviews(): entries, classifications, money at stake and findings, OLD against NEW.
#include "sovaudit/changes.hpp"

#include "change_fields.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_map>

#include "sovaudit/geo.hpp"

namespace sovaudit {
namespace {

using changes::entry_changes;

/// What one side says about each provider and jurisdiction.
struct Standing {
  Classification classification = Classification::Acceptable;
  double value_at_risk = 0;
  double added_cost = 0;
};

using Standings = std::map<std::pair<std::string, std::string>, Standing>;

Standings standings(const ReviewState& s) {
  Standings out;
  for (const ProviderResult& p : s.analysis.providers) {
    out[{"provider", s.inventory.providers[p.provider].id.value.str()}] =
        Standing{p.classification, p.departure.value_at_risk.likely, p.price_shock.added_annual_cost};
  }
  for (const GroupResult& g : s.analysis.groups) {
    if (!g.named_by_parent) continue;  // a provider alone is its own group: its row above says it all
    double added = 0;
    for (const NodeIndex p : g.providers) added += s.analysis.providers[p].price_shock.direct_added_cost;
    out[{"group", g.name}] = Standing{g.classification, g.departure.value_at_risk.likely, added};
  }
  for (const JurisdictionResult& j : s.analysis.jurisdictions) {
    double added = 0;
    for (const NodeIndex p : j.providers) added += s.analysis.providers[p].price_shock.direct_added_cost;
    out[{"jurisdiction", j.code}] = Standing{j.classification, j.value_at_risk, added};
  }
  return out;
}

/// Findings by fingerprint; the first of equal fingerprints wins, as in SARIF.
std::unordered_map<std::string, const Finding*> by_fingerprint(const Verdict& v) {
  std::unordered_map<std::string, const Finding*> out;
  for (const Finding& f : v.findings) out.try_emplace(fingerprint(f), &f);
  return out;
}

bool close(double a, double b) { return std::abs(a - b) < 1e-9; }

/// The mechanism a flow records for each destination it names, and "default" for the rest.
std::map<std::string, TransferMechanism> mechanisms_of(const DataFlow& flow) {
  std::map<std::string, TransferMechanism> out{{"default", flow.transfer_mechanism.value}};
  for (const auto& entry : flow.transfer_mechanisms) out[entry.jurisdiction.value] = entry.value.value;
  return out;
}

/// Per flow in both inventories, every destination whose mechanism differs. A destination named on
/// one side only is compared with that side's default.
std::vector<MechanismChange> mechanism_changes(const Inventory& before, const Inventory& after,
                                               const Analysis& after_analysis) {
  // Per flow of NEW, the entries (a destination key or "default") that govern a destination outside
  // its allowed area that has no mechanism.
  std::vector<std::vector<std::string>> uncovered(after.data_flows.size());
  for (const FlowResult& r : after_analysis.flows) {
    const DataFlow& flow = after.data_flows[r.flow];
    for (const Destination& d : r.outside) {
      if (d.mechanism != TransferMechanism::None) continue;
      const auto* entry = entry_for(flow.transfer_mechanisms, d.region, group_contains);
      uncovered[r.flow].push_back(entry ? entry->jurisdiction.value : std::string("default"));
    }
  }
  std::unordered_map<std::string_view, const DataFlow*> old_by_id;
  for (const DataFlow& f : before.data_flows) old_by_id.try_emplace(f.id.value, &f);
  std::vector<MechanismChange> out;
  for (std::size_t index = 0; index < after.data_flows.size(); ++index) {
    const DataFlow& flow = after.data_flows[index];
    const auto old = old_by_id.find(flow.id.value);
    if (old == old_by_id.end()) continue;
    const auto was = mechanisms_of(*old->second);
    const auto now = mechanisms_of(flow);
    std::map<std::string, std::pair<TransferMechanism, TransferMechanism>> both;
    for (const auto& [where, m] : was) both[where] = {m, now.contains(where) ? now.at(where) : now.at("default")};
    for (const auto& [where, m] : now) both.try_emplace(where, was.contains(where) ? was.at(where) : was.at("default"), m);
    for (const auto& [where, pair] : both) {
      if (pair.first == pair.second) continue;
      const auto& open = uncovered[index];
      out.push_back({flow.id.value.str(), where, pair.first, pair.second, std::find(open.begin(), open.end(), where) != open.end()});
    }
  }
  return out;
}

/// The policy as both sides apply it, key by key, as evidence values.
std::vector<Evidence> policy_values(const Analysis& a) {
  const EffectivePolicy& p = a.policy;
  const auto optional_money = [](std::string_view key, const std::optional<double>& v) {
    return v ? evidence_number(key, Unit::Money, *v) : evidence_text(key, "not set");
  };
  return {
      evidence_number("build_threshold", Unit::Number, p.build_threshold),
      evidence_number("notice_months", Unit::Months, p.notice_months),
      evidence_number("price_multiplier", Unit::Number, p.price_multiplier),
      evidence_number("horizon_months", Unit::Months, p.horizon_months),
      evidence_number("existential_value_share", Unit::Share, p.existential_value_share),
      evidence_number("material_value_share", Unit::Share, p.material_value_share),
      evidence_number("existential_budget_share", Unit::Share, p.existential_budget_share),
      evidence_number("material_budget_share", Unit::Share, p.material_budget_share),
      evidence_number("drill_max_age_months", Unit::Months, p.drill_max_age_months),
      evidence_number("min_outage_days", Unit::Number, p.min_outage_days),
      optional_money("annual_ai_budget", p.annual_ai_budget),
      optional_money("engineer_week_cost", p.engineer_week_cost),
      evidence_list("trusted_jurisdictions", a.trusted),
  };
}

std::vector<std::string> jurisdiction_severities(const Inventory& inventory) {
  std::vector<std::string> out;
  for (const auto& entry : inventory.policy.jurisdiction_severity) {
    out.push_back(entry.jurisdiction.value + ": " + std::string(to_string(static_cast<Severity>(entry.value.value))));
  }
  return out;
}

bool same_value(const Evidence& a, const Evidence& b) {
  return a.unit == b.unit && a.items == b.items && (a.unit == Unit::Text || a.unit == Unit::List || a.unit == Unit::Alternatives || close(a.number, b.number));
}

std::vector<PolicyChange> policy_changes(const ReviewState& before, const ReviewState& after) {
  std::vector<Evidence> was = policy_values(before.analysis);
  std::vector<Evidence> now = policy_values(after.analysis);
  was.push_back(evidence_list("jurisdiction_severity", jurisdiction_severities(before.inventory)));
  now.push_back(evidence_list("jurisdiction_severity", jurisdiction_severities(after.inventory)));
  std::vector<PolicyChange> out;
  for (std::size_t i = 0; i < was.size(); ++i) {
    if (!same_value(was[i], now[i])) out.push_back({std::move(was[i]), std::move(now[i])});
  }
  return out;
}

}  // namespace

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Added:
      return "added";
    case ChangeKind::Removed:
      return "removed";
    case ChangeKind::Changed:
      break;
  }
  return "changed";
}

std::size_t Changes::new_severe_findings() const {
  return static_cast<std::size_t>(std::count_if(new_findings.begin(), new_findings.end(), [](const FindingChange& c) {
    return c.finding.severity >= Severity::Material;
  }));
}

std::size_t Changes::severity_rises() const {
  return static_cast<std::size_t>(std::count_if(severity_changes.begin(), severity_changes.end(), [](const FindingChange& c) {
    return !c.finding.accepted && c.before && c.finding.severity > *c.before;
  }));
}

std::size_t Changes::dropped_mechanisms() const {
  return static_cast<std::size_t>(
      std::count_if(mechanisms.begin(), mechanisms.end(), [](const MechanismChange& m) { return m.dropped(); }));
}

std::size_t Changes::worse_classifications() const {
  return static_cast<std::size_t>(std::count_if(classifications.begin(), classifications.end(),
                                                [](const ClassificationChange& c) { return c.worse(); }));
}

namespace {

std::vector<DatedChange> dated_changes(const ReviewState& before, const ReviewState& after) {
  using Key = std::tuple<DatedKind, std::string, std::string>;
  std::map<Key, std::pair<std::optional<Date>, std::optional<Date>>> dates;
  for (const DatedDeparture& d : before.analysis.dated_departures) {
    dates[{d.kind, before.inventory.providers[d.provider].id.value.str(), d.model}].first = d.date;
  }
  for (const DatedDeparture& d : after.analysis.dated_departures) {
    dates[{d.kind, after.inventory.providers[d.provider].id.value.str(), d.model}].second = d.date;
  }
  std::vector<DatedChange> out;
  for (const auto& [key, was_now] : dates) {
    if (was_now.first == was_now.second) continue;
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), was_now.first, was_now.second});
  }
  return out;
}

}  // namespace

bool Changes::regressed() const {
  return new_severe_findings() + severity_rises() + worse_classifications() + dropped_mechanisms() +
             lapsed_acceptances.size() > 0;
}

bool Changes::empty() const {
  return providers.empty() && capabilities.empty() && data_flows.empty() && accepted_risks.empty() &&
         mechanisms.empty() && policy.empty() && dates.empty() && classifications.empty() && exposures.empty() && new_findings.empty() &&
         resolved_findings.empty() && severity_changes.empty() && lapsed_acceptances.empty();
}

Changes compare_reviews(const ReviewState& before, const ReviewState& after) {
  Changes c;
  c.old_path = before.inventory.path;
  c.new_path = after.inventory.path;
  c.figures_before = plan_figures(before.inventory, before.analysis, before.verdict);
  c.figures_after = plan_figures(after.inventory, after.analysis, after.verdict);
  c.providers = entry_changes(before.inventory.providers, after.inventory.providers);
  c.capabilities = entry_changes(before.inventory.capabilities, after.inventory.capabilities);
  c.data_flows = entry_changes(before.inventory.data_flows, after.inventory.data_flows);
  c.accepted_risks = entry_changes(before.inventory.accepted_risks, after.inventory.accepted_risks);
  c.mechanisms = mechanism_changes(before.inventory, after.inventory, after.analysis);
  c.policy = policy_changes(before, after);
  c.dates = dated_changes(before, after);

  const Standings old_standing = standings(before);
  Standings new_standing = standings(after);
  for (const auto& [key, standing] : old_standing) new_standing.try_emplace(key, Standing{});
  for (const auto& [key, now] : new_standing) {
    const auto old = old_standing.find(key);
    const Standing was = old == old_standing.end() ? Standing{} : old->second;
    if (was.classification != now.classification) {
      c.classifications.push_back({key.first, key.second, was.classification, now.classification});
    }
    if (!close(was.value_at_risk, now.value_at_risk) || !close(was.added_cost, now.added_cost)) {
      c.exposures.push_back({key.first, key.second, was.value_at_risk, now.value_at_risk, was.added_cost, now.added_cost});
    }
  }

  const auto old_findings = by_fingerprint(before.verdict);
  const auto new_findings = by_fingerprint(after.verdict);
  for (const Finding& f : after.verdict.findings) {
    // A lapsed acceptance whose risk is still there is a regression however long ago it lapsed.
    if (f.rule == "SOV-ACCEPTANCE-EXPIRED" && !f.accepted) c.lapsed_acceptances.push_back({f, std::nullopt});
    const auto old = old_findings.find(fingerprint(f));
    if (old == old_findings.end()) {
      if (!f.accepted) c.new_findings.push_back({f, std::nullopt});
    } else if (old->second->severity != f.severity && new_findings.at(fingerprint(f)) == &f) {
      c.severity_changes.push_back({f, old->second->severity});
    }
  }
  for (const Finding& f : before.verdict.findings) {
    if (!new_findings.contains(fingerprint(f)) && old_findings.at(fingerprint(f)) == &f) {
      c.resolved_findings.push_back({f, std::nullopt});
    }
  }
  return c;
}

}  // namespace sovaudit
