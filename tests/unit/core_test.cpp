// Dates, country and currency codes, suggestions and text escaping.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "sovaudit/bounded_read.hpp"
#include "sovaudit/compact_text.hpp"
#include "sovaudit/dates.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/index.hpp"
#include "sovaudit/parallel.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/text_list.hpp"

using namespace sovaudit;

TEST_CASE("ISO dates parse strictly and know leap years", "[core][dates]") {
  CHECK(parse_iso_date("2026-03-10").date == Date{2026, 3, 10});
  CHECK(parse_iso_date("2024-02-29").date);
  CHECK(parse_iso_date("2000-02-29").date);
  CHECK_FALSE(parse_iso_date("1900-02-29").date);
  CHECK(parse_iso_date("2026-02-29").problem == "February 2026 has 28 days");
  CHECK(parse_iso_date("2026-04-31").problem == "April 2026 has 30 days");
  CHECK(parse_iso_date("2026-00-10").problem == "there is no month 0");
  for (const char* bad : {"2026-3-10", "26-03-10", "2026/03/10", "2026-03-10T00:00", " 2026-03-10", ""}) {
    INFO(bad);
    CHECK(parse_iso_date(bad).problem == "expected YYYY-MM-DD");
  }
}

TEST_CASE("days since epoch are exact across month and leap boundaries", "[core][dates]") {
  CHECK(days_since_epoch(Date{1970, 1, 1}) == 0);
  CHECK(days_since_epoch(Date{2000, 3, 1}) - days_since_epoch(Date{2000, 2, 28}) == 2);
  CHECK(days_since_epoch(Date{2027, 1, 1}) - days_since_epoch(Date{2026, 1, 1}) == 365);
  CHECK(days_since_epoch(Date{2029, 1, 1}) - days_since_epoch(Date{2028, 1, 1}) == 366);
  CHECK(to_string(Date{2026, 11, 2}) == "2026-11-02");
}

TEST_CASE("country codes, groups and suggestions", "[core][geo]") {
  CHECK(is_country_code("DE"));
  CHECK(is_country_code("GB"));
  CHECK(is_country_code("NO"));
  CHECK_FALSE(is_country_code("UK"));
  CHECK_FALSE(is_country_code("EU"));
  CHECK_FALSE(is_country_code("de"));
  CHECK(is_country_group("EU"));
  CHECK(is_country_group("EEA"));
  CHECK(group_members("EU").size() == 27);
  CHECK(group_members("EEA").size() == 30);
  CHECK(country_in("NO", "EEA"));
  CHECK_FALSE(country_in("NO", "EU"));
  CHECK(country_in("DE", "DE"));
  CHECK_FALSE(country_in("CH", "EEA"));
  CHECK(suggest_country_code("UK") == "GB");
  CHECK(suggest_country_code("EL") == "GR");
  CHECK(suggest_country_code("fr") == "FR");
  CHECK_FALSE(suggest_country_code("XX"));
  CHECK(is_currency_code("EUR"));
  CHECK(is_currency_code("CHF"));
  CHECK_FALSE(is_currency_code("EURO"));
}

TEST_CASE("every EEA member is a country and every EU member is in the EEA", "[core][geo]") {
  for (std::string_view c : group_members("EEA")) CHECK(is_country_code(c));
  for (std::string_view c : group_members("EU")) CHECK(country_in(c, "EEA"));
}

