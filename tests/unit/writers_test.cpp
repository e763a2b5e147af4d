// Writers: hostile inventory text renders safely in every format, machine formats parse back,
// and the same input gives the same bytes.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "scenario.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

using namespace sovaudit;

namespace {

std::string render(const test::Scenario& s, std::string_view format) {
  const Report report{s.inventory(), s.analysis, s.verdict, builtin_passes(), s.loaded.parsed.inventory.path,
                      ReportOptions{.artifact_uri = "inventory.yaml"}};
  return render(*find_writer(format), report, TextStyle{});
}

bool has_control_bytes(const std::string& text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("markdown_text neutralises markup, HTML, links and control characters", "[writers]") {
  CHECK(markdown_text("a | b") == "a \\| b");
  CHECK(markdown_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;");
  CHECK(markdown_text("```code```") == "\\`\\`\\`code\\`\\`\\`");
  CHECK(markdown_text("line\nnext") == "line next");
  CHECK(markdown_text("\x1b[31mred") == "\\[31mred");
  CHECK(markdown_text("see http://x.example or www.x.example, ask a@b.example") ==
        "see http&#58;//x.example or www&#46;x.example, ask a&#64;b.example");
  CHECK(markdown_text("# *a* _b_ [c] ~d~ \\") == "\\# \\*a\\* \\_b\\_ \\[c\\] \\~d\\~ \\\\");
  CHECK(markdown_text("Plain words: 3.5 and 50%") == "Plain words: 3.5 and 50%");
}

TEST_CASE("hostile names render safely in every format", "[writers]") {
  const auto s = test::run_scenario(test::read_repo_file("tests/cases/hostile-names.yaml"));
  for (const Writer& w : builtin_writers()) {
    const std::string out = render(*s, w.name);
    INFO("format " << w.name);
    CHECK_FALSE(has_control_bytes(out));
    // Markdown and Mermaid are rendered as HTML; elsewhere "<script>" is inert text in a string.
    if (w.name == "markdown" || w.name == "mermaid") {
      CHECK(out.find("<script>") == std::string::npos);
      CHECK(out.find("<img") == std::string::npos);
    }
  }
  const std::string md = render(*s, "markdown");
  CHECK(md.find("# AI dependency review: Evil \\| Corp &lt;script&gt;") == 0);
  CHECK(md.find("http://evil") == std::string::npos);
  // Every table row keeps its column count: escaped pipes do not split cells.
  std::istringstream lines(md);
  std::string line;
  std::size_t header_pipes = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("| Provider | Name |", 0) == 0) header_pipes = std::count(line.begin(), line.end(), '|');
    if (header_pipes && line.rfind("| `api_one` | Pipe", 0) == 0) {
      std::size_t pipes = 0;
      for (std::size_t i = 0; i < line.size(); ++i) pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
      CHECK(pipes == header_pipes);
    }
  }
  const std::string mermaid = render(*s, "mermaid");
  CHECK(mermaid.find("\"Pipe #124; and #96;backtick#96; and #34;quotes#34;") != std::string::npos);
  const std::string dot = render(*s, "dot");
  CHECK(dot.find("label=\"Pipe | and `backtick` and \\\"quotes\\\"") != std::string::npos);
  CHECK(dot.find("Line one\\nLine two\\n") != std::string::npos);
  const std::string table = render(*s, "table");
  CHECK(table.find("\\x1b[31mred\\x1b[0m") != std::string::npos);
}

TEST_CASE("JSON and SARIF output parse back and keep hostile text intact", "[writers]") {
  const auto s = test::run_scenario(test::read_repo_file("tests/cases/hostile-names.yaml"));
  const auto json = nlohmann::json::parse(render(*s, "json"));
  CHECK(json["inventory"]["organization"] ==
        "Evil | Corp <script>alert('x')</script> ```\n# not a heading \x1b[31mred\x1b[0m");
  const auto sarif = nlohmann::json::parse(render(*s, "sarif"));
  CHECK(sarif["version"] == "2.1.0");
  const auto& results = sarif["runs"][0]["results"];
  REQUIRE_FALSE(results.empty());
  for (const auto& r : results) {
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "inventory.yaml");
    CHECK(r["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() >= 1);
  }
}

TEST_CASE("SARIF maps severities to levels, accepted risks to suppressions, and trims by severity", "[writers]") {
  const auto s = test::run_scenario(test::read_repo_file("examples/eu-health-tech.yaml"));
  const auto sarif = nlohmann::json::parse(render(*s, "sarif"));
  const auto& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "sovaudit");
  CHECK(run["tool"]["driver"]["informationUri"].get<std::string>().rfind("https://", 0) == 0);
  CHECK(run["tool"]["driver"]["rules"].size() == builtin_passes().rules().size());
  std::size_t suppressed = 0;
  for (const auto& r : run["results"]) {
    const std::string severity = r["properties"]["severity"];
    const std::string level = r["level"];
    CHECK(level == (severity == "existential" ? "error" : severity == "material" ? "warning" : "note"));
    if (r.contains("suppressions")) {
      ++suppressed;
      CHECK(r["ruleId"] == "SOV-DEPARTURE");
      CHECK(r["suppressions"][0]["status"] == "accepted");
      CHECK(r["suppressions"][0]["kind"] == "inSource");  // the acceptance is written in the inventory
    }
  }
  CHECK(suppressed == 1);
  CHECK(run["results"].size() == s->verdict.findings.size());

  const Report trimmed{s->inventory(), s->analysis, s->verdict, builtin_passes(), s->loaded.parsed.inventory.path,
                       ReportOptions{.artifact_uri = "x.yaml", .sarif_min_severity = Severity::Existential}};
  const auto only_existential = nlohmann::json::parse(render_sarif(trimmed, TextStyle{}));
  CHECK(only_existential["runs"][0]["results"].size() == s->verdict.counts.existential);
}

TEST_CASE("fingerprints survive line moves and differ between findings", "[writers]") {
  const std::string yaml = test::read_repo_file("examples/eu-health-tech.yaml");
  const auto before = test::run_scenario(yaml);
  const auto after = test::run_scenario("# a comment moves every line down\n\n\n" + yaml);
  REQUIRE(before->verdict.findings.size() == after->verdict.findings.size());
  std::set<std::string> distinct;
  for (std::size_t i = 0; i < before->verdict.findings.size(); ++i) {
    CHECK(before->verdict.findings[i].loc != after->verdict.findings[i].loc);
    CHECK(fingerprint(before->verdict.findings[i]) == fingerprint(after->verdict.findings[i]));
    distinct.insert(fingerprint(before->verdict.findings[i]));
  }
  CHECK(distinct.size() == before->verdict.findings.size());
}

TEST_CASE("every writer gives the same bytes twice", "[writers]") {
  const auto a = test::run_scenario(test::read_repo_file("examples/fintech.yaml"));
  const auto b = test::run_scenario(test::read_repo_file("examples/fintech.yaml"));
  for (const Writer& w : builtin_writers()) {
    INFO(w.name);
    CHECK(render(*a, w.name) == render(*b, w.name));
  }
}

TEST_CASE("formats are found by name and by file extension", "[writers]") {
  CHECK(find_writer("markdown")->name == "markdown");
  CHECK(find_writer("yaml") == nullptr);
  CHECK(writer_for_path("out/review.md")->name == "markdown");
  CHECK(writer_for_path("results.sarif")->name == "sarif");
  CHECK(writer_for_path("g.gv")->name == "dot");
  CHECK(writer_for_path("report.json")->name == "json");
  CHECK(writer_for_path("noextension") == nullptr);
  CHECK(writer_for_path("dir.v2/noextension") == nullptr);
}

TEST_CASE("hardening 15: every text format shows invisible characters and Markdown escapes $", "[writers][hardening]") {
  CHECK(markdown_text("price $5 or $x$") == "price \\$5 or \\$x\\$");
  CHECK(markdown_text("a\u202Eb\u200Bc\u0085") == "a\\\\u{202e}b\\\\u{200b}c\\\\u{85}");
  CHECK(visible_unicode("ok \u00E9\u202E") == "ok \u00E9\\u{202e}");
  CHECK(visible_unicode("\t\x1b") == "\t\x1b");  // ASCII controls are each format's business
  // A shipped case carries them into every format: none of them may reach a document raw.
  const auto s = test::run_scenario(test::read_repo_file("tests/cases/hostile-names.yaml"), "2026-11-22",
                                    FailOn::None);
  for (const Writer& w : builtin_writers()) {
    const std::string out = render(*s, w.name);
    INFO(w.name);
    for (const char* raw : {"\u202E", "\u202C", "\u200B", "\uFEFF", "\u0085"}) CHECK(out.find(raw) == std::string::npos);
    CHECK_FALSE(first_invalid_utf8(out));  // the YAML escapes \N and \_ included (yaml-cpp writes them as lone bytes)
  }
}

TEST_CASE("the gate line at fail-on none says the gate was off, and what the default gate would do", "[writers]") {
  auto s = test::run_scenario(test::read_repo_file("examples/fintech.yaml"), "2026-11-22", FailOn::None);
  REQUIRE(s->verdict.counts.existential_for_gate > 0);
  const std::string n = std::to_string(s->verdict.counts.existential_for_gate);
  CHECK(render(*s, "table").find("GATE OFF (--fail-on none): no finding can fail this run; " + n +
                                 " existential findings would fail the default gate (--fail-on existential)\n") !=
        std::string::npos);
  CHECK(render(*s, "markdown").find("**Gate: off** (`--fail-on none`): no finding can fail this run; " + n +
                                    " existential findings would fail the default gate (`--fail-on existential`).") !=
        std::string::npos);
  CHECK(render(*s, "table").find("GATE PASSED") == std::string::npos);
  // Findings already in the baseline would not fail the default gate either: they are not counted.
  JudgeOptions options;
  options.has_baseline = true;
  for (const Finding& f : s->verdict.findings) options.baseline[fingerprint(f)].severity = f.severity;
  s->verdict = judge(s->verdict.findings, s->inventory(), Date{2026, 11, 22}, FailOn::None, options);
  CHECK(s->verdict.counts.existential_for_gate == 0);
  CHECK(render(*s, "table").find("GATE OFF (--fail-on none): no finding can fail this run\n") != std::string::npos);
}

TEST_CASE("GitHub annotations escape what would end a command or start another", "[writers][github]") {
  const auto s = test::run_scenario(test::with_head(
      "providers:\n"
      "  - {id: us-api, hq: US, kind: model-api}\n"
      "capabilities:\n"
      "  - {id: c, value_share: 0.6, needs: [{slot: llm, primary: {provider: us-api}}]}\n"
      "accepted_risks:\n"
      "  - {rule: SOV-JURISDICTION, target: US, owner: \"50% ops\\n::error::forged\\r\", expires: 2027-01-01, "
      "justification: x}\n"));
  const std::string out = render(*s, "github");
  // Every line is one command: the owner's newline and CR never reach the log, so nothing is forged.
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = out.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == s->verdict.findings.size() + 1);
  CHECK(out.find("\n::error::forged") == std::string::npos);
  INFO(out);
  // Inventory text is made terminal-safe first (a newline shows as \n, CR as \x0d); '%' is encoded.
  CHECK(out.find("::notice file=inventory.yaml,line=4,col=22,title=SOV-JURISDICTION US (existential)::accepted by "
                 "50%25 ops\\n::error::forged\\x0d until 2027-01-01: if US law switched off us-api") == 0);
  CHECK(out.ends_with("::notice file=inventory.yaml,title=sovaudit::0 existential, 0 material, 4 advisory open "
                      "findings; 1 accepted; gate passed at --fail-on existential\n"));
}

