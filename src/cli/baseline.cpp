// --baseline: fingerprints from an earlier JSON or SARIF report, matched by rule, target and
// discriminator, so they survive edits that move lines.
#include "baseline.hpp"

#include "sovaudit/bounded_read.hpp"

#include <nlohmann/json.hpp>

namespace sovaudit::cli {
namespace {

constexpr const char* kSarifKey = "sovauditFinding/v1";

bool collect_json(const nlohmann::json& doc, std::unordered_set<std::string>& out, std::string& problem) {
  for (const auto& finding : doc.at("findings")) {
    if (!finding.is_object() || !finding.contains("fingerprint") || !finding["fingerprint"].is_string()) {
      problem = "a finding has no fingerprint; write the baseline with this version of sovaudit (--output report.json)";
      return false;
    }
    out.insert(finding["fingerprint"].get<std::string>());
  }
  return true;
}

bool collect_sarif(const nlohmann::json& doc, std::unordered_set<std::string>& out, std::string& problem) {
  for (const auto& run : doc.at("runs")) {
    if (!run.contains("results")) continue;
    for (const auto& result : run["results"]) {
      const auto prints = result.find("partialFingerprints");
      if (prints == result.end() || !prints->contains(kSarifKey) || !(*prints)[kSarifKey].is_string()) {
        problem = "a SARIF result has no sovauditFinding/v1 fingerprint; it was not written by sovaudit";
        return false;
      }
      out.insert((*prints)[kSarifKey].get<std::string>());
    }
  }
  return true;
}

}  // namespace

std::optional<std::unordered_set<std::string>> read_baseline(const std::string& path, std::uint64_t max_bytes,
                                                             std::string& problem) {
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
  const nlohmann::json doc = nlohmann::json::parse(read.text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    problem = "'" + path + "' is not JSON; give a report written with --output report.json or .sarif";
    return std::nullopt;
  }
  std::unordered_set<std::string> fingerprints;
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
