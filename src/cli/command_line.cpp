// The command-line definition: every subcommand, option, default, environment variable and example.
#include "command_line.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit::cli {
namespace {

constexpr std::array<Example, 26> kExamples{{
    {"scan", "scan inventory.yaml", "verdict, top risks and provider table"},
    {"scan", "scan inventory.yaml --fail-on material", "CI gate: exit 1 on material findings or worse"},
    {"scan", "scan inventory.yaml --output review.md --output results.sarif --output report.json",
     "several reports in one run"},
    {"scan", "scan inventory.yaml --format json > report.json", "the JSON report on standard output"},
    {"scan", "scan - --format sarif < inventory.yaml", "read the inventory from standard input"},
    {"scan", "scan inventory.yaml --as-of 2026-12-31 --price-multiplier 5", "a fixed date and a 5x price shock"},
    {"scan", "scan inventory.yaml --baseline last-report.json", "gate only on findings that are new or worse"},
    {"scan", "scan inventory.yaml --previous q3.yaml --output review.md", "review with changes since Q3"},
    {"scan", "scan inventory.yaml --output services.cdx.json", "export the inventory as a CycloneDX services BOM"},
    {"drift", "drift inventory.yaml --observed sbom.cdx.json", "AI SDKs in the code that the inventory does not declare"},
    {"import", "import cyclonedx saasbom.json --output inventory.yaml", "a starter inventory from a services BOM"},
    {"catalogue", "catalogue", "the SDK packages and endpoints drift recognises"},
    {"diff", "diff q3.yaml inventory.yaml --fail-on-regression", "what changed; exit 1 if worse"},
    {"diff", "diff q3.yaml inventory.yaml --format markdown", "the changes as Markdown"},
    {"what-if", "what-if inventory.yaml --remove openai", "what leaving a provider does, as a diff"},
    {"what-if", "what-if inventory.yaml --add-fallback triage:llm:mistral@2026-11-01 --set policy.price_multiplier=5",
     "a tested fallback under a 5x price shock"},
    {"plan", "plan inventory.yaml --budget-weeks 40 --until existential", "what to do next quarter, in order"},
    {"init", "init inventory.yaml", "write an annotated starter inventory"},
    {"validate", "validate examples/*.yaml", "check inventories, every problem at once"},
    {"validate", "validate inventory.yaml --format github", "annotate a pull request's lines"},
    {"graph", "graph inventory.yaml --format dot | dot -Tsvg > graph.svg", "draw the dependency graph"},
    {"graph", "graph inventory.yaml --focus openai", "one provider with what depends on it"},
    {"explain", "explain SOV-DEPARTURE", "what a rule means and how to fix it"},
    {"rules", "rules --markdown > rules.md", "the rules reference"},
    {"completion", "completion bash > /etc/bash_completion.d/sovaudit", "install tab completion for bash"},
    {"manual", "manual | man -l -", "read the manual page without installing it"},
}};

constexpr const char* kTrailer = R"(
Exit codes: 0 ok, 1 gate tripped, 2 invalid input or usage, 3 internal error.
Options also come from SOVAUDIT_* environment variables and a config file (--config, default
.sovaudit.toml when present); the command line wins over the environment, which wins over the file.
Documentation: sovaudit(1), docs/inventory.md (format), docs/scoring.md (every formula), docs/rules.md.)";

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

/// The TOML reader, with two corrections to how CLI11 applies a file: a key whose environment
/// variable is set is left to the environment (CLI11 reads the file first and would let it win),
/// and the tables of commands other than the one running are skipped (CLI11 would check their
/// values too, so a `[diff]` typo would break `validate`). Unknown tables stay, to be reported.
class EnvironmentFirstConfig : public CLI::ConfigTOML {
 public:
  EnvironmentFirstConfig(std::set<std::string> env_names, std::set<std::string> commands, std::string invoked,
                         bool skip_all)
      : env_names_(std::move(env_names)), commands_(std::move(commands)), invoked_(std::move(invoked)),
        skip_all_(skip_all) {}

  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
    std::vector<CLI::ConfigItem> read = CLI::ConfigTOML::from_config(input);
    if (skip_all_) return {};
    // TOML keys are often written fail_on; the option is --fail-on.
    for (CLI::ConfigItem& item : read) std::replace(item.name.begin(), item.name.end(), '_', '-');
    std::erase_if(read, [&](const CLI::ConfigItem& item) {
      if (!item.parents.empty() && commands_.count(item.parents.front()) > 0 && item.parents.front() != invoked_) {
        return true;
      }
      const std::string name = environment_name(item.name);
      const char* value = std::getenv(name.c_str());
      return env_names_.count(name) > 0 && value != nullptr && *value != '\0';
    });
    return read;
  }

 private:
  std::set<std::string> env_names_;
  std::set<std::string> commands_;
  std::string invoked_;
  bool skip_all_ = false;
};

