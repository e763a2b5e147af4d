// SetArena against std::set on random operations, the sharing that keeps chains linear, and the
// critical sets of random inventories against a brute-force outage of every provider and group.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <set>
#include <utility>

#include "scenario.hpp"
#include "sovaudit/persistent_set.hpp"

using namespace sovaudit;

namespace {

std::vector<NodeIndex> sorted(const std::set<NodeIndex>& s) { return {s.begin(), s.end()}; }

std::int64_t weight_of(const std::set<NodeIndex>& s, const std::vector<std::int64_t>& weights) {
  std::int64_t sum = 0;
  for (NodeIndex k : s) sum += weights[k];
  return sum;
}

/// One random operation on `arena` (a singleton, a sorted list, or the union or intersection of two
/// earlier sets), with the std::set its result must equal.
template <class Next>
std::pair<SetHandle, std::set<NodeIndex>> random_operation(SetArena& arena, Next& next, NodeIndex universe,
                                                           const std::vector<SetHandle>& handles,
                                                           const std::vector<std::set<NodeIndex>>& models) {
  const std::size_t a = next() % handles.size(), b = next() % handles.size();
  std::set<NodeIndex> expected;
  SetHandle got;
  switch (next() % 4) {
    case 0: {
      const NodeIndex key = next() % universe;
      got = arena.singleton(key);
      expected = {key};
      break;
    }
    case 1: {
      std::set<NodeIndex> keys;
      for (int i = 0, n = static_cast<int>(next() % 40); i < n; ++i) keys.insert(next() % universe);
      const std::vector<NodeIndex> list = sorted(keys);
      got = arena.from_sorted(list);
      expected = keys;
      break;
    }
    case 2:
      got = arena.unite(handles[a], handles[b]);
      std::set_union(models[a].begin(), models[a].end(), models[b].begin(), models[b].end(),
                     std::inserter(expected, expected.end()));
      break;
    default:
      got = arena.intersect(handles[a], handles[b]);
      std::set_intersection(models[a].begin(), models[a].end(), models[b].begin(), models[b].end(),
                            std::inserter(expected, expected.end()));
  }
  return {got, expected};
}

}  // namespace

TEST_CASE("persistent sets equal std::set under random unions and intersections", "[sets]") {
  std::mt19937 rng(5);
  // mt19937 yields uint_fast32_t, 64 bits wide here; the values fit 32.
  const auto next = [&rng] { return static_cast<std::uint32_t>(rng()); };
  for (int round = 0; round < 40; ++round) {
    const NodeIndex universe = 1 + next() % 300;
    std::vector<std::int64_t> weights(universe);
    for (auto& w : weights) w = next() % 1000;
    SetArena arena(weights);
    std::vector<SetHandle> handles{SetHandle{}};
    std::vector<std::set<NodeIndex>> models{{}};
    for (int step = 0; step < 400; ++step) {
      auto [got, expected] = random_operation(arena, next, universe, handles, models);
      REQUIRE(arena.elements(got) == sorted(expected));
      CHECK(arena.size(got) == expected.size());
      CHECK(arena.is_singleton(got) == (expected.size() == 1));
      CHECK(arena.weight(got) == weight_of(expected, weights));
      CHECK(got.empty() == expected.empty());
      for (int probe = 0; probe < 5; ++probe) {
        const NodeIndex key = next() % universe;
        CHECK(arena.contains(got, key) == (expected.count(key) == 1));
      }
      handles.push_back(got);
      models.push_back(std::move(expected));
    }
    // Every earlier set is unchanged by everything built after it.
    for (std::size_t i = 0; i < handles.size(); ++i) REQUIRE(arena.elements(handles[i]) == sorted(models[i]));
  }
}

