// What `import cyclonedx` reads from a BOM before it writes the starter inventory.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cyclonedx_json.hpp"
#include "sovaudit/model.hpp"
#include "sovaudit/sbom.hpp"

namespace sovaudit::interop {

/// The `sovaudit:` properties of a BOM element, by name without the prefix, in document order.
using Properties = std::multimap<std::string, std::string>;

/// The first value of `key` in `props`; empty when there is none.
std::string first(const Properties& props, const std::string& key);

/// Data a service receives, under one name and for one capability, with the classes it maps onto.
struct ImportedFlow {
  std::string name, capability;
  std::set<DataClass> classes;
};

/// A service of the BOM, or a machine-learning model whose weights are licensed.
struct ImportedProvider {
  std::string id;  ///< assigned when the starter is written
  std::string name, bom_ref, pointer;
  Properties props;
  std::string country;  ///< provider.address.country
  std::vector<std::string> hosts;
  std::optional<std::size_t> parent;  ///< index of the service this one is nested in
  std::vector<ImportedFlow> flows;
  std::vector<std::string> unmapped;  ///< "name: classification" of data with no sovaudit class
  bool from_model = false;            ///< a weights licensor, read from a machine-learning-model component
};

/// A capability of sovaudit's own export: an application component with bom-ref "capability:…".
struct ImportedCapability {
  std::string id, name, bom_ref;
  Properties props;
};

/// Everything the starter inventory is written from.
struct ImportedBom {
  std::vector<ImportedProvider> providers;
  std::vector<ImportedCapability> capabilities;
  std::map<std::string, std::vector<std::string>> depends;  ///< bom-ref -> dependsOn, as listed
  Properties metadata_props;
  std::string organization;  ///< metadata.component or metadata.supplier name
};

/// Reads the services, models, capabilities and dependencies of a parsed CycloneDX document.
/// A value the CycloneDX schema forbids is an error at its place in `source`; nullopt then.
std::optional<ImportedBom> read_imported_bom(const SourceFile& source, const nlohmann::json& root, Diagnostics& diagnostics);

/// The annotated starter inventory of `bom`, read from `path`, dated `today`. Whatever the BOM
/// holds, the YAML it returns loads without errors: links that would close a cycle are left out
/// with a comment, names are cut to a bounded length and NUL characters dropped.
ImportedInventory write_starter_inventory(ImportedBom bom, const std::string& path, const Date& today);

}  // namespace sovaudit::interop
