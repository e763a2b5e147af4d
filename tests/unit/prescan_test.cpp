// The byte pre-scan against what yaml-cpp actually builds: whenever yaml-cpp would nest flow
// collections deeper than the limit, the pre-scan has refused the text first (differential test).
#include <catch2/catch.hpp>

#include <random>

#include "../../src/load/prescan.hpp"
#include "../support/yaml_depth.hpp"

using namespace sovaudit;

namespace {

bool prescan_accepts(const std::string& text, std::uint32_t max_depth) {
  LoadLimits limits;
  limits.max_depth = max_depth;
  Diagnostics diags;
  return load::prescan(text, limits, diags);
}

}  // namespace

TEST_CASE("hardening 8: a quote in a plain or block scalar does not blind the depth guard", "[prescan][hardening]") {
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  CHECK_FALSE(prescan_accepts("note: say \"hi\nx: " + deep + "\n", 16));
  CHECK_FALSE(prescan_accepts("note: it's\nx: " + deep + "\n", 16));
  CHECK_FALSE(prescan_accepts("note: |\n  say \"hi\nx: " + deep + "\n", 16));
  CHECK_FALSE(prescan_accepts("a: \"unterminated\nx: " + deep + "\n", 16));
  // A tag, anchor or alias name ends at a blank or a flow indicator (found by the fuzzer: a tag
  // followed by 18 braces reached yaml-cpp).
  CHECK_FALSE(prescan_accepts("x: !t " + deep + "\n", 16));
  CHECK_FALSE(prescan_accepts("x: !e!provid" + std::string(40, '{') + "er {id: p}\n", 16));
  CHECK_FALSE(prescan_accepts("x: &a " + deep + "\n", 16));
  CHECK_FALSE(prescan_accepts("x: [*a, " + deep + "]\n", 16));
  // Brackets inside scalars are text: a plain scalar a[[[[ is not nesting.
  CHECK(prescan_accepts("note: a" + std::string(40, '[') + "\n", 16));
  CHECK(prescan_accepts("note: \"" + std::string(40, '[') + "\"\n", 16));
  CHECK(prescan_accepts("note: '" + std::string(40, '{') + "'\n", 16));
  CHECK(prescan_accepts("note: x # " + std::string(40, '[') + "\n", 16));
  CHECK(prescan_accepts("k: [a, {b: [c]}]\n", 16));
}

TEST_CASE("hardening 8: the pre-scan refuses whatever yaml-cpp would nest past twice the limit (differential)",
          "[prescan][hardening]") {
  // Openers outweigh closers so that deep nesting is common; quotes, comments, block indicators and
  // plain text are what could hide an opener from the pre-scan.
  const char* pieces[] = {"[", "[", "[", "{", "{", "k: [", "- [", "]", "}", "\"", "'", "a", "b ", " ", "\n",
                          ": ", "- ", "# ", "|\n", ", ", "\\", "  ", "k: ", "\n  ", "''", "say \"", "it's ",
                          "!t ", "!e!x", "&a ", "*a", "!"};
  constexpr std::uint32_t kLimit = 2;
  std::mt19937 rng(20261201);
  int checked = 0, deep = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 60);
    for (int k = 0; k < length; ++k) text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    const int built = test::yaml_cpp_flow_depth(text);
    ++checked;
    if (built <= test::deepest_flow_allowed(kLimit)) continue;
    ++deep;
    INFO("yaml-cpp nests flow collections " << built << " deep in: " << text);
    CHECK_FALSE(prescan_accepts(text, kLimit));
  }
  CHECK(checked == 20000);
  CHECK(deep > 20);  // the generator does reach the limit often enough to mean something
}
