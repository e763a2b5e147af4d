// Internal to the CLI: reading the findings of an earlier report to gate only on new ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

namespace sovaudit::cli {

/// The finding fingerprints of an earlier sovaudit report: a JSON report (`findings[].fingerprint`)
/// or SARIF (`partialFingerprints["sovauditFinding/v1"]`). On failure returns nothing and says why
/// in `problem`.
std::optional<std::unordered_set<std::string>> read_baseline(const std::string& path, std::uint64_t max_bytes,
                                                             std::string& problem);

}  // namespace sovaudit::cli