TEST_CASE("edit distance counts swaps as one edit", "[core][suggest]") {
  CHECK(edit_distance("openai", "openai") == 0);
  CHECK(edit_distance("openia", "openai") == 1);
  CHECK(edit_distance("nmae", "name") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest match suggests only plausible typos", "[core][suggest]") {
  const std::string_view keys[] = {"name", "notice_months", "hq", "regions"};
  CHECK(closest_match("nmae", keys) == "name");
  CHECK(closest_match("region", keys) == "regions");
  CHECK_FALSE(closest_match("colour", keys));
  CHECK_FALSE(closest_match("name", keys));  // an exact hit is not a suggestion
  CHECK(did_you_mean(std::string("x")) == " (did you mean 'x'?)");
  CHECK(did_you_mean(std::nullopt).empty());
}

TEST_CASE("UTF-8 validation catches overlongs, surrogates and truncation", "[core][text]") {
  CHECK_FALSE(first_invalid_utf8("plain ascii"));
  CHECK_FALSE(first_invalid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  CHECK(first_invalid_utf8("ab\xC0\xAF") == 2u);      // overlong '/'
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0u);    // surrogate
  CHECK(first_invalid_utf8("x\xE2\x82") == 1u);       // truncated
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
}

TEST_CASE("terminal_safe escapes controls, bidi overrides and invalid bytes", "[core][text]") {
  CHECK(terminal_safe("plain caf\xC3\xA9") == "plain caf\xC3\xA9");
  CHECK(terminal_safe("a\x1b[31mb") == "a\\x1b[31mb");
  CHECK(terminal_safe("line\nnext\ttab") == "line\\nnext\\ttab");
  CHECK(terminal_safe("\xE2\x80\xAE") == "\\u{202e}");
  CHECK(terminal_safe("a\xEF\xBB\xBF" "b\xE2\x80\x8B") == "a\\u{feff}b\\u{200b}");  // invisible characters
  CHECK(terminal_safe("\xFF") == "\\xff");
  // Runs of printable ASCII are copied whole: the bytes around them are still each escaped.
  CHECK(terminal_safe(" ~\x7f~ \x1f\r!") == " ~\\x7f~ \\x1f\\x0d!");
  CHECK(terminal_safe(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(terminal_safe("\xC2\x85tail") == "\\u{85}tail");  // a C1 control right before a run
  CHECK(quote("abc") == "'abc'");
  CHECK(quote(std::string(100, 'x'), 10) == "'xxxxxxxxxx...'");
}

TEST_CASE("a byte offset is placed at its 1-based line and column", "[core][text]") {
  const std::string_view text = "ab\ncd\n\nx";
  CHECK(loc_of_offset(text, 0) == SourceLoc{1, 1});
  CHECK(loc_of_offset(text, 2) == SourceLoc{1, 3});  // the newline itself ends line 1
  CHECK(loc_of_offset(text, 3) == SourceLoc{2, 1});
  CHECK(loc_of_offset(text, 7) == SourceLoc{4, 1});
  CHECK(loc_of_offset(text, 8) == SourceLoc{4, 2});      // just past the end
  CHECK(loc_of_offset(text, 1000) == SourceLoc{4, 2});   // clamped, not a huge column
  CHECK(loc_of_offset("", 0) == SourceLoc{1, 1});
}

TEST_CASE("numbers print in their shortest exact form", "[core][text]") {
  CHECK(format_number(0.35) == "0.35");
  CHECK(format_number(12) == "12");
  CHECK(format_number(1200000) == "1200000");
  CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");
}

TEST_CASE("diagnostic counts read like a compiler's", "[core][diagnostics]") {
  CHECK(render_diagnostic_count(0, 0).empty());
  CHECK(render_diagnostic_count(1, 0) == "1 error generated.");
  CHECK(render_diagnostic_count(8, 1) == "8 errors and 1 warning generated.");
  CHECK(render_diagnostic_count(0, 2) == "2 warnings generated.");
}

TEST_CASE("diagnostics sort by location and keep notes with their error", "[core][diagnostics]") {
  Diagnostics d;
  d.error({9, 1}, "late");
  d.note({2, 1}, "note of late");
  d.warning({3, 4}, "early");
  d.error({}, "whole file");
  const auto sorted = d.sorted();
  REQUIRE(sorted.size() == 4);
  CHECK(sorted[0].message == "whole file");
  CHECK(sorted[1].message == "early");
  CHECK(sorted[2].message == "late");
  CHECK(sorted[3].message == "note of late");
  CHECK(d.error_count() == 2);
  CHECK(d.warning_count() == 1);
}

TEST_CASE("colour wraps severity, location and caret, and tabs keep the caret aligned", "[core][diagnostics]") {
  Diagnostics d;
  d.error({1, 2}, "bad", 2);
  CHECK(render_diagnostics("f.yaml", "\tab\n", d.all(), TextStyle{}) ==
        "f.yaml:1:2: error: bad\n"
        "    1 |         ab\n"
        "      |         ^~\n");
  const std::string colored = render_diagnostics("f.yaml", "\tab\n", d.all(), TextStyle{true});
  CHECK(colored.find("\x1b[1;31merror:\x1b[0m") != std::string::npos);
  CHECK(colored.find("\x1b[1;32m^~\x1b[0m") != std::string::npos);
}

TEST_CASE("hardening 16: wrapping counts code points and never cuts a UTF-8 sequence", "[core][hardening]") {
  // "é" is two bytes, "漢" three, "😀" four: a byte-wise cut at width 3 would split each of them.
  CHECK(wrap("ééééé", 3) == std::vector<std::string>{"ééé", "éé"});
  CHECK(wrap("漢漢漢漢", 3) == std::vector<std::string>{"漢漢漢", "漢"});
  CHECK(wrap("a 😀😀😀😀 b", 3) == std::vector<std::string>{"a", "😀😀😀", "😀 b"});
  CHECK(wrap("Zürich Genève", 6) == std::vector<std::string>{"Zürich", "Genève"});
  for (std::size_t width = 1; width < 12; ++width) {
    for (const std::string& line : wrap("Ünïcödé wörds 漢字テキスト 😀😁😂 mixed ascii", width)) {
      INFO(width << ": " << line);
      CHECK_FALSE(first_invalid_utf8(line));
      CHECK(count_code_points(line, line.size()) <= width);
    }
  }
}

TEST_CASE("a large file is mapped, reads the same after its pages are given back, and moves and copies whole", "[core]") {
  std::string text;
  while (text.size() < kMapFromBytes + 12345) text += "line " + std::to_string(text.size()) + "\n";
  std::string path = "/tmp/sovaudit-map-XXXXXX";
  const int fd = ::mkstemp(path.data());
  REQUIRE(fd >= 0);
  ::close(fd);
  std::ofstream(path, std::ios::binary) << text;
  BoundedRead mapped = read_bounded(path, kMapFromBytes * 4, true);
  REQUIRE(mapped.outcome == ReadOutcome::Ok);
  CHECK(mapped.text.view() == text);
  mapped.text.release_pages();
  CHECK(mapped.text.view() == text);
  SourceText moved = std::move(mapped.text);
  CHECK(moved.view() == text);
  CHECK(mapped.text.empty());  // NOLINT: a moved-from text is empty
  const SourceText copied = moved;
  CHECK(copied.view() == text);
  // The size limit holds for a mapped file as for a read one; a small file is read.
  CHECK(read_bounded(path, kMapFromBytes, true).outcome == ReadOutcome::TooLarge);
  std::ofstream(path, std::ios::binary) << "sovaudit: 1\n";
  CHECK(read_bounded(path, kMapFromBytes, true).text.view() == "sovaudit: 1\n");
  std::remove(path.c_str());
}

TEST_CASE("a text list keeps its items, empty ones included, in order and compares by content", "[core][text_list]") {
  const TextList none;
  CHECK(none.empty());
  CHECK(none.size() == 0);
  CHECK(none.begin() == none.end());
  CHECK(none == TextList(std::vector<std::string>{}));

  const std::vector<std::string> ids{"openai", "", "c14343", std::string(300, 'x'), "ünïcode"};
  const TextList list(ids);
  REQUIRE(list.size() == 5);
  CHECK(list.front() == "openai");
  CHECK(list[1].empty());
  CHECK(list[3] == std::string(300, 'x'));
  CHECK(list.back() == "ünïcode");
  CHECK(list.to_vector() == ids);
  CHECK(list == ids);
  CHECK(std::find(list.begin(), list.end(), "c14343") - list.begin() == 2);

  TextList copy = list;
  CHECK(copy == list);
  CHECK(copy[0].data() != list[0].data());  // a copy owns its own text
  const TextList moved = std::move(copy);
  CHECK(moved == list);
  CHECK(moved != TextList{"openai", "", "c14343"});
  CHECK(TextList{"ab", "c"} != TextList{"a", "bc"});  // item boundaries count, not only the characters
  CHECK(TextList{"one"} == std::vector<std::string>{"one"});
}

TEST_CASE("a text list of one short item keeps it in its own word, and behaves as any other list", "[core][text_list]") {
  // 0 to kShortBytes bytes are kept in the list; one more goes to a block. Both read the same.
  for (std::size_t length = 0; length <= TextList::kShortBytes + 2; ++length) {
    INFO("length " << length);
    const std::string item(length, static_cast<char>('a' + length));
    const TextList list{item};
    REQUIRE(list.size() == 1);
    CHECK_FALSE(list.empty());
    CHECK(list.front() == item);
    CHECK(list.back() == item);
    CHECK(list.to_vector() == std::vector<std::string>{item});
    const bool kept_inside = list.front().data() >= reinterpret_cast<const char*>(&list) &&
                             list.front().data() < reinterpret_cast<const char*>(&list) + sizeof list;
    CHECK(kept_inside == (length <= TextList::kShortBytes));

    TextList copy = list;
    CHECK(copy == list);
    CHECK(copy.front() == item);
    CHECK(copy.front().data() != list.front().data());
    TextList moved = std::move(copy);
    CHECK(moved == list);
    CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty
    moved = TextList{"p1", "p2"};
    CHECK(moved == std::vector<std::string>{"p1", "p2"});
    moved = list;
    CHECK(moved.front() == item);
  }
  // Bytes of any value, NUL included, and lists that differ only in length or in one byte.
  const std::string with_nul("a\0b", 3);
  CHECK(TextList{with_nul}.front() == with_nul);
  CHECK(TextList{"US"} != TextList{"UK"});
  CHECK(TextList{"US"} != TextList{"USA"});
  CHECK(TextList{""} != TextList{});
  CHECK(TextList{""} == TextList{std::string_view()});
  CHECK(TextList{"a", "b"} != TextList{"ab"});
  CHECK(TextList(std::vector<std::string_view>{"DE"}) == TextList{"DE"});
}

TEST_CASE("an id table finds every id at its first position and nothing else, as a hash map would", "[core][index]") {
  std::mt19937 rng(7);
  for (std::size_t count : {0, 1, 7, 8, 9, 100, 5000}) {
    INFO("ids " << count);
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < count; ++i) {
      // Short and long ids, and repeats of earlier ones (a duplicate keeps its first position).
      ids.push_back(i > 0 && rng() % 5 == 0 ? ids[rng() % i] : "id-" + std::to_string(rng() % (4 * count + 1)) +
                                                                   std::string(rng() % 3 == 0 ? 20 : 0, 'x'));
    }
    IdTable table;
    if (count % 2 == 1) table.reserve(count);  // grown in advance or one insert at a time
    std::unordered_map<std::string_view, std::size_t> expected;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CHECK(table.insert(ids[i], i) == expected.emplace(ids[i], i).second);
    }
    for (const std::string& id : ids) CHECK(table.find(id) == expected.at(id));
    for (std::size_t i = 0; i < 200; ++i) {
      const std::string absent = "absent-" + std::to_string(i);
      CHECK_FALSE(table.find(absent).has_value());
    }
    CHECK_FALSE(table.find("").has_value());
  }
  // An inventory's index finds providers, capabilities and flows by id.
  Inventory inventory;
  for (const char* id : {"openai", "mistral", "openai"}) {
    inventory.providers.emplace_back().id = Located<std::string>(id, SourceLoc{1, 1});
  }
  inventory.capabilities.emplace_back().id = Located<std::string>("triage", SourceLoc{2, 1});
  const InventoryIndex index(inventory);
  CHECK(index.provider("openai") == std::size_t{0});
  CHECK(index.provider("mistral") == std::size_t{1});
  CHECK_FALSE(index.provider("triage").has_value());
  CHECK(index.capability("triage") == std::size_t{0});
  CHECK_FALSE(index.data_flow("triage").has_value());
  CHECK(index.provider_ids() == std::vector<std::string>{"openai", "mistral"});
}

TEST_CASE("run_beside runs both pieces of work, and a failure beside is rethrown after the caller's", "[core]") {
  std::vector<int> beside(1000), mine(1000);
  std::thread::id beside_thread;
  sovaudit::run_beside(
      [&] {
        beside_thread = std::this_thread::get_id();
        for (int i = 0; i < 1000; ++i) beside[static_cast<std::size_t>(i)] = i * 2;
      },
      [&] {
        for (int i = 0; i < 1000; ++i) mine[static_cast<std::size_t>(i)] = i * 3;
      });
  CHECK(beside[999] == 1998);
  CHECK(mine[999] == 2997);
  // With two cores the side work ran on a thread of its own; with one, on the caller's.
  CHECK((beside_thread == std::this_thread::get_id()) == (sovaudit::available_cores() < 2));

  bool caller_finished = false;
  CHECK_THROWS_WITH(sovaudit::run_beside([] { throw std::runtime_error("beside failed"); },
                                         [&] { caller_finished = true; }),
                    "beside failed");
  CHECK(caller_finished);
}

TEST_CASE("CompactText keeps text of every length around its inline limit, copies deeply and compares as text", "[core]") {
  using sovaudit::CompactText;
  const CompactText empty;
  CHECK(empty.empty());
  CHECK(empty.view().empty());
  CHECK(empty == "");
  CHECK(CompactText(std::string_view()) == empty);
  for (std::size_t length = 1; length <= 2 * CompactText::kShortBytes + 3; ++length) {
    std::string text;
    for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + (i * 7 + length) % 26);
    INFO("length " << length);
    const CompactText held(text);
    CHECK(held.size() == length);
    CHECK(held.view() == text);
    CHECK(held == text);
    CHECK(held.str() == text);
    CompactText copy = held;
    CHECK(copy == held);
    CHECK(copy.view().data() != held.view().data());  // a deep copy, inline or not
    const CompactText moved = std::move(copy);
    CHECK(moved == text);
    CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): moving leaves the source empty
    copy = moved;
    CHECK(copy == text);
    std::ostringstream out;
    out << held;
    CHECK(out.str() == text);
    CHECK("<" + held + ">" == "<" + text + ">");
  }
  CHECK(CompactText("p10") < CompactText("p9"));  // ordered as text, not by length
  CHECK(CompactText("abcdefgh") > "abcdefg");
  CHECK((CompactText("abc") <=> std::string("abd")) == std::strong_ordering::less);
  CompactText self("a longer text than seven bytes");
  const CompactText& same = self;
  self = same;  // assigning a text to itself leaves it intact
  CHECK(self == "a longer text than seven bytes");
}

TEST_CASE("work nested in a parallel_for runs on the thread that runs the item", "[core]") {
  // The planner analyses candidates on every core; an analysis inside must not start threads of its
  // own, or two cores would run six threads and start one per candidate.
  std::vector<int> nested_on_own_thread(8, -1);
  sovaudit::parallel_for(8, 2, [&](std::size_t i) {
    const std::thread::id me = std::this_thread::get_id();
    bool same = true;
    sovaudit::run_beside([&] { same = same && std::this_thread::get_id() == me; },
                         [&] { same = same && std::this_thread::get_id() == me; });
    sovaudit::parallel_for(4, 2, [&](std::size_t) { same = same && std::this_thread::get_id() == me; });
    nested_on_own_thread[i] = same ? 1 : 0;
  });
  CHECK(nested_on_own_thread == std::vector<int>(8, 1));
  // Outside any parallel_for the rule does not apply: run_beside still uses a second thread.
  std::thread::id beside_thread;
  sovaudit::run_beside([&] { beside_thread = std::this_thread::get_id(); }, [] {});
  CHECK((beside_thread == std::this_thread::get_id()) == (sovaudit::available_cores() < 2));
}
