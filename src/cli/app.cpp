// Command-line parsing with CLI11: global options, subcommands, help with examples, exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <ostream>
#include <unistd.h>

#include "commands.hpp"
#include "sovaudit/cli.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit::cli {
namespace {

constexpr std::array<std::string_view, 1> kCommands = {"validate"};

constexpr const char* kFooter = R"(Examples:
  sovaudit validate inventory.yaml        check one inventory, report every problem at once
  sovaudit validate examples/*.yaml       check several inventories
  sovaudit validate --max-file-size 256M portfolio.yaml

Exit codes: 0 valid, 1 gate tripped, 2 invalid input or usage, 3 internal error.
Documentation: docs/inventory.md (format), schemas/inventory.schema.json (editor schema).)";

enum class ColorChoice { Auto, Always, Never };

bool use_color(ColorChoice choice, bool is_tty, const Environment& env) {
  if (choice == ColorChoice::Always) return true;
  if (choice == ColorChoice::Never) return false;
  return is_tty && !env.no_color;
}

std::string usage_hint() { return "Run 'sovaudit --help' for usage and examples.\n"; }

}  // namespace

Environment Environment::from_process() {
  Environment env;
  env.stdout_is_tty = ::isatty(1) == 1;
  env.stderr_is_tty = ::isatty(2) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  env.no_color = (no_color && *no_color) || (term && std::string_view(term) == "dumb");
  return env;
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::uint64_t multiplier = 1;
  const char suffix = text.back();
  if (suffix == 'K' || suffix == 'k') multiplier = 1ull << 10;
  if (suffix == 'M' || suffix == 'm') multiplier = 1ull << 20;
  if (suffix == 'G' || suffix == 'g') multiplier = 1ull << 30;
  if (multiplier != 1) text.remove_suffix(1);
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value == 0) return std::nullopt;
  return value * multiplier;
}

ExitCode run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env) {
  try {
    CLI::App app{"sovaudit: audit an organisation's dependencies on AI providers.", "sovaudit"};
    app.set_version_flag("--version", std::string("sovaudit ") + kVersion);
    app.footer(kFooter);
    app.require_subcommand(0, 1);

    ColorChoice color = ColorChoice::Auto;
    const std::map<std::string, ColorChoice> color_names{
        {"auto", ColorChoice::Auto}, {"always", ColorChoice::Always}, {"never", ColorChoice::Never}};
    app.add_option("--color", color, "Colour diagnostics: auto (on a terminal without NO_COLOR), always, never")
        ->transform(CLI::CheckedTransformer(color_names))
        ->option_text("WHEN");

    ValidateOptions validate;
    std::string max_file_size = "64M";
    CLI::App* validate_cmd =
        app.add_subcommand("validate", "Parse and check inventories: every problem at once, no analysis");
    validate_cmd->add_option("files", validate.files, "Inventory files (YAML)")->required()->option_text("FILE...");
    validate_cmd
        ->add_option("--max-file-size", max_file_size, "Refuse inventories larger than this (K, M, G suffixes)")
        ->default_str("64M")
        ->option_text("BYTES");
    validate_cmd
        ->add_option("--max-depth", validate.limits.max_depth, "Refuse maps and lists nested deeper than this")
        ->default_val(LoadLimits::kDefaultMaxDepth)
        ->check(CLI::Range(1u, 1000u))
        ->option_text("LEVELS");
    validate_cmd->footer(kFooter);

    if (!args.empty() && !args[0].starts_with('-') &&
        std::find(kCommands.begin(), kCommands.end(), args[0]) == kCommands.end()) {
      err << "sovaudit: error: unknown command " << quote(args[0])
          << did_you_mean(closest_match(args[0], std::span<const std::string_view>(kCommands))) << "\n"
          << usage_hint();
      return ExitCode::InvalidInput;
    }

    try {
      std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
      app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
      out << app.help();
      return ExitCode::Ok;
    } catch (const CLI::CallForAllHelp&) {
      out << app.help("", CLI::AppFormatMode::All);
      return ExitCode::Ok;
    } catch (const CLI::CallForVersion&) {
      out << "sovaudit " << kVersion << "\n";
      return ExitCode::Ok;
    } catch (const CLI::ParseError& e) {
      err << "sovaudit: error: " << e.what() << "\n" << usage_hint();
      return ExitCode::InvalidInput;
    }

    const TextStyle err_style{use_color(color, env.stderr_is_tty, env)};
    if (validate_cmd->parsed()) {
      const auto bytes = parse_byte_size(max_file_size);
      if (!bytes) {
        err << "sovaudit: error: --max-file-size: " << quote(max_file_size)
            << " is not a size such as 1048576, 512K, 64M or 1G\n";
        return ExitCode::InvalidInput;
      }
      validate.limits.max_file_bytes = *bytes;
      return run_validate(validate, out, err, err_style);
    }
    out << app.help();
    return ExitCode::InvalidInput;
  } catch (const std::exception& e) {
    err << "sovaudit: internal error: " << e.what() << "\n";
    return ExitCode::Internal;
  } catch (...) {
    err << "sovaudit: internal error\n";
    return ExitCode::Internal;
  }
}

}  // namespace sovaudit::cli