/// Adds the input limits (--max-file-size, --max-depth, --max-entries, --max-string-length) to a command.
void add_limit_options(CLI::App* command, CommandLine& line, LoadLimits& limits) {
  command->add_option("--max-file-size", line.max_file_size, "Refuse inventories larger than this (K, M, G suffixes)")
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
  command->add_option("--max-string-length", line.max_string, "Refuse texts longer than this (K, M suffixes)")
      ->default_str("64K")
      ->option_text("BYTES");
}

void add_as_of(CLI::App* command, CommandLine& line, const char* what) {
  command->add_option("--as-of", line.as_of, what)->option_text("YYYY-MM-DD");
}

/// --budget-weeks, --until and --max-steps of `plan` and `scan --plan`.
void add_plan_limits(CLI::App* command, PlanChoices& choices) {
  command->add_option("--budget-weeks", choices.budget_weeks, "Engineer-weeks the plan may spend in all")
      ->check(CLI::Range(0.0, 1e9))
      ->option_text("N");
  command->add_option("--until", choices.until, "Stop once no existential (or no material) finding is open")
      ->check(CLI::IsMember({"all", "existential", "material"}))
      ->option_text("existential|material");
  command->add_option("--max-steps", choices.max_steps, "At most K steps")->check(CLI::Range(1, 1000))->option_text("K");
}

void add_scenario_options(CLI::App* command, std::optional<double>& price, std::optional<double>& notice) {
  command->add_option("--price-multiplier", price, "Price factor of the price-shock scenario")
      ->check(finite_range(1.0, 100.0))
      ->option_text("X");
  command->add_option("--notice-months", notice, "Notice assumed where contracts say nothing")
      ->check(finite_range(0.0, 240.0))
      ->option_text("MONTHS");
}

void add_lifecycle(CLI::App* command, std::string& path) {
  command->add_option("--lifecycle", path,
                      "YAML of model names or provider ids -> {retires: DATE, source: TEXT}: dates the inventory does not give")
      ->option_text("FILE");
}

/// Options that scripts and CI set once for a repository read SOVAUDIT_<NAME> too; what changes
/// the shape of standard output (--format, --output) and what names one thing (--focus) do not.
/// Every command's help names its variables; only the running command (`bind`) reads them, so a
/// variable meant for scan cannot break validate.
void attach_environment(CLI::App& command, std::set<std::string>& names, bool bind) {
  static const std::set<std::string_view> kCommandLineOnly{"--format", "--output", "--previous", "--focus",
                                                           "--config", "--set", "--add-fallback", "--remove", "--add-provider",
                                                           "--switch-off"};
  for (CLI::Option* option : command.get_options()) {
    // Flags stay on the command line: an environment variable that silently adds one is a surprise.
    if (option->get_positional() || option->get_lnames().empty() || !takes_value(*option)) continue;
    const std::string long_name = "--" + option->get_lnames().front();
    if (kCommandLineOnly.count(long_name) > 0) continue;
    const std::string variable = environment_name(long_name);
    option->description(option->get_description() + " [env: " + variable + "]");
    if (!bind) continue;
    option->envname(variable);
    names.insert(variable);
  }
}

}  // namespace

std::span<const Example> examples() { return kExamples; }

std::string examples_footer(std::string_view command) {
  // The overview shows each command's first example; a command's help shows all of its own.
  std::string text = "Examples:\n";
  std::string_view previous;
  for (const Example& example : kExamples) {
    const bool shown = command.empty() ? example.command != previous : example.command == command;
    previous = example.command;
    if (!shown) continue;
    std::string line = "  sovaudit " + std::string(example.arguments);
    line += line.size() < 49 ? std::string(50 - line.size(), ' ') : "\n" + std::string(50, ' ');
    text += line + std::string(example.what) + "\n";
  }
  if (command.empty()) text += "Run 'sovaudit COMMAND --help' for a command's options and more examples.\n";
  return text + kTrailer;
}

