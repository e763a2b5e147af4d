// compare_reviews(): entries, classifications, money at stake and findings, OLD against NEW.
#include "sovaudit/changes.hpp"

#include <cmath>
#include <map>
#include <unordered_map>

namespace sovaudit {
namespace {

template <class T>
bool same(const Located<T>& a, const Located<T>& b) {
  return a.present == b.present && a.value == b.value;
}

bool same(const Located<WeeksRange>& a, const Located<WeeksRange>& b) {
  return a.present == b.present && a.value.low == b.value.low && a.value.likely == b.value.likely &&
         a.value.high == b.value.high;
}

template <class T>
bool same(const std::vector<Located<T>>& a, const std::vector<Located<T>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].value != b[i].value) return false;
  }
  return true;
}

bool same(const Boxed<UltimateParent>& a, const Boxed<UltimateParent>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (same(a->name, b->name) && same(a->hq, b->hq));
}

bool same(const Boxed<ExitPlan>& a, const Boxed<ExitPlan>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (same(a->exists, b->exists) && same(a->tested, b->tested) && same(a->document, b->document));
}

bool same(const std::vector<UpstreamLink>& a, const std::vector<UpstreamLink>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i].provider, b[i].provider) || !same(a[i].role, b[i].role) ||
        !same(a[i].price_passthrough, b[i].price_passthrough)) {
      return false;
    }
  }
  return true;
}

bool same(const ProviderUse& a, const ProviderUse& b) {
  return same(a.provider, b.provider) && same(a.integration, b.integration) && same(a.features, b.features) &&
         same(a.tested, b.tested) && same(a.regions.list(), b.regions.list());
}

bool same(const std::vector<Need>& a, const std::vector<Need>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i].slot, b[i].slot) || a[i].primary.has_value() != b[i].primary.has_value() ||
        (a[i].primary && !same(*a[i].primary, *b[i].primary)) || a[i].fallbacks.size() != b[i].fallbacks.size()) {
      return false;
    }
    for (std::size_t f = 0; f < a[i].fallbacks.size(); ++f) {
      if (!same(a[i].fallbacks[f], b[i].fallbacks[f])) return false;
    }
  }
  return true;
}

bool same(const std::optional<Criteria>& a, const std::optional<Criteria>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (same(a->differentiating, b->differentiating) && same(a->proprietary_data, b->proprietary_data) &&
                same(a->compliance, b->compliance) && same(a->stable, b->stable));
}

/// The inventory keys whose values differ, in the order the inventory reference lists them.
std::vector<std::string> changed_fields(const Provider& a, const Provider& b) {
  std::vector<std::string> fields;
  const auto check = [&](bool equal, const char* name) {
    if (!equal) fields.emplace_back(name);
  };
  check(same(a.name, b.name), "name");
  check(same(a.kind, b.kind), "kind");
  check(same(a.hq, b.hq), "hq");
  check(same(a.ultimate_parent, b.ultimate_parent), "ultimate_parent");
  check(same(a.regions, b.regions), "regions");
  check(same(a.annual_spend, b.annual_spend), "annual_spend");
  check(same(a.notice_months, b.notice_months), "notice_months");
  check(same(a.open_weights, b.open_weights), "open_weights");
  check(same(a.substitutability, b.substitutability), "substitutability");
  check(same(a.sovereign, b.sovereign), "sovereign");
  check(same(a.exit_plan, b.exit_plan), "exit_plan");
  check(same(a.upstream, b.upstream), "upstream");
  check(same(a.operated_by, b.operated_by), "operated_by");
  check(same(a.air_gapped, b.air_gapped), "air_gapped");
  return fields;
}

std::vector<std::string> changed_fields(const Capability& a, const Capability& b) {
  std::vector<std::string> fields;
  const auto check = [&](bool equal, const char* name) {
    if (!equal) fields.emplace_back(name);
  };
  check(same(a.name, b.name), "name");
  check(same(a.value_share, b.value_share), "value_share");
  check(same(a.sourcing, b.sourcing), "sourcing");
  check(same(a.criteria, b.criteria), "criteria");
  check(same(a.required_capabilities, b.required_capabilities), "requires");
  check(same(a.needs, b.needs), "needs");
  check(same(a.migration_weeks, b.migration_weeks), "migration_weeks");
  check(same(a.build_weeks, b.build_weeks), "build_weeks");
  check(same(a.engineers, b.engineers), "engineers");
  check(same(a.evals, b.evals), "evals");
  return fields;
}

/// Added, removed and changed entries by id: NEW's order first, then the removed ones in OLD's order.
template <class Entry>
std::vector<EntryChange> entry_changes(const EntryList<Entry>& before, const EntryList<Entry>& after) {
  std::unordered_map<std::string_view, const Entry*> old_by_id;
  for (const Entry& e : before) old_by_id.try_emplace(e.id.value, &e);
  std::unordered_map<std::string_view, bool> in_new;
  std::vector<EntryChange> out;
  for (const Entry& e : after) {
    if (!in_new.try_emplace(e.id.value, true).second) continue;
    const auto old = old_by_id.find(e.id.value);
    if (old == old_by_id.end()) {
      out.push_back({ChangeKind::Added, e.id.value, {}});
    } else if (auto fields = changed_fields(*old->second, e); !fields.empty()) {
      out.push_back({ChangeKind::Changed, e.id.value, std::move(fields)});
    }
  }
  for (const Entry& e : before) {
    if (!in_new.contains(e.id.value) && old_by_id.at(e.id.value) == &e) out.push_back({ChangeKind::Removed, e.id.value, {}});
  }
  return out;
}

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
    out[{"provider", s.inventory.providers[p.provider].id.value}] =
        Standing{p.classification, p.departure.value_at_risk.likely, p.price_shock.added_annual_cost};
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

bool Changes::regressed() const {
  for (const FindingChange& c : new_findings) {
    if (c.finding.severity >= Severity::Material) return true;
  }
  for (const FindingChange& c : severity_changes) {
    if (!c.finding.accepted && c.finding.severity >= Severity::Material && c.before && c.finding.severity > *c.before) {
      return true;
    }
  }
  for (const ClassificationChange& c : classifications) {
    if (c.worse()) return true;
  }
  return false;
}

bool Changes::empty() const {
  return providers.empty() && capabilities.empty() && classifications.empty() && exposures.empty() &&
         new_findings.empty() && resolved_findings.empty() && severity_changes.empty();
}

Changes compare_reviews(const ReviewState& before, const ReviewState& after) {
  Changes c;
  c.old_path = before.inventory.path;
  c.new_path = after.inventory.path;
  c.providers = entry_changes(before.inventory.providers, after.inventory.providers);
  c.capabilities = entry_changes(before.inventory.capabilities, after.inventory.capabilities);

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