TEST_CASE("SARIF as GitHub reads it: security only for legal rules, line hashes, linked places, category", "[writers]") {
  const auto s = test::run_every_rule();
  const Report report{s->inventory(), s->analysis, s->verdict, builtin_passes(), s->loaded.parsed.inventory.path,
                      ReportOptions{.artifact_uri = "x.yaml", .sarif_category = "inventories/eu",
                                    .run_warnings = {"the inventory lies outside the working directory"}}};
  const auto log = nlohmann::json::parse(render_sarif(report, TextStyle{}));
  const auto& run = log["runs"][0];
  CHECK(run["automationDetails"]["id"] == "inventories/eu/");
  std::set<std::string> security_rules;
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    const auto& tags = rule["properties"]["tags"];
    const bool security = std::find(tags.begin(), tags.end(), "security") != tags.end();
    CHECK(security == rule["properties"].contains("security-severity"));
    if (security) security_rules.insert(rule["id"].get<std::string>());
    CHECK(rule["helpUri"].get<std::string>().ends_with("/docs/rules.md#" +
                                                       [&] {
                                                         std::string id = rule["id"];
                                                         for (char& c : id) c = static_cast<char>(std::tolower(c));
                                                         return id;
                                                       }()));
  }
  // Whose law reaches the data and where it is processed; not a price shock, a departure or a drill.
  CHECK(security_rules == std::set<std::string>{"SOV-FOREIGN-CONTROL", "SOV-HIDDEN-DEPENDENCY", "SOV-JURISDICTION",
                                                "SOV-RESIDENCY", "SOV-RESIDENCY-FAILOVER", "SOV-RESIDENCY-TRANSFER",
                                                "SOV-RESIDENCY-UNKNOWN", "SOV-SOVEREIGNTY-UNVERIFIABLE",
                                                "SOV-SHADOW-PROVIDER", "SOV-UNKNOWN-HQ"});
  for (const auto& r : run["results"]) {
    const std::string hash = r["partialFingerprints"]["primaryLocationLineHash"];
    CHECK(hash == r["partialFingerprints"]["sovauditFinding/v1"].get<std::string>() + ":1");
    const std::string text = r["message"]["text"];
    const std::string first_sentence = text.substr(0, text.find(". "));
    CHECK(first_sentence.find(r["properties"]["target"].get<std::string>()) != std::string::npos);
    for (const auto& related : r.value("relatedLocations", nlohmann::json::array())) {
      CHECK(text.find("](" + std::to_string(related["id"].get<int>()) + ")") != std::string::npos);
    }
  }
  const auto& notes = run["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() >= 1);
  CHECK(notes[0]["message"]["text"] == "the inventory lies outside the working directory");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
}

