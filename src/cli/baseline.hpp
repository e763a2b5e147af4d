// Internal to the CLI: reading the findings of an earlier report to gate only on new ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sovaudit/verdict.hpp"

namespace sovaudit::cli {

/// The findings of an earlier sovaudit report by fingerprint, with rule, target, message and
/// severity: a JSON report (`findings[]`) or SARIF (`partialFingerprints["sovauditFinding/v1"]`,
/// `properties.severity`; results marked `absent` were not findings of that run and are skipped).
/// On failure returns nothing and says why in `problem`.
std::optional<Baseline> read_baseline(const std::string& path, std::uint64_t max_bytes, std::string& problem);

}  // namespace sovaudit::cli
