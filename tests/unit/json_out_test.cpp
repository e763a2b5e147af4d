// The streaming JSON emitter against nlohmann::json's dump: same bytes for the same document.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "../../src/report/json_out.hpp"

namespace {

using nlohmann::ordered_json;

/// Describes `doc` to the emitter, member by member.
void emit(sovaudit::JsonOut& out, const ordered_json& doc) {
  switch (doc.type()) {
    case ordered_json::value_t::object:
      out.begin_object();
      for (const auto& [name, member] : doc.items()) {
        out.key(name);
        emit(out, member);
      }
      out.end_object();
      return;
    case ordered_json::value_t::array:
      out.begin_array();
      for (const auto& element : doc) emit(out, element);
      out.end_array();
      return;
    case ordered_json::value_t::string:
      out.value(doc.get_ref<const std::string&>());
      return;
    case ordered_json::value_t::boolean:
      out.value(doc.get<bool>());
      return;
    case ordered_json::value_t::number_integer:
      out.value(doc.get<std::int64_t>());
      return;
    case ordered_json::value_t::number_unsigned:
      out.value(doc.get<std::uint64_t>());
      return;
    case ordered_json::value_t::number_float:
      out.value(doc.get<double>());
      return;
    default:
      out.value(nullptr);
  }
}

std::string streamed(const ordered_json& doc) {
  std::ostringstream text;
  {
    sovaudit::JsonOut out(text);
    emit(out, doc);
  }
  return text.str();
}

std::string dumped(const ordered_json& doc) { return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace); }

/// Strings that stress escaping: quotes, controls, DEL, valid multi-byte text and broken UTF-8.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "a", "Z", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", std::string(1, '\0'), "\x01", "\x1f", "\x7f",
      "é", "€", "😀", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\x80", "\xBF", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80",
      "\xF4\x90\x80\x80", "\xF5", "\xFF", "\xC3\x28", "\xE2\x28\xA1", "id-7", "Berlin"};
  std::uniform_int_distribution<std::size_t> count(0, 8);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::string text;
  for (std::size_t n = count(rng); n > 0; --n) text += pieces[pick(rng)];
  return text;
}

ordered_json random_document(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 6 : 8);
  switch (kind(rng)) {
    case 0:
      return random_text(rng);
    case 1:
      return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2:
      return std::uniform_int_distribution<std::int64_t>(-1'000'000'000'000, 1'000'000'000'000)(rng);
    case 3:
      return std::uniform_int_distribution<std::uint64_t>(0, 5'000'000'000)(rng);
    case 4: {
      static const std::vector<double> special = {0.0, -0.0, 1.0, 3.0, 0.1, 0.35, 1e-7, 123456789.0, 1e16, 1e21,
                                                  -2.5, 576000.0, 0.3333, 1.0 / 3.0, 2e-308, 1.7976931348623157e308};
      return special[std::uniform_int_distribution<std::size_t>(0, special.size() - 1)(rng)];
    }
    case 5:
      return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 6:
      return nullptr;
    case 7: {
      ordered_json array = ordered_json::array();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) array.push_back(random_document(rng, depth + 1));
      return array;
    }
    default: {
      ordered_json object = ordered_json::object();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) {
        object["k" + std::to_string(n) + random_text(rng)] = random_document(rng, depth + 1);
      }
      return object;
    }
  }
}

}  // namespace

TEST_CASE("JsonOut prints what nlohmann's dump(2) prints for the same document", "[json]") {
  std::mt19937 rng(20261122);
  for (int round = 0; round < 3000; ++round) {
    const ordered_json doc = random_document(rng, 0);
    INFO("round " << round << ": " << dumped(doc));
    REQUIRE(streamed(doc) == dumped(doc));
  }
}

TEST_CASE("JsonOut: empty containers, nesting and numbers", "[json]") {
  std::ostringstream text;
  {
    sovaudit::JsonOut out(text);
    out.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object();
    out.field("n", 3.0).field("i", -4).field("u", 7u).field("nan", std::nan("")).field("s", "x\"y");
    out.key("list").begin_array().value(1).begin_object().field("t", true).end_object().end_array().end_object();
  }
  CHECK(text.str() ==
        "{\n  \"a\": [],\n  \"b\": {},\n  \"n\": 3.0,\n  \"i\": -4,\n  \"u\": 7,\n  \"nan\": null,\n  \"s\": \"x\\\"y\",\n"
        "  \"list\": [\n    1,\n    {\n      \"t\": true\n    }\n  ]\n}");
}

TEST_CASE("JsonOut replaces broken UTF-8 like nlohmann's replace handler", "[json]") {
  for (const std::string text : {"\xC3", "a\xE2\x82z", "\xF0\x9F\x98\x80\xF0", "\xED\xA0\x80", "\xE0\x80\x80", "\xF4\x90"}) {
    INFO(dumped(ordered_json(text)));
    CHECK(streamed(ordered_json(text)) == dumped(ordered_json(text)));
  }
}

TEST_CASE("JsonOut writes a large document through its buffer without loss", "[json]") {
  ordered_json big = ordered_json::array();
  for (int i = 0; i < 20000; ++i) big.push_back({{"id", "c" + std::to_string(i)}, {"share", i / 7.0}});
  const std::string text = streamed(big);
  CHECK(text.size() > (1u << 16) * 4);
  CHECK(text == dumped(big));
}

TEST_CASE("hardening 15: JsonOut escapes the characters a viewer would act on", "[json][hardening]") {
  // U+202E (bidi override), U+200B (zero width), U+0085 (C1), U+FEFF (BOM); a plain é stays as it is.
  const std::string text = "a\u202Eb\u200Bc\u0085d\uFEFFe \u00E9";
  const std::string out = streamed(ordered_json(text));
  CHECK(out == "\"a\\u202eb\\u200bc\\u0085d\\ufeffe \u00E9\"");
  CHECK(ordered_json::parse(out).get<std::string>() == text);  // the value read back is unchanged
}
