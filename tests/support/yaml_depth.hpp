// Test support: how deep yaml-cpp nests flow collections in a text, for the differential checks of
// the byte pre-scan (tests/unit/prescan_test.cpp and the fuzz harness).
#pragma once

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace sovaudit::test {

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

inline int yaml_cpp_flow_depth(const std::string& text) {
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

/// The deepest flow nesting yaml-cpp may build for a text the pre-scan accepts at `limit`: yaml-cpp
/// opens an implicit one-pair map for "k: v" inside a flow sequence, so one bracket can cost two
/// levels, plus the pair itself.
inline int deepest_flow_allowed(std::uint32_t limit) { return 2 * static_cast<int>(limit) + 1; }

}  // namespace sovaudit::test
