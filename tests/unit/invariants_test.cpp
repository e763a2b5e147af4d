// Invariants where exact numbers are not the point: order does not matter, fallbacks never hurt,
// shares stay within [0, 1]. Run on the shipped examples and on seeded random inventories.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "scenario.hpp"

using namespace sovaudit;

namespace {

std::vector<std::string> example_texts() {
  std::vector<std::string> out;
  for (const char* name : {"eu-health-tech", "fintech", "public-sector"}) {
    out.push_back(test::read_repo_file(std::string("examples/") + name + ".yaml"));
  }
  return out;
}

/// A random but valid inventory: upstream chains and requires only point backwards (no cycles),
/// with diamonds (several upstreams reaching one provider), several fallbacks per slot, requires
/// chains, shared parents (groups), price locks and caps, and value shares that meet thresholds
/// exactly in some orders only (0.05 + 0.18 + 0.02).
std::string random_inventory(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* countries[] = {"DE", "FR", "US", "CN", "GB", "NL"};
  const char* roles[] = {"model", "weights", "hosting", "compute", "storage", "other"};
  const char* integrations[] = {"abstraction-layer", "sdk", "deep"};
  const char* parents[] = {"Alpha Corp", "Beta Holdings", "Gamma AG"};
  const char* dates[] = {"2026-10-01", "2025-11-22", "2024-01-01", "2026-12-24"};
  const double shares[] = {0.05, 0.18, 0.02, 0.1, 0.0, 0.03};
  const int providers = 3 + pick(8);
  const int capabilities = 2 + pick(6);
  std::ostringstream y;
  y << "sovaudit: 1\norganization: {name: R, jurisdiction: DE, trusted_jurisdictions: [EU]";
  if (pick(4) != 0) y << ", engineer_week_cost: " << 1000 + pick(5000);
  if (pick(3) != 0) y << ", annual_ai_budget: " << 50000 + pick(400000);
  y << "}\npolicy: {drill_max_age_months: 12, notice_months: " << pick(4) << "}\nproviders:\n";
  for (int p = 0; p < providers; ++p) {
    y << "  - {id: p" << p << ", hq: " << countries[pick(6)] << ", regions: [" << countries[pick(6)]
      << "], annual_spend: " << pick(100) * 1000 << ", open_weights: " << (pick(3) == 0 ? "true" : "false");
    if (pick(3) == 0) y << ", ultimate_parent: {name: " << parents[pick(3)] << ", hq: " << countries[pick(6)] << "}";
    if (pick(5) == 0) y << ", notice_months: " << pick(13);
    if (pick(6) == 0) y << ", price_locked_until: " << (pick(2) ? "2027-06-30" : "2029-01-01");
    if (pick(6) == 0) y << ", max_price_increase: " << pick(5) / 10.0;
    if (p > 0 && pick(3) != 0) {
      y << ", upstream: [";
      const int links = 1 + pick(std::min(p, 3));
      std::vector<int> used;
      for (int l = 0; l < links; ++l) {
        const int target = pick(p);
        if (std::find(used.begin(), used.end(), target) != used.end()) continue;
        used.push_back(target);
        y << (used.size() > 1 ? ", " : "") << "{provider: p" << target << ", role: " << roles[pick(6)];
        if (pick(2) == 0) y << ", price_passthrough: " << pick(11) / 10.0;
        y << "}";
      }
      y << "]";
    }
    y << "}\n";
  }
  y << "capabilities:\n";
  std::vector<int> first_primary(static_cast<std::size_t>(capabilities));
  for (int c = 0; c < capabilities; ++c) {
    // At most 0.18 each and at most 7 capabilities keeps the sum at or below 1.
    y << "  - id: c" << c << "\n    value_share: " << shares[pick(6)] << "\n    evals: " << (pick(2) ? "true" : "false")
      << "\n    engineers: " << 1 + pick(3) << "\n    sourcing: " << (pick(2) ? "buy" : "build") << "\n";
    if (pick(4) != 0) {
      y << "    criteria: {differentiating: " << (pick(2) ? "true" : "false")
        << ", proprietary_data: " << (pick(2) ? "true" : "false") << ", stable: " << (pick(2) ? "true" : "false") << "}\n";
    }
    if (pick(4) == 0) y << "    migration_weeks: {low: 2, likely: " << 4 + pick(10) << ", high: 30}\n";
    if (c > 0 && pick(2) == 0) {
      y << "    requires: [c" << pick(c);
      if (c > 1 && pick(2) == 0) y << ", c" << pick(c);
      y << "]\n";
    }
    y << "    needs:\n";
    const int slots = 1 + pick(2);
    for (int s = 0; s < slots; ++s) {
      const int primary = pick(providers);
      if (s == 0) first_primary[static_cast<std::size_t>(c)] = primary;
      y << "      - slot: s" << s << "\n        primary: {provider: p" << primary << ", integration: "
        << integrations[pick(3)] << (pick(4) == 0 ? ", features: [fine-tuning, embeddings]" : "") << "}\n";
      const int fallbacks = pick(3);
      if (fallbacks > 0) {
        y << "        fallbacks: [";
        for (int f = 0; f < fallbacks; ++f) {
          const int fallback = (primary + 1 + pick(providers - 1)) % providers;
          y << (f ? ", " : "") << "{provider: p" << fallback << ", tested: " << dates[pick(4)] << "}";
        }
        y << "]\n";
      }
    }
  }
  y << "data_flows:\n";
  for (int c = 0; c < capabilities; ++c) {
    y << "  - {id: f" << c << ", capability: c" << c << ", provider: p" << first_primary[static_cast<std::size_t>(c)]
      << ", data: [personal]}\n";
  }
  return y.str();
}

/// A finding without its locations, with list evidence sorted, so order changes compare equal.
std::string content_of(const Finding& f) {
  std::ostringstream s;
  s << f.rule << '|' << static_cast<int>(f.severity) << '|' << f.target << '|' << f.accepted;
  std::vector<std::string> evidence;
  for (const Evidence& e : f.evidence) {
    std::vector<std::string> items = e.items.to_vector();
    std::sort(items.begin(), items.end());
    std::ostringstream one;
    one << e.key.name() << '=' << e.number;
    for (const auto& i : items) one << ',' << i;
    evidence.push_back(one.str());
  }
  std::sort(evidence.begin(), evidence.end());
  for (const auto& e : evidence) s << '|' << e;
  return s.str();
}

void put_estimate(std::map<std::string, double>& out, const std::string& id, const Estimate& e) {
  out[id + " low"] = e.low;
  out[id + " likely"] = e.likely;
  out[id + " high"] = e.high;
}

double or_minus_one(const std::optional<double>& v) { return v ? *v : -1; }

void put_departure(std::map<std::string, double>& out, const std::string& id, const DepartureResult& d) {
  put_estimate(out, id + " var", d.value_at_risk);
  put_estimate(out, id + " value-months", d.value_months_at_risk);
  put_estimate(out, id + " outage", d.outage_months);
  put_estimate(out, id + " elapsed", d.elapsed_weeks);
  put_estimate(out, id + " effort", d.effort_weeks);
  out[id + " cost"] = d.migration_cost ? d.migration_cost->likely : -1;
  out[id + " class"] = static_cast<double>(d.classification);
}

/// Every number and class of an analysis, keyed by entity id so that list order does not matter.
std::map<std::string, double> numbers(const Inventory& inv, const Analysis& analysis) {
  std::map<std::string, double> out;
  for (const ProviderResult& p : analysis.providers) {
    const std::string id = "provider " + inv.providers[p.provider].id.value;
    out[id + " exposure"] = p.exposure;
    out[id + " critical"] = p.critical_share;
    put_departure(out, id, p.departure);
    const PriceShockResult& s = p.price_shock;
    out[id + " added"] = s.added_annual_cost;
    out[id + " added in horizon"] = s.added_within_horizon;
    out[id + " budget share"] = or_minus_one(s.budget_share);
    out[id + " leaving"] = or_minus_one(s.cost_of_leaving);
    out[id + " break-even"] = or_minus_one(s.break_even_months);
    out[id + " recommendation"] = static_cast<double>(s.recommendation);
    out[id + " price class"] = static_cast<double>(s.classification);
    out[id + " class"] = static_cast<double>(p.classification);
  }
  for (const GroupResult& g : analysis.groups) {
    const std::string id = "group " + g.name;
    out[id + " critical"] = g.critical_share;
    out[id + " exposure"] = g.exposure;
    out[id + " spend share"] = g.spend_share;
    put_departure(out, id, g.departure);
    out[id + " class"] = static_cast<double>(g.classification);
  }
  for (const JurisdictionResult& j : analysis.jurisdictions) {
    out["jurisdiction " + j.code] = j.value_at_risk;
    out["jurisdiction class " + j.code] = static_cast<double>(j.classification);
  }
  for (const CapabilityResult& c : analysis.capabilities) {
    const std::string id = "capability " + inv.capabilities[c.capability].id.value;
    out[id + " score"] = c.assessed ? c.criteria_score : -1;
    out[id + " build"] = or_minus_one(c.build_cost);
    out[id + " buy"] = c.buy_spend_over_horizon;
    out[id + " data"] = static_cast<double>(c.data.status);
    out[id + " compute"] = static_cast<double>(c.compute.status);
    out[id + " model"] = static_cast<double>(c.model.status);
  }
  const Concentration& k = analysis.concentration;
  out["largest critical share"] = k.largest_critical_share;
  // The id's position among the sorted ids: the same whatever the list order.
  std::vector<std::string> ids;
  for (const Provider& p : inv.providers) ids.push_back(p.id.value.str());
  std::sort(ids.begin(), ids.end());
  out["largest provider"] =
      k.largest_provider
          ? static_cast<double>(std::lower_bound(ids.begin(), ids.end(), inv.providers[*k.largest_provider].id.value) -
                                ids.begin())
          : -1.0;
  out["hhi"] = k.hhi;
  out["group hhi"] = k.group_hhi;
  out["largest group share"] = k.largest_group_critical_share;
  out["spof value"] = k.value_with_single_point_of_failure;
  return out;
}

template <class List>
void shuffle(List& v, std::mt19937& rng) {
  std::shuffle(v.begin(), v.end(), rng);
}

/// Shuffles every list in the inventory in place.
void shuffle_everything(Inventory& inv, std::mt19937& rng) {
  shuffle(inv.organization.trusted_jurisdictions, rng);
  shuffle(inv.providers, rng);
  for (Provider& p : inv.providers) {
    shuffle(p.regions, rng);
    shuffle(p.upstream, rng);
  }
  shuffle(inv.capabilities, rng);
  for (Capability& c : inv.capabilities) {
    shuffle(c.required_capabilities, rng);
    shuffle(c.needs, rng);
    for (Need& n : c.needs) shuffle(n.fallbacks, rng);
  }
  shuffle(inv.data_flows, rng);
  for (DataFlow& f : inv.data_flows) {
    shuffle(f.data, rng);
    shuffle(f.allowed, rng);
  }
  shuffle(inv.accepted_risks, rng);
}

std::vector<std::string> fingerprints(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(content_of(f));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> all_inventories(unsigned random_count) {
  std::vector<std::string> all = example_texts();
  for (unsigned seed = 1; seed <= random_count; ++seed) all.push_back(random_inventory(seed));
  return all;
}

const Date kAsOf{2026, 11, 22};


Verdict verdict_of(const Inventory& inventory, const Analysis& analysis) {
  return judge(run_passes(builtin_passes(), PassContext{inventory, analysis}), inventory, kAsOf, FailOn::Existential);
}

/// Checks, for one change that can only reduce risk, that nothing got worse.
void check_not_worse(const Inventory& inv, const Analysis& was, const Analysis& now) {
  for (std::size_t i = 0; i < now.providers.size(); ++i) {
    const ProviderResult& a = was.providers[i];
    const ProviderResult& b = now.providers[i];
    INFO("provider " << inv.providers[i].id.value);
    CHECK(b.critical_share <= a.critical_share);
    CHECK(b.departure.value_at_risk.low <= a.departure.value_at_risk.low);
    CHECK(b.departure.value_at_risk.likely <= a.departure.value_at_risk.likely);
    CHECK(b.departure.value_at_risk.high <= a.departure.value_at_risk.high);
    CHECK(b.departure.value_months_at_risk.likely <= a.departure.value_months_at_risk.likely + 1e-12);
    CHECK(b.departure.classification <= a.departure.classification);
    CHECK(b.classification <= a.classification);
  }
  REQUIRE(was.groups.size() == now.groups.size());
  for (std::size_t g = 0; g < now.groups.size(); ++g) {
    INFO("group " << now.groups[g].name);
    CHECK(now.groups[g].critical_share <= was.groups[g].critical_share);
    CHECK(now.groups[g].departure.value_at_risk.likely <= was.groups[g].departure.value_at_risk.likely);
    CHECK(now.groups[g].departure.value_months_at_risk.likely <= was.groups[g].departure.value_months_at_risk.likely + 1e-12);
    CHECK(now.groups[g].classification <= was.groups[g].classification);
  }
  for (const JurisdictionResult& j : now.jurisdictions) {
    for (const JurisdictionResult& k : was.jurisdictions) {
      if (k.code == j.code) {
        CHECK(j.value_at_risk <= k.value_at_risk);
        CHECK(j.classification <= k.classification);
      }
    }
  }
  const Concentration& a = was.concentration;
  const Concentration& b = now.concentration;
  CHECK(b.largest_critical_share <= a.largest_critical_share);
  CHECK(b.hhi <= a.hhi + 1e-12);
  CHECK(b.group_hhi <= a.group_hhi + 1e-12);
  CHECK(b.largest_group_critical_share <= a.largest_group_critical_share);
  CHECK(b.value_with_single_point_of_failure <= a.value_with_single_point_of_failure);
}

/// True when some slot's primary (directly or through its upstream chain) reaches `provider`.
bool used_as_primary(const Analysis& analysis, NodeIndex provider) {
  for (const SlotNode& slot : analysis.graph.slots) {
    if (analysis.sets.contains(analysis.sets.provider_touched[slot.options.front().provider], provider)) return true;
  }
  return false;
}

constexpr unsigned kRandomInventories = 1000;

}  // namespace

TEST_CASE("permuting any list changes no number, class, finding or exit code", "[invariants]") {
  std::mt19937 rng(7);
  for (const std::string& yaml : all_inventories(kRandomInventories)) {
    const auto original = test::run_scenario(yaml);
    const auto before = numbers(original->inventory(), original->analysis);
    for (int round = 0; round < 2; ++round) {
      Inventory shuffled = original->inventory();
      shuffle_everything(shuffled, rng);
      const Analysis analysis = analyze(shuffled, AnalysisOptions{kAsOf, {}, {}});
      const Verdict verdict = verdict_of(shuffled, analysis);
      const auto after = numbers(shuffled, analysis);
      REQUIRE(before.size() == after.size());
      for (const auto& [key, value] : before) {
        INFO(yaml << "\n" << key);
        CHECK(after.at(key) == value);  // exactly: order-free sums, not a tolerance
      }
      CHECK(fingerprints(verdict.findings) == fingerprints(original->verdict.findings));
      CHECK(verdict.gate_failed == original->verdict.gate_failed);
    }
  }
}

TEST_CASE("adding a tested fallback never raises any risk, share, concentration or class", "[invariants]") {
  std::mt19937 rng(11);
  for (const std::string& yaml : all_inventories(kRandomInventories)) {
    const auto base = test::run_scenario(yaml);
    const Inventory& original = base->inventory();
    for (int attempt = 0; attempt < 4; ++attempt) {
      const auto c = rng() % original.capabilities.size();
      if (original.capabilities[c].needs.empty()) continue;
      const auto n = rng() % original.capabilities[c].needs.size();
      const auto p = rng() % original.providers.size();
      Inventory more = original;
      ProviderUse fallback;
      fallback.provider = Located<CompactText>(original.providers[p].id.value, SourceLoc{1, 1});
      fallback.tested = Located<Date>(kAsOf, SourceLoc{1, 1});
      more.capabilities[c].needs[n].fallbacks.push_back(fallback);
      const Analysis after = analyze(more, AnalysisOptions{kAsOf, {}, {}});
      INFO(yaml << "\nafter a fallback " << original.providers[p].id.value << " in capability "
                << original.capabilities[c].id.value);
      // The exit code is not checked: a tested fallback is also a failover destination for the data,
      // which residency rightly checks (SOV-RESIDENCY-FAILOVER).
      check_not_worse(original, base->analysis, after);
    }
  }
}

TEST_CASE("lowering a spend never raises an added cost", "[invariants]") {
  std::mt19937 rng(13);
  for (const std::string& yaml : all_inventories(kRandomInventories)) {
    const auto base = test::run_scenario(yaml);
    const Inventory& original = base->inventory();
    const auto p = rng() % original.providers.size();
    Inventory less = original;
    less.providers[p].annual_spend.value = original.providers[p].annual_spend.value / static_cast<double>(2 + rng() % 3);
    const Analysis after = analyze(less, AnalysisOptions{kAsOf, {}, {}});
    for (std::size_t i = 0; i < after.providers.size(); ++i) {
      INFO(yaml << "\nprovider " << original.providers[i].id.value << " after lowering " << original.providers[p].id.value);
      CHECK(after.providers[i].price_shock.added_annual_cost <= base->analysis.providers[i].price_shock.added_annual_cost);
      CHECK(after.providers[i].price_shock.classification <= base->analysis.providers[i].price_shock.classification);
    }
  }
}

TEST_CASE("no provider that only fallbacks use is told to migrate", "[invariants]") {
  for (const std::string& yaml : all_inventories(kRandomInventories)) {
    const auto s = test::run_scenario(yaml);
    for (const ProviderResult& p : s->analysis.providers) {
      if (used_as_primary(s->analysis, p.provider)) continue;
      INFO(yaml << "\nprovider " << s->inventory().providers[p.provider].id.value);
      CHECK(p.price_shock.recommendation != Recommendation::Migrate);
    }
  }
}

TEST_CASE("every share stays within [0, 1]", "[invariants]") {
  for (const std::string& yaml : all_inventories(200)) {
    const auto s = test::run_scenario(yaml);
    auto in_unit = [](double v) { return v >= 0 && v <= 1; };
    for (const ProviderResult& p : s->analysis.providers) {
      CHECK(in_unit(p.exposure));
      CHECK(in_unit(p.critical_share));
      CHECK(p.critical_share <= p.exposure);
      CHECK(in_unit(p.departure.value_at_risk.low));
      CHECK(in_unit(p.departure.value_at_risk.likely));
      CHECK(in_unit(p.departure.value_at_risk.high));
      CHECK(p.departure.value_at_risk.low <= p.departure.value_at_risk.likely);
      CHECK(p.departure.value_at_risk.likely <= p.departure.value_at_risk.high);
      CHECK(p.price_shock.budget_share.value_or(0) >= 0);
    }
    for (const GroupResult& g : s->analysis.groups) {
      CHECK(in_unit(g.critical_share));
      CHECK(in_unit(g.exposure));
      CHECK(in_unit(g.spend_share));
      CHECK(in_unit(g.departure.value_at_risk.likely));
    }
    for (const JurisdictionResult& j : s->analysis.jurisdictions) CHECK(in_unit(j.value_at_risk));
    CHECK(in_unit(s->analysis.concentration.largest_critical_share));
  }
}
