// Cloud region names people write where a country code belongs, and the country each is in.
#include <algorithm>
#include <array>

#include "sovaudit/geo.hpp"

namespace sovaudit {
namespace {

// Sorted by name for binary search. Regions of AWS, Azure and Google Cloud as their providers
// publish them; only the country matters here, which is what jurisdiction follows.
constexpr std::array<CloudRegion, 94> kRegions = {{
    {"af-south-1", "AWS", "ZA"},
    {"ap-east-1", "AWS", "HK"},
    {"ap-northeast-1", "AWS", "JP"},
    {"ap-northeast-2", "AWS", "KR"},
    {"ap-northeast-3", "AWS", "JP"},
    {"ap-south-1", "AWS", "IN"},
    {"ap-south-2", "AWS", "IN"},
    {"ap-southeast-1", "AWS", "SG"},
    {"ap-southeast-2", "AWS", "AU"},
    {"ap-southeast-3", "AWS", "ID"},
    {"ap-southeast-4", "AWS", "AU"},
    {"asia-east1", "Google Cloud", "TW"},
    {"asia-east2", "Google Cloud", "HK"},
    {"asia-northeast1", "Google Cloud", "JP"},
    {"asia-south1", "Google Cloud", "IN"},
    {"asia-southeast1", "Google Cloud", "SG"},
    {"australia-southeast1", "Google Cloud", "AU"},
    {"australiaeast", "Azure", "AU"},
    {"brazilsouth", "Azure", "BR"},
    {"ca-central-1", "AWS", "CA"},
    {"canadacentral", "Azure", "CA"},
    {"canadaeast", "Azure", "CA"},
    {"centralindia", "Azure", "IN"},
    {"centralus", "Azure", "US"},
    {"eastasia", "Azure", "HK"},
    {"eastus", "Azure", "US"},
    {"eastus2", "Azure", "US"},
    {"eu-central-1", "AWS", "DE"},
    {"eu-central-2", "AWS", "CH"},
    {"eu-north-1", "AWS", "SE"},
    {"eu-south-1", "AWS", "IT"},
    {"eu-south-2", "AWS", "ES"},
    {"eu-west-1", "AWS", "IE"},
    {"eu-west-2", "AWS", "GB"},
    {"eu-west-3", "AWS", "FR"},
    {"europe-central2", "Google Cloud", "PL"},
    {"europe-north1", "Google Cloud", "FI"},
    {"europe-southwest1", "Google Cloud", "ES"},
    {"europe-west1", "Google Cloud", "BE"},
    {"europe-west10", "Google Cloud", "DE"},
    {"europe-west12", "Google Cloud", "IT"},
    {"europe-west2", "Google Cloud", "GB"},
    {"europe-west3", "Google Cloud", "DE"},
    {"europe-west4", "Google Cloud", "NL"},
    {"europe-west6", "Google Cloud", "CH"},
    {"europe-west8", "Google Cloud", "IT"},
    {"europe-west9", "Google Cloud", "FR"},
    {"francecentral", "Azure", "FR"},
    {"francesouth", "Azure", "FR"},
    {"germanynorth", "Azure", "DE"},
    {"germanywestcentral", "Azure", "DE"},
    {"il-central-1", "AWS", "IL"},
    {"italynorth", "Azure", "IT"},
    {"japaneast", "Azure", "JP"},
    {"japanwest", "Azure", "JP"},
    {"koreacentral", "Azure", "KR"},
    {"me-central-1", "AWS", "AE"},
    {"me-central1", "Google Cloud", "QA"},
    {"me-south-1", "AWS", "BH"},
    {"me-west1", "Google Cloud", "IL"},
    {"northamerica-northeast1", "Google Cloud", "CA"},
    {"northcentralus", "Azure", "US"},
    {"northeurope", "Azure", "IE"},
    {"norwayeast", "Azure", "NO"},
    {"norwaywest", "Azure", "NO"},
    {"polandcentral", "Azure", "PL"},
    {"qatarcentral", "Azure", "QA"},
    {"sa-east-1", "AWS", "BR"},
    {"southafricanorth", "Azure", "ZA"},
    {"southamerica-east1", "Google Cloud", "BR"},
    {"southcentralus", "Azure", "US"},
    {"southeastasia", "Azure", "SG"},
    {"southindia", "Azure", "IN"},
    {"spaincentral", "Azure", "ES"},
    {"swedencentral", "Azure", "SE"},
    {"swedensouth", "Azure", "SE"},
    {"switzerlandnorth", "Azure", "CH"},
    {"switzerlandwest", "Azure", "CH"},
    {"uaenorth", "Azure", "AE"},
    {"uksouth", "Azure", "GB"},
    {"ukwest", "Azure", "GB"},
    {"us-central1", "Google Cloud", "US"},
    {"us-east-1", "AWS", "US"},
    {"us-east-2", "AWS", "US"},
    {"us-east1", "Google Cloud", "US"},
    {"us-east4", "Google Cloud", "US"},
    {"us-west-1", "AWS", "US"},
    {"us-west-2", "AWS", "US"},
    {"us-west1", "Google Cloud", "US"},
    {"westcentralus", "Azure", "US"},
    {"westeurope", "Azure", "NL"},
    {"westus", "Azure", "US"},
    {"westus2", "Azure", "US"},
    {"westus3", "Azure", "US"},
}};

}  // namespace

std::optional<CloudRegion> cloud_region(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const auto it = std::lower_bound(kRegions.begin(), kRegions.end(), lower,
                                   [](const CloudRegion& r, const std::string& n) { return r.name < n; });
  if (it == kRegions.end() || it->name != lower) return std::nullopt;
  return *it;
}

std::span<const CloudRegion> known_cloud_regions() { return kRegions; }

}  // namespace sovaudit
