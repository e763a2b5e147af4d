// SARIF 2.1.0 for code scanning: every rule with its help, every result pointing at its line in
// the inventory, accepted risks as suppressions, fingerprints that survive line moves.
#include <nlohmann/json.hpp>

#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

using nlohmann::ordered_json;

constexpr const char* kInformationUri = "https://github.com/sovaudit/sovaudit";

std::string_view level_of(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "error";
    case Severity::Material:
      return "warning";
    case Severity::Advisory:
      break;
  }
  return "note";
}

// GitHub orders code-scanning alerts by this score (0.1 to 10).
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::Existential:
      return "9.0";
    case Severity::Material:
      return "6.0";
    case Severity::Advisory:
      break;
  }
  return "3.0";
}

std::vector<std::string> split_tags(std::string_view tags) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= tags.size()) {
    const std::size_t comma = tags.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? tags.size() : comma;
    if (end > start) out.emplace_back(tags.substr(start, end - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

/// SARIF counts columns in characters; the model counts bytes.
class Columns {
 public:
  explicit Columns(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  [[nodiscard]] std::uint32_t character_column(SourceLoc loc) const {
    if (loc.line == 0 || loc.line > starts_.size()) return loc.column == 0 ? 1 : loc.column;
    const std::size_t start = starts_[loc.line - 1];
    return static_cast<std::uint32_t>(count_code_points(text_.substr(start), loc.column - 1) + 1);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

ordered_json physical(const Report& r, const Columns& columns, SourceLoc loc) {
  const SourceLoc where = loc.known() ? loc : SourceLoc{1, 1};
  return {{"artifactLocation", {{"uri", r.options.artifact_uri}, {"uriBaseId", "%SRCROOT%"}, {"index", 0}}},
          {"region", {{"startLine", where.line}, {"startColumn", columns.character_column(where)}}}};
}

ordered_json rule_json(const RuleInfo& rule) {
  const std::string help_text = std::string(rule.description) + "\n\nFix: " + std::string(rule.remediation);
  const std::string help_markdown = "**Meaning.** " + std::string(rule.description) + "\n\n**Severity.** " +
                                    std::string(rule.severities) + ".\n\n**Fix.** " + std::string(rule.remediation) +
                                    "\n\nRun `sovaudit explain " + std::string(rule.id) + "` for more.";
  ordered_json tags = split_tags(rule.tags);
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.summary}}},
          {"fullDescription", {{"text", rule.description}}},
          {"help", {{"text", help_text}, {"markdown", help_markdown}}},
          {"helpUri", std::string(kInformationUri) + "/blob/main/docs/rules.md"},
          {"defaultConfiguration", {{"level", level_of(rule.default_severity)}}},
          {"properties", {{"tags", tags}, {"security-severity", security_severity(rule.default_severity)}}}};
}

}  // namespace

std::string render_sarif(const Report& r, TextStyle) {
  const Columns columns(r.source_text);
  const auto rules = r.rules.rules();
  ordered_json rules_json = ordered_json::array();
  for (const RuleInfo* rule : rules) rules_json.push_back(rule_json(*rule));

  ordered_json results = ordered_json::array();
  for (const Finding& f : r.verdict.findings) {
    if (f.severity < r.options.sarif_min_severity) continue;
    const RuleInfo* rule = r.rules.rule(f.rule);
    const auto index = std::find(rules.begin(), rules.end(), rule) - rules.begin();
    ordered_json related = ordered_json::array();
    int id = 1;
    for (const RelatedLocation& rel : f.related) {
      ordered_json l = {{"id", id++}, {"physicalLocation", physical(r, columns, rel.loc)}};
      l["message"] = {{"text", rel.role + " " + rel.id}};
      related.push_back(std::move(l));
    }
    ordered_json result = {
        {"ruleId", f.rule},
        {"ruleIndex", index},
        {"level", level_of(f.severity)},
        {"message", {{"text", rule ? render_message(f, *rule, r.inventory) : f.rule}}},
        {"locations", ordered_json::array({{{"physicalLocation", physical(r, columns, f.loc)}}})},
    };
    if (!related.empty()) result["relatedLocations"] = related;
    result["partialFingerprints"] = {{"sovauditFinding/v1", fingerprint(f)}};
    if (f.acceptance) {
      const AcceptedRisk& a = r.inventory.accepted_risks[*f.acceptance];
      result["suppressions"] = ordered_json::array(
          {{{"kind", "external"},
            {"status", "accepted"},
            {"justification", a.justification.value + " (accepted by " + a.owner.value + " until " +
                                  to_string(a.expires.value) + ")"}}});
    }
    result["properties"] = {{"severity", to_string(f.severity)}, {"target", f.target}};
    results.push_back(std::move(result));
  }

  const ordered_json sarif = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       ordered_json::array({{
           {"tool",
            {{"driver",
              {{"name", "sovaudit"},
               {"version", kVersion},
               {"semanticVersion", kVersion},
               {"informationUri", kInformationUri},
               {"rules", rules_json}}}}},
           {"artifacts", ordered_json::array({{{"location", {{"uri", r.options.artifact_uri}, {"uriBaseId", "%SRCROOT%"}}},
                                               {"mimeType", "application/yaml"}}})},
           {"columnKind", "unicodeCodePoints"},
           {"results", results},
       }})},
  };
  return sarif.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace sovaudit
