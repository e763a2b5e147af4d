// SOV-HIDDEN-DEPENDENCY and SOV-SOVEREIGNTY-UNVERIFIABLE: a provider marketed as sovereign that runs on
// foreign upstream providers, or on ones whose law nobody recorded (DESIGN 4.9).
#include <algorithm>

#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-HIDDEN-DEPENDENCY",
    "HiddenForeignDependency",
    "A provider marketed as sovereign depends on providers under foreign law",
    "The provider is recorded as marketing itself as sovereign, but somewhere in its upstream chain is a "
    "provider whose headquarters or ultimate parent is outside the trusted set. Whoever buys it for "
    "sovereignty inherits that foreign dependency without seeing it.",
    "Ask the provider for its sub-processor list and model provenance, require a contractual commitment "
    "to in-jurisdiction upstreams, or treat it as the foreign provider it resells.",
    "{target} is marketed as sovereign but runs on {foreign_upstream}, under {jurisdictions} law",
    "material",
    "sovereignty,supply-chain,reseller",
    Severity::Material,
    TargetKind::Provider,
    "",
    true,  // legal or data exposure
}, {
    "SOV-SOVEREIGNTY-UNVERIFIABLE",
    "UnverifiableSovereigntyClaim",
    "A provider marketed as sovereign depends on providers whose headquarters are unknown",
    "The provider is recorded as marketing itself as sovereign, but somewhere in its upstream chain is a "
    "provider with no recorded hq, so nobody can tell whose law reaches it. A sovereignty claim that "
    "cannot be checked is a risk in itself: it is what a buyer relies on.",
    "Record the upstream providers' headquarters (and ultimate parents) from the provider's sub-processor "
    "list, or ask the provider for it before relying on the claim.",
    "{target} is marketed as sovereign but runs on {unknown_upstream}, whose headquarters are not recorded",
    "material",
    "sovereignty,supply-chain,inventory",
    Severity::Material,
    TargetKind::Provider,
    "",
    true,  // legal or data exposure
}};

/// The provider's upstream chain, without links to published weights it holds: whoever published
/// them can neither withdraw nor reprice them, so they are no hidden dependency. Sorted.
std::vector<NodeIndex> dependent_chain(const DependencyGraph& graph, NodeIndex provider) {
  std::vector<NodeIndex> chain{provider};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (const UpstreamEdge& e : graph.providers[chain[i]].upstream) {
      if (e.held_weights() || std::find(chain.begin(), chain.end(), e.provider) != chain.end()) continue;
      chain.push_back(e.provider);
    }
  }
  std::sort(chain.begin(), chain.end());
  return chain;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const ProviderResult& r : ctx.analysis.providers) {
    const Provider& p = ctx.inventory.providers[r.provider];
    if (!p.sovereign.value) continue;
    std::vector<NodeIndex> foreign;
    std::vector<std::string> jurisdictions;
    for (NodeIndex u : dependent_chain(ctx.analysis.graph, r.provider)) {
      if (u == r.provider || ctx.analysis.providers[u].foreign_jurisdictions.empty()) continue;
      foreign.push_back(u);
      for (const std::string& j : ctx.analysis.providers[u].foreign_jurisdictions) {
        if (std::find(jurisdictions.begin(), jurisdictions.end(), j) == jurisdictions.end()) jurisdictions.push_back(j);
      }
    }
    std::vector<NodeIndex> unknown;
    for (NodeIndex u : dependent_chain(ctx.analysis.graph, r.provider)) {
      if (u != r.provider && !ctx.inventory.providers[u].hq.present) unknown.push_back(u);
    }
    if (!unknown.empty()) {
      Finding f = make_finding(kRules[1], Severity::Material, p.id.value, loc_or(p.sovereign, p.id.loc));
      f.evidence = evidence_of(evidence_list("unknown_upstream", provider_ids(ctx.inventory, unknown)));
      for (NodeIndex u : unknown) {
        const Provider& upstream = ctx.inventory.providers[u];
        f.related.push_back({upstream.id.loc, "upstream", upstream.id.value});
      }
      out.push_back(std::move(f));
    }
    if (foreign.empty()) continue;
    std::sort(jurisdictions.begin(), jurisdictions.end());
    Finding f = make_finding(kRules[0], Severity::Material, p.id.value, loc_or(p.sovereign, p.id.loc));
    f.evidence = evidence_of(evidence_list("foreign_upstream", provider_ids(ctx.inventory, foreign)),
                             evidence_list("jurisdictions", jurisdictions));
    for (const UpstreamLink& link : p.upstream) {
      for (NodeIndex u : foreign) {
        if (ctx.inventory.providers[u].id.value == link.provider.value) {
          f.related.push_back({link.provider.loc, "upstream", link.provider.value});
        }
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_hidden_dependency_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
