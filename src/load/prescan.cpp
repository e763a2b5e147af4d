// One linear pass over the raw bytes: encoding, control characters, line breaks and flow-nesting depth.
#include "prescan.hpp"

#include <cstdio>
#include <string>

#include "sovaudit/text.hpp"

namespace sovaudit::load {
namespace {

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", static_cast<unsigned>(c));
  return buf;
}

/// True when a character at this point would start a YAML token: after a line start, blank or
/// flow indicator. Quotes and brackets inside plain scalars ("it's", "a[1]") do not.
bool token_start(char previous) {
  return previous == '\n' || previous == ' ' || previous == '\t' || previous == '[' || previous == '{' ||
         previous == ',' || previous == ':' || previous == '-' || previous == '?';
}

}  // namespace

SourceLoc loc_of_offset(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<std::uint32_t>(offset - line_start + 1)};
}

bool prescan(std::string_view text, const LoadLimits& limits, Diagnostics& diags) {
  if (auto bad = first_invalid_utf8(text)) {
    diags.error(loc_of_offset(text, *bad), "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[*bad])) +
                                               "); an inventory must be UTF-8 text");
    return false;
  }
  enum class State { Plain, Single, Double, Comment } state = State::Plain;
  char previous = '\n';
  std::uint32_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) {
      diags.error(loc_of_offset(text, i), "control character " + hex_byte(u) + " is not allowed in an inventory");
      return false;
    }
    if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      // YAML 1.2 readers (editors, the language server, PyYAML, js-yaml) end a line here; yaml-cpp
      // does not, so a comment would swallow the next line for sovaudit alone.
      diags.error(loc_of_offset(text, i),
                  "a carriage return without a line feed: YAML 1.2 readers end a line here and sovaudit's parser "
                  "does not, so they would read different documents; use LF or CRLF line endings");
      return false;
    }
    switch (state) {
      case State::Comment:
        if (c == '\n') state = State::Plain;
        break;
      case State::Double:
        if (c == '\\') ++i;  // the escaped character cannot close the string
        else if (c == '"') state = State::Plain;
        break;
      case State::Single:
        if (c == '\'') {
          if (i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is an escaped quote
          else state = State::Plain;
        }
        break;
      case State::Plain:
        if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
          state = State::Comment;
        } else if ((c == '"' || c == '\'') && token_start(previous)) {
          state = c == '"' ? State::Double : State::Single;
        } else if ((c == '[' || c == '{') && token_start(previous)) {
          if (++depth > limits.max_depth) {
            diags.error(loc_of_offset(text, i), "nesting is deeper than " + std::to_string(limits.max_depth) +
                                                    " levels; no inventory needs that (raise the limit with --max-depth)");
            return false;
          }
        } else if ((c == ']' || c == '}') && depth > 0) {
          --depth;
        }
        break;
    }
    previous = c;
  }
  return true;
}

}  // namespace sovaudit::load
