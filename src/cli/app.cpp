// Command-line parsing with CLI11: global options, subcommands, help with examples, exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <unistd.h>

#include "command_line.hpp"
#include "config_file.hpp"
#include "sovaudit/cli.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit::cli {
namespace {

/// Today's date in UTC, the default for --as-of.
Date today_utc() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{days};
  return Date{static_cast<int>(ymd.year()), static_cast<std::uint8_t>(static_cast<unsigned>(ymd.month())),
              static_cast<std::uint8_t>(static_cast<unsigned>(ymd.day()))};
}

bool use_color(ColorChoice choice, bool is_tty, const Environment& env) {
  if (choice == ColorChoice::Always) return true;
  if (choice == ColorChoice::Never) return false;
  if (env.force_color) return true;
  return is_tty && !env.no_color;
}

std::string usage_hint() { return "Run 'sovaudit --help' for usage and examples.\n"; }

/// FORCE_COLOR (any value but 0/false) and CLICOLOR_FORCE (any value but 0) ask for colour even
/// where output is not a terminal, the way CI log viewers that render ANSI codes want it.
bool forced_color(const char* force_color, const char* clicolor_force) {
  auto on = [](const char* v) {
    return v != nullptr && *v != '\0' && std::string_view(v) != "0" && std::string_view(v) != "false";
  };
  return on(force_color) || on(clicolor_force);
}

}  // namespace

Environment Environment::from_process() {
  Environment env;
  env.stdout_is_tty = ::isatty(1) == 1;
  env.stderr_is_tty = ::isatty(2) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  env.no_color = (no_color && *no_color) || (term && std::string_view(term) == "dumb");
  env.force_color = forced_color(std::getenv("FORCE_COLOR"), std::getenv("CLICOLOR_FORCE"));
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
  // Sizes beyond 1 TiB mean nothing for an inventory and would wrap once multiplied.
  constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 40;
  if (value == 0 || value > kMaxBytes / multiplier) return std::nullopt;
  return value * multiplier;
}

