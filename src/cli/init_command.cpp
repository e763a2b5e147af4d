// `sovaudit init`: a first inventory in minutes, annotated so each key explains itself.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "commands.hpp"
#include "output_file.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit::cli {
namespace {

// The {today} placeholders date the fallback drill and the exit-plan test, so the starter scans
// cleanly on the day it is written; edit them to when the drills really happened.
// The schema URL names this release's tag, so an editor checks the file against the format this
// binary reads, not whatever main holds today.
constexpr const char* kStarter = R"(# yaml-language-server: $schema=https://raw.githubusercontent.com/sovaudit/sovaudit/v{version}/schemas/inventory.schema.json
# Offline: point $schema at a local copy instead, e.g. /usr/share/sovaudit/schemas/inventory.schema.json
# (installed with sovaudit) or a path relative to this file.
#
# Starter AI dependency inventory written by `sovaudit init` on {today}.
# Replace the example entries with your own; `sovaudit validate {file}` checks every edit and
# `sovaudit scan {file}` shows what depends on whom. Reference: docs/inventory.md.
sovaudit: 1

organization:
  name: Example Corp                 # legal or common name, shown in every report
  jurisdiction: DE                   # ISO 3166-1 country whose law governs you
  trusted_jurisdictions: [EEA]       # law you accept over your data besides your own (EU, EEA or countries)
  annual_ai_budget: 250000           # price shocks are measured against this
  currency: EUR
  engineer_week_cost: 3500           # fully loaded; turns migration weeks into money

policy:                              # every key is optional; these are the defaults spelled out
  notice_months: 6                   # end-of-life notice assumed where a contract says nothing
  price_multiplier: 3                # the price-shock scenario
  existential_value_share: 0.25      # share of core value at risk that makes a dependency existential
  material_value_share: 0.05
  drill_max_age_months: 12           # a fallback counts only if switching to it was tested this recently

providers:                           # everything you call or run on: model APIs, clouds, vector stores
  - id: model-api                    # ids are how capabilities and data flows refer to a provider
    name: Frontier model API
    kind: model-api                  # model-api, hosted-model, self-hosted, cloud, vector-db, compute, saas
    hq: US                           # where its law reaches the service
    regions: [IE]                    # where your data is processed
    annual_spend: 10000
    notice_months: 3                 # from the contract's deprecation policy
    substitutability: medium         # easy, medium, highly-complex, not-substitutable
    exit_plan: {exists: true, tested: {today}}

  - id: eu-cloud
    name: EU cloud
    kind: cloud
    hq: FR
    regions: [FR, DE]
    annual_spend: 12000
    notice_months: 12
    substitutability: highly-complex
    exit_plan: {exists: true, tested: {today}}

  - id: eu-models
    name: Open-weights model hosted on the EU cloud
    kind: self-hosted
    hq: FR
    regions: [FR]
    open_weights: true
    substitutability: easy
    exit_plan: {exists: true, tested: {today}}
    upstream:                        # what it runs on; a failure or price rise there reaches you
      - {provider: eu-cloud, role: hosting, price_passthrough: 1}

capabilities:                        # what your product does with AI, and what each is worth
  - id: support-assistant
    name: Customer support assistant
    value_share: 0.10                # share of core value lost while it is down
    sourcing: buy                    # buy, build or hybrid
    criteria: {differentiating: false, proprietary_data: true, compliance: true, stable: false}
    needs:
      - slot: llm
        primary: {provider: model-api, integration: abstraction-layer}
        fallbacks:
          - {provider: eu-models, tested: {today}}   # when switching was last drilled
    engineers: 2
    evals: true                      # an evaluation suite runs against more than one provider

  - id: document-search
    name: Document search
    value_share: 0.04
    sourcing: build
    criteria: {differentiating: true, proprietary_data: true, compliance: true, stable: true}
    needs:
      - slot: llm
        primary: {provider: eu-models, integration: abstraction-layer}
    engineers: 1
    evals: true

data_flows:                          # what data goes where, and where it may go
  - id: support-tickets
    capability: support-assistant
    provider: eu-models
    data: [personal]
    allowed: [EEA]
    transfer_mechanism: none

accepted_risks: []                   # findings accepted on purpose, each with an owner and an expiry
)";

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

ExitCode run_init(const std::string& path, bool force, const Date& today, bool quiet, std::ostream& out,
                  std::ostream& err) {
  std::error_code ec;
  // The name is written into the starter's comments: a line break there would inject YAML.
  if (std::any_of(path.begin(), path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    err << "sovaudit: error: " << quote(path) << " contains a control character; choose a plain file name\n";
    return ExitCode::InvalidInput;
  }
  if (std::filesystem::is_directory(path, ec)) {
    err << "sovaudit: error: " << quote(path) << " is a directory; name the file to write, e.g. "
        << terminal_safe((std::filesystem::path(path) / "inventory.yaml").string()) << "\n";
    return ExitCode::InvalidInput;
  }
  if (!force && std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found) {
    err << "sovaudit: error: " << quote(path) << " already exists; sovaudit init never overwrites a file "
        << "(pass --force to replace it)\n";
    return ExitCode::InvalidInput;
  }
  if (const std::string problem = check_output_directory(path); !problem.empty()) {
    err << "sovaudit: error: " << terminal_safe(problem) << "\n";
    return ExitCode::InvalidInput;
  }
  const std::string text =
      replace_all(replace_all(replace_all(kStarter, "{today}", to_string(today)), "{file}",
                              std::filesystem::path(path).filename().string()),
                  "{version}", kVersion);
  PendingFile pending;
  std::vector<PendingFile> files;
  if (const WriteError problem = prepare_file(path, [&](std::ostream& stream) { stream << text; }, pending); problem) {
    err << "sovaudit: error: " << terminal_safe(problem.message) << "\n";
    return problem.code;
  }
  files.push_back(pending);
  if (const std::string problem = commit_files(files); !problem.empty()) {
    err << "sovaudit: error: " << terminal_safe(problem) << "\n";
    return ExitCode::Internal;
  }
  if (quiet) return ExitCode::Ok;
  out << "wrote " << terminal_safe(path) << "; next: sovaudit validate " << terminal_safe(path)
      << ", then sovaudit scan " << terminal_safe(path) << "\n";
  return ExitCode::Ok;
}

}  // namespace sovaudit::cli
