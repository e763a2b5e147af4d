// JsonOut: pretty-printed JSON streamed through a small buffer.
#include "json_out.hpp"

#include "sovaudit/text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sovaudit {
namespace {

constexpr std::size_t kFlushAt = 1 << 16;

/// Length of the valid UTF-8 sequence starting at `text[i]`, or 0 when it is not one. Checks the
/// second byte's narrower ranges (overlongs, surrogates, beyond U+10FFFF) as RFC 3629 does; on a
/// bad byte the caller replaces the longest valid prefix with one U+FFFD, as nlohmann's decoder.
std::size_t valid_sequence(std::string_view text, std::size_t i, std::size_t& valid_prefix) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  }
  valid_prefix = 0;
  if (length == 0) return 0;
  valid_prefix = 1;
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) return 0;
    const unsigned char c = byte(i + k);
    const unsigned char lo = k == 1 ? low : 0x80;
    const unsigned char hi = k == 1 ? high : 0xBF;
    if (c < lo || c > hi) return 0;
    ++valid_prefix;
  }
  return length;
}

/// Where the run of bytes from `from` that JSON takes as they are ends: at the first control
/// character, quote, backslash or non-ASCII byte, or at the end.
std::size_t plain_run_end(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  // Sixteen bytes at a time: as signed bytes, every control character and every byte from 0x80 up
  // is less than 0x20, so one comparison finds both.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i special = _mm_or_si128(_mm_cmplt_epi8(bytes, space),
                                         _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    if (const int mask = _mm_movemask_epi8(special); mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
  }
  return i;
}

}  // namespace

JsonOut::JsonOut(std::ostream& out) : out_(out) { buffer_.reserve(kFlushAt + 4096); }

JsonOut::~JsonOut() { flush(); }

void JsonOut::flush() {
  if (!buffer_.empty()) out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonOut::maybe_flush() {
  if (buffer_.size() >= kFlushAt) flush();
}

void JsonOut::indent(std::size_t depth) { buffer_.append(2 * depth, ' '); }

void JsonOut::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  buffer_ += level.members++ == 0 ? "\n" : ",\n";
  indent(levels_.size());
}

JsonOut& JsonOut::key(std::string_view name) {
  Level& level = levels_.back();
  buffer_ += level.members++ == 0 ? "\n" : ",\n";
  indent(levels_.size());
  escaped(name);
  buffer_ += ": ";
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::begin_object() {
  before_value();
  buffer_ += '{';
  levels_.push_back(Level{true, 0});
  return *this;
}

JsonOut& JsonOut::begin_array() {
  before_value();
  buffer_ += '[';
  levels_.push_back(Level{false, 0});
  return *this;
}

JsonOut& JsonOut::end_object() {
  const bool empty = levels_.back().members == 0;
  levels_.pop_back();
  if (!empty) {
    buffer_ += '\n';
    indent(levels_.size());
  }
  buffer_ += '}';
  maybe_flush();
  return *this;
}

JsonOut& JsonOut::end_array() {
  const bool empty = levels_.back().members == 0;
  levels_.pop_back();
  if (!empty) {
    buffer_ += '\n';
    indent(levels_.size());
  }
  buffer_ += ']';
  maybe_flush();
  return *this;
}

JsonOut& JsonOut::value(std::string_view text) {
  before_value();
  escaped(text);
  maybe_flush();
  return *this;
}

JsonOut& JsonOut::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    buffer_ += "null";
    return *this;
  }
  // nlohmann's own shortest round-trip conversion, so numbers print exactly as before.
  std::array<char, 64> digits{};
  const char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), number);
  buffer_.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
  return *this;
}

JsonOut& JsonOut::integer(std::int64_t number) {
  before_value();
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  buffer_.append(digits.data(), static_cast<std::size_t>(result.ptr - digits.data()));
  return *this;
}

JsonOut& JsonOut::unsigned_integer(std::uint64_t number) {
  before_value();
  std::array<char, 24> digits{};
  const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  buffer_.append(digits.data(), static_cast<std::size_t>(result.ptr - digits.data()));
  return *this;
}

JsonOut& JsonOut::value(bool flag) {
  before_value();
  buffer_ += flag ? "true" : "false";
  return *this;
}

JsonOut& JsonOut::value(std::nullptr_t) {
  before_value();
  buffer_ += "null";
  return *this;
}

void JsonOut::escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  buffer_ += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Ids, names and messages are mostly plain: copy each run of bytes that need nothing at once.
    const std::size_t plain = plain_run_end(text, i);
    buffer_.append(text.data() + i, plain - i);
    i = plain;
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t prefix = 0;
      const std::size_t length = valid_sequence(text, i, prefix);
      if (const auto cp = length > 0 ? invisible_code_point(text, i) : std::nullopt) {
        // Bidi overrides, zero-width and C1 characters act in a viewer: write them as escapes.
        buffer_ += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) buffer_ += kHex[(*cp >> shift) & 0xF];
        i += length;
      } else if (length > 0) {
        buffer_.append(text.data() + i, length);
        i += length;
      } else {
        buffer_ += "\xEF\xBF\xBD";
        // A bad lead byte is consumed alone; a sequence cut short is replaced whole and the byte
        // that broke it is read again as the start of the next character.
        i += prefix == 0 ? 1 : prefix;
      }
      continue;
    }
    switch (c) {
      case '"':
        buffer_ += "\\\"";
        break;
      case '\\':
        buffer_ += "\\\\";
        break;
      case '\b':
        buffer_ += "\\b";
        break;
      case '\f':
        buffer_ += "\\f";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      case '\t':
        buffer_ += "\\t";
        break;
      default:
        buffer_ += "\\u00";
        buffer_ += kHex[c >> 4];
        buffer_ += kHex[c & 0xF];
    }
    ++i;
  }
  buffer_ += '"';
}

}  // namespace sovaudit
