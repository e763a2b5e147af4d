// "Did you mean": the closest known spelling to a misspelt word.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sovaudit {

/// Optimal-string-alignment edit distance (insert, delete, substitute, swap neighbours).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a plausible typo
/// (distance at most max(1, len/3), ignoring case), preferring the earliest on ties.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

/// The same over owned strings.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

/// " (did you mean 'x'?)" for a suggestion, or "" without one.
std::string did_you_mean(const std::optional<std::string>& suggestion);

}  // namespace sovaudit
