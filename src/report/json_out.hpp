// A streaming JSON emitter for the large reports: pretty-printed as it goes, no document in memory.
#pragma once

#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sovaudit {

/// Writes one JSON document to a stream while it is being described, holding at most a small
/// buffer. The bytes equal nlohmann::json's `dump(2, ' ', false, error_handler_t::replace)` of the
/// same document (two-space indent, `{}`/`[]` when empty, shortest round-trip numbers with `.0` on
/// whole doubles, non-finite numbers as null, invalid UTF-8 replaced by U+FFFD), so the reports keep
/// their format while a 60 MB report costs kilobytes instead of a tree of hundreds of megabytes.
/// Calls must describe a well-formed document: `key` before each value inside an object, never
/// inside an array; `finish` (or the destructor) after the last value.
class JsonOut {
 public:
  /// Starts a document that will be written to `out`.
  explicit JsonOut(std::ostream& out);
  /// Flushes what is buffered.
  ~JsonOut();
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  JsonOut& begin_object();
  JsonOut& end_object();
  JsonOut& begin_array();
  JsonOut& end_array();
  /// The name of the next member of the current object.
  JsonOut& key(std::string_view name);

  JsonOut& value(std::string_view text);
  JsonOut& value(const char* text) { return value(std::string_view(text)); }
  JsonOut& value(const std::string& text) { return value(std::string_view(text)); }
  JsonOut& value(double number);
  JsonOut& value(bool flag);
  JsonOut& value(std::nullptr_t);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonOut& value(T number) {
    if constexpr (std::is_signed_v<T>) return integer(static_cast<std::int64_t>(number));
    return unsigned_integer(static_cast<std::uint64_t>(number));
  }

  /// `key(name).value(v)`.
  template <class T>
  JsonOut& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }
  /// A member whose value is an array of `items`, each passed through `value`.
  template <class Range>
  JsonOut& array_field(std::string_view name, const Range& items) {
    key(name).begin_array();
    for (const auto& item : items) value(item);
    return end_array();
  }

  /// Writes out the buffer; the stream's state then tells whether writing failed.
  void flush();

 private:
  struct Level {
    bool object = false;
    std::size_t members = 0;
  };

  JsonOut& integer(std::int64_t number);
  JsonOut& unsigned_integer(std::uint64_t number);
  /// The separator, newline and indent before a value, unless a key just placed it.
  void before_value();
  void indent(std::size_t depth);
  void escaped(std::string_view text);
  void maybe_flush();

  std::ostream& out_;
  std::string buffer_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

/// Plain-text message: SARIF reads `[text](target)` as an embedded link (SARIF 2.1.0, 3.11.6), so
/// literal brackets are escaped with a backslash, and so is a backslash that would escape one.
inline std::string sarif_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool before_bracket = c == '\\' && i + 1 < text.size() && (text[i + 1] == '[' || text[i + 1] == ']');
    if (c == '[' || c == ']' || before_bracket) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace sovaudit
