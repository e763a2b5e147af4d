// The byte pre-scan against what yaml-cpp actually builds: whenever yaml-cpp would nest flow
// collections deeper than the limit, the pre-scan has refused the text first (differential test).
#include <catch2/catch.hpp>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <random>
#include <sstream>
#include <vector>

#include "../../src/load/prescan.hpp"

using namespace sovaudit;

namespace {

/// The deepest nesting of flow collections ([...] and {...}) yaml-cpp reports before it stops (at the
/// end or at an error). Block nesting streams event by event and the loader's frames limit it; flow
/// nesting is what yaml-cpp buffers, so it is what the pre-scan must bound.
class DepthProbe final : public YAML::EventHandler {
 public:
  int deepest = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value style) override {
    open(style);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value style) override {
    open(style);
  }
  void OnMapEnd() override { close(); }

 private:
  void open(YAML::EmitterStyle::value style) {
    flow_.push_back(style == YAML::EmitterStyle::Flow);
    if (flow_.back()) deepest = std::max(deepest, ++flow_depth_);
  }
  void close() {
    if (flow_.empty()) return;
    if (flow_.back()) --flow_depth_;
    flow_.pop_back();
  }
  std::vector<bool> flow_;
  int flow_depth_ = 0;
};

int yaml_cpp_depth(const std::string& text) {
  std::istringstream in(text);
  DepthProbe probe;
  try {
    // As the loader does: one document, then one more call that finds a second one. yaml-cpp 0.7
    // can report documents forever on some broken inputs (" , k: \\: '- ''"), so never loop.
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(probe)) parser.HandleNextDocument(probe);
  } catch (const std::exception&) {
    // what it built before the error counts: that is the memory already spent
  }
  return probe.deepest;
}

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
                          ": ", "- ", "# ", "|\n", ", ", "\\", "  ", "k: ", "\n  ", "''", "say \"", "it's "};
  constexpr std::uint32_t kLimit = 2;
  std::mt19937 rng(20261201);
  int checked = 0, deep = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = 1 + static_cast<int>(rng() % 60);
    for (int k = 0; k < length; ++k) text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    const int built = yaml_cpp_depth(text);
    ++checked;
    // yaml-cpp opens an implicit one-pair map for "k: v" inside a flow sequence, so one bracket can
    // cost two levels: the guard holds when yaml-cpp never gets past twice the limit (plus the pair).
    if (built <= 2 * static_cast<int>(kLimit) + 1) continue;
    ++deep;
    INFO("yaml-cpp nests flow collections " << built << " deep in: " << text);
    CHECK_FALSE(prescan_accepts(text, kLimit));
  }
  CHECK(checked == 20000);
  CHECK(deep > 20);  // the generator does reach the limit often enough to mean something
}
