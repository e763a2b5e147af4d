// Command-line parsing with CLI11: global options, subcommands, help with examples, exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ostream>
#include <unistd.h>

#include "commands.hpp"
#include "sovaudit/cli.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit::cli {
namespace {

constexpr std::array<std::string_view, 7> kCommands = {"scan", "validate", "graph", "diff", "init", "explain", "rules"};

constexpr const char* kFooter = R"(Examples:
  sovaudit scan inventory.yaml                     verdict, top risks and provider table
  sovaudit scan inventory.yaml --fail-on material  CI gate: exit 1 on material findings or worse
  sovaudit scan inventory.yaml --output review.md --output results.sarif --output report.json
  sovaudit scan inventory.yaml --format json > report.json
  sovaudit scan inventory.yaml --as-of 2026-12-31 --price-multiplier 5
  sovaudit scan inventory.yaml --baseline last-report.json   gate only on findings that are new
  sovaudit scan inventory.yaml --previous q3.yaml --output review.md   review with changes since Q3
  sovaudit diff q3.yaml inventory.yaml --fail-on-regression   what changed; exit 1 if worse
  sovaudit init inventory.yaml                     write an annotated starter inventory
  sovaudit validate examples/*.yaml                check inventories, every problem at once
  sovaudit graph inventory.yaml --format dot | dot -Tsvg > graph.svg
  sovaudit explain SOV-DEPARTURE                   what a rule means and how to fix it

Exit codes: 0 ok, 1 gate tripped, 2 invalid input or usage, 3 internal error.
Documentation: docs/inventory.md (format), docs/scoring.md (every formula), docs/rules.md.)";

/// Today's date in UTC, the default for --as-of.
Date today_utc() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{days};
  return Date{static_cast<int>(ymd.year()), static_cast<std::uint8_t>(static_cast<unsigned>(ymd.month())),
              static_cast<std::uint8_t>(static_cast<unsigned>(ymd.day()))};
}

/// Adds the input limits (--max-file-size, --max-depth, --max-entries, --max-string-length) to a command.
void add_limit_options(CLI::App* command, std::string& max_file_size, std::string& max_string, LoadLimits& limits) {
  command->add_option("--max-file-size", max_file_size, "Refuse inventories larger than this (K, M, G suffixes)")
      ->default_str("64M")
      ->option_text("BYTES");
  command->add_option("--max-depth", limits.max_depth, "Refuse maps and lists nested deeper than this")
      ->default_val(LoadLimits::kDefaultMaxDepth)
      ->check(CLI::Range(1u, 400u))  // yaml-cpp's own guard fires near 500, with a bare "bad file"
      ->option_text("LEVELS");
  command->add_option("--max-entries", limits.max_entries, "Refuse lists and maps with more entries than this")
      ->default_val(LoadLimits::kDefaultMaxEntries)
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
      ->option_text("COUNT");
  command->add_option("--max-string-length", max_string, "Refuse texts longer than this (K, M suffixes)")
      ->default_str("64K")
      ->option_text("BYTES");
}

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

/// CLI::Range for doubles, which lets NaN through (every comparison with it is false) and with it
/// a price shock that silently disappears: only finite numbers within [min, max] pass.
CLI::Validator finite_range(double min, double max) {
  const std::string bounds = format_number(min) + " to " + format_number(max);
  return CLI::Validator(
      [min, max, bounds](std::string& text) -> std::string {
        double value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < min ||
            value > max) {
          return "Value " + text + " is not a finite number in range " + bounds;
        }
        return {};
      },
      "FLOAT in [" + bounds + "]");
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
    CLI::App app{"sovaudit: audit an organisation's dependencies on AI providers.", "sovaudit"};
    app.set_version_flag("--version", std::string("sovaudit ") + kVersion);
    app.footer(kFooter);
    app.require_subcommand(0, 1);
    // Subcommands added below hand options they do not know (--color) to the top level, so that
    // `sovaudit validate inv.yaml --color never` works like `sovaudit --color never validate inv.yaml`.
    app.fallthrough();

    ColorChoice color = ColorChoice::Auto;
    const std::map<std::string, ColorChoice> color_names{
        {"auto", ColorChoice::Auto}, {"always", ColorChoice::Always}, {"never", ColorChoice::Never}};
    app.add_option("--color", color, "Colour diagnostics: auto (on a terminal without NO_COLOR), always, never")
        ->transform(CLI::CheckedTransformer(color_names))
        ->option_text("WHEN");

    std::string max_file_size = "64M";
    std::string max_string = "64K";

    ScanOptions scan;
    std::string fail_on = "existential";
    std::string min_severity = "advisory";
    // Not given means today; given empty is a mistake (a CI variable that expanded to nothing).
    constexpr const char* kToday = "\x01today";
    std::string as_of = kToday;
    std::string format_names;
    std::string graph_format_names;
    for (const Writer& w : builtin_writers()) {
      format_names += (format_names.empty() ? "" : "|") + std::string(w.name);
      if (w.graph) graph_format_names += (graph_format_names.empty() ? "" : "|") + std::string(w.name);
    }
    CLI::App* scan_cmd = app.add_subcommand("scan", "Analyse an inventory, report the findings and apply the CI gate");
    scan_cmd->add_option("file", scan.file, "Inventory file (YAML)")->required()->option_text("FILE");
    CLI::Option* format_opt =
        scan_cmd->add_option("--format", scan.format, "Format on standard output")->option_text(format_names)->default_str("table");
    scan_cmd
        ->add_option("--output", scan.outputs,
                     "Also write a report to FILE, atomically; repeatable. The format comes from the extension "
                     "(.md .json .sarif .mmd .dot .txt) or a FORMAT: prefix")
        ->option_text("[FORMAT:]FILE");
    scan_cmd->add_option("--min-severity", min_severity, "Leave findings below this out of SARIF output")
        ->option_text("advisory|material|existential")
        ->default_str("advisory");
    scan_cmd->add_option("--sarif-base", scan.sarif_base, "Directory SARIF paths are relative to (default: .)")
        ->option_text("DIR");
    scan_cmd->add_option("--fail-on", fail_on, "Lowest open severity that makes the run exit 1")
        ->option_text("existential|material|advisory|none")
        ->default_str("existential");
    scan_cmd->add_option("--as-of", as_of, "Date for ages and expiries (default: today, UTC)")->option_text("YYYY-MM-DD");
    scan_cmd->add_option("--price-multiplier", scan.price_multiplier, "Price factor of the price-shock scenario")
        ->check(finite_range(1.0, 100.0))
        ->option_text("X");
    scan_cmd->add_option("--notice-months", scan.notice_months, "Notice assumed where contracts say nothing")
        ->check(finite_range(0.0, 240.0))
        ->option_text("MONTHS");
    scan_cmd->add_option("--previous", scan.previous, "Last review's inventory: adds 'Changes since last review' to Markdown")
        ->option_text("FILE");
    scan_cmd->add_option("--baseline", scan.baseline, "Earlier JSON or SARIF report; its findings do not trip the gate")
        ->option_text("REPORT");
    scan_cmd->add_option("--expiring-within", scan.expiring_within_days, "List acceptances that expire within DAYS")
        ->check(CLI::Range(0, 3660))
        ->default_val(30)
        ->option_text("DAYS");
    add_limit_options(scan_cmd, max_file_size, max_string, scan.limits);
    scan_cmd->footer(kFooter);

    DiffOptions diff;
    std::string diff_format_names;
    for (const ChangesWriter& w : builtin_changes_writers()) {
      diff_format_names += (diff_format_names.empty() ? "" : "|") + std::string(w.name);
    }
    CLI::App* diff_cmd = app.add_subcommand("diff", "Compare two inventories: entries, classifications, money, findings");
    diff_cmd->add_option("old", diff.old_file, "Earlier inventory (YAML)")->required()->option_text("OLD");
    diff_cmd->add_option("new", diff.new_file, "Later inventory (YAML)")->required()->option_text("NEW");
    diff_cmd->add_option("--format", diff.format, "Format on standard output")
        ->option_text(diff_format_names)
        ->default_str("table");
    diff_cmd->add_flag("--fail-on-regression", diff.fail_on_regression,
                       "Exit 1 when something got worse: a new material or existential finding, a higher classification");
    diff_cmd->add_option("--as-of", as_of, "Date for ages and expiries, both sides (default: today, UTC)")
        ->option_text("YYYY-MM-DD");
    diff_cmd->add_option("--price-multiplier", diff.price_multiplier, "Price factor of the price-shock scenario")
        ->check(finite_range(1.0, 100.0))
        ->option_text("X");
    diff_cmd->add_option("--notice-months", diff.notice_months, "Notice assumed where contracts say nothing")
        ->check(finite_range(0.0, 240.0))
        ->option_text("MONTHS");
    add_limit_options(diff_cmd, max_file_size, max_string, diff.limits);
    diff_cmd->footer(kFooter);

    std::string init_path = "inventory.yaml";
    bool init_force = false;
    CLI::App* init_cmd = app.add_subcommand("init", "Write an annotated starter inventory (never overwrites without --force)");
    init_cmd->add_option("file", init_path, "Where to write it")->option_text("FILE")->default_str("inventory.yaml");
    init_cmd->add_flag("--force", init_force, "Replace the file if it exists");
    init_cmd->add_option("--as-of", as_of, "Date written as the last drill and exit-plan test (default: today, UTC)")
        ->option_text("YYYY-MM-DD");

    ScanOptions graph;
    graph.format = "mermaid";
    CLI::App* graph_cmd = app.add_subcommand("graph", "Draw the dependency graph (capabilities, providers, upstreams)");
    graph_cmd->add_option("file", graph.file, "Inventory file (YAML)")->required()->option_text("FILE");
    graph_cmd->add_option("--format", graph.format, "Graph format")->option_text(graph_format_names)->default_str("mermaid");
    graph_cmd->add_option("--output", graph.outputs, "Write to FILE atomically instead of standard output")
        ->option_text("FILE")
        ->expected(1);
    graph_cmd->add_option("--as-of", as_of, "Date for ages (default: today, UTC)")->option_text("YYYY-MM-DD");
    graph_cmd->add_option("--focus", graph.focus, "Draw only this provider or capability with what it depends on and what depends on it")
        ->option_text("ID");
    std::string min_class = "acceptable";
    graph_cmd->add_option("--min-class", min_class, "Draw only providers classified at least this, and the capabilities that use them")
        ->option_text("acceptable|material|existential");
    add_limit_options(graph_cmd, max_file_size, max_string, graph.limits);
    graph_cmd->footer(kFooter);

    ValidateOptions validate;
    CLI::App* validate_cmd =
        app.add_subcommand("validate", "Parse and check inventories: every problem at once, stale acceptances too");
    validate_cmd->add_option("files", validate.files, "Inventory files (YAML)")->required()->option_text("FILE...");
    validate_cmd->add_option("--format", validate.format,
                             "text; or also on stdout: json, sarif, or github (Actions annotations)")
        ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
        ->option_text("text|json|sarif|github");
    validate_cmd->add_option("--as-of", as_of, "Date for the findings that acceptances are matched against (default: today, UTC)")
        ->option_text("YYYY-MM-DD");
    add_limit_options(validate_cmd, max_file_size, max_string, validate.limits);
    validate_cmd->footer(kFooter);

    std::string rule_id;
    CLI::App* explain_cmd = app.add_subcommand("explain", "Explain a rule: what it means, its severity, how to fix it");
    explain_cmd->add_option("rule", rule_id, "Rule id, e.g. SOV-DEPARTURE")->required()->option_text("RULE");
    CLI::App* rules_cmd = app.add_subcommand("rules", "List every rule with a one-line summary");
    bool rules_markdown = false;
    rules_cmd->add_flag("--markdown", rules_markdown, "Print the full rules reference (docs/rules.md) in Markdown");

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
    } catch (const CLI::ExtrasError&) {
      // CLI11's own message lists them in the reversed order it consumed them in.
      std::vector<std::string> extras = app.remaining(true);
      std::string list;
      for (const std::string& extra : extras) list += (list.empty() ? "" : " ") + terminal_safe(extra);
      err << "sovaudit: error: unexpected argument" << (extras.size() == 1 ? "" : "s") << ": " << list << "\n"
          << usage_hint();
      return ExitCode::InvalidInput;
    } catch (const CLI::ParseError& e) {
      err << "sovaudit: error: " << e.what() << "\n" << usage_hint();
      return ExitCode::InvalidInput;
    }

    const TextStyle err_style{use_color(color, env.stderr_is_tty, env)};
    const TextStyle out_style{use_color(color, env.stdout_is_tty, env)};
    if (explain_cmd->parsed()) return run_explain(rule_id, out, err);
    if (rules_cmd->parsed()) return run_rules(out, rules_markdown);

    const auto bytes = parse_byte_size(max_file_size);
    const auto string_bytes = parse_byte_size(max_string);
    if (!bytes || !string_bytes) {
      err << "sovaudit: error: " << (bytes ? "--max-string-length: " : "--max-file-size: ")
          << quote(bytes ? max_string : max_file_size) << " is not a size such as 1048576, 512K, 64M or 1G (at most 1024G)\n";
      return ExitCode::InvalidInput;
    }
    for (LoadLimits* limits : {&scan.limits, &graph.limits, &validate.limits, &diff.limits}) {
      limits->max_string_bytes = *string_bytes;
    }
    std::optional<Date> as_of_date;
    if (as_of == kToday) {
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
    if (validate_cmd->parsed()) {
      validate.limits.max_file_bytes = *bytes;
      validate.as_of = *as_of_date;
      return run_validate(validate, out, err, err_style);
    }
    if (init_cmd->parsed()) return run_init(init_path, init_force, *as_of_date, out, err);
    if (diff_cmd->parsed()) {
      if (!find_changes_writer(diff.format)) {
        err << "sovaudit: error: --format: unknown format " << quote(diff.format) << "; choose " << diff_format_names
            << "\n";
        return ExitCode::InvalidInput;
      }
      diff.limits.max_file_bytes = *bytes;
      diff.as_of = *as_of_date;
      return run_diff(diff, out, err, out_style, err_style);
    }
    if (graph_cmd->parsed()) {
      if (!check_format(graph.format, true, graph_format_names)) return ExitCode::InvalidInput;
      const std::string_view classes[] = {"acceptable", "material", "existential"};
      const auto chosen = std::find(std::begin(classes), std::end(classes), min_class);
      if (chosen == std::end(classes)) {
        err << "sovaudit: error: --min-class: " << quote(min_class) << " is not a class"
            << did_you_mean(closest_match(min_class, classes)) << "; choose acceptable, material or existential\n";
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
    if (scan_cmd->parsed()) {
      scan.limits.max_file_bytes = *bytes;
      scan.format_given = format_opt->count() > 0;
      if (!check_format(scan.format, false, format_names)) return ExitCode::InvalidInput;
      const auto floor = parse_fail_on(min_severity);
      if (!floor || *floor == FailOn::None) {
        err << "sovaudit: error: --min-severity: " << quote(min_severity)
            << " is not a severity; choose advisory, material or existential\n";
        return ExitCode::InvalidInput;
      }
      scan.min_severity = *floor == FailOn::Existential ? Severity::Existential
                          : *floor == FailOn::Material  ? Severity::Material
                                                        : Severity::Advisory;
      const auto gate = parse_fail_on(fail_on);
      if (!gate) {
        const std::string_view levels[] = {"existential", "material", "advisory", "none"};
        err << "sovaudit: error: --fail-on: " << quote(fail_on) << " is not a severity"
            << did_you_mean(closest_match(fail_on, levels)) << "; choose existential, material, advisory or none\n";
        return ExitCode::InvalidInput;
      }
      scan.fail_on = *gate;
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
