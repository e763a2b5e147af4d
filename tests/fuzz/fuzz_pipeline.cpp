// libFuzzer harness over the whole pipeline: loader, checks, diagnostics, analyses, passes,
// verdict and every writer. Besides crashes and sanitizer reports it fails on broken promises:
// the byte pre-scan accepting a text that yaml-cpp nests past the limit, a split parse that differs
// from the one-piece read, JSON or SARIF that does not parse, and any report carrying invisible,
// control or markup characters raw.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "../../src/load/prescan.hpp"
#include "../support/yaml_depth.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/lifecycle.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/plan.hpp"
#include "sovaudit/simulation.hpp"
#include "sovaudit/what_if.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "sovaudit fuzz: %s: %s\n", what, detail.c_str());
  std::abort();
}

/// The pre-scan's promise (docs/hardening.md): a text it accepts never makes yaml-cpp nest flow
/// collections past twice the limit. Checked at a small limit, where random inputs reach it.
void check_prescan(const std::string& text) {
  sovaudit::LoadLimits limits;
  limits.max_depth = 3;
  sovaudit::Diagnostics diags;
  if (!sovaudit::load::prescan(text, limits, diags)) return;
  const int built = sovaudit::test::yaml_cpp_flow_depth(text);
  if (built > sovaudit::test::deepest_flow_allowed(limits.max_depth)) {
    fail("pre-scan accepted what yaml-cpp nests deeper than allowed", std::to_string(built) + " levels");
  }
}

/// Every format: valid UTF-8, no bidirectional, zero-width or C1 character, no control character
/// but line feeds and tabs (and, in coloured terminal text, only our own SGR sequences).
void check_characters(std::string_view writer, const std::string& out, bool colored) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c == 0x1b && colored) {
      std::size_t j = i + 1;
      if (j < out.size() && out[j] == '[') {
        ++j;
        while (j < out.size() && (std::isdigit(static_cast<unsigned char>(out[j])) || out[j] == ';')) ++j;
        if (j < out.size() && out[j] == 'm') {
          i = j;
          continue;
        }
      }
      fail("a raw escape sequence in a report", std::string(writer));
    }
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      fail("a raw control character in a report", std::string(writer) + " byte " + std::to_string(c));
    }
    if (sovaudit::invisible_code_point(out, i)) fail("an invisible character in a report", std::string(writer));
  }
  if (sovaudit::first_invalid_utf8(out)) fail("invalid UTF-8 in a report", std::string(writer));
}

