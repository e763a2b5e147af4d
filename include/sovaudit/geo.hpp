// Jurisdiction codes: ISO 3166-1 alpha-2 countries, the EU and EEA groups, and ISO 4217 currencies.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sovaudit {

/// True for an officially assigned ISO 3166-1 alpha-2 code (upper case), e.g. "DE".
bool is_country_code(std::string_view code);
/// True for a named group of countries: "EU" (27 members) or "EEA" (EU plus IS, LI, NO).
bool is_country_group(std::string_view code);
/// The member countries of a group; empty for anything that is not a group.
std::span<const std::string_view> group_members(std::string_view group);
/// True when `country` is `area` itself or a member of the group `area`.
bool country_in(std::string_view country, std::string_view area);
/// True when `group` is a named group (EU, EEA) that has `country` as a member: how a map keyed by
/// jurisdiction (transfer_mechanisms, jurisdiction_severity) falls back from a country to its group.
bool group_contains(std::string_view group, std::string_view country);
/// A likely intended code for a refused one ("UK" -> "GB", "de" -> "DE"), if there is one.
std::optional<std::string> suggest_country_code(std::string_view code);

/// A cloud provider's region and the country it is in.
struct CloudRegion {
  std::string_view name;     ///< as the provider writes it, lower case: "eu-central-1", "westeurope"
  std::string_view cloud;    ///< "AWS", "Azure", "Google Cloud"
  std::string_view country;  ///< ISO 3166-1 alpha-2
};

/// The region of AWS, Azure or Google Cloud named `name` (any case), or nothing.
std::optional<CloudRegion> cloud_region(std::string_view name);
/// Every region cloud_region() knows, sorted by name.
std::span<const CloudRegion> known_cloud_regions();
/// True for an active ISO 4217 currency code, e.g. "EUR".
bool is_currency_code(std::string_view code);

}  // namespace sovaudit
