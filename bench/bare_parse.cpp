// The floor for any loader built on yaml-cpp: its event parse of a file, with a handler that
// builds nothing, in a program that links nothing else (bench/run_benchmarks.py runs it).
#include <fstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace {

/// Counts events so the parse cannot be optimised away; keeps nothing.
class NullHandler final : public YAML::EventHandler {
 public:
  unsigned long events = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override {}
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) return 2;
  YAML::Parser parser(in);
  NullHandler handler;
  while (parser.HandleNextDocument(handler)) {
  }
  return handler.events > 0 ? 0 : 3;
}
