// Benchmark: single points of failure for every provider, plus the whole analysis stage, on a
// synthetic random graph (10k providers, 100k capabilities by default) or on the chains that were
// quadratic before the sets became persistent. Prints medians and peak memory; asserts nothing.
//
//   build/bench/sovaudit_spof_bench [providers] [capabilities] [runs]
//   build/bench/sovaudit_spof_bench upstream-chain|requires-chain [length] [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string_view>

#include <sys/resource.h>
#include <string>
#include <vector>

#include "sovaudit/analysis.hpp"
#include "sovaudit/dependency_sets.hpp"
#include "sovaudit/graph.hpp"

namespace {

using Clock = std::chrono::steady_clock;

/// A value written at 1:1, as whichever located text the field keeps (std::string or CompactText).
struct Text {
  std::string value;
  template <class T>
  operator sovaudit::Located<T>() const {  // NOLINT(google-explicit-constructor)
    return {T(value), sovaudit::SourceLoc{1, 1}};
  }
};
Text text(std::string value) { return {std::move(value)}; }

/// A valid inventory: upstream and requires point to lower indices only, so there are no cycles.
sovaudit::Inventory synthetic(std::size_t providers, std::size_t capabilities, unsigned seed) {
  using namespace sovaudit;
  std::mt19937 rng(seed);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const char* countries[] = {"DE", "FR", "US", "GB", "NL", "CN"};
  Inventory inv;
  inv.organization.name = text("Synthetic");
  inv.organization.jurisdiction = text("DE");
  inv.organization.engineer_week_cost = Located<double>(4000.0, {1, 1});
  inv.providers.resize(providers);
  for (std::size_t p = 0; p < providers; ++p) {
    Provider& provider = inv.providers[p];
    provider.id = text("p" + std::to_string(p));
    provider.hq = text(countries[below(6)]);
    provider.regions.push_back(text(countries[below(6)]));
    provider.annual_spend = Located<double>(static_cast<double>(below(100000)), {1, 1});
    // Resellers: about a third of providers sit on one or two upstream providers.
    if (p > 0 && below(3) == 0) {
      for (std::size_t k = 0, n = 1 + below(2); k < n; ++k) {
        UpstreamLink link;
        link.provider = text("p" + std::to_string(below(p)));
        link.role = Located<UpstreamRole>(static_cast<UpstreamRole>(below(6)), {1, 1});
        link.price_passthrough = Located<double>(0.5, {1, 1});
        provider.upstream.push_back(std::move(link));
      }
    }
  }
  inv.capabilities.resize(capabilities);
  for (std::size_t c = 0; c < capabilities; ++c) {
    Capability& capability = inv.capabilities[c];
    capability.id = text("c" + std::to_string(c));
    capability.value_share = Located<double>(0.9 / static_cast<double>(capabilities), {1, 1});
    if (c > 0 && below(5) == 0) capability.required_capabilities.push_back(text("c" + std::to_string(below(c))));
    for (int s = 0; s < 2; ++s) {
      Need need;
      need.slot = text("s" + std::to_string(s));
      ProviderUse primary;
      primary.provider = text("p" + std::to_string(below(providers)));
      need.primary = primary;
      if (below(2) == 0) {
        ProviderUse fallback;
        fallback.provider = text("p" + std::to_string(below(providers)));
        fallback.tested = Located<Date>(Date{2026, 10, 1}, {1, 1});
        need.fallbacks.push_back(fallback);
      }
      capability.needs.push_back(std::move(need));
    }
  }
  return inv;
}

/// An organisation with `providers` US providers p0, p1, ... and nothing else.
sovaudit::Inventory chain_base(std::size_t providers) {
  using namespace sovaudit;
  Inventory inv;
  inv.organization.name = text("Chain");
  inv.organization.jurisdiction = text("DE");
  inv.providers.resize(providers);
  for (std::size_t p = 0; p < providers; ++p) {
    inv.providers[p].id = text("p" + std::to_string(p));
    inv.providers[p].hq = text("US");
  }
  return inv;
}

/// A slot `s` served by `provider` alone.
sovaudit::Need only_slot(const std::string& provider) {
  sovaudit::Need need;
  need.slot = text("s");
  sovaudit::ProviderUse primary;
  primary.provider = text(provider);
  need.primary = primary;
  return need;
}

/// A chain of `length` providers, each the upstream of the one before, under one capability.
sovaudit::Inventory upstream_chain(std::size_t length) {
  using namespace sovaudit;
  Inventory inv = chain_base(length);
  for (std::size_t p = 0; p < length; ++p) {
    if (p + 1 < length) {
      UpstreamLink link;
      link.provider = text("p" + std::to_string(p + 1));
      link.role = Located<UpstreamRole>(UpstreamRole::Hosting, {1, 1});
      inv.providers[p].upstream.push_back(std::move(link));
    }
  }
  Capability c;
  c.id = text("c");
  c.value_share = Located<double>(0.5, {1, 1});
  c.needs.push_back(only_slot("p0"));
  inv.capabilities.push_back(std::move(c));
  return inv;
}

/// `length` capabilities, each requiring the one before and using a provider of its own: the
/// first provider is critical for every capability, the last capability depends on every provider.
sovaudit::Inventory requires_chain(std::size_t length) {
  using namespace sovaudit;
  Inventory inv = chain_base(length);
  inv.capabilities.resize(length);
  for (std::size_t i = 0; i < length; ++i) {
    Capability& c = inv.capabilities[i];
    c.id = text("c" + std::to_string(i));
    c.value_share = Located<double>(0.9 / static_cast<double>(length), {1, 1});
    if (i > 0) c.required_capabilities.push_back(text("c" + std::to_string(i - 1)));
    c.needs.push_back(only_slot("p" + std::to_string(i)));
  }
  return inv;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  const bool chain = mode == "upstream-chain" || mode == "requires-chain";
  std::size_t providers = 10000, capabilities = 100000;
  int runs = 5;
  sovaudit::Inventory inventory;
  if (chain) {
    const std::size_t length = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 20000;
    runs = argc > 3 ? std::atoi(argv[3]) : 5;
    inventory = mode == "upstream-chain" ? upstream_chain(length) : requires_chain(length);
  } else {
    providers = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : providers;
    capabilities = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : capabilities;
    runs = argc > 3 ? std::atoi(argv[3]) : runs;
    inventory = synthetic(providers, capabilities, 42);
  }
  const sovaudit::Date as_of{2026, 11, 22};
  const long rss_inventory = peak_rss_kib();

  std::vector<double> graph_times, spof_times, analysis_times;
  std::size_t critical_pairs = 0, set_nodes = 0, capability_set_nodes = 0;
  long rss_sets = 0;
  for (int run = 0; run < runs; ++run) {
    {  // scoped, so that the analysis below runs without these copies
      auto start = Clock::now();
      const sovaudit::DependencyGraph graph = sovaudit::build_graph(inventory, {as_of, 12});
      graph_times.push_back(seconds_since(start));
      start = Clock::now();
      const sovaudit::DependencySets sets = sovaudit::compute_dependency_sets(graph);
      spof_times.push_back(seconds_since(start));
      if (run == 0) rss_sets = peak_rss_kib();
      critical_pairs = 0;
      for (const auto set : sets.capability_critical) critical_pairs += sets.arena.size(set);
      set_nodes = sets.arena.node_count();
    }
    const auto start = Clock::now();
    const sovaudit::Analysis analysis = sovaudit::analyze(inventory, {as_of, {}, {}});
    analysis_times.push_back(seconds_since(start));
    capability_set_nodes = analysis.capability_sets.node_count();
  }
  std::printf("%s: providers %zu, capabilities %zu, runs %d (medians)\n", chain ? argv[1] : "random",
              inventory.providers.size(), inventory.capabilities.size(), runs);
  std::printf("  build graph                  %8.3f s\n", median(graph_times));
  std::printf("  single points of failure     %8.3f s  (%zu capability-provider pairs in %zu set nodes)\n",
              median(spof_times), critical_pairs, set_nodes);
  std::printf("  whole analysis stage         %8.3f s  (graph, sets, departure, price shock, jurisdictions, ...)\n",
              median(analysis_times));
  std::printf("  capability sets by provider and group: %zu set nodes\n", capability_set_nodes);
  std::printf("  peak RSS: %ld KiB with the inventory, %ld KiB after the first sets, %ld KiB at the end\n",
              rss_inventory, rss_sets, peak_rss_kib());
  return 0;
}
