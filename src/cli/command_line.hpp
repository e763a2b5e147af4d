// Internal to the CLI: the one definition of every command and option, which parsing, --help, the
// manual page and the shell completions all read, so they cannot drift apart.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "commands.hpp"

namespace sovaudit::cli {

/// One line of an "Examples:" block: the subcommand it belongs to, the arguments after `sovaudit`,
/// and what it does.
struct Example {
  std::string_view command;
  std::string_view arguments;
  std::string_view what;
};

/// Every example, in the order --help and the manual page list them.
std::span<const Example> examples();

/// The "Examples:" footer for `command` (empty: every example), with the exit codes and docs.
std::string examples_footer(std::string_view command);

/// The environment variable that sets `--long-name` of any subcommand: SOVAUDIT_LONG_NAME.
std::string environment_name(std::string_view long_name);

enum class ColorChoice { Auto, Always, Never };

/// The parsed command line: the CLI11 definition and the values it fills in.
struct CommandLine {
  CLI::App app{"sovaudit: audit an organisation's dependencies on AI providers.", "sovaudit"};

  ColorChoice color = ColorChoice::Auto;
  bool quiet = false;
  std::string max_file_size = "64M";
  std::string max_string = "64K";
  std::string as_of;  ///< kToday unless given
  std::string fail_on = "existential";
  std::string min_severity = "advisory";
  std::string min_class = "acceptable";
  std::string format_names;        ///< every report format, a|b|c
  std::string graph_format_names;  ///< the graph formats
  std::string diff_format_names;   ///< diff's formats

  ScanOptions scan;
  ScanOptions graph;
  ScanOptions drift;
  ImportOptions import;
  std::string drift_fail_on = "material";
  bool catalogue_markdown = false;
  DiffOptions diff;
  WhatIfOptions what_if;
  PlanCommandOptions plan;
  ValidateOptions validate;
  std::string init_path = "inventory.yaml";
  bool init_force = false;
  std::string rule_id;
  bool rules_markdown = false;
  std::string completion_shell;
  std::string invoked;  ///< the subcommand the arguments run, or ""

  CLI::App* scan_cmd = nullptr;
  CLI::Option* scan_format = nullptr;
  CLI::App* diff_cmd = nullptr;
  CLI::Option* diff_format = nullptr;
  CLI::App* what_if_cmd = nullptr;
  CLI::Option* what_if_format = nullptr;
  CLI::App* plan_cmd = nullptr;
  CLI::Option* plan_format = nullptr;
  CLI::App* init_cmd = nullptr;
  CLI::App* graph_cmd = nullptr;
  CLI::App* validate_cmd = nullptr;
  CLI::App* explain_cmd = nullptr;
  CLI::App* rules_cmd = nullptr;
  CLI::App* completion_cmd = nullptr;
  CLI::App* manual_cmd = nullptr;
  CLI::App* drift_cmd = nullptr;
  CLI::Option* drift_format = nullptr;
  CLI::App* import_cmd = nullptr;
  CLI::App* catalogue_cmd = nullptr;

  /// The value of as_of that means "not given": today, UTC.
  static constexpr const char* kToday = "\x01today";
};

/// Builds the command line with every subcommand, option, default and the config file option
/// (--config, default .sovaudit.toml). The global options and those of the command `args` invoke
/// read their SOVAUDIT_* variables and config table; the other commands' are left alone.
std::unique_ptr<CommandLine> make_command_line(const std::vector<std::string>& args = {});

/// The subcommand `args` invoke (the first argument naming one, past global options' values), or "".
std::string invoked_command(const std::vector<std::string>& args, const CLI::App& app);

/// The subcommands in the order they are documented.
std::vector<const CLI::App*> subcommands_of(const CLI::App& app);

/// The fixed choices of an option, read from its option text "a|b|c"; empty when it takes free text.
std::vector<std::string> choices_of(const CLI::Option& option);

/// True when the option takes a value (it is not a flag).
bool takes_value(const CLI::Option& option);

/// True when the option's value names a file or directory (its option text says FILE, REPORT or DIR).
bool takes_path(const CLI::Option& option);

/// The manual page sovaudit(1) in roff, one section per subcommand.
std::string render_manual(const CommandLine& line);

/// The completion script for `shell` (bash, zsh or fish), or nothing for another shell.
std::optional<std::string> render_completion(const CommandLine& line, std::string_view shell);

}  // namespace sovaudit::cli
