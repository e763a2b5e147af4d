// SOV-FOREIGN-CONTROL: processing by a provider that answers to untrusted law, wherever the data is
// processed (DESIGN 4.7).
#include <algorithm>
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
    "mechanism makes a transfer lawful, it does not remove a foreign law's reach. Milder than a "
    "residency breach, it is still a sovereignty gap, in region or out of it.",
    "Prefer providers without a foreign parent for sensitive data, encrypt with keys held outside the "
    "provider, or accept the risk with an owner and an expiry.",
    "{target} processes {data} data of {flows} and answers to {controlled_from} law, wherever the data is "
    "processed",
    "material for special-category, health, biometric, genetic or criminal data; advisory for personal or "
    "financial data; not reported for less sensitive data",
    "sovereignty,jurisdiction,privacy",
    Severity::Material,
}};

struct Control {
  Severity severity = Severity::Advisory;
  std::vector<std::string> flows;
  std::vector<Located<DataClass>> data;
  std::vector<SourceLoc> flow_locs;
};

std::vector<Finding> run(const PassContext& ctx) {
  std::map<NodeIndex, Control> controls;  // by provider index, so the order is the file's
  for (const FlowResult& r : ctx.analysis.flows) {
    const DataFlow& flow = ctx.inventory.data_flows[r.flow];
    const auto severity = data_severity(r.most_sensitive, 1);  // milder than a residency breach
    if (!severity) continue;
    for (NodeIndex p : r.foreign_controllers) {
      Control& c = controls[p];
      c.severity = c.flows.empty() ? *severity : std::max(c.severity, *severity);
      c.flows.push_back(flow.id.value);
      c.data.insert(c.data.end(), flow.data.begin(), flow.data.end());
      c.flow_locs.push_back(flow.id.loc);
    }
  }
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
    Finding f = make_finding(kRules[0], control.severity, p.id.value, where);
    f.evidence = {evidence_list("controlled_from", result.foreign_jurisdictions), evidence_list("flows", control.flows),
                  evidence_list("data", data_class_names(control.data))};
    for (std::size_t i = 0; i < control.flows.size(); ++i) f.related.push_back({control.flow_locs[i], "data flow", control.flows[i]});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_foreign_control_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
