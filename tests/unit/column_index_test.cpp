// ColumnIndex answers as a look-up in the text would; StreamedText hands on what it is given, unchanged.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../src/report/columns.hpp"
#include "../../src/report/streamed_text.hpp"
#include "sovaudit/column_index.hpp"

using namespace sovaudit;

namespace {

const std::string kText =
    "providers:\n"
    "  - id: z\xC3\xBCrich-ai\n"                        // line 2: a two-byte character inside the id
    "    name: \"Z\xC3\xBCrich \\\" AI\" # quoted\n"    // line 3: an escaped quote inside the quotes
    "    regions: [eu-central, {a: b}]\r\n"              // line 4: a flow list, CRLF
    "    note: 'it''s'\n"                                // line 5: a doubled single quote
    "\n"                                                 // line 6: empty
    "    hq: \xE6\x97\xA5\xE6\x9C\xAC, x: y";            // line 7: no newline at the end

}  // namespace

TEST_CASE("ColumnIndex counts characters and token ends on the lines it is given", "[columns]") {
  const SourceText text(kText);
  const ColumnIndex index = ColumnIndex::of(text, {{3, 11}, {2, 9}, {3, 11}, {4, 14}, {5, 11}, {7, 9}, {7, 5}});
  CHECK(index.size() == 6);  // the repeat counted once

  const PlaceColumns* id = index.find({2, 9});
  REQUIRE(id != nullptr);
  CHECK(id->column == 9);
  CHECK(id->token_end == SourceLoc{2, 19});   // "zürich-ai" is 10 bytes
  CHECK(id->token_end_column == 18);          // and 9 characters

  const PlaceColumns* name = index.find({3, 11});
  REQUIRE(name != nullptr);
  CHECK(name->token_end == SourceLoc{3, 26});  // past the closing quote, not the escaped one
  CHECK(name->token_end_column == 25);

  CHECK(index.find({4, 14})->token_end == SourceLoc{4, 34});  // the whole flow list, not the \r
  CHECK(index.find({5, 11})->token_end == SourceLoc{5, 18});  // 'it''s' is one token
  const PlaceColumns* hq = index.find({7, 9});
  REQUIRE(hq != nullptr);
  CHECK(hq->token_end == SourceLoc{7, 15});    // up to the comma of the last line
  CHECK(hq->token_end_column == 11);
  CHECK(index.find({7, 5})->column == 5);
  CHECK(index.find({4, 15}) == nullptr);  // not asked for
}

TEST_CASE("ColumnIndex leaves out what is not in the text", "[columns]") {
  const SourceText text(kText);
  const ColumnIndex index = ColumnIndex::of(text, {{0, 0}, {0, 4}, {3, 0}, {8, 1}, {200, 3}, {1, 1}});
  CHECK(index.size() == 1);
  CHECK(index.find({1, 1}) != nullptr);
  CHECK(index.find({8, 1}) == nullptr);
  CHECK(index.find({3, 0}) == nullptr);
}

TEST_CASE("Columns gives the same answers with the index as from the text", "[columns]") {
  // A text larger than the step in which the index gives pages back, read from a mapped file.
  std::string big;
  for (int i = 0; i < 40000; ++i) big += (i % 7 == 0 ? "  - name: \"\xC3\xA9t\xC3\xA9 " : "  - id: [a, {b: c}] ") + std::to_string(i) + "\n";
  big += kText;
  const auto path = std::filesystem::temp_directory_path() / "sovaudit-column-index-test.yaml";
  std::ofstream(path, std::ios::binary) << big;
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  std::optional<SourceText> mapped = SourceText::map(fd, big.size());
  ::close(fd);
  std::filesystem::remove(path);
  REQUIRE(mapped);

  std::vector<SourceLoc> places;
  for (std::uint32_t line = 39990; line <= 40008; ++line) {
    for (std::uint32_t column = 0; column <= 40; ++column) places.push_back({line, column});
  }
  for (std::uint32_t line = 1; line <= 40000; line += 997) places.push_back({line, 5});
  const ColumnIndex index = ColumnIndex::of(*mapped, places);
  const Columns from_text(mapped->view());
  const Columns from_index(mapped->view(), &index);
  for (const SourceLoc place : places) {
    INFO("line " << place.line << " column " << place.column);
    const PlaceColumns a = from_text.place(place);
    const PlaceColumns b = from_index.place(place);
    CHECK(a.column == b.column);
    CHECK(a.token_end == b.token_end);
    CHECK(a.token_end_column == b.token_end_column);
    CHECK(from_text.character_column(place) == from_index.character_column(place));
  }
  // The pages given back come back from the file when read again.
  CHECK(mapped->view() == big);
}

TEST_CASE("StreamedText hands on everything in order and holds back the newlines at the end", "[columns]") {
  std::ostringstream stream;
  StreamedText out(&stream);
  std::string all;
  for (int i = 0; i < 10000; ++i) {
    const std::string piece = "| row " + std::to_string(i) + " |\n";
    out += piece;
    all += piece;
  }
  CHECK(!stream.str().empty());           // handed on before the end
  CHECK(out.pending().size() < 70000);    // and never all of it at once
  out += '\n';
  all += '\n';
  CHECK(out.pending().ends_with("\n\n"));  // so a writer can still trim the document's end
  out.flush();
  CHECK(stream.str() == all);
  CHECK(out.pending().empty());

  // Exactly at the threshold, only newlines after the text are kept back.
  std::ostringstream second;
  StreamedText edge(&second);
  edge += std::string(65535, 'a') + "\n\n";
  CHECK(second.str() == std::string(65535, 'a'));
  CHECK(edge.pending() == "\n\n");

  StreamedText kept;  // no stream: keeps everything
  kept += std::string(200000, 'b');
  CHECK(kept.pending().size() == 200000);
}
