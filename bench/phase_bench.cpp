// One measured run of one file, phase by phase, for bench/run_benchmarks.py: prints a TSV line per
// phase with its wall time, the process's peak RSS at its end and the heap still in use.
//
//   sovaudit_phase_bench pipeline FILE AS_OF   load -> check -> graph -> analyses -> passes -> writers
//   sovaudit_phase_bench bare FILE             yaml-cpp's event parse with a handler that builds nothing
//   sovaudit_phase_bench tree FILE             yaml-cpp's YAML::LoadFile (a node tree), for reference
//   sovaudit_phase_bench run PROGRAM ARGS...   a whole process: wall time, peak RSS and exit code
//   sovaudit_phase_bench run-to OUT PROGRAM ARGS...   the same, its standard output written to OUT
//
// Each mode is meant to run in a fresh process, so that peak RSS belongs to that mode alone.
#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "sovaudit/analysis.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/column_index.hpp"
#include "sovaudit/dates.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/verdict.hpp"

namespace {

using Clock = std::chrono::steady_clock;

/// This process's peak RSS in KiB. VmHWM, not getrusage: Linux carries ru_maxrss across execve, so a
/// process started by a large parent (Python) would report the parent's size.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

/// Prints one phase: name, seconds since `start`, peak RSS so far (KiB), heap in use now (KiB).
void report_phase(std::string_view name, Clock::time_point start) {
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const struct mallinfo2 heap = mallinfo2();
  std::printf("%.*s\t%.6f\t%ld\t%zu\n", static_cast<int>(name.size()), name.data(), seconds, peak_rss_kib(),
              (heap.uordblks + heap.hblkhd) / 1024);
  std::fflush(stdout);
}

/// Runs a command as a whole process and prints its wall time and peak RSS. The child is forked
/// from this small process, so the RSS it inherits across execve is this one's, not a Python's.
/// Its standard output goes to `stdout_path` (as `> FILE` would), or to /dev/null when null.
int run_process(char** argv, const char* stdout_path) {
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) return 3;
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    const int out = stdout_path ? open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : null;
    if (null >= 0 && out >= 0) {
      dup2(out, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    execv(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return 3;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  std::printf("process\t%.6f\t%ld\t%d\n", seconds, usage.ru_maxrss, code);
  return code <= 1 ? 0 : 3;
}

/// A stream buffer that counts the bytes written to it and keeps none.
class CountingSink : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
  int_type overflow(int_type ch) override {
    ++bytes;
    return traits_type::not_eof(ch);
  }
};

/// Counts events so the parse cannot be optimised away; keeps nothing.
class NullHandler : public YAML::EventHandler {
 public:
  std::size_t events = 0;
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

int bare_parse(const char* path) {
  auto start = Clock::now();
  std::ifstream in(path, std::ios::binary);
  if (!in) return 2;
  YAML::Parser parser(in);
  NullHandler handler;
  while (parser.HandleNextDocument(handler)) {
  }
  report_phase("bare-event-parse", start);
  return handler.events > 0 ? 0 : 3;
}

int tree_load(const char* path) {
  auto start = Clock::now();
  const YAML::Node root = YAML::LoadFile(path);
  report_phase("yaml-load-file", start);
  return root.IsMap() ? 0 : 3;
}

int pipeline(const char* path, const char* as_of_text) {
  using namespace sovaudit;
  const std::optional<Date> as_of = parse_iso_date(as_of_text).date;
  if (!as_of) return 2;
  // As the sovaudit executable does (cli::map_large_blocks_apart).
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  auto start = Clock::now();
  const LoadLimits limits;
  SourceRead read = read_source_file(path, limits);
  if (!read.source) return 2;
  report_phase("read", start);

  start = Clock::now();
  const ParseResult parsed = parse_inventory(*read.source, limits);
  read.source->text.release_pages();  // as the load stage does
  report_phase("parse", start);
  if (!parsed.complete || parsed.diagnostics.has_errors()) return 2;

  start = Clock::now();
  const auto rules = builtin_passes().rules();
  const Diagnostics checked = check_inventory(parsed.inventory, rules);
  report_phase("check", start);
  if (checked.has_errors()) return 2;

  const AnalysisOptions options{*as_of, std::nullopt, std::nullopt};
  start = Clock::now();
  DependencyGraph graph = build_graph(parsed.inventory, graph_options(parsed.inventory, options));
  report_phase("graph", start);

  start = Clock::now();
  const Analysis analysis = analyze(parsed.inventory, std::move(graph), options);
  report_phase("analyses", start);

  start = Clock::now();
  const Verdict verdict =
      judge(run_passes(builtin_passes(), PassContext{parsed.inventory, analysis}), parsed.inventory, *as_of,
            FailOn::Existential);
  report_phase("passes", start);

  start = Clock::now();
  const ColumnIndex columns = ColumnIndex::of(read.source->text, places_of(verdict.findings));
  report_phase("columns", start);

  Report report{parsed.inventory, analysis, verdict, builtin_passes(), read.source->text,
                ReportOptions{.artifact_uri = "inventory.yaml"}};
  report.columns = &columns;
  // Writers stream into a sink that counts and drops, so disk speed stays out of the figures.
  CountingSink sink;
  std::ostream out(&sink);
  for (const Writer& writer : builtin_writers()) {
    start = Clock::now();
    writer.write(report, TextStyle{}, out);
    out.flush();
    report_phase(std::string("write-") + std::string(writer.name), start);
  }
  return sink.bytes > 0 ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "bare" && argc == 3) return bare_parse(argv[2]);
  if (mode == "tree" && argc == 3) return tree_load(argv[2]);
  if (mode == "pipeline" && argc == 4) return pipeline(argv[2], argv[3]);
  if (mode == "run" && argc > 2) return run_process(argv + 2, nullptr);
  if (mode == "run-to" && argc > 3) return run_process(argv + 3, argv[2]);
  std::fputs("usage: sovaudit_phase_bench pipeline FILE YYYY-MM-DD | bare FILE | tree FILE | run PROGRAM ARGS... | "
             "run-to OUTPUT PROGRAM ARGS...\n",
             stderr);
  return 2;
}
