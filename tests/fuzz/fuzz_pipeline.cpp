// libFuzzer harness over the whole pipeline: loader, checks, diagnostics, analyses, passes,
// verdict and every writer. JSON and SARIF output must parse back as JSON.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "sovaudit/checks.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/loader.hpp"
#include "sovaudit/report.hpp"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "sovaudit fuzz: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sovaudit;
  const SourceFile source{"fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size)};
  LoadLimits limits;  // the defaults users get
  ParseResult parsed = parse_inventory(source, limits);
  Diagnostics diags = parsed.diagnostics;
  if (parsed.complete) diags.append(check_inventory(parsed.inventory, builtin_passes().rule_ids()));
  // Diagnostics are rendered for every input, valid or not.
  (void)render_diagnostics(source.path, source.text, diags.sorted(), TextStyle{true});
  if (parsed.internal_failure) fail("internal failure", "");
  if (!parsed.complete || diags.has_errors()) return 0;

  const Inventory& inventory = parsed.inventory;
  const Date as_of{2026, 11, 22};
  const Analysis analysis = analyze(inventory, AnalysisOptions{as_of, {}, {}});
  const Verdict verdict =
      judge(run_passes(builtin_passes(), PassContext{inventory, analysis}), inventory, as_of, FailOn::Existential);
  const Report report{inventory, analysis, verdict, builtin_passes(), source.text,
                      ReportOptions{"fuzz.yaml", Severity::Advisory}};
  for (const Writer& writer : builtin_writers()) {
    const std::string out = render(writer, report, TextStyle{true});
    if (writer.name == "json" || writer.name == "sarif") {
      if (!nlohmann::json::accept(out)) fail("output is not JSON", std::string(writer.name));
    }
  }
  return 0;
}
