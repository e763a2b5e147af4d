// --baseline: fingerprints from an earlier JSON or SARIF report, matched by rule, target and
// discriminator, so they survive edits that move lines.
#include "baseline.hpp"

#include "sovaudit/bounded_read.hpp"

#include <nlohmann/json.hpp>

namespace sovaudit::cli {
namespace {

constexpr const char* kSarifKey = "sovauditFinding/v1";

std::optional<Severity> severity_named(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  for (Severity s : {Severity::Advisory, Severity::Material, Severity::Existential}) {
    if (value.get<std::string>() == to_string(s)) return s;
  }
  return std::nullopt;
}

/// A SARIF level as the sovaudit severity it stands for (error, warning, note).
std::optional<Severity> severity_of_level(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string level = value.get<std::string>();
  if (level == "error") return Severity::Existential;
  if (level == "warning") return Severity::Material;
  if (level == "note") return Severity::Advisory;
  return std::nullopt;
}

std::string string_or_empty(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// Undoes the SARIF writer's escaping of brackets (and of a backslash before one) in message texts.
std::string sarif_plain(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto bracket_at = [&](std::size_t k) { return k < text.size() && (text[k] == '[' || text[k] == ']'); };
    if (text[i] == '\\' && (bracket_at(i + 1) || (i + 1 < text.size() && text[i + 1] == '\\' && bracket_at(i + 2)))) {
      ++i;
    }
    out += text[i];
  }
  return out;
}

bool collect_json(const nlohmann::json& doc, Baseline& out, std::string& problem) {
  for (const auto& finding : doc.at("findings")) {
    if (!finding.is_object() || !finding.contains("fingerprint") || !finding["fingerprint"].is_string()) {
      problem = "a finding has no fingerprint; write the baseline with this version of sovaudit (--output report.json)";
      return false;
    }
    const auto severity = severity_named(finding.value("severity", nlohmann::json()));
    if (!severity) {
      problem = "finding " + finding["fingerprint"].get<std::string>() + " has no severity; write the baseline with this version of sovaudit";
      return false;
    }
    out[finding["fingerprint"].get<std::string>()] =
        BaselineFinding{string_or_empty(finding, "rule"), string_or_empty(finding, "target"),
                        string_or_empty(finding, "message"), *severity};
  }
  return true;
}

bool collect_sarif(const nlohmann::json& doc, Baseline& out, std::string& problem) {
  for (const auto& run : doc.at("runs")) {
    if (!run.contains("results")) continue;
    for (const auto& result : run["results"]) {
      // A result the earlier run no longer found (written against its own baseline) is not a finding.
      if (string_or_empty(result, "baselineState") == "absent") continue;
      const auto prints = result.find("partialFingerprints");
      if (prints == result.end() || !prints->contains(kSarifKey) || !(*prints)[kSarifKey].is_string()) {
        problem = "a SARIF result has no sovauditFinding/v1 fingerprint; it was not written by sovaudit";
        return false;
      }
      const nlohmann::json properties = result.value("properties", nlohmann::json::object());
      auto severity = properties.is_object() ? severity_named(properties.value("severity", nlohmann::json()))
                                             : std::nullopt;
      if (!severity) severity = severity_of_level(result.value("level", nlohmann::json("warning")));
      if (!severity) {
        problem = "a SARIF result has a level that is not error, warning or note";
        return false;
      }
      const nlohmann::json message = result.value("message", nlohmann::json::object());
      out[(*prints)[kSarifKey].get<std::string>()] = BaselineFinding{
          string_or_empty(result, "ruleId"), properties.is_object() ? string_or_empty(properties, "target") : "",
          message.is_object() ? sarif_plain(string_or_empty(message, "text")) : "", *severity};
    }
  }
  return true;
}

}  // namespace

std::optional<Baseline> read_baseline(const std::string& path, std::uint64_t max_bytes, std::string& problem) {
  const BoundedRead read = read_bounded(path, max_bytes);
  if (read.outcome == ReadOutcome::TooLarge) {
    problem = "'" + path + "' is larger than the limit of " + std::to_string(max_bytes) +
              " bytes (raise it with --max-file-size)";
    return std::nullopt;
  }
  if (read.outcome != ReadOutcome::Ok) {
    problem = "cannot read '" + path + "'" + (read.detail.empty() ? "" : ": " + read.detail);
    return std::nullopt;
  }
  const nlohmann::json doc = nlohmann::json::parse(read.text.view(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    problem = "'" + path + "' is not JSON; give a report written with --output report.json or .sarif";
    return std::nullopt;
  }
  Baseline fingerprints;
  try {
    const bool json_report = doc.contains("findings") && doc["findings"].is_array();
    const bool sarif = doc.contains("runs") && doc["runs"].is_array();
    if (!json_report && !sarif) {
      problem = "'" + path + "' is neither a sovaudit JSON report nor SARIF";
      return std::nullopt;
    }
    const bool ok = json_report ? collect_json(doc, fingerprints, problem) : collect_sarif(doc, fingerprints, problem);
    if (!ok) {
      problem = "'" + path + "': " + problem;
      return std::nullopt;
    }
  } catch (const nlohmann::json::exception&) {
    problem = "'" + path + "' does not have the shape of a sovaudit report";
    return std::nullopt;
  }
  return fingerprints;
}

}  // namespace sovaudit::cli
