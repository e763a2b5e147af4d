// Places in JSON text: the line and column of the value a JSON pointer names, found by skimming.
#include <cstdlib>
#include <optional>

#include "sovaudit/sbom.hpp"

namespace sovaudit {
namespace {

/// A cursor over well-formed JSON that skips values without building them. Iterative, so a
/// hostile nesting depth costs no stack.
class Skimmer {
 public:
  explicit Skimmer(std::string_view text) : text_(text) {}

  void whitespace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  [[nodiscard]] char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool consume(char c) {
    whitespace();
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  [[nodiscard]] std::size_t position() const { return pos_; }

  /// Reads a string at the cursor, decoding the escapes a member name may hold.
  std::optional<std::string> string() {
    whitespace();
    if (peek() != '"') return std::nullopt;
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      char c = text_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return std::nullopt;
      c = text_[pos_++];
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (pos_ + 4 > text_.size()) return std::nullopt;
          const unsigned long code = std::strtoul(std::string(text_.substr(pos_, 4)).c_str(), nullptr, 16);
          pos_ += 4;
          // Member names outside ASCII are compared as their escape; pointers to them are rare.
          if (code < 0x80) out += static_cast<char>(code);
          else out += "\\u" + std::string(text_.substr(pos_ - 4, 4));
          break;
        }
        default: out += c;
      }
    }
    if (pos_ >= text_.size()) return std::nullopt;
    ++pos_;
    return out;
  }

  /// Skips one whole value.
  bool skip_value() {
    whitespace();
    std::size_t depth = 0;
    do {
      whitespace();
      const char c = peek();
      if (c == '"') {
        if (!string()) return false;
      } else if (c == '{' || c == '[') {
        ++depth, ++pos_;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return false;
        --depth, ++pos_;
      } else if (c == ',' || c == ':') {
        if (depth == 0) return false;
        ++pos_;
      } else if (c == '\0') {
        return false;
      } else {
        while (pos_ < text_.size() && std::string_view(",:]} \t\r\n").find(text_[pos_]) == std::string_view::npos) ++pos_;
      }
    } while (depth != 0);
    return true;
  }

  /// Moves to the value of member `name` of the object at the cursor.
  bool member(std::string_view name) {
    if (!consume('{')) return false;
    if (consume('}')) return false;
    while (true) {
      const auto key = string();
      if (!key || !consume(':')) return false;
      whitespace();
      if (*key == name) return true;
      if (!skip_value()) return false;
      if (!consume(',')) return false;
    }
  }

  /// Moves to element `index` of the array at the cursor.
  bool element(std::size_t index) {
    if (!consume('[')) return false;
    whitespace();
    if (peek() == ']') return false;
    for (std::size_t i = 0; i < index; ++i) {
      if (!skip_value() || !consume(',')) return false;
    }
    whitespace();
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/// One reference token of a JSON pointer, unescaped (~1 is '/', ~0 is '~').
std::string unescaped_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

}  // namespace

SourceLoc locate_json_pointer(std::string_view text, std::string_view pointer) {
  Skimmer cursor(text);
  cursor.whitespace();
  std::size_t start = 0;
  while (start < pointer.size()) {
    if (pointer[start] != '/') return {};
    const std::size_t end = pointer.find('/', start + 1);
    const std::string token = unescaped_token(pointer.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1));
    cursor.whitespace();
    bool found = false;
    if (cursor.peek() == '{') {
      found = cursor.member(token);
    } else if (cursor.peek() == '[') {
      char* rest = nullptr;
      const unsigned long index = std::strtoul(token.c_str(), &rest, 10);
      found = !token.empty() && rest != nullptr && *rest == '\0' && cursor.element(index);
    }
    if (!found) return {};
    start = end == std::string_view::npos ? pointer.size() : end;
  }
  cursor.whitespace();
  // Lines and columns are counted only up to the one place asked for.
  SourceLoc loc{1, 1};
  for (std::size_t i = 0; i < cursor.position() && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      loc.column = 1;
    } else {
      ++loc.column;
    }
  }
  return loc;
}

}  // namespace sovaudit