/// True when `text` has `c` with no backslash before it (a backslash escapes the next character).
bool has_unescaped(std::string_view text, std::string_view chars) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (chars.find(text[i]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

/// GitHub renders $...$ in Markdown as math, and a viewer turns [text](url) in a SARIF message into a link.
void check_markup(std::string_view writer, const std::string& out) {
  if (writer.starts_with("markdown") && has_unescaped(out, "$")) fail("an unescaped $ in the Markdown review", "");
  if (writer == "markdown-summary" && out.size() >= 64 * 1024) fail("the bounded summary is 64 KiB or more", "");
  if (writer != "sarif") return;
  const nlohmann::json sarif = nlohmann::json::parse(out);
  for (const auto& run : sarif.at("runs")) {
    for (const auto& result : run.value("results", nlohmann::json::array())) {
      // The only brackets allowed are the links to this result's related locations: [text](id).
      std::string text = result.at("message").at("text").get<std::string>();
      for (const auto& related : result.value("relatedLocations", nlohmann::json::array())) {
        const std::string target = "](" + std::to_string(related.at("id").get<int>()) + ")";
        const std::size_t end = text.find(target);
        if (end == std::string::npos) fail("a related location the SARIF message does not link", text);
        std::size_t open = text.rfind('[', end);
        while (open != std::string::npos && open > 0 && text[open - 1] == '\\') open = text.rfind('[', open - 1);
        if (open == std::string::npos || has_unescaped(std::string_view(text).substr(open + 1, end - open - 1), "[]")) {
          fail("a malformed link in a SARIF message", text);
        }
        text.erase(open, end + target.size() - open);
      }
      if (has_unescaped(text, "[]")) {
        fail("an unescaped bracket in a SARIF message", result.at("message").at("text").get<std::string>());
      }
      for (const auto& related : result.value("relatedLocations", nlohmann::json::array())) {
        if (has_unescaped(related.at("message").at("text").get<std::string>(), "[]")) {
          fail("an unescaped bracket in a SARIF related location", "");
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sovaudit;
  const SourceFile source{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)};
  check_prescan(std::string(source.text.view()));
  LoadLimits limits;  // the defaults users get
  {
    // The same bytes as a --lifecycle file: diagnostics or entries, never a crash or a hang.
    Diagnostics lifecycle_diags;
    const Lifecycle lifecycle = parse_lifecycle(source, limits, lifecycle_diags);
    for (const LifecycleEntry& e : lifecycle.entries) {
      if (lifecycle.find(e.name.value) != &e) fail("a lifecycle entry is not found by its name", e.name.value);
    }
  }
  ParseResult parsed = parse_inventory(source, limits, ParseOptions{1});
  // The split parse's promise: in pieces or not, the same model and the same diagnostics.
  for (std::size_t pieces : {2, 5}) {
    const ParseResult cut = parse_inventory(source, limits, ParseOptions{pieces});
    if (cut.complete != parsed.complete || !(cut.inventory == parsed.inventory) ||
        render_diagnostics(source.path, source.text, cut.diagnostics.sorted(), TextStyle{}) !=
            render_diagnostics(source.path, source.text, parsed.diagnostics.sorted(), TextStyle{})) {
      fail("a split parse differs from the one-piece read", std::to_string(pieces) + " pieces");
    }
  }
  Diagnostics diags = parsed.diagnostics;
  if (parsed.complete) diags.append(check_inventory(parsed.inventory, builtin_passes().rules()));
  // Diagnostics are rendered for every input, valid or not.
  check_characters("diagnostics", render_diagnostics(source.path, source.text, diags.sorted(), TextStyle{true}), true);
  if (parsed.internal_failure) fail("internal failure", "");
  if (!parsed.complete || diags.has_errors()) return 0;

  const Inventory& inventory = parsed.inventory;
  const Date as_of{2026, 11, 22};
  const Analysis analysis = analyze(inventory, AnalysisOptions{as_of, {}, {}});
  const Verdict verdict =
      judge(run_passes(builtin_passes(), PassContext{inventory, analysis}), inventory, as_of, FailOn::Existential);
  const Report report{inventory, analysis, verdict, builtin_passes(), source.text,
                      ReportOptions{.artifact_uri = "fuzz.yaml"}};
  for (const Writer& writer : builtin_writers()) {
    const std::string out = render(writer, report, TextStyle{true});
    if (writer.name == "json" || writer.name == "sarif" || writer.name == "gitlab-codequality") {
      if (!nlohmann::json::accept(out)) fail("output is not JSON", std::string(writer.name));
    }
    check_characters(writer.name, out, writer.name == "table");
    check_markup(writer.name, out);
  }
  // The planner and the sampler on small inputs (a plan runs many analyses): every step must lower
  // the risk, probabilities stay in 0..1, and every plan format renders safe text.
  if (inventory.providers.size() + inventory.capabilities.size() <= 12) {
    PlanOptions plan_options;
    plan_options.analysis = AnalysisOptions{as_of, {}, {}};
    plan_options.max_steps = 2;
    plan_options.exact_limit = 4;
    plan_options.threads = 1;
    const Plan plan = make_plan(inventory, plan_options);
    for (const PlanStep& step : plan.steps) {
      if (compare_risk(step.after, plan.start) >= 0) fail("a plan step does not lower the risk", step.action.key);
    }
    const PlanReport plan_report{plan, inventory, builtin_passes(), as_of, plan_options.max_steps};
    for (const PlanWriter& writer : builtin_plan_writers()) {
      const std::string out = writer.render(plan_report, TextStyle{true});
      if (writer.name == "json" && !nlohmann::json::accept(out)) fail("plan output is not JSON", "");
      check_characters(writer.name, out, writer.name == "table");
    }
    const Simulation simulation = simulate(inventory, analysis, SimulationOptions{64, 1});
    for (const SimulatedDeparture& d : simulation.providers) {
      if (!(d.probability_existential >= 0 && d.probability_existential <= 1)) fail("probability outside 0..1", d.id);
      if (d.outage_months.p90 < d.outage_months.p50) fail("P90 below P50", d.id);
    }
  }
  // What-if on whatever the input holds: leave its first provider, and give its first slot a fallback
  // on its last provider; a change the inventory takes must leave one the analysis can run on.
  if (!inventory.providers.empty()) {
    std::vector<WhatIfChange> changes{{WhatIfKind::Remove, inventory.providers.front().id.value.str()}};
    if (!inventory.capabilities.empty() && !inventory.capabilities.front().needs.empty()) {
      changes.insert(changes.begin(), {WhatIfKind::AddFallback, inventory.capabilities.front().id.value + ":" +
                                                                   inventory.capabilities.front().needs.front().slot.value +
                                                                   ":" + inventory.providers.back().id.value + "@2026-11-01"});
    }
    const WhatIfOutcome changed = apply_what_if(inventory, changes);
    if (changed.errors.empty() && !check_inventory(changed.inventory, builtin_passes().rules()).has_errors()) {
      const Analysis after = analyze(changed.inventory, AnalysisOptions{as_of, {}, {}});
      (void)judge(run_passes(builtin_passes(), PassContext{changed.inventory, after}), changed.inventory, as_of,
                  FailOn::Existential);
    }
  }
  return 0;
}