TEST_CASE("keep_reachable drops the nodes of sets no longer held and keeps every held set whole", "[sets]") {
  std::mt19937 rng(11);
  const auto next = [&rng] { return static_cast<std::uint32_t>(rng()); };
  for (int round = 0; round < 20; ++round) {
    const NodeIndex universe = 1 + next() % 200;
    std::vector<std::int64_t> weights(universe);
    for (auto& w : weights) w = next() % 1000;
    SetArena arena(weights);
    std::vector<SetHandle> handles{SetHandle{}};
    std::vector<std::set<NodeIndex>> models{{}};
    for (int step = 0; step < 300; ++step) {
      auto [got, expected] = random_operation(arena, next, universe, handles, models);
      handles.push_back(got);
      models.push_back(std::move(expected));
    }
    // Hold every third set, one of them twice (two handles may name one set).
    std::vector<SetHandle> held;
    std::vector<std::set<NodeIndex>> held_models;
    for (std::size_t i = 0; i < handles.size(); i += 3) {
      held.push_back(handles[i]);
      held_models.push_back(models[i]);
    }
    held.push_back(held.back());
    held_models.push_back(held_models.back());
    const std::size_t before = arena.node_count();
    arena.keep_reachable([&](auto&& keep) {
      for (SetHandle& h : held) keep(h);
    });
    CHECK(arena.node_count() <= before);
    for (std::size_t i = 0; i < held.size(); ++i) {
      CHECK(arena.elements(held[i]) == sorted(held_models[i]));
      CHECK(arena.weight(held[i]) == weight_of(held_models[i], weights));
    }
    CHECK(held[held.size() - 1] == held[held.size() - 2]);
    // Sets made after the compaction work as before.
    const SetHandle joined = arena.unite(held.front(), held.back());
    std::set<NodeIndex> joined_model = held_models.front();
    joined_model.insert(held_models.back().begin(), held_models.back().end());
    CHECK(arena.elements(joined) == sorted(joined_model));
  }
  // A held set is copied once however often it is reached, so nothing held is ever duplicated.
  SetArena arena;
  SetHandle chain;
  std::vector<SetHandle> links;
  for (NodeIndex k = 0; k < 1000; ++k) links.push_back(chain = arena.unite(chain, arena.singleton(k)));
  const SetHandle garbage = arena.intersect(links[500], arena.from_sorted(std::vector<NodeIndex>{1, 3, 5, 7}));
  CHECK(arena.size(garbage) == 4);
  const std::size_t before = arena.node_count();
  arena.keep_reachable([&](auto&& keep) {
    for (SetHandle& h : links) keep(h);
  });
  CHECK(arena.node_count() < before);
  CHECK(arena.size(links.back()) == 1000);
  CHECK(arena.elements(links[9]) == std::vector<NodeIndex>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("persistent sets: a chain of one-element extensions shares its structure", "[sets]") {
  // The sets {n-1}, {n-2, n-1}, ... {0, ..., n-1} hold n^2/2 elements between them; a vector per
  // set would need 200 million entries at n = 20,000. Shared, they need O(n log n) nodes.
  const NodeIndex n = 20000;
  SetArena arena;
  std::vector<SetHandle> chain{SetHandle{}};
  for (NodeIndex i = n; i-- > 0;) chain.push_back(arena.unite(arena.singleton(i), chain.back()));
  for (NodeIndex length : {1u, 2u, 1000u, n}) {
    std::vector<NodeIndex> expected(length);
    for (NodeIndex k = 0; k < length; ++k) expected[k] = n - length + k;
    CHECK(arena.elements(chain[length]) == expected);
  }
  CHECK(arena.node_count() < std::size_t{n} * 40);
  // Uniting or intersecting a set with itself or with a subset it shares allocates nothing.
  const std::size_t before = arena.node_count();
  CHECK(arena.unite(chain.back(), chain.back()) == chain.back());
  CHECK(arena.intersect(chain.back(), chain.back()) == chain.back());
  CHECK(arena.node_count() == before);
}

TEST_CASE("critical sets match a brute-force outage of every provider and every group", "[sets]") {
  // Small inventories with upstream chains and diamonds, held weights, tested and stale
  // fallbacks, requires and parent groups; simulate_outage is the definition being checked against.
  std::mt19937 rng(3);
  const auto next = [&rng] { return static_cast<std::uint32_t>(rng()); };
  for (int round = 0; round < 300; ++round) {
    const int providers = 2 + static_cast<int>(next() % 9), capabilities = 1 + static_cast<int>(next() % 7);
    std::string y = test::kHead + std::string("providers:\n");
    for (int p = 0; p < providers; ++p) {
      y += "  - {id: p" + std::to_string(p) + ", hq: DE";
      if (next() % 3 == 0) y += ", ultimate_parent: {name: G" + std::to_string(next() % 2) + ", hq: DE}";
      if (p > 0 && next() % 2 == 0) {
        const int a = static_cast<int>(next() % p), b = static_cast<int>(next() % p);
        y += ", upstream: [{provider: p" + std::to_string(a) + ", role: hosting}";
        if (b != a) y += ", {provider: p" + std::to_string(b) + ", role: " + (next() % 2 ? "weights" : "compute") + "}";
        y += "]";
      }
      y += "}\n";
    }
    y += "capabilities:\n";
    for (int c = 0; c < capabilities; ++c) {
      y += "  - id: c" + std::to_string(c) + "\n    value_share: 0.1\n";
      if (c > 0 && next() % 2 == 0) y += "    requires: [c" + std::to_string(next() % c) + "]\n";
      y += "    needs:\n";
      for (int s = 0, slots = 1 + static_cast<int>(next() % 2); s < slots; ++s) {
        const int primary = static_cast<int>(next() % providers);
        y += "      - {slot: s" + std::to_string(s) + ", primary: {provider: p" + std::to_string(primary) + "}";
        const int fallback = static_cast<int>(next() % providers);
        if (fallback != primary && next() % 2 == 0) {
          y += ", fallbacks: [{provider: p" + std::to_string(fallback) + ", tested: " +
               (next() % 3 ? "2026-10-01" : "2020-01-01") + "}]";
        }
        y += "}\n";
      }
    }
    const auto s = test::run_scenario(y);
    const Analysis& a = s->analysis;
    INFO(y);
    for (NodeIndex p = 0; p < a.providers.size(); ++p) {
      const NodeIndex failed[] = {p};
      const Outage outage = simulate_outage(a.graph, failed);
      std::vector<NodeIndex> down;
      for (NodeIndex c = 0; c < outage.capability_down.size(); ++c) {
        if (outage.capability_down[c]) down.push_back(c);
        CHECK(a.sets.contains(a.sets.capability_critical[c], p) == outage.capability_down[c]);
      }
      CHECK(a.capability_sets.elements(a.providers[p].critical_capabilities) == down);
    }
    for (const GroupResult& g : a.groups) {
      const Outage outage = simulate_outage(a.graph, g.providers);
      std::vector<NodeIndex> down;
      for (NodeIndex c = 0; c < outage.capability_down.size(); ++c) {
        if (outage.capability_down[c]) down.push_back(c);
      }
      CHECK(a.capability_sets.elements(g.critical_capabilities) == down);
    }
  }
}