TEST_CASE("SARIF keeps at most 25,000 results, dropping the lowest severities first, and says so", "[writers]") {
  const auto s = test::run_every_rule();
  Verdict many = s->verdict;
  std::size_t existential = 0, material = 0;
  for (const Finding& f : s->verdict.findings) {
    existential += f.severity == Severity::Existential ? 1 : 0;
    material += f.severity == Severity::Material ? 1 : 0;
  }
  // Copies of every finding until well past the limit: the writer renders, it does not deduplicate.
  const std::size_t copies = 25000 / s->verdict.findings.size() + 2;
  many.findings.clear();
  for (std::size_t i = 0; i < copies; ++i) {
    many.findings.insert(many.findings.end(), s->verdict.findings.begin(), s->verdict.findings.end());
  }
  REQUIRE(many.findings.size() > 25000);
  const Report report{s->inventory(), s->analysis, many, builtin_passes(), s->loaded.parsed.inventory.path,
                      ReportOptions{.artifact_uri = "x.yaml"}};
  const auto log = nlohmann::json::parse(render_sarif(report, TextStyle{}));
  const auto& results = log["runs"][0]["results"];
  CHECK(results.size() == 25000);
  std::size_t kept_existential = 0, kept_material = 0;
  for (const auto& r : results) {
    kept_existential += r["level"] == "error" ? 1 : 0;
    kept_material += r["level"] == "warning" ? 1 : 0;
  }
  CHECK(kept_existential == existential * copies);
  CHECK(kept_material == material * copies);
  const std::string note = log["runs"][0]["invocations"][0]["toolExecutionNotifications"].back()["message"]["text"];
  const std::size_t left_out = many.findings.size() - 25000;
  CHECK(note == std::to_string(left_out) + " results left out (" + std::to_string(left_out) +
                    " advisory): GitHub code scanning accepts at most 25000 per run, so the lowest severities go "
                    "first; the JSON report lists every finding");
}

TEST_CASE("JUnit and GitLab reports stay well-formed whatever the inventory says", "[writers]") {
  // U+FFFF is valid UTF-8 but not an XML character; quotes, ampersands and angle brackets are markup.
  std::string yaml = test::read_repo_file("tests/cases/every-rule.yaml");
  const std::string marker = "name: ";
  const std::size_t at = yaml.find(marker);
  REQUIRE(at != std::string::npos);
  yaml.insert(at + marker.size(), "\"A & B <x> 'q' \xEF\xBF\xBF\" # ");
  const auto s = test::run_scenario(yaml);
  const std::string junit = render(*s, "junit");
  CHECK(junit.find("\xEF\xBF\xBF") == std::string::npos);
  CHECK(junit.find("A &amp; B &lt;x&gt; &apos;q&apos; \\uFFFF") != std::string::npos);
  CHECK(!has_control_bytes(junit));
  const auto issues = nlohmann::json::parse(render(*s, "gitlab-codequality"));
  REQUIRE(issues.is_array());
  std::set<std::string> prints;
  for (const auto& issue : issues) prints.insert(issue["fingerprint"].get<std::string>());
  CHECK(prints.size() == issues.size());
  CHECK(issues.size() == s->verdict.findings.size());
}
