// SOV-SHADOW-PROVIDER and SOV-UNSEEN-PROVIDER: the inventory against the AI usage its SBOMs show.
#include <algorithm>
#include <set>

#include "pass_support.hpp"
#include "sovaudit/catalogue.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {
    {
        "SOV-SHADOW-PROVIDER",
        "ShadowProvider",
        "The application's code uses an AI provider that the inventory does not declare",
        "An SBOM of the application lists an AI SDK or endpoint (by the catalogue in docs/interop.md, or by "
        "a provider's detect patterns) that no provider in the inventory stands for. Whatever reaches that "
        "provider - prompts, documents, personal data - escapes every departure, price and jurisdiction "
        "scenario, and the review understates the dependencies. Where a package can reach several vendors "
        "(the openai client also talks to Azure OpenAI and to compatible resellers), the finding lists the "
        "vendors it could not tell apart.",
        "Declare the provider in the inventory, with the capabilities and data flows that use it. Give it "
        "the catalogue's id (sovaudit catalogue) or a name that says which vendor it is; a reseller or a "
        "self-hosted server behind a generic client declares detect: {purls: [...], hosts: [...]} so the "
        "package is attributed to it. Remove the dependency if nothing should use it.",
        "{target} is used in code but not declared: {packages} in {sboms} reaches {could_be}",
        "material for a client of a model API, a vector database or a gateway (data leaves through it); "
        "advisory for a library that only downloads model weights",
        "drift,inventory,privacy,shadow-ai",
        Severity::Material,
        TargetKind::Observed,
        "",
        true,  // legal or data exposure: data goes where no review looked
    },
    {
        "SOV-UNSEEN-PROVIDER",
        "UnseenProvider",
        "A capability's primary provider appears in none of the SBOMs declared complete",
        "The inventory says a capability runs on this provider, but no SBOM of the application shows its "
        "SDK or endpoint, although the SBOMs are declared complete (--observed-complete, or a composition "
        "with aggregate complete). Either the inventory is stale (the code moved to another provider, and "
        "the review describes a dependency that no longer exists) or the provider is reached in a way the "
        "catalogue does not recognise.",
        "Update the inventory to the provider the code uses, or declare how this one is reached with "
        "detect: {purls: [...], hosts: [...]}; if the SBOMs miss a repository, add its SBOM to --observed.",
        "{target} is the primary of {primary_for} but appears in none of {sboms}",
        "advisory",
        "drift,inventory",
        Severity::Advisory,
        TargetKind::Provider,
        "capabilities",
    },
};

/// Sightings shown as related locations; the count of all of them is evidence. A monorepo's SBOM
/// may list the same SDK in thousands of lockfiles, and a SARIF viewer needs a few to go to.
constexpr std::size_t kMaxRelatedSightings = 16;

/// The vendor's name, or the gateway's description.
std::string vendor_label(std::string_view key) {
  if (const Vendor* v = find_vendor(key)) return std::string(v->name);
  return std::string(key);
}

std::vector<std::string> sbom_paths(const Observations& observed, const std::set<std::uint32_t>& files) {
  std::vector<std::string> out;
  for (std::uint32_t f : files) out.push_back(observed.files[f].path);
  return out;
}

Finding shadow_finding(const PassContext& ctx, const DriftResult& drift, const ShadowUsage& usage) {
  const Observations& observed = *drift.observations;
  const Severity severity = usage.sighting == Sighting::Weights ? Severity::Advisory : Severity::Material;
  // The inventory's providers list is where the declaration belongs.
  Finding f = make_finding(kRules[0], severity, usage.target, ctx.inventory.providers_loc.known() ? ctx.inventory.providers_loc
                                                                                                  : ctx.inventory.loc);
  std::set<std::string> packages, manifests;
  std::set<std::uint32_t> files;
  for (std::size_t r : usage.recognitions) {
    const SbomItem& item = observed.items[drift.recognitions[r].item];
    std::string seen = item.host;
    if (!item.purl.empty()) {
      const auto package = parse_purl(item.purl);
      seen = package ? display_purl(*package) : item.purl;
    }
    packages.insert(std::move(seen));
    if (!item.found_in.empty()) manifests.insert(item.found_in);
    files.insert(item.file);
    if (f.related.size() < kMaxRelatedSightings) {
      f.related.push_back(RelatedLocation{item.loc, "observed", item.pointer, observed.files[item.file].path});
    }
  }
  std::vector<std::string> could_be;
  for (std::string_view vendor : usage.could_be) could_be.push_back(vendor_label(vendor));
  if (usage.sighting == Sighting::Gateway) could_be.push_back("providers hidden behind a gateway");
  else if (std::find(usage.could_be.begin(), usage.could_be.end(), "openai") != usage.could_be.end() && could_be.size() > 1)
    could_be.push_back("an OpenAI-compatible service");
  f.evidence = evidence_of(evidence_list("packages", {packages.begin(), packages.end()}),
                           evidence_list("sboms", sbom_paths(observed, files)),
                           Evidence{.number = 0, .items = could_be, .key = "could_be", .unit = Unit::Alternatives},
                           evidence_number("sightings", Unit::Number, static_cast<double>(usage.recognitions.size())),
                           evidence_text("usage", usage.sighting == Sighting::Gateway   ? "gateway"
                                       : usage.sighting == Sighting::Weights ? "weights"
                                                                             : "service"));
  if (!manifests.empty()) f.evidence.push_back(evidence_list("manifests", {manifests.begin(), manifests.end()}));
  if (!usage.notes.empty()) f.evidence.push_back(evidence_list("ambiguity", {usage.notes.begin(), usage.notes.end()}));
  return f;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  if (!ctx.analysis.drift) return out;
  const DriftResult& drift = *ctx.analysis.drift;
  for (const ShadowUsage& usage : drift.shadows) out.push_back(shadow_finding(ctx, drift, usage));
  std::set<std::uint32_t> all_files;
  for (std::uint32_t i = 0; i < drift.observations->files.size(); ++i) all_files.insert(i);
  for (const UnseenProvider& u : drift.unseen) {
    const Provider& p = ctx.inventory.providers[u.provider];
    Finding f = make_finding(kRules[1], Severity::Advisory, p.id.value, p.id.loc);
    f.evidence = evidence_of(evidence_list("primary_for", capability_ids(ctx.inventory, u.capabilities)),
                             evidence_list("sboms", sbom_paths(*drift.observations, all_files)),
                             evidence_text("recognised_by", p.detect ? "detect" : u.recognisable ? "catalogue" : "none"));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_drift_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
