// Reading CycloneDX JSON safely: bounded depth, the document's identity checked, errors with places.
#include "cyclonedx_json.hpp"

#include "sovaudit/sbom.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::interop {
namespace {

/// The deepest nesting of arrays and objects in `text` (strings skipped), stopping past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit, std::size_t& where) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) {
        where = i;
        return deepest;
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

SourceLoc place_of(const SourceFile& source, std::string_view pointer) {
  const SourceLoc loc = locate_json_pointer(source.text, pointer);
  return loc.known() ? loc : SourceLoc{1, 1};
}

std::string child_pointer(std::string_view base, std::string_view member) {
  std::string out(base);
  out += '/';
  for (char c : member) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string child_pointer(std::string_view base, std::size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

std::string string_at(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<CycloneDxDocument> parse_cyclonedx(const SourceFile& source, Diagnostics& diagnostics) {
  std::size_t deep_at = 0;
  if (nesting_depth(source.text, kMaxJsonDepth, deep_at) > kMaxJsonDepth) {
    diagnostics.error(loc_of_offset(source.text, deep_at),
                      "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels; no CycloneDX BOM is");
    return std::nullopt;
  }
  CycloneDxDocument doc;
  try {
    doc.root = nlohmann::json::parse(source.text.view());
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message starts with its own "[json.exception.parse_error.101] parse error at ...".
    std::string what = e.what();
    const std::size_t column = what.find(", column ");
    const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
    diagnostics.error(loc_of_offset(source.text, e.byte == 0 ? 0 : e.byte - 1),
                      "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
    return std::nullopt;
  }
  if (!doc.root.is_object()) {
    diagnostics.error(SourceLoc{1, 1}, "not a CycloneDX BOM: the document is not a JSON object");
    return std::nullopt;
  }
  const auto format = doc.root.find("bomFormat");
  if (format == doc.root.end() || !format->is_string() || format->get<std::string>() != "CycloneDX") {
    diagnostics.error(place_of(source, format == doc.root.end() ? "" : "/bomFormat"),
                      "not a CycloneDX BOM: 'bomFormat' must be \"CycloneDX\"" +
                          std::string(format == doc.root.end() ? " and is missing" : ""));
    return std::nullopt;
  }
  doc.spec_version = string_at(doc.root, "specVersion");
  static constexpr std::string_view kKnown[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
  if (std::find(std::begin(kKnown), std::end(kKnown), doc.spec_version) == std::end(kKnown)) {
    diagnostics.error(place_of(source, "/specVersion"),
                      "'specVersion' " + quote(doc.spec_version) + " is not a CycloneDX version sovaudit reads (1.2 to 1.7)");
    return std::nullopt;
  }
  return doc;
}

}  // namespace sovaudit::interop