ExitCode run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env) {
  try {
    const std::unique_ptr<CommandLine> line = make_command_line(args);
    CommandLine& l = *line;
    CLI::App& app = l.app;
    ScanOptions& scan = l.scan;
    ScanOptions& graph = l.graph;
    DiffOptions& diff = l.diff;
    ValidateOptions& validate = l.validate;
    const std::string& as_of = l.as_of;
    const std::string& format_names = l.format_names;
    const std::string& graph_format_names = l.graph_format_names;
    const std::string& diff_format_names = l.diff_format_names;

    std::vector<std::string> command_names;
    for (const CLI::App* command : subcommands_of(app)) command_names.push_back(command->get_name());
    if (!args.empty() && !args[0].starts_with('-') &&
        std::find(command_names.begin(), command_names.end(), args[0]) == command_names.end()) {
      const std::vector<std::string_view> names(command_names.begin(), command_names.end());
      err << "sovaudit: error: unknown command " << quote(args[0]) << did_you_mean(closest_match(args[0], names))
          << "\n"
          << usage_hint();
      return ExitCode::InvalidInput;
    }

    if (const std::string problem = config_file_problem(args); !problem.empty()) {
      err << "sovaudit: error: " << problem << "\n";
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
    } catch (const CLI::ExtrasError&) {
      // CLI11's own message lists them in the reversed order it consumed them in.
      std::vector<std::string> extras = app.remaining(true);
      std::string list;
      for (const std::string& extra : extras) list += (list.empty() ? "" : " ") + terminal_safe(extra);
      err << "sovaudit: error: unexpected argument" << (extras.size() == 1 ? "" : "s") << ": " << list << "\n"
          << usage_hint();
      return ExitCode::InvalidInput;
    } catch (const CLI::ConfigError& e) {
      err << config_problem(l, e.what()) << "\n";
      return ExitCode::InvalidInput;
    } catch (const CLI::FileError&) {
      err << "sovaudit: error: --config: cannot read " << quote(config_file(l)) << "; no such file\n";
      return ExitCode::InvalidInput;
    } catch (const CLI::ParseError& e) {
      err << "sovaudit: error: " << e.what() << value_source(l, args, e.what()) << "\n" << usage_hint();
      return ExitCode::InvalidInput;
    }

    const Console console{l.quiet, env.stderr_is_tty && !l.quiet};
    for (Console* c : {&scan.console, &graph.console, &validate.console, &diff.console,
                          &l.what_if.compare.console, &l.plan.compare.console}) {
      *c = console;
    }
    const TextStyle err_style{use_color(l.color, env.stderr_is_tty, env)};
    const TextStyle out_style{use_color(l.color, env.stdout_is_tty, env)};
    if (l.explain_cmd->parsed()) return run_explain(l.rule_id, out, err);
    if (l.rules_cmd->parsed()) return run_rules(out, l.rules_markdown);
    if (l.manual_cmd->parsed()) {
      out << render_manual(l);
      return ExitCode::Ok;
    }
    if (l.completion_cmd->parsed()) {
      out << render_completion(l, l.completion_shell).value_or("");
      return ExitCode::Ok;
    }

    const auto bytes = parse_byte_size(l.max_file_size);
    const auto string_bytes = parse_byte_size(l.max_string);
    if (!bytes || !string_bytes) {
      err << "sovaudit: error: " << (bytes ? "--max-string-length: " : "--max-file-size: ")
          << quote(bytes ? l.max_string : l.max_file_size) << " is not a size such as 1048576, 512K, 64M or 1G (at most 1024G)\n";
      return ExitCode::InvalidInput;
    }
    for (LoadLimits* limits : {&scan.limits, &graph.limits, &validate.limits, &diff.limits, &l.what_if.compare.limits,
                               &l.plan.compare.limits}) {
      limits->max_string_bytes = *string_bytes;
    }
    std::optional<Date> as_of_date;
    if (as_of == CommandLine::kToday) {
      as_of_date = today_utc();
    } else if (const DateParse date = parse_iso_date(as_of); date.date) {
      as_of_date = date.date;
    } else {
      err << "sovaudit: error: --as-of: " << quote(as_of) << " is not a date written YYYY-MM-DD\n";
      return ExitCode::InvalidInput;
    }
    auto check_format = [&](const std::string& name, bool graph_only, const std::string& choices) {
      const Writer* w = find_writer(name);
      if (w && (!graph_only || w->graph)) return true;
      std::vector<std::string_view> names;
      for (const Writer& candidate : builtin_writers()) {
        if (!graph_only || candidate.graph) names.push_back(candidate.name);
      }
      err << "sovaudit: error: --format: unknown format " << quote(name) << did_you_mean(closest_match(name, names))
          << "; choose " << choices << "\n";
      return false;
    };
    if (l.validate_cmd->parsed()) {
      validate.limits.max_file_bytes = *bytes;
      validate.as_of = *as_of_date;
      return run_validate(validate, out, err, err_style);
    }
    if (l.init_cmd->parsed()) return run_init(l.init_path, l.init_force, *as_of_date, l.quiet, out, err);
    // diff and what-if compare two reviews and share the changes writers and their settings.
    auto prepare_comparison = [&](DiffOptions& compare, const CLI::Option* format) {
      if (!find_changes_writer(compare.format)) {
        err << "sovaudit: error: --format: unknown format " << quote(compare.format) << "; choose "
            << diff_format_names << "\n";
        return false;
      }
      compare.limits.max_file_bytes = *bytes;
      compare.format_given = format->count() > 0;
      compare.as_of = *as_of_date;
      return true;
    };
    if (l.diff_cmd->parsed()) {
      if (!prepare_comparison(diff, l.diff_format)) return ExitCode::InvalidInput;
      return run_diff(diff, out, err, out_style, err_style);
    }
    if (l.what_if_cmd->parsed()) {
      if (!prepare_comparison(l.what_if.compare, l.what_if_format)) return ExitCode::InvalidInput;
      return run_what_if(l.what_if, out, err, out_style, err_style);
    }
    if (l.plan_cmd->parsed()) {
      if (!prepare_comparison(l.plan.compare, l.plan_format)) return ExitCode::InvalidInput;
      return run_plan(l.plan, out, err, out_style, err_style);
    }
    if (l.graph_cmd->parsed()) {
      if (!check_format(graph.format, true, graph_format_names)) return ExitCode::InvalidInput;
      const std::string_view classes[] = {"acceptable", "material", "existential"};
      const auto chosen = std::find(std::begin(classes), std::end(classes), l.min_class);
      if (chosen == std::end(classes)) {
        err << "sovaudit: error: --min-class: " << quote(l.min_class) << " is not a class"
            << did_you_mean(closest_match(l.min_class, classes)) << "; choose acceptable, material or existential\n";
        return ExitCode::InvalidInput;
      }
      graph.min_class = static_cast<Classification>(chosen - std::begin(classes));
      graph.limits.max_file_bytes = *bytes;
      graph.as_of = *as_of_date;
      graph.format_given = true;
      for (std::string& o : graph.outputs) {
        if (o.find(':') == std::string::npos) o = graph.format + ":" + o;
      }
      return run_graph(graph, out, err, err_style);
    }
    // --fail-on of scan and drift.
    auto parse_gate = [&](const std::string& text, FailOn& into) {
      const auto gate = parse_fail_on(text);
      if (!gate) {
        const std::string_view levels[] = {"existential", "material", "advisory", "none"};
        err << "sovaudit: error: --fail-on: " << quote(text) << " is not a severity"
            << did_you_mean(closest_match(text, levels)) << "; choose existential, material, advisory or none\n";
        return false;
      }
      into = *gate;
      return true;
    };
    if (l.catalogue_cmd->parsed()) return run_catalogue(out, l.catalogue_markdown);
    if (l.import_cmd->parsed()) {
      l.import.limits.max_file_bytes = *bytes;
      l.import.as_of = *as_of_date;
      l.import.console = console;
      return run_import(l.import, out, err, err_style);
    }
    if (l.drift_cmd->parsed()) {
      ScanOptions& drift = l.drift;
      drift.limits.max_file_bytes = *bytes;
      drift.limits.max_string_bytes = *string_bytes;
      drift.console = console;
      drift.format_given = l.drift_format->count() > 0;
      if (!check_format(drift.format, false, format_names)) return ExitCode::InvalidInput;
      if (!parse_gate(l.drift_fail_on, drift.fail_on)) return ExitCode::InvalidInput;
      drift.as_of = *as_of_date;
      return run_drift(drift, out, err, out_style, err_style);
    }
    if (l.scan_cmd->parsed()) {
      scan.limits.max_file_bytes = *bytes;
      scan.format_given = l.scan_format->count() > 0;
      if (!check_format(scan.format, false, format_names)) return ExitCode::InvalidInput;
      const auto floor = parse_fail_on(l.min_severity);
      if (!floor || *floor == FailOn::None) {
        err << "sovaudit: error: --min-severity: " << quote(l.min_severity)
            << " is not a severity; choose advisory, material or existential\n";
        return ExitCode::InvalidInput;
      }
      scan.min_severity = *floor == FailOn::Existential ? Severity::Existential
                          : *floor == FailOn::Material  ? Severity::Material
                                                        : Severity::Advisory;
      if (!parse_gate(l.fail_on, scan.fail_on)) return ExitCode::InvalidInput;
      scan.as_of = *as_of_date;
      return run_scan(scan, out, err, out_style, err_style);
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
