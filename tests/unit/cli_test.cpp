// The command line in-process: exit codes, streams, size flags and colour decisions.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "sovaudit/cli.hpp"
#include "sovaudit/report.hpp"

using namespace sovaudit;

namespace {

struct Run {
  ExitCode code;
  std::string out, err;
};

Run run(std::vector<std::string> args, cli::Environment env = {}) {
  std::ostringstream out, err;
  const ExitCode code = cli::run(args, out, err, env);
  return {code, out.str(), err.str()};
}

const std::string kExample = std::string(SOVAUDIT_SOURCE_DIR) + "/examples/eu-health-tech.yaml";

}  // namespace

TEST_CASE("byte sizes accept binary suffixes", "[cli]") {
  CHECK(cli::parse_byte_size("1048576") == 1048576u);
  CHECK(cli::parse_byte_size("512K") == 512u * 1024);
  CHECK(cli::parse_byte_size("64M") == 64u * 1024 * 1024);
  CHECK(cli::parse_byte_size("1g") == 1024u * 1024 * 1024);
  CHECK_FALSE(cli::parse_byte_size("0"));
  CHECK_FALSE(cli::parse_byte_size("lots"));
  CHECK_FALSE(cli::parse_byte_size("M"));
  CHECK_FALSE(cli::parse_byte_size("-5"));
}

TEST_CASE("hardening 11: byte sizes never wrap", "[cli][hardening]") {
  CHECK(cli::parse_byte_size("1024G") == std::uint64_t{1} << 40);
  CHECK_FALSE(cli::parse_byte_size("1025G"));
  CHECK_FALSE(cli::parse_byte_size("999999999999G"));  // 10^12 x 2^30 would wrap past 2^64
  CHECK_FALSE(cli::parse_byte_size("999999999999M"));
  const Run r = run({"validate", "--max-file-size", "999999999999G", kExample});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err == "sovaudit: error: --max-file-size: '999999999999G' is not a size such as 1048576, 512K, 64M or 1G "
                 "(at most 1024G)\n");
}

TEST_CASE("hardening 11: numeric options refuse NaN and infinities", "[cli][hardening]") {
  for (const std::string command : {"scan", "diff"}) {
    for (const std::string option : {"--price-multiplier", "--notice-months"}) {
      for (const std::string value : {"nan", "NaN", "inf", "-inf", "1e999", "3x"}) {
        std::vector<std::string> args{command, option, value, kExample};
        if (command == "diff") args.push_back(kExample);
        const Run r = run(args);
        INFO(command << " " << option << " " << value << ": " << r.err);
        CHECK(r.code == ExitCode::InvalidInput);
        CHECK(r.out.empty());
        CHECK(r.err.find("is not a finite number in range") != std::string::npos);
      }
    }
  }
  const Run ok = run({"scan", "--price-multiplier", "2.5", "--fail-on", "none", "--as-of", "2026-11-22", kExample});
  CHECK(ok.code == ExitCode::Ok);
}

TEST_CASE("hardening 17: options that used to mean something else say so", "[cli][hardening]") {
  Run r = run({"scan", "--as-of", "", kExample});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err == "sovaudit: error: --as-of: '' is not a date written YYYY-MM-DD\n");
  r = run({"validate", "--max-depth", "600", kExample});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err.find("--max-depth") != std::string::npos);
  r = run({"scan", "--sarif-base", kExample, "--fail-on", "none", kExample});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err.find("is not a directory; give the repository root") != std::string::npos);
  r = run({"init", std::string(SOVAUDIT_SOURCE_DIR) + "/examples"});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err.find("is a directory; name the file to write") != std::string::npos);
  CHECK(r.err.find("--force") == std::string::npos);
  r = run({"init", "evil\nsovaudit: 2.yaml"});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err.find("contains a control character") != std::string::npos);
}

TEST_CASE("hardening 17: --color works after the subcommand, extras are listed in order", "[cli][hardening]") {
  Run r = run({"validate", kExample, "--color", "never"});
  CHECK(r.code == ExitCode::Ok);
  r = run({"scan", kExample, "--color", "always", "first", "second"});
  CHECK(r.code == ExitCode::InvalidInput);
  CHECK(r.err == "sovaudit: error: unexpected arguments: first second\nRun 'sovaudit --help' for usage and examples.\n");
}

TEST_CASE("the version flag prints the version and exits 0", "[cli]") {
  const Run r = run({"--version"});
  CHECK(r.code == ExitCode::Ok);
  CHECK(r.out.rfind("sovaudit ", 0) == 0);
  CHECK(r.err.empty());
}

TEST_CASE("usage errors exit 2 and write nothing to stdout", "[cli]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"validate"}, {"validate", "--bogus", "x"}, {"frobnicate"}, {"validate", "--max-depth", "0", "x"}}) {
    const Run r = run(args);
    INFO(r.err);
    CHECK(r.code == ExitCode::InvalidInput);
    CHECK(r.out.empty());
    CHECK(r.err.find("sovaudit: error: ") == 0);
  }
}

TEST_CASE("validate reports a valid example on stdout", "[cli]") {
  const Run r = run({"validate", kExample});
  INFO(r.err);
  CHECK(r.code == ExitCode::Ok);
  CHECK(r.out.find(": valid (") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("colour follows the terminal, NO_COLOR and --color", "[cli]") {
  const std::string missing = "/nonexistent/inventory.yaml";
  cli::Environment tty;
  tty.stderr_is_tty = true;
  CHECK(run({"validate", missing}, tty).err.find("\x1b[") != std::string::npos);
  cli::Environment no_color = tty;
  no_color.no_color = true;
  CHECK(run({"validate", missing}, no_color).err.find("\x1b[") == std::string::npos);
  CHECK(run({"validate", missing}).err.find("\x1b[") == std::string::npos);
  CHECK(run({"--color=always", "validate", missing}).err.find("\x1b[") != std::string::npos);
  CHECK(run({"--color", "never", "validate", missing}, tty).err.find("\x1b[") == std::string::npos);
}

TEST_CASE("a format's extensions name it too: --output md:FILE and --format gv", "[cli]") {
  CHECK(find_writer("md") == find_writer("markdown"));
  CHECK(find_writer("gv") == find_writer("dot"));
  CHECK(find_writer("mmd") == find_writer("mermaid"));
  CHECK(find_writer("yaml") == nullptr);
  const std::string path = std::string(SOVAUDIT_BINARY_DIR) + "/cli-test-md-alias.review";
  std::remove(path.c_str());
  Run r = run({"scan", kExample, "--as-of", "2026-11-22", "--fail-on", "none", "--output", "md:" + path});
  CHECK(r.code == ExitCode::Ok);
  std::ifstream written(path);
  std::string first_line;
  std::getline(written, first_line);
  CHECK(first_line.rfind("# AI dependency review: ", 0) == 0);
  std::remove(path.c_str());
  r = run({"graph", kExample, "--format", "gv"});
  CHECK(r.code == ExitCode::Ok);
  CHECK(r.out.rfind("digraph", 0) == 0);
}
