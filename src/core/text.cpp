// UTF-8 validation, code point counting and escaping of untrusted text for terminals.
#include "sovaudit/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <vector>

namespace sovaudit {
namespace {

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr std::array<std::uint32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

/// The code point of a valid sequence of `len` bytes at `i`.
std::uint32_t decode(std::string_view s, std::size_t i, std::size_t len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (len == 1) return b0;
  std::uint32_t cp = b0 & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  return cp;
}

/// Characters that must not reach a terminal as themselves: controls, line separators, bidi
/// overrides, and invisible ones (zero-width spaces and joiners, byte order marks) that would make
/// two different names look the same.
bool is_control(std::uint32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
         (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/// The end of the run of printable ASCII (space to tilde) that starts at `i`.
std::size_t printable_ascii_run(std::string_view s, std::size_t i) {
  while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x20 && static_cast<unsigned char>(s[i]) < 0x7F) ++i;
  return i;
}

void append_hex_byte(std::string& out, unsigned char b) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[b >> 4];
  out += kHex[b & 0xF];
}

}  // namespace

std::optional<std::uint32_t> invisible_code_point(std::string_view text, std::size_t i) {
  if (i >= text.size() || static_cast<unsigned char>(text[i]) < 0x80) return std::nullopt;
  const std::size_t len = utf8_sequence_length(text, i);
  if (len == 0) return std::nullopt;
  const std::uint32_t cp = decode(text, i, len);
  if (!is_control(cp)) return std::nullopt;
  return cp;
}

std::string visible_unicode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      const std::size_t run = std::max(printable_ascii_run(text, i), i + 1);
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    if (const auto cp = invisible_code_point(text, i)) {
      char buf[16];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *cp, 16);
      (void)ec;
      out += "\\u{";
      out.append(buf, end);
      out += '}';
      i += utf8_sequence_length(text, i);
      continue;
    }
    out += text[i];
    ++i;
  }
  return out;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // ASCII fast path: most inventories are plain ASCII.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

std::size_t count_code_points(std::string_view text, std::size_t bytes) {
  std::size_t count = 0;
  const std::size_t end = bytes < text.size() ? bytes : text.size();
  for (std::size_t i = 0; i < end; ++count) {
    const std::size_t len = utf8_sequence_length(text, i);
    i += len == 0 ? 1 : len;
  }
  return count;
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII, nearly all of any report, is copied a run at a time.
    if (const std::size_t run = printable_ascii_run(text, i); run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      append_hex_byte(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const std::uint32_t cp = decode(text, i, len);
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (is_control(cp) || cp == '\r') {
      if (cp < 0x80) {
        append_hex_byte(out, static_cast<unsigned char>(cp));
      } else {
        char buf[16];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, cp, 16);
        (void)ec;
        out += "\\u{";
        out.append(buf, end);
        out += '}';
      }
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string quote(std::string_view value, std::size_t max_chars) {
  std::string safe = terminal_safe(value);
  if (count_code_points(safe, safe.size()) > max_chars) {
    // Cut on a code point boundary.
    std::size_t i = 0;
    for (std::size_t n = 0; n < max_chars && i < safe.size(); ++n) {
      const std::size_t len = utf8_sequence_length(safe, i);
      i += len == 0 ? 1 : len;
    }
    safe.resize(i);
    safe += "...";
  }
  return "'" + safe + "'";
}

std::string format_number(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

namespace {

bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), starts_code_point));
}

/// Bytes of the longest prefix of `s` with at most `n` code points: never inside a UTF-8 sequence.
std::size_t prefix_bytes(std::string_view s, std::size_t n) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (starts_code_point(s[i]) && seen++ == n) return i;
  }
  return s.size();
}

}  // namespace

std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;  // in code points
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view word(text.data() + start, end - start);
    const std::size_t word_width = code_points(word);
    if (!line.empty() && line_width + 1 + word_width > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    }
    if (!line.empty()) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
    while (line_width > width) {
      const std::size_t cut = prefix_bytes(line, width);
      lines.push_back(line.substr(0, cut));
      line.erase(0, cut);
      line_width -= width;
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string clip_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Back off continuation bytes (10xxxxxx) so no sequence is split.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "\u2026";
}

std::string percent_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

SourceLoc loc_of_offset(std::string_view text, std::size_t offset) {
  const std::size_t end = std::min(offset, text.size());
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<std::uint32_t>(end - line_start + 1)};
}

}  // namespace sovaudit
