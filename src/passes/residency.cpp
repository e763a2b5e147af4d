// SOV-RESIDENCY, SOV-RESIDENCY-TRANSFER, SOV-RESIDENCY-FAILOVER and SOV-RESIDENCY-UNKNOWN: data processed
// outside its allowed jurisdictions, without or with a transfer mechanism, on failover, or where nobody
// recorded (DESIGN 4.7).
#include <algorithm>

#include "pass_support.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/exact.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {
    {
        "SOV-RESIDENCY",
        "DataResidency",
        "Data is processed outside the jurisdictions it is allowed in, with no transfer mechanism",
        "A data flow is processed by its provider (in the regions the flow or its slot pins, else in all "
        "of the provider's regions) and by that provider's upstream providers with role model, hosting, "
        "compute or storage, transitively (from an air-gapped provider only model and storage). Any of "
        "those regions outside the flow's allowed jurisdictions for which no transfer mechanism is "
        "recorded (transfer_mechanisms for that destination, else transfer_mechanism) is an unlawful "
        "transfer for personal data and a contract breach for confidential data.",
        "Move the flow to an in-region provider or region, have the reseller pin its upstream to the "
        "allowed region, or put a transfer mechanism (adequacy, SCCs, BCRs) in place and record it.",
        "data flow {target} sends {data} data to {provider}; it is processed in {outside} (by {processed_by}), "
        "outside the allowed {allowed}, with no transfer mechanism",
        "existential for special-category, health, biometric, genetic or criminal data; material for "
        "personal or financial data; advisory for internal or confidential data; public data is not reported; "
        "policy.jurisdiction_severity replaces this for the jurisdictions it names",
        "residency,gdpr,privacy",
        Severity::Existential,
        TargetKind::DataFlow,
        "providers",
        true,  // legal or data exposure
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
        TargetKind::DataFlow,
        "providers",
        true,  // legal or data exposure
    },
    {
        "SOV-RESIDENCY-TRANSFER",
        "LawfulTransfer",
        "Data is processed outside its allowed jurisdictions under a transfer mechanism",
        "The flow's data is processed outside its allowed jurisdictions, and a transfer mechanism "
        "(adequacy, SCCs, BCRs, a derogation) recorded for each such destination makes that lawful. The destination's law still reaches the "
        "data where it is processed, so it is reported at least as severely as foreign control inside the "
        "region, with the mechanism named.",
        "Keep the mechanism's documents current (transfer impact assessment for SCCs), or move the "
        "processing back into the allowed jurisdictions.",
        "data flow {target} sends {data} data to {provider}; it is processed in {outside} (by {processed_by}), "
        "outside the allowed {allowed}, under {mechanism}",
        "material for special-category, health, biometric, genetic or criminal data; advisory for personal "
        "or financial data; one step milder than SOV-RESIDENCY, the same as SOV-FOREIGN-CONTROL; "
        "policy.jurisdiction_severity replaces this for the jurisdictions it names",
        "residency,gdpr,transfer",
        Severity::Material,
        TargetKind::DataFlow,
        "providers",
        true,  // legal or data exposure
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
        "in {outside}, outside the allowed {allowed}; transfer mechanisms: {mechanism}",
        "as SOV-RESIDENCY (existential for special categories, material for personal and financial data, "
        "advisory for internal and confidential data) when some failover destination has no transfer "
        "mechanism; when every one has one, one step milder; policy.jurisdiction_severity replaces this "
        "for the jurisdictions it names",
        "residency,gdpr,fallback",
        Severity::Existential,
        TargetKind::DataFlow,
        "providers",
        true,  // legal or data exposure
    }};

// Enough places for a reader to follow; the evidence still names every provider.
constexpr std::size_t kMaxRelated = 16;

std::vector<std::string> regions_of(const std::vector<const Destination*>& destinations) {
  std::vector<std::string> out;
  for (const Destination* d : destinations) out.push_back(d->region);
  return out;
}

