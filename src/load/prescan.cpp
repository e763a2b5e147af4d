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

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Where each quoted scalar ends, found ahead of the main pass, within its own line. A quote that
/// does not close on its line starts no string here: the brackets after it are counted, which can
/// only make the depth guard stricter (a multi-line string holding 17 levels of brackets would be
/// refused), never let nesting that yaml-cpp builds through.
class QuoteEnds {
 public:
  explicit QuoteEnds(std::string_view text) : text_(text) {}

  /// The index of the quote closing the one at `open` on the same line, or npos.
  std::size_t close(std::size_t open) {
    const char q = text_[open];
    std::size_t& failed_line_end = q == '"' ? double_failed_until_ : single_failed_until_;
    if (open < failed_line_end) return std::string_view::npos;  // one failure per line and kind: linear
    for (std::size_t i = open + 1; i < text_.size() && text_[i] != '\n'; ++i) {
      if (q == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == q) {
        if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
        } else {
          return i;
        }
      }
    }
    const std::size_t newline = text_.find('\n', open);
    failed_line_end = newline == std::string_view::npos ? text_.size() : newline;
    return std::string_view::npos;
  }

 private:
  std::string_view text_;
  std::size_t double_failed_until_ = 0;
  std::size_t single_failed_until_ = 0;
};

}  // namespace

bool prescan(std::string_view text, const LoadLimits& limits, Diagnostics& diags) {
  if (auto bad = first_invalid_utf8(text)) {
    diags.error(loc_of_offset(text, *bad), "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(text[*bad])) +
                                               "); an inventory must be UTF-8 text");
    return false;
  }
  // Scalar contexts, as far as they matter for brackets: a bracket starts a flow collection only
  // where a token starts, never inside a plain, quoted or block scalar or a comment.
  enum class State { Token, Property, PlainScalar, Quoted, Comment, BlockScalar } state = State::Token;
  QuoteEnds quotes(text);
  std::size_t quote_end = 0;
  std::uint32_t depth = 0;
  std::size_t line_indent = 0;   // leading spaces of the current line
  std::size_t block_indent = 0;  // a block scalar ends at a non-empty line indented no deeper than this
  bool at_line_start = true;
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
    if (at_line_start) {
      if (c == ' ') {
        ++line_indent;
        continue;
      }
      at_line_start = false;
      if (state == State::BlockScalar && c != '\n' && c != '\r' && line_indent <= block_indent) state = State::Token;
    }
    if (c == '\n') {
      at_line_start = true;
      line_indent = 0;
      if (state == State::Comment || state == State::Property || (state == State::PlainScalar && depth == 0)) {
        state = State::Token;
      }
      continue;
    }
    const char previous = i > 0 ? text[i - 1] : '\n';
    const char next = i + 1 < text.size() ? text[i + 1] : '\n';
    switch (state) {
      case State::Comment:
      case State::BlockScalar:
        break;
      case State::Quoted:
        if (i == quote_end) state = State::Token;
        break;
      case State::Property:
        // An anchor, alias or tag name ends at a blank or a flow indicator, and what follows is a
        // token: `!t [[[` and `!e!x{{{` are collections to yaml-cpp, not text. (yaml-cpp lets a tag
        // hold [ and ]; counting them as nesting can only make the guard stricter.)
        if (blank(c)) {
          state = State::Token;
        } else if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
          state = State::Token;
          --i;
        }
        break;
      case State::PlainScalar:
        if (c == '#' && blank(previous)) {
          state = State::Comment;
        } else if (c == ':' && blank(next)) {
          state = State::Token;
        } else if (depth > 0 && (c == ',' || c == ']' || c == '}' || c == '[' || c == '{')) {
          state = State::Token;  // flow indicators end a plain scalar inside a flow collection
          --i;                   // and are read again as what they are
        }
        break;
      case State::Token:
        if (blank(c) || c == ',') break;
        if (c == '#') {
          state = State::Comment;
        } else if (c == '"' || c == '\'') {
          const std::size_t end = quotes.close(i);
          if (end != std::string_view::npos) {
            state = State::Quoted;
            quote_end = end;
          }
        } else if (c == '[' || c == '{') {
          if (++depth > limits.max_depth) {
            diags.error(loc_of_offset(text, i), "nesting is deeper than " + std::to_string(limits.max_depth) +
                                                    " levels; no inventory needs that (raise the limit with --max-depth)");
            return false;
          }
        } else if (c == ']' || c == '}') {
          if (depth > 0) --depth;
        } else if ((c == '|' || c == '>') && depth == 0) {
          // Content must be indented deeper than its parent, which starts before the indicator; a
          // shallower line ends it here, at the latest (counting more lines as tokens is the safe side).
          state = State::BlockScalar;
          block_indent = static_cast<std::size_t>(i - (text.rfind('\n', i) == std::string_view::npos
                                                           ? std::size_t{0}
                                                           : text.rfind('\n', i) + 1));
        } else if ((c == '-' || c == '?' || c == ':') && blank(next)) {
          // an indicator: the token follows
        } else if (c == '&' || c == '*' || c == '!') {
          state = State::Property;  // anchors, aliases and tags are refused later; skip their names
        } else {
          state = State::PlainScalar;
        }
        break;
    }
  }
  return true;
}

}  // namespace sovaudit::load
