// SOV-FOREIGN-CONTROL: processing by a provider that answers to untrusted law, wherever the data is
// processed (DESIGN 4.7).
#include <algorithm>
#include <cstdint>
#include <map>

#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {{
    "SOV-FOREIGN-CONTROL",
    "ForeignControl",
    "A provider processing the data answers to foreign law",
    "A processing provider of a data flow has its headquarters or ultimate parent outside the trusted "
    "set. Foreign authorities can compel the parent to hand over data or stop service regardless of "
    "where the servers stand (e.g. the US CLOUD Act), and regardless of any transfer mechanism: a "
    "mechanism makes a transfer lawful, it does not remove a foreign law's reach. A ready fallback that "
    "would take the data over on failover counts too (listed under on_failover). Milder than a "
    "residency breach, it is still a sovereignty gap, in region or out of it. An air-gapped provider "
    "is out of any remote reach and is not reported itself.",
    "Prefer providers without a foreign parent for sensitive data, encrypt with keys held outside the "
    "provider, or accept the risk with an owner and an expiry.",
    "{target} processes {data} data of {flows} and answers to {controlled_from} law, wherever the data is "
    "processed",
    "material for special-category, health, biometric, genetic or criminal data; advisory for personal or "
    "financial data; not reported for less sensitive data; policy.jurisdiction_severity replaces this "
    "for the jurisdictions it names (internal and confidential data included)",
    "sovereignty,jurisdiction,privacy",
    Severity::Material,
    TargetKind::Provider,
    "flows",
        true,  // legal or data exposure
}};

struct Control {
  Severity severity = Severity::Advisory;
  std::vector<NodeIndex> flows;        ///< data flow indices, in file order
  std::vector<NodeIndex> on_failover;  ///< those of `flows` that reach it only when a primary fails
  std::uint32_t classes = 0;           ///< bit per DataClass of those flows
};

// Enough places for a reader to follow; the evidence still names every flow.
constexpr std::size_t kMaxRelatedFlows = 16;

std::vector<Finding> run(const PassContext& ctx) {
  std::map<NodeIndex, Control> controls;  // by provider index, so the order is the file's
  for (const FlowResult& r : ctx.analysis.flows) {
    const DataFlow& flow = ctx.inventory.data_flows[r.flow];
    std::uint32_t classes = 0;
    for (const Located<DataClass>& d : flow.data) classes |= 1u << static_cast<unsigned>(d.value);
    const auto add = [&](NodeIndex p, bool failover) {
      // Milder than a residency breach, unless the policy sets the severity for the controlling law.
      const auto severity =
          law_severity(ctx.inventory, r.most_sensitive, 1, ctx.analysis.providers[p].foreign_jurisdictions);
      if (!severity) return;
      Control& c = controls[p];
      c.severity = c.flows.empty() ? *severity : std::max(c.severity, *severity);
      c.flows.push_back(r.flow);
      if (failover) c.on_failover.push_back(r.flow);
      c.classes |= classes;
    };
    for (NodeIndex p : r.foreign_controllers) add(p, false);
    for (NodeIndex p : r.on_failover().foreign_controllers) add(p, true);
  }
  const auto flow_ids = [&](const std::vector<NodeIndex>& flows) {
    std::vector<std::string> ids;
    ids.reserve(flows.size());
    for (NodeIndex f : flows) ids.push_back(ctx.inventory.data_flows[f].id.value.str());
    return ids;
  };
  std::vector<Finding> out;
  for (const auto& [index, control] : controls) {
    const Provider& p = ctx.inventory.providers[index];
    const ProviderResult& result = ctx.analysis.providers[index];
    // Point at where the foreign law enters: the parent's hq when it is foreign, else the provider's.
    SourceLoc where = p.id.loc;
    for (const std::string& j : result.foreign_jurisdictions) {
      if (p.ultimate_parent && p.ultimate_parent->hq.value == j) where = p.ultimate_parent->hq.loc;
      else if (p.hq.value == j && where == p.id.loc) where = p.hq.loc;
    }
    std::vector<Located<DataClass>> classes;
    for (unsigned c = 0; c < 32; ++c) {
      if (control.classes & (1u << c)) classes.emplace_back(static_cast<DataClass>(c), SourceLoc{});
    }
    Finding f = make_finding(kRules[0], control.severity, p.id.value, where);
    f.evidence = evidence_of(evidence_list("controlled_from", result.foreign_jurisdictions),
                             evidence_list("flows", flow_ids(control.flows)), evidence_list("on_failover", flow_ids(control.on_failover)),
                             evidence_list("data", data_class_names(classes)));
    for (std::size_t i = 0; i < control.flows.size() && i < kMaxRelatedFlows; ++i) {
      const DataFlow& flow = ctx.inventory.data_flows[control.flows[i]];
      f.related.push_back({flow.id.loc, "data flow", flow.id.value});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_foreign_control_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