std::vector<NodeIndex> providers_of(const std::vector<const Destination*>& destinations) {
  std::vector<NodeIndex> out;
  for (const Destination* d : destinations) out.insert(out.end(), d->providers.begin(), d->providers.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// "scc (IN, US)", one entry per mechanism in the order of the enum, regions in order.
std::vector<std::string> mechanisms_of(const std::vector<const Destination*>& destinations) {
  std::vector<std::string> out;
  for (std::size_t m = 0; m < enum_names<TransferMechanism>().size(); ++m) {
    std::string regions;
    for (const Destination* d : destinations) {
      if (static_cast<std::size_t>(d->mechanism) == m) regions += (regions.empty() ? "" : ", ") + d->region;
    }
    if (!regions.empty()) out.push_back(std::string(enum_names<TransferMechanism>()[m]) + " (" + regions + ")");
  }
  return out;
}

/// Where the mechanism for `region` was written: its own entry, the default, else the provider.
SourceLoc mechanism_loc(const DataFlow& flow, const std::string& region) {
  const auto* entry = entry_for(flow.transfer_mechanisms, region, group_contains);
  return entry ? entry->value.loc : loc_or(flow.transfer_mechanism, flow.provider.loc);
}

/// The core value a stop order on the flow would halt: its capability and every capability that
/// requires it (0 when the capability is unknown).
double flow_value_at_risk(const PassContext& ctx, const FlowResult& r) {
  if (!r.capability) return 0;
  return from_share_units(ctx.analysis.capability_sets.weight(ctx.analysis.capability_dependants[*r.capability]));
}

/// A finding about processing at `destinations`, its providers named `providers_key` in the evidence,
/// each pointed at by its first region.
Finding outside_finding(const PassContext& ctx, const RuleInfo& rule, Severity severity, SourceLoc loc,
                        const DataFlow& flow, const FlowResult& r, const std::vector<const Destination*>& destinations,
                        std::string_view providers_key, bool with_mechanism) {
  const std::vector<NodeIndex> providers = providers_of(destinations);
  Finding f = make_finding(rule, severity, flow.id.value, loc);
  f.evidence = evidence_of(
      evidence_list("data", data_class_names(flow.data)),
      evidence_text("provider", flow.provider.value),
      evidence_list("outside", regions_of(destinations)),
      evidence_list("allowed", r.allowed),
      evidence_list(providers_key, provider_ids(ctx.inventory, providers)),
      evidence_number("value_at_risk", Unit::Share, flow_value_at_risk(ctx, r)));
  if (with_mechanism) f.evidence.push_back(evidence_list("mechanism", mechanisms_of(destinations)));
  for (std::size_t i = 0; i < providers.size() && i < kMaxRelated; ++i) {
    const Provider& provider = ctx.inventory.providers[providers[i]];
    f.related.push_back({provider.regions.empty() ? provider.id.loc : provider.regions.front().loc, "region",
                         provider.id.value});
  }
  return f;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  for (const FlowResult& r : ctx.analysis.flows) {
    const DataFlow& flow = ctx.inventory.data_flows[r.flow];
    std::vector<const Destination*> unlawful, lawful, failover;
    bool failover_unlawful = false;
    for (const Destination& d : r.outside) (d.mechanism == TransferMechanism::None ? unlawful : lawful).push_back(&d);
    for (const Destination& d : r.on_failover().outside) {
      failover.push_back(&d);
      failover_unlawful = failover_unlawful || d.mechanism == TransferMechanism::None;
    }
    if (const auto breach = law_severity(ctx.inventory, r.most_sensitive, 0, regions_of(unlawful));
        breach && !unlawful.empty()) {
      out.push_back(outside_finding(ctx, kRules[0], *breach, flow.provider.loc, flow, r, unlawful, "processed_by", false));
    }
    if (const auto transfer = law_severity(ctx.inventory, r.most_sensitive, 1, regions_of(lawful));
        transfer && !lawful.empty()) {
      out.push_back(outside_finding(ctx, kRules[2], *transfer, mechanism_loc(flow, lawful.front()->region), flow, r,
                                    lawful, "processed_by", true));
    }
    if (const auto on_failover = law_severity(ctx.inventory, r.most_sensitive, failover_unlawful ? 0 : 1,
                                              regions_of(failover));
        on_failover && !failover.empty()) {
      out.push_back(outside_finding(ctx, kRules[3], *on_failover, flow.provider.loc, flow, r, failover, "fallbacks",
                                    true));
    }
    const auto unknown = data_severity(r.most_sensitive, 1);
    if (unknown && r.regions_unknown) {
      std::vector<NodeIndex> silent;
      for (NodeIndex p : r.processing_providers) {
        if (ctx.inventory.providers[p].regions.empty()) silent.push_back(p);
      }
      Finding f = make_finding(kRules[1], *unknown, flow.id.value, flow.provider.loc);
      f.evidence = evidence_of(evidence_list("data", data_class_names(flow.data)),
                               evidence_list("unknown_providers", provider_ids(ctx.inventory, silent)),
                               evidence_number("value_at_risk", Unit::Share, flow_value_at_risk(ctx, r)));
      for (std::size_t i = 0; i < silent.size() && i < kMaxRelated; ++i) {
        const Provider& provider = ctx.inventory.providers[silent[i]];
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
