// CycloneDX in: what an application's SBOMs show (drift) and services BOMs as starter inventories (import).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/dates.hpp"
#include "sovaudit/diagnostics.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit {

/// The 1-based line and byte column of the JSON value at `pointer` (RFC 6901, "/components/3") in
/// `text`, which must be well-formed JSON; unknown when the pointer names nothing.
SourceLoc locate_json_pointer(std::string_view text, std::string_view pointer);

/// The places of every pointer of `pointers` in one pass over `text` (well-formed JSON), in the
/// same order; unknown for a pointer that names nothing. Linear in the text whatever the count.
std::vector<SourceLoc> locate_json_pointers(std::string_view text, const std::vector<std::string>& pointers);

/// One thing an SBOM lists that may reveal AI usage: a component with a package URL, or one
/// endpoint of a service.
struct SbomItem {
  std::uint32_t file = 0;  ///< index into Observations::files
  std::string pointer;     ///< JSON pointer to the component, or to the endpoint string
  SourceLoc loc;           ///< where `pointer` is in the file
  std::string name;        ///< the component's or service's name
  std::string purl;        ///< components: the package URL as written
  std::string host;        ///< endpoints: the host of the URL, lower-case
  std::string found_in;    ///< the manifest the generator read it from (cdxgen's SrcFile), or ""
};

/// One SBOM given to --observed.
struct SbomFile {
  std::string path;          ///< as named on the command line
  std::string spec_version;  ///< "1.6"
  bool complete = false;     ///< a composition declares the whole BOM complete
};

/// What the SBOMs of an application's repositories show, in file order.
struct Observations {
  std::vector<SbomFile> files;
  std::vector<SbomItem> items;
  bool complete = false;  ///< every SBOM is complete (--observed-complete, or each says so itself)
};

/// Reads one CycloneDX JSON SBOM (specVersion 1.2 to 1.7) from `source` and appends its
/// components with package URLs and its services' endpoints to `into`, nested ones included.
/// Problems go to `diagnostics` with their place in the file; nothing is appended on an error.
void read_observed_sbom(const SourceFile& source, Observations& into, Diagnostics& diagnostics);

/// The result of `sovaudit import cyclonedx`: a starter inventory as YAML text.
struct ImportedInventory {
  std::string yaml;
  std::size_t providers = 0;
  std::size_t data_flows = 0;
  std::size_t capabilities = 0;
};

/// Turns a CycloneDX services BOM or SaaSBOM into an annotated starter inventory dated `today`:
/// services become providers (nested services their upstreams), data entries whose classification
/// maps onto a data class become data flows, and a comment marks each value a person must supply.
/// Errors (not JSON, not CycloneDX, a value the CycloneDX schema forbids, more services or data
/// flows than an inventory list may hold under `max_entries`) go to `diagnostics`.
ImportedInventory import_cyclonedx(const SourceFile& source, const Date& today, Diagnostics& diagnostics,
                                   std::uint64_t max_entries);

}  // namespace sovaudit
