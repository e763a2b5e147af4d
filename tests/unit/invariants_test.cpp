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

/// A random but valid inventory: upstream chains and requires only point backwards (no cycles).
std::string random_inventory(unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* countries[] = {"DE", "FR", "US", "CN", "GB", "NL"};
  const char* roles[] = {"model", "weights", "hosting", "compute", "storage", "other"};
  const char* integrations[] = {"abstraction-layer", "sdk", "deep"};
  const int providers = 3 + pick(8);
  const int capabilities = 2 + pick(8);
  std::ostringstream y;
  y << "sovaudit: 1\norganization: {name: R, jurisdiction: DE, trusted_jurisdictions: [EU], engineer_week_cost: "
    << 1000 + pick(5000) << "}\npolicy: {drill_max_age_months: 12}\nproviders:\n";
  for (int p = 0; p < providers; ++p) {
    y << "  - {id: p" << p << ", hq: " << countries[pick(6)] << ", regions: [" << countries[pick(6)]
      << "], annual_spend: " << pick(100) * 1000 << ", open_weights: " << (pick(3) == 0 ? "true" : "false");
    if (p > 0 && pick(2) == 0) {
      y << ", upstream: [{provider: p" << pick(p) << ", role: " << roles[pick(6)]
        << ", price_passthrough: " << pick(11) / 10.0 << "}]";
    }
    y << "}\n";
  }
  y << "capabilities:\n";
  std::vector<int> first_primary(static_cast<std::size_t>(capabilities));
  for (int c = 0; c < capabilities; ++c) {
    // Whole percents, rounded down, so the shares never sum above 1.
    y << "  - id: c" << c << "\n    value_share: " << (100 / capabilities) / 100.0 << "\n    evals: "
      << (pick(2) ? "true" : "false") << "\n";
    if (c > 0 && pick(3) == 0) y << "    requires: [c" << pick(c) << "]\n";
    y << "    needs:\n";
    const int slots = 1 + pick(2);
    for (int s = 0; s < slots; ++s) {
      const int primary = pick(providers);
      if (s == 0) first_primary[static_cast<std::size_t>(c)] = primary;
      y << "      - slot: s" << s << "\n        primary: {provider: p" << primary << ", integration: "
        << integrations[pick(3)] << "}\n";
      if (pick(2) == 0) {
        const int fallback = (primary + 1 + pick(providers - 1)) % providers;
        y << "        fallbacks: [{provider: p" << fallback << ", tested: " << (pick(2) ? "2026-10-01" : "2024-01-01")
          << "}]\n";
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
    std::vector<std::string> items = e.items;
    std::sort(items.begin(), items.end());
    std::ostringstream one;
    one << e.key << '=' << e.number;
    for (const auto& i : items) one << ',' << i;
    evidence.push_back(one.str());
  }
  std::sort(evidence.begin(), evidence.end());
  for (const auto& e : evidence) s << '|' << e;
  return s.str();
}

/// Every number of an analysis, keyed by entity id so that list order does not matter.
std::map<std::string, double> numbers(const Inventory& inv, const Analysis& analysis) {
  std::map<std::string, double> out;
  for (const ProviderResult& p : analysis.providers) {
    const std::string id = "provider " + inv.providers[p.provider].id.value;
    out[id + " exposure"] = p.exposure;
    out[id + " critical"] = p.critical_share;
    out[id + " var-low"] = p.departure.value_at_risk.low;
    out[id + " var"] = p.departure.value_at_risk.likely;
    out[id + " var-high"] = p.departure.value_at_risk.high;
    out[id + " outage"] = p.departure.outage_months.likely;
    out[id + " cost"] = p.departure.migration_cost.likely;
    out[id + " added"] = p.price_shock.added_annual_cost;
    out[id + " leaving"] = p.price_shock.cost_of_leaving;
  }
  for (const JurisdictionResult& j : analysis.jurisdictions) out["jurisdiction " + j.code] = j.value_at_risk;
  for (const CapabilityResult& c : analysis.capabilities) {
    const std::string id = "capability " + inv.capabilities[c.capability].id.value;
    out[id + " score"] = c.criteria_score;
    out[id + " build"] = c.build_cost;
    out[id + " buy"] = c.buy_spend_over_horizon;
    out[id + " data"] = static_cast<double>(c.data.status);
    out[id + " compute"] = static_cast<double>(c.compute.status);
    out[id + " model"] = static_cast<double>(c.model.status);
  }
  out["largest critical share"] = analysis.concentration.largest_critical_share;
  out["hhi"] = analysis.concentration.hhi;
  return out;
}

template <class T>
void shuffle(std::vector<T>& v, std::mt19937& rng) {
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

std::vector<std::string> all_inventories() {
  std::vector<std::string> all = example_texts();
  for (unsigned seed = 1; seed <= 40; ++seed) all.push_back(random_inventory(seed));
  return all;
}

const Date kAsOf{2026, 11, 22};

}  // namespace

TEST_CASE("shuffling every list changes no number and no finding", "[invariants]") {
  std::mt19937 rng(7);
  for (const std::string& yaml : all_inventories()) {
    const auto original = test::run_scenario(yaml);
    for (int round = 0; round < 3; ++round) {
      Inventory shuffled = original->inventory();
      shuffle_everything(shuffled, rng);
      const Analysis analysis = analyze(shuffled, AnalysisOptions{kAsOf, {}, {}});
      const Verdict verdict =
          judge(run_passes(builtin_passes(), PassContext{shuffled, analysis}), shuffled, kAsOf, FailOn::Existential);
      const auto before = numbers(original->inventory(), original->analysis);
      const auto after = numbers(shuffled, analysis);
      REQUIRE(before.size() == after.size());
      for (const auto& [key, value] : before) {
        INFO(key);
        CHECK_THAT(after.at(key), Catch::Matchers::WithinAbs(value, 1e-9));
      }
      CHECK(fingerprints(verdict.findings) == fingerprints(original->verdict.findings));
    }
  }
}

TEST_CASE("adding a tested fallback never raises any value at risk", "[invariants]") {
  for (const std::string& yaml : all_inventories()) {
    const auto base = test::run_scenario(yaml);
    const Inventory& original = base->inventory();
    for (std::size_t c = 0; c < original.capabilities.size(); ++c) {
      for (std::size_t n = 0; n < original.capabilities[c].needs.size(); ++n) {
        for (std::size_t p = 0; p < original.providers.size(); ++p) {
          Inventory more = original;
          ProviderUse fallback;
          fallback.provider = Located<std::string>(original.providers[p].id.value, SourceLoc{1, 1});
          fallback.tested = Located<Date>(kAsOf, SourceLoc{1, 1});
          more.capabilities[c].needs[n].fallbacks.push_back(fallback);
          const Analysis after = analyze(more, AnalysisOptions{kAsOf, {}, {}});
          for (std::size_t i = 0; i < after.providers.size(); ++i) {
            const ProviderResult& was = base->analysis.providers[i];
            const ProviderResult& now = after.providers[i];
            INFO("provider " << original.providers[i].id.value << " after a fallback in capability "
                             << original.capabilities[c].id.value);
            CHECK(now.critical_share <= was.critical_share + 1e-12);
            CHECK(now.departure.value_at_risk.low <= was.departure.value_at_risk.low + 1e-12);
            CHECK(now.departure.value_at_risk.likely <= was.departure.value_at_risk.likely + 1e-12);
            CHECK(now.departure.value_at_risk.high <= was.departure.value_at_risk.high + 1e-12);
          }
          for (const JurisdictionResult& j : after.jurisdictions) {
            for (const JurisdictionResult& k : base->analysis.jurisdictions) {
              if (k.code == j.code) CHECK(j.value_at_risk <= k.value_at_risk + 1e-12);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("every share stays within [0, 1]", "[invariants]") {
  for (const std::string& yaml : all_inventories()) {
    const auto s = test::run_scenario(yaml);
    auto in_unit = [](double v) { return v >= 0 && v <= 1; };
    for (const ProviderResult& p : s->analysis.providers) {
      CHECK(in_unit(p.exposure));
      CHECK(in_unit(p.critical_share));
      CHECK(p.critical_share <= p.exposure + 1e-12);
      CHECK(in_unit(p.departure.value_at_risk.low));
      CHECK(in_unit(p.departure.value_at_risk.likely));
      CHECK(in_unit(p.departure.value_at_risk.high));
      CHECK(p.departure.value_at_risk.low <= p.departure.value_at_risk.likely);
      CHECK(p.departure.value_at_risk.likely <= p.departure.value_at_risk.high);
      CHECK(p.price_shock.budget_share >= 0);
    }
    for (const JurisdictionResult& j : s->analysis.jurisdictions) CHECK(in_unit(j.value_at_risk));
    CHECK(in_unit(s->analysis.concentration.largest_critical_share));
    CHECK(in_unit(s->analysis.concentration.hhi));
  }
}
