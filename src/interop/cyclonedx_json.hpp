// Internal to interop: a CycloneDX JSON document parsed once, with its places, for drift and import.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/source.hpp"

namespace sovaudit::interop {

/// JSON nested deeper than this is refused before it is parsed: CycloneDX needs a few dozen levels.
inline constexpr std::size_t kMaxJsonDepth = 128;

/// A parsed CycloneDX document and the text its places refer to.
struct CycloneDxDocument {
  nlohmann::json root;
  std::string spec_version;
};

/// Parses `source` as a CycloneDX JSON BOM: well-formed JSON, at most kMaxJsonDepth deep, an
/// object whose bomFormat is "CycloneDX" and whose specVersion is 1.2 to 1.7. Errors go to
/// `diagnostics` at their place; nothing is returned after one.
std::optional<CycloneDxDocument> parse_cyclonedx(const SourceFile& source, Diagnostics& diagnostics);

/// The place of `pointer` in `source`, or the start of the file when it names nothing.
SourceLoc place_of(const SourceFile& source, std::string_view pointer);

/// "/services/0/name": `base` extended by one member name or index, escaped per RFC 6901.
std::string child_pointer(std::string_view base, std::string_view member);
std::string child_pointer(std::string_view base, std::size_t index);

/// The string at `key` of `object`, or "" when absent or not a string.
std::string string_at(const nlohmann::json& object, std::string_view key);

}  // namespace sovaudit::interop