std::string environment_name(std::string_view long_name) {
  while (long_name.starts_with('-')) long_name.remove_prefix(1);
  std::string name = "SOVAUDIT_";
  for (char c : long_name) name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

std::string invoked_command(const std::vector<std::string>& args, const CLI::App& app) {
  std::set<std::string> names;
  for (const CLI::App* command : subcommands_of(app)) names.insert(command->get_name());
  for (std::size_t i = 0; i < args.size(); ++i) {
    // The value of a global option that takes one is not a command: `--config scan scan x.yaml`.
    if (args[i] == "--color" || args[i] == "--config") {
      ++i;
      continue;
    }
    if (names.count(args[i]) > 0) return args[i];
  }
  return {};
}

std::unique_ptr<CommandLine> make_command_line(const std::vector<std::string>& args) {
  auto line = std::make_unique<CommandLine>();
  CommandLine& l = *line;
  CLI::App& app = l.app;
  l.as_of = CommandLine::kToday;
  app.set_version_flag("--version", std::string("sovaudit ") + kVersion);
  app.footer(examples_footer(""));
  app.require_subcommand(0, 1);
  // Subcommands hand options they do not know (--color, --quiet, --config) to the top level, so that
  // `sovaudit validate inv.yaml --color never` works like `sovaudit --color never validate inv.yaml`.
  app.fallthrough();

  const std::map<std::string, ColorChoice> color_names{
      {"auto", ColorChoice::Auto}, {"always", ColorChoice::Always}, {"never", ColorChoice::Never}};
  app.add_option("--color", l.color,
                 "Colour: auto (on a terminal without NO_COLOR; FORCE_COLOR or CLICOLOR_FORCE force it), always, never")
      ->transform(CLI::CheckedTransformer(color_names))
      ->option_text("auto|always|never");
  app.add_flag("-q,--quiet", l.quiet, "Print errors only: no warnings, notes or progress, no table unless --format");
  app.set_config("--config", ".sovaudit.toml", "Read options from this TOML file (default: .sovaudit.toml if present)")
      ->option_text("FILE");

  for (const Writer& w : builtin_writers()) {
    l.format_names += (l.format_names.empty() ? "" : "|") + std::string(w.name);
    if (w.graph) l.graph_format_names += (l.graph_format_names.empty() ? "" : "|") + std::string(w.name);
  }
  for (const ChangesWriter& w : builtin_changes_writers()) {
    l.diff_format_names += (l.diff_format_names.empty() ? "" : "|") + std::string(w.name);
  }

  ScanOptions& scan = l.scan;
  l.scan_cmd = app.add_subcommand("scan", "Analyse an inventory, report the findings and apply the CI gate");
  l.scan_cmd->add_option("file", scan.file, "Inventory file (YAML); - reads standard input")->required()->option_text("FILE");
  l.scan_format = l.scan_cmd->add_option("--format", scan.format, "Format on standard output")
                      ->option_text(l.format_names)
                      ->default_str("table");
  l.scan_cmd
      ->add_option("--output", scan.outputs,
                   "Also write a report to FILE, atomically; repeatable. The format comes from the extension "
                   "(.md .json .sarif .mmd .dot .txt .xml) or a FORMAT: prefix; - is standard output")
      ->option_text("[FORMAT:]FILE");
  l.scan_cmd->add_option("--min-severity", l.min_severity, "Leave findings below this out of SARIF output")
      ->option_text("advisory|material|existential")
      ->default_str("advisory");
  l.scan_cmd->add_option("--sarif-base", scan.sarif_base, "Directory SARIF paths are relative to (default: .)")
      ->option_text("DIR");
  l.scan_cmd
      ->add_option("--sarif-category", scan.sarif_category,
                   "SARIF automationDetails.id, so code scanning keeps two inventories' alerts apart")
      ->option_text("CATEGORY");
  l.scan_cmd->add_option("--fail-on", l.fail_on, "Lowest open severity that makes the run exit 1")
      ->option_text("existential|material|advisory|none")
      ->default_str("existential");
  add_as_of(l.scan_cmd, l, "Date for ages and expiries (default: today, UTC)");
  add_scenario_options(l.scan_cmd, scan.price_multiplier, scan.notice_months);
  add_lifecycle(l.scan_cmd, scan.lifecycle);
  l.scan_cmd->add_option("--simulate", scan.simulate, "Sample the migration estimates N times: P50, P90, P(existential)")
      ->check(CLI::Range(1, 1000000))
      ->option_text("N");
  l.scan_cmd->add_option("--seed", scan.seed, "Seed of --simulate (default 1)")
      ->check(CLI::Validator(
          [](const std::string& text) {
            // strtoull reads "-1" as the largest seed; a negative seed is a typo, not a choice.
            const bool digits = !text.empty() && text.size() <= 20 &&
                                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            return digits ? std::string() : std::string("a seed is a whole number from 0 to 18446744073709551615");
          },
          "SEED"))
      ->option_text("S");
  l.scan_cmd->add_option("--fail-on-probability", scan.fail_on_probability,
                         "Exit 1 when a provider or group is existential with at least this probability")
      ->check(CLI::Range(0.0, 1.0))
      ->option_text("P");
  l.scan_cmd->add_flag("--plan", scan.plan.wanted, "Add 'Plan for next quarter' (sovaudit plan) to the review");
  add_plan_limits(l.scan_cmd, scan.plan);
  l.scan_cmd->add_option("--previous", scan.previous, "Last review's inventory: adds 'Changes since last review' to Markdown")
      ->option_text("FILE");
  l.scan_cmd->add_option("--baseline", scan.baseline, "Earlier JSON or SARIF report; its findings do not trip the gate")
      ->option_text("REPORT");
  l.scan_cmd->add_option("--expiring-within", scan.expiring_within_days, "List acceptances that expire within DAYS")
      ->check(CLI::Range(0, 3660))
      ->default_val(30)
      ->option_text("DAYS");
  l.scan_cmd->add_option("--observed", scan.observed, "CycloneDX SBOM of the application (repeatable): adds drift findings")
      ->option_text("SBOM");
  l.scan_cmd->add_flag("--observed-complete", scan.observed_complete,
                       "The --observed SBOMs cover all the code: a primary provider none shows is reported");
  add_limit_options(l.scan_cmd, l, scan.limits);

  ScanOptions& drift = l.drift;
  drift.drift_only = true;
  l.drift_cmd = app.add_subcommand("drift", "Compare the inventory with the AI SDKs and endpoints its SBOMs show");
  l.drift_cmd->add_option("file", drift.file, "Inventory file (YAML); - reads standard input")->required()->option_text("FILE");
  l.drift_cmd->add_option("--observed", drift.observed, "CycloneDX SBOM of the application; repeatable")
      ->required()
      ->option_text("SBOM");
  l.drift_cmd->add_flag("--observed-complete", drift.observed_complete,
                        "The SBOMs cover all the code: a primary provider none shows is reported");
  l.drift_format = l.drift_cmd->add_option("--format", drift.format, "Format on standard output")
                       ->option_text(l.format_names)
                       ->default_str("table");
  l.drift_cmd->add_option("--output", drift.outputs, "Also write a report to FILE, atomically; repeatable ([FORMAT:]FILE)")
      ->option_text("[FORMAT:]FILE");
  l.drift_cmd->add_option("--fail-on", l.drift_fail_on, "Lowest open severity that makes the run exit 1")
      ->option_text("existential|material|advisory|none")
      ->default_str("material");
  l.drift_cmd->add_option("--sarif-base", drift.sarif_base, "Directory SARIF paths are relative to (default: .)")
      ->option_text("DIR");
  l.drift_cmd->add_option("--baseline", drift.baseline, "Earlier JSON or SARIF report; its findings do not trip the gate")
      ->option_text("REPORT");
  add_as_of(l.drift_cmd, l, "Date for acceptance expiries (default: today, UTC)");
  add_limit_options(l.drift_cmd, l, drift.limits);

  ImportOptions& import = l.import;
  l.import_cmd = app.add_subcommand("import", "Turn a CycloneDX services BOM or SaaSBOM into a starter inventory");
  l.import_cmd->add_option("kind", import.kind, "The input format")
      ->required()
      ->check(CLI::IsMember({"cyclonedx"}))
      ->option_text("cyclonedx");
  l.import_cmd->add_option("file", import.file, "The BOM (CycloneDX JSON); - reads standard input")->required()->option_text("BOM");
  l.import_cmd->add_option("--output", import.output, "Write the inventory here instead of standard output")
      ->option_text("FILE");
  l.import_cmd->add_flag("--force", import.force, "Replace the output file if it exists");
  add_as_of(l.import_cmd, l, "Date written into the starter inventory (default: today, UTC)");

  l.catalogue_cmd = app.add_subcommand("catalogue", "List the AI SDK packages and endpoints that drift recognises");
  l.catalogue_cmd->add_flag("--markdown", l.catalogue_markdown, "Print the catalogue as Markdown (docs/interop.md)");

  DiffOptions& diff = l.diff;
  l.diff_cmd = app.add_subcommand("diff", "Compare two inventories: entries, classifications, money, findings");
  l.diff_cmd->add_option("old", diff.old_file, "Earlier inventory (YAML)")->required()->option_text("OLD");
  l.diff_cmd->add_option("new", diff.new_file, "Later inventory (YAML)")->required()->option_text("NEW");
  l.diff_format = l.diff_cmd->add_option("--format", diff.format, "Format on standard output")
      ->option_text(l.diff_format_names)
      ->default_str("table");
  l.diff_cmd->add_flag("--fail-on-regression", diff.fail_on_regression,
                       "Exit 1 when something got worse: a new or raised finding, a higher classification");
  add_as_of(l.diff_cmd, l, "Date for ages and expiries, both sides (default: today, UTC)");
  add_scenario_options(l.diff_cmd, diff.price_multiplier, diff.notice_months);
  add_lifecycle(l.diff_cmd, diff.lifecycle);
  add_limit_options(l.diff_cmd, l, diff.limits);

  WhatIfOptions& what_if = l.what_if;
  l.what_if_cmd = app.add_subcommand("what-if", "Apply changes to an inventory in memory and show what they change");
  l.what_if_cmd->add_option("inventory", what_if.compare.old_file, "Inventory (YAML)")->required()->option_text("FILE");
  l.what_if_cmd->add_option("--set", what_if.set, "Set a scalar field: providers.ID.KEY, capabilities.ID.KEY, "
                                                  "data_flows.ID.KEY, organization.KEY or policy.KEY")
      ->option_text("PATH=VALUE");
  l.what_if_cmd->add_option("--add-provider", what_if.add_provider,
                            "Add a provider with no spend that processes in its headquarters' country")
      ->option_text("ID:KIND:HQ");
  l.what_if_cmd->add_option("--add-fallback", what_if.add_fallback,
                            "Add a fallback to a capability's slot, tested on a date if given")
      ->option_text("CAPABILITY:SLOT:PROVIDER[@DATE]");
  l.what_if_cmd->add_option("--remove", what_if.remove, "Take a provider away; each slot's first fallback takes over")
      ->option_text("PROVIDER");
  l.what_if_cmd->add_option("--switch-off", what_if.switch_off,
                            "Take away every provider whose law a country or group (US, EU) is, as --remove")
      ->option_text("JURISDICTION");
  l.what_if_format = l.what_if_cmd->add_option("--format", what_if.compare.format, "Format on standard output")
      ->option_text(l.diff_format_names)
      ->default_str("table");
  l.what_if_cmd->add_flag("--fail-on-regression", what_if.compare.fail_on_regression,
                          "Exit 1 when the changes make something worse");
  add_as_of(l.what_if_cmd, l, "Date for ages and expiries (default: today, UTC)");
  add_scenario_options(l.what_if_cmd, what_if.compare.price_multiplier, what_if.compare.notice_months);
  add_lifecycle(l.what_if_cmd, what_if.compare.lifecycle);
  add_limit_options(l.what_if_cmd, l, what_if.compare.limits);

  PlanCommandOptions& plan = l.plan;
  l.plan_cmd = app.add_subcommand("plan", "Propose an ordered, costed plan; each step proved by re-analysis");
  l.plan_cmd->add_option("inventory", plan.compare.old_file, "Inventory (YAML)")->required()->option_text("FILE");
  add_plan_limits(l.plan_cmd, plan.choices);
  l.plan_format = l.plan_cmd->add_option("--format", plan.compare.format, "Format on standard output")
      ->option_text(l.diff_format_names)
      ->default_str("table");
  add_as_of(l.plan_cmd, l, "Date for ages and expiries, and the day fallbacks and exit plans are tested (default: today, UTC)");
  add_scenario_options(l.plan_cmd, plan.compare.price_multiplier, plan.compare.notice_months);
  add_lifecycle(l.plan_cmd, plan.compare.lifecycle);
  add_limit_options(l.plan_cmd, l, plan.compare.limits);

  l.init_cmd = app.add_subcommand("init", "Write an annotated starter inventory (never overwrites without --force)");
  l.init_cmd->add_option("file", l.init_path, "Where to write it")->option_text("FILE")->default_str("inventory.yaml");
  l.init_cmd->add_flag("--force", l.init_force, "Replace the file if it exists");
  add_as_of(l.init_cmd, l, "Date written as the last drill and exit-plan test (default: today, UTC)");

  ScanOptions& graph = l.graph;
  graph.format = "mermaid";
  l.graph_cmd = app.add_subcommand("graph", "Draw the dependency graph (capabilities, providers, upstreams)");
  l.graph_cmd->add_option("file", graph.file, "Inventory file (YAML); - reads standard input")->required()->option_text("FILE");
  l.graph_cmd->add_option("--format", graph.format, "Graph format")->option_text(l.graph_format_names)->default_str("mermaid");
  l.graph_cmd->add_option("--output", graph.outputs, "Write to FILE atomically instead of standard output")
      ->option_text("FILE")
      ->expected(1);
  add_as_of(l.graph_cmd, l, "Date for ages (default: today, UTC)");
  l.graph_cmd
      ->add_option("--focus", graph.focus, "Draw only this provider or capability with what it depends on and what depends on it")
      ->option_text("ID");
  l.graph_cmd
      ->add_option("--min-class", l.min_class, "Draw only providers classified at least this, and the capabilities that use them")
      ->option_text("acceptable|material|existential");
  add_limit_options(l.graph_cmd, l, graph.limits);

  ValidateOptions& validate = l.validate;
  l.validate_cmd = app.add_subcommand("validate", "Parse and check inventories: every problem at once, stale acceptances too");
  l.validate_cmd->add_option("files", validate.files, "Inventory files (YAML); - reads standard input")
      ->required()
      ->option_text("FILE...");
  l.validate_cmd->add_option("--format", validate.format, "text; or also on stdout: json, sarif, or github (Actions annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->option_text("text|json|sarif|github");
  add_as_of(l.validate_cmd, l, "Date for the findings that acceptances are matched against (default: today, UTC)");
  add_limit_options(l.validate_cmd, l, validate.limits);

  l.explain_cmd = app.add_subcommand("explain", "Explain a rule: what it means, its severity, how to fix it");
  l.explain_cmd->add_option("rule", l.rule_id, "Rule id, e.g. SOV-DEPARTURE")->required()->option_text("RULE");
  l.rules_cmd = app.add_subcommand("rules", "List every rule with a one-line summary");
  l.rules_cmd->add_flag("--markdown", l.rules_markdown, "Print the full rules reference (docs/rules.md) in Markdown");

  l.completion_cmd = app.add_subcommand("completion", "Print the tab-completion script for bash, zsh or fish");
  l.completion_cmd->add_option("shell", l.completion_shell, "The shell")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}))
      ->option_text("bash|zsh|fish");
  l.manual_cmd = app.add_subcommand("manual", "Print the manual page sovaudit(1) in roff");

  const std::string invoked = invoked_command(args, app);
  l.invoked = invoked;
  // Help must come whatever the environment and the config file hold: CLI11 checks their values
  // before it answers --help, so with --help neither is read.
  const bool help = std::any_of(args.begin(), args.end(),
                                [](const std::string& a) { return a == "-h" || a == "--help" || a == "--help-all"; });
  std::set<std::string> env_names;
  std::set<std::string> commands;
  attach_environment(app, env_names, !help);
  for (CLI::App* command : app.get_subcommands({})) {
    attach_environment(*command, env_names, !help && command->get_name() == invoked);
    command->footer(examples_footer(command->get_name()));
    commands.insert(command->get_name());
  }
  app.config_formatter(
      std::make_shared<EnvironmentFirstConfig>(std::move(env_names), std::move(commands), help ? "" : invoked, help));
  // A misspelt key must not be ignored: the gate would silently run at its default.
  app.allow_config_extras(CLI::config_extras_mode::error);
  return line;
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  std::vector<const CLI::App*> commands;
  for (const CLI::App* command : const_cast<CLI::App&>(app).get_subcommands({})) commands.push_back(command);
  return commands;
}

std::vector<std::string> choices_of(const CLI::Option& option) {
  const std::string& text = option.get_option_text();
  if (text.find('|') == std::string::npos || text.find_first_of(" []") != std::string::npos) return {};
  std::vector<std::string> choices;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t bar = std::min(text.find('|', start), text.size());
    choices.push_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  return choices;
}

bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0 && option.get_type_size_max() > 0; }

bool takes_path(const CLI::Option& option) {
  const std::string& text = option.get_option_text();
  return text.find("FILE") != std::string::npos || text == "OLD" || text == "NEW" || text == "REPORT" ||
         text == "DIR";
}

}  // namespace sovaudit::cli
