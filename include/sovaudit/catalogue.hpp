// Recognising AI providers in software: package URLs and endpoint hosts of their SDKs (docs/interop.md).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/model.hpp"

namespace sovaudit {

/// A package URL reduced to what names a package: type, namespace and name, normalised the way the
/// purl specification says for the type (npm and PyPI names lower-case, PyPI '_' and '.' as '-').
/// Version, qualifiers and subpath never take part in recognition.
struct PackageName {
  std::string type;
  std::string name_space;  ///< "" when the package has none; "@scope" for npm
  std::string name;
  friend bool operator==(const PackageName&, const PackageName&) = default;
};

/// Parses `purl` ("pkg:npm/%40pinecone-database/pinecone@4.0.0"), or nothing when it is not one.
std::optional<PackageName> parse_purl(std::string_view purl);
/// "pkg:npm/@pinecone-database/pinecone": the name as people read it.
std::string display_purl(const PackageName& package);

/// Whether `pattern` is a host pattern: lower-case DNS labels, where a label may be `*`
/// (exactly one label), e.g. "*.openai.azure.com" or "bedrock-runtime.*.amazonaws.com".
bool valid_host_pattern(std::string_view pattern);
/// Whether `host` (compared without case) matches `pattern`.
bool host_matches(std::string_view pattern, std::string_view host);
/// The host of a URL or endpoint ("https://api.openai.com/v1" -> "api.openai.com"), lower-case;
/// "" when there is none.
std::string host_of(std::string_view endpoint);

/// A vendor the catalogue knows, by the key inventories most often use as its provider id.
struct Vendor {
  std::string_view key;      ///< "openai"
  std::string_view name;     ///< "OpenAI"
  ProviderKind kind;         ///< what its SDKs reach
  std::span<const std::string_view> aliases;  ///< other ids and names that mean it ("azure-openai", "aoai")
};

/// What seeing a catalogue entry means.
enum class Sighting : std::uint8_t {
  Service,  ///< a client of a service that receives the application's data (model APIs, vector databases)
  Weights,  ///< a library that downloads model weights; no data leaves
  Gateway,  ///< a gateway that can call many providers: which ones cannot be told from the package
};

/// One way the catalogue recognises usage: a package or a host, and the vendors it may mean.
struct CatalogueEntry {
  std::string_view pattern;  ///< "pkg:pypi/openai" or a host pattern
  bool host = false;         ///< `pattern` is a host pattern, not a package
  Sighting sighting = Sighting::Service;
  /// The vendors it may talk to, the likely one first; more than one: it cannot tell them apart.
  std::span<const std::string_view> vendors;
  std::string_view note;  ///< why it is ambiguous, or ""
};

/// Every vendor of the shipped catalogue, sorted by key.
std::span<const Vendor> catalogue_vendors();
/// Every entry of the shipped catalogue: packages by ecosystem, then hosts.
std::span<const CatalogueEntry> catalogue_entries();
/// The vendor with `key`, or nullptr.
const Vendor* find_vendor(std::string_view key);
/// The entry that recognises `package`, or nullptr.
const CatalogueEntry* catalogue_entry_for(const PackageName& package);
/// The entry that recognises `host`, or nullptr.
const CatalogueEntry* catalogue_entry_for_host(std::string_view host);

/// The vendor an inventory provider stands for: its id or name (without case, '-', '_', '.' or
/// spaces) equals a vendor's key, name or alias. Nothing when it matches none.
const Vendor* vendor_of(const Provider& provider);

}  // namespace sovaudit
