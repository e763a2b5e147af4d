// SOV-RESIDENCY, SOV-RESIDENCY-TRANSFER, SOV-RESIDENCY-FAILOVER and SOV-RESIDENCY-UNKNOWN: data processed
// outside its allowed jurisdictions, without or with a transfer mechanism, on failover, or where nobody
// recorded (DESIGN 4.7).
#include "pass_support.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {
    {
        "SOV-RESIDENCY",
        "DataResidency",
        "Data is processed outside the jurisdictions it is allowed in, with no transfer mechanism",
        "A data flow is processed by its provider and by that provider's upstream providers with role "
        "model, hosting, compute or storage, transitively. Any of their regions outside the flow's "
        "allowed jurisdictions, with transfer_mechanism none, is an unlawful transfer for personal data "
        "and a contract breach for confidential data.",
        "Move the flow to an in-region provider or region, have the reseller pin its upstream to the "
        "allowed region, or put a transfer mechanism (adequacy, SCCs, BCRs) in place and record it.",
        "data flow {target} sends {data} data to {provider}; it is processed in {outside} (by {processed_by}), "
        "outside the allowed {allowed}, with no transfer mechanism",
        "existential for special-category, health, biometric, genetic or criminal data; material for "
        "personal or financial data; advisory for internal or confidential data; public data is not reported",
        "residency,gdpr,privacy",
        Severity::Existential,
    },
    {
        "SOV-RESIDENCY-UNKNOWN",
        "UnknownProcessingRegion",
        "Personal data goes to a provider whose processing regions are not recorded",
        "A data flow with personal or more sensitive data reaches a provider (directly or through a "
        "processing upstream) that lists no regions, so its residency cannot be checked.",
        "Record the provider's regions from its data processing agreement.",
        "data flow {target} sends {data} data to {unknown_providers}, whose processing regions are not recorded",
        "material for special-category, health, biometric, genetic or criminal data; advisory for personal "
        "or financial data",
        "residency,gdpr,inventory",
        Severity::Material,
    },
    {
        "SOV-RESIDENCY-TRANSFER",
        "LawfulTransfer",
        "Data is processed outside its allowed jurisdictions under a transfer mechanism",
        "The flow's data is processed outside its allowed jurisdictions, and a transfer mechanism "
        "(adequacy, SCCs, BCRs, a derogation) makes that lawful. The destination's law still reaches the "
        "data where it is processed, so it is reported at least as severely as foreign control inside the "
        "region, with the mechanism named.",
        "Keep the mechanism's documents current (transfer impact assessment for SCCs), or move the "
        "processing back into the allowed jurisdictions.",
        "data flow {target} sends {data} data to {provider}; it is processed in {outside} (by {processed_by}), "
        "outside the allowed {allowed}, under {mechanism}",
        "material for special-category, health, biometric, genetic or criminal data; advisory for personal "
        "or financial data; one step milder than SOV-RESIDENCY, the same as SOV-FOREIGN-CONTROL",
        "residency,gdpr,transfer",
        Severity::Material,
    },
    {
        "SOV-RESIDENCY-FAILOVER",
        "FailoverResidency",
        "On failover, data would be processed outside the jurisdictions it is allowed in",
        "When the flow's provider fails, a ready fallback of the same slot takes the data over: its regions "
        "and its model, hosting, compute and storage upstreams become processing locations. A tested "
        "failover is a real path for the data, so it is checked by the same rules as the primary.",
        "Choose a fallback that processes in the allowed jurisdictions, pin its region, or put a transfer "
        "mechanism in place for the failover destination and record it.",
        "data flow {target} sends {data} data to {provider}; on failover to {fallbacks} it would be processed "
        "in {outside}, outside the allowed {allowed} (transfer mechanism: {mechanism})",
        "without a transfer mechanism as SOV-RESIDENCY (existential for special categories, material for "
        "personal and financial data, advisory for internal and confidential data); with one, one step milder",
        "residency,gdpr,fallback",
        Severity::Existential,
    }};

/// A finding about processing in `outside` by `providers` (named `providers_key` in the evidence),
/// each pointed at by its first region.
Finding outside_finding(const PassContext& ctx, const RuleInfo& rule, Severity severity, SourceLoc loc,
                        const DataFlow& flow, const FlowResult& r, const std::vector<std::string>& outside,
                        std::string_view providers_key, const std::vector<NodeIndex>& providers, bool with_mechanism) {
  Finding f = make_finding(rule, severity, flow.id.value, loc);
  f.evidence = {
      evidence_list("data", data_class_names(flow.data)),
      evidence_text("provider", flow.provider.value),
      evidence_list("outside", outside),
      evidence_list("allowed", r.allowed),
      evidence_list(providers_key, provider_ids(ctx.inventory, providers)),
  };
  if (with_mechanism) f.evidence.push_back(evidence_text("mechanism", std::string(to_string(flow.transfer_mechanism.value))));
  for (NodeIndex p : providers) {
    const Provider& provider = ctx.inventory.providers[p];
    f.related.push_back({provider.regions.empty() ? provider.id.loc : provider.regions.front().loc, "region",
                         provider.id.value});
  }
  return f;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const FlowResult& r : ctx.analysis.flows) {
    const DataFlow& flow = ctx.inventory.data_flows[r.flow];
    const auto data = data_class_names(flow.data);
    const bool none = flow.transfer_mechanism.value == TransferMechanism::None;
    const auto breach = data_severity(r.most_sensitive);
    if (breach && !r.outside.empty() && none) {
      out.push_back(outside_finding(ctx, kRules[0], *breach, flow.provider.loc, flow, r, r.outside, "processed_by",
                                    r.outside_providers, false));
    }
    const auto lawful = data_severity(r.most_sensitive, 1);
    if (lawful && !r.outside.empty() && !none) {
      out.push_back(outside_finding(ctx, kRules[2], *lawful, loc_or(flow.transfer_mechanism, flow.provider.loc), flow,
                                    r, r.outside, "processed_by", r.outside_providers, true));
    }
    const auto failover = data_severity(r.most_sensitive, none ? 0 : 1);
    if (failover && !r.on_failover().outside.empty()) {
      out.push_back(outside_finding(ctx, kRules[3], *failover, flow.provider.loc, flow, r, r.on_failover().outside,
                                    "fallbacks", r.on_failover().outside_providers, true));
    }
    const auto unknown = data_severity(r.most_sensitive, 1);
    if (unknown && r.regions_unknown) {
      std::vector<NodeIndex> silent;
      for (NodeIndex p : r.processing_providers) {
        if (ctx.inventory.providers[p].regions.empty()) silent.push_back(p);
      }
      Finding f = make_finding(kRules[1], *unknown, flow.id.value, flow.provider.loc);
      f.evidence = {evidence_list("data", data), evidence_list("unknown_providers", provider_ids(ctx.inventory, silent))};
      for (NodeIndex p : silent) {
        const Provider& provider = ctx.inventory.providers[p];
        f.related.push_back({provider.id.loc, "provider", provider.id.value});
      }
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_residency_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
