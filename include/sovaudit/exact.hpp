// Order-free arithmetic: sums and threshold comparisons that do not depend on the order of a list.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace sovaudit {

/// Value shares are counted in billionths of core value, so that sums are exact integers:
/// 0.05 + 0.18 + 0.02 is 0.25 in every order, and a threshold of 0.25 is met by it.
using ShareUnits = std::int64_t;
inline constexpr double kShareUnitsPerWhole = 1e9;

/// Shares are clamped to ± a billion wholes before counting: a budget share of 3.6e10 (a rise
/// against a budget of a fraction of a cent) would overflow the count and read as acceptable.
inline constexpr double kLargestShare = 1e9;

/// The share rounded to the nearest billionth, saturating at ± kLargestShare; NaN counts as 0.
inline ShareUnits to_share_units(double share) {
  if (std::isnan(share)) return 0;
  return std::llround(std::clamp(share, -kLargestShare, kLargestShare) * kShareUnitsPerWhole);
}
/// The share that `units` billionths stand for.
inline double from_share_units(ShareUnits units) { return static_cast<double>(units) / kShareUnitsPerWhole; }
/// True when `value` reaches `threshold`, both compared to the nearest billionth (docs/scoring.md).
inline bool reaches(double value, double threshold) { return to_share_units(value) >= to_share_units(threshold); }

/// The sum of `terms` in a canonical order (ascending), so any permutation of them gives the
/// same bits. Used for money, whose terms are products and cannot be made exact.
inline double order_free_sum(std::vector<double> terms) {
  std::sort(terms.begin(), terms.end());
  double sum = 0;
  for (double t : terms) sum += t;
  return sum;
}

}  // namespace sovaudit
