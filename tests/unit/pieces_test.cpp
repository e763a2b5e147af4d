// The split parse against the one-piece read: on every shipped inventory, on layouts the cutter
// must refuse and on texts where a cut falls inside something the lines do not show, the model
// (every field, place and presence flag) and the diagnostics are exactly those of one piece.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../src/load/pieces.hpp"
#include "../../src/load/split.hpp"
#include "sovaudit/diagnostic_writer.hpp"

using namespace sovaudit;

namespace {

std::string rendered(const SourceFile& source, const ParseResult& r) {
  return render_diagnostics(source.path, source.text, r.diagnostics.sorted(), TextStyle{}) +
         (r.complete ? "complete" : "incomplete");
}

/// Parses in one piece and in 2..8; every result must equal the one-piece read. Returns how many
/// of the piece counts were actually read in pieces (and not again in one).
int check_same_as_one_piece(const std::string& text) {
  const SourceFile source{"inventory.yaml", text};
  const ParseResult whole = parse_inventory(source, {}, ParseOptions{1});
  int split = 0;
  for (std::size_t pieces = 2; pieces <= 8; ++pieces) {
    INFO("pieces: " << pieces);
    const ParseResult cut = parse_inventory(source, {}, ParseOptions{pieces});
    CHECK(rendered(source, cut) == rendered(source, whole));
    CHECK(cut.inventory == whole.inventory);
    if (load::parse_in_pieces(source, {}, ParseOptions{pieces})) ++split;
  }
  return split;
}

std::string entries(std::string_view list, int count, std::string_view extra = {}) {
  std::string out = std::string(list) + ":\n";
  for (int i = 0; i < count; ++i) {
    out += "  - id: " + std::string(list.substr(0, 1)) + std::to_string(i) + "\n";
    out += extra;
  }
  return out;
}

constexpr std::string_view kHead =
    "sovaudit: 1\norganization:\n  name: Example\n  jurisdiction: DE\n  trusted_jurisdictions: [EEA]\n";

}  // namespace

TEST_CASE("pieces 1: every shipped inventory reads the same in pieces, and the large ones are split", "[pieces]") {
  int files = 0;
  int split = 0;
  for (const char* folder : {"examples", "tests/cases", "tests/e2e"}) {
    const std::filesystem::path root = std::filesystem::path(SOVAUDIT_SOURCE_DIR) / folder;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".yaml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      INFO(entry.path().string());
      split += check_same_as_one_piece(text.str());
      ++files;
    }
  }
  CHECK(files >= 15);
  // Most of them are small, but the examples and the larger cases do split.
  WARN("split " << split << " of " << files * 7 << " reads");
  CHECK(split > 20);
}

TEST_CASE("pieces 2: a generated inventory splits at entries of several lists and joins in order", "[pieces]") {
  std::string text(kHead);
  text += "policy:\n  notice_months: 6\n";
  text += entries("providers", 40, "    kind: model-api\n    hq: DE\n    operated_by: self\n");
  text += entries("capabilities", 40, "    value_share: 0.01\n    needs:\n      - slot: llm\n        primary: {provider: p1}\n");
  text += "data_flows:\n- id: f1\n  capability: c1\n  provider: p1\n  data: [personal]\n- id: f2\n  capability: c2\n"
          "  provider: p2\n  data: [internal]\n";
  const std::optional<load::SplitPlan> plan = load::plan_split(text, 6);
  REQUIRE(plan);
  CHECK(plan->cuts.size() == 5);
  CHECK(plan->keys.size() == 6);
  CHECK(check_same_as_one_piece(text) == 7);
  // Self-operated providers take the organisation's jurisdiction once the pieces are joined.
  const ParseResult cut = parse_inventory(SourceFile{"inventory.yaml", text}, {}, ParseOptions{4});
  REQUIRE(cut.complete);
  CHECK(cut.inventory.providers.size() == 40);
  CHECK(cut.inventory.providers.back().hq.value == "DE");
  CHECK(cut.inventory.capabilities[39].id.value == "c39");
  CHECK(cut.inventory.capabilities[39].loc.line > cut.inventory.capabilities[38].loc.line);
}

TEST_CASE("pieces 3: layouts the cutter does not recognise are read in one piece", "[pieces]") {
  const std::string list = entries("providers", 30, "    kind: model-api\n");
  for (const std::string& text : {
           "%YAML 1.2\n---\n" + std::string(kHead) + list,         // a directive
           std::string(kHead) + list + "...\n",                      // a document end
           std::string(kHead) + list + "---\nsovaudit: 1\n",       // a second document
           std::string(kHead) + "\"providers\":\n" + list.substr(list.find('\n') + 1),  // a quoted key
           std::string(kHead) + list + "organization:\n  name: Again\n",  // a duplicate key
           std::string(kHead) + "providers: [\n" + list.substr(list.find('\n') + 1) + "]\n",  // a flow list
       }) {
    INFO(text.substr(0, 60));
    CHECK_FALSE(load::plan_split(text, 4));
    CHECK(check_same_as_one_piece(text) == 0);
  }
  // Without 'organization' the one-piece read reports it, where it reports it.
  CHECK(check_same_as_one_piece("sovaudit: 1\n" + list) == 0);
}

TEST_CASE("pieces 4: a cut inside a multi-line text or an error anywhere falls back to one piece", "[pieces]") {
  // Entry-looking lines inside quoted text: the piece before the cut does not close its quote.
  std::string quoted(kHead);
  quoted += "providers:\n";
  for (int i = 0; i < 30; ++i) {
    quoted += "  - id: p" + std::to_string(i) + "\n    name: \"first\n  - id: inside" + std::to_string(i) + "\"\n";
  }
  check_same_as_one_piece(quoted);
  std::string single(quoted);
  std::replace(single.begin(), single.end(), '"', '\'');
  check_same_as_one_piece(single);
  // A block text whose lines look like entries of a list at column 0.
  std::string block(kHead);
  block += "providers:\n";
  for (int i = 0; i < 30; ++i) block += "- id: p" + std::to_string(i) + "\n  name: |\n    text\n- id: q" + std::to_string(i) + "\n";
  CHECK(check_same_as_one_piece(block) > 0);
  // Errors in a late piece, an unknown key in an early one, a tab: the one-piece diagnostics.
  std::string broken(kHead);
  broken += entries("providers", 30, "    kind: model-api\n");
  std::string late = broken + "  - id: last\n    kind: modle-api\n";
  CHECK(check_same_as_one_piece(late) == 0);
  std::string early = broken;
  early.insert(early.find("  - id: p1\n"), "  - id: x\n    knd: model-api\n");
  CHECK(check_same_as_one_piece(early) == 0);
  std::string tab = broken;
  tab.insert(tab.find("  - id: p20\n"), "\t- id: t\n");
  CHECK(check_same_as_one_piece(tab) == 0);
}

TEST_CASE("pieces 5: --max-entries counts a split list whole", "[pieces]") {
  const std::string text = std::string(kHead) + entries("providers", 30, "    kind: model-api\n");
  LoadLimits limits;
  limits.max_entries = 20;
  const SourceFile source{"inventory.yaml", text};
  const ParseResult whole = parse_inventory(source, limits, ParseOptions{1});
  const ParseResult cut = parse_inventory(source, limits, ParseOptions{4});
  REQUIRE(whole.diagnostics.has_errors());
  CHECK(rendered(source, cut) == rendered(source, whole));
  CHECK_FALSE(load::parse_in_pieces(source, limits, ParseOptions{4}));
}
