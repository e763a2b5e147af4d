// Internal to the loader: where an inventory's text can be cut so its pieces parse on separate threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sovaudit::load {

/// A top-level key as the lines show it: its name, its 1-based line and the byte offset of that line.
struct TopLevelKey {
  std::string_view name;
  std::uint32_t line = 0;
  std::size_t offset = 0;
};

/// A place to cut: the start of an entry line (`  - ...`) of a top-level block list that already
/// has an entry before it. The piece that starts here is parsed behind the line `list_key:`.
struct Cut {
  std::size_t offset = 0;     ///< byte offset of the entry's line
  std::uint32_t line = 0;     ///< its 1-based line
  std::string_view list_key;  ///< the top-level key whose list the entry belongs to
};

/// What a split rests on: every top-level key in order, and the cuts, in increasing offset.
struct SplitPlan {
  std::vector<TopLevelKey> keys;
  std::vector<Cut> cuts;
};

/// Plans up to `pieces - 1` cuts about evenly spaced in bytes, or none. Only a plain layout is cut:
/// every line at column 0 is a comment, a `key:` seen once, an entry of a list written at column 0,
/// or a `---` before the first key; anything else (directives, `...`, a second document, quoted
/// keys, flow lists at the top, a continuation line) plans no cut and the file is read in one
/// piece. The plan is a guess from lines alone: the parser confirms it (parallel_parse.cpp).
std::optional<SplitPlan> plan_split(std::string_view text, std::size_t pieces);

}  // namespace sovaudit::load
