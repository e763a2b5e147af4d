// Places in JSON text: the line and column of the value a JSON pointer names, found by skimming.
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sovaudit/sbom.hpp"
#include "sovaudit/text.hpp"

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

/// Appends one reference token, escaped per RFC 6901.
void append_token(std::string& path, std::string_view token) {
  path += '/';
  for (char c : token) {
    if (c == '~') path += "~0";
    else if (c == '/') path += "~1";
    else path += c;
  }
}

}  // namespace

std::vector<SourceLoc> locate_json_pointers(std::string_view text, const std::vector<std::string>& pointers) {
  std::vector<SourceLoc> out(pointers.size());
  std::unordered_map<std::string_view, std::vector<std::size_t>> wanted;
  for (std::size_t i = 0; i < pointers.size(); ++i) wanted[pointers[i]].push_back(i);
  struct Frame {
    bool array = false;
    std::size_t index = 0;
    std::size_t path_length = 0;  ///< the container's own pointer length
  };
  std::vector<Frame> stack;
  std::string path;
  std::uint32_t line = 1;
  std::size_t line_start = 0, pos = 0;
  auto whitespace = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
      if (text[pos] == '\n') ++line, line_start = pos + 1;
      ++pos;
    }
  };
  // Reads the member name at `pos` (a string), decoding only what a JSON pointer needs.
  auto member_name = [&]() -> std::string {
    std::string name;
    ++pos;  // the opening quote
    while (pos < text.size() && text[pos] != '"') {
      if (text[pos] == '\\' && pos + 1 < text.size()) {
        const char e = text[pos + 1];
        name += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        pos += e == 'u' ? 6 : 2;
        continue;
      }
      name += text[pos++];
    }
    ++pos;
    return name;
  };
  auto at_value = [&] {
    if (const auto it = wanted.find(path); it != wanted.end()) {
      for (std::size_t i : it->second) out[i] = SourceLoc{line, static_cast<std::uint32_t>(pos - line_start + 1)};
    }
  };
  whitespace();
  at_value();
  while (pos < text.size()) {
    whitespace();
    if (pos >= text.size()) break;
    const char c = text[pos];
    if (c == '{' || c == '[') {
      stack.push_back(Frame{c == '[', 0, path.size()});
      ++pos;
      whitespace();
      if (c == '[' && pos < text.size() && text[pos] != ']') {
        path += "/0";
        at_value();
      }
      continue;
    }
    if (c == '}' || c == ']') {
      if (stack.empty()) break;
      path.resize(stack.back().path_length);
      stack.pop_back();
      ++pos;
      continue;
    }
    if (c == ',') {
      ++pos;
      whitespace();
      if (!stack.empty() && stack.back().array) {
        Frame& f = stack.back();
        path.resize(f.path_length);
        path += "/" + std::to_string(++f.index);
        at_value();
      }
      continue;
    }
    if (c == '"' && !stack.empty() && !stack.back().array) {
      // A member name when it follows '{' or ',' inside an object: the value comes after ':'.
      const std::size_t before = pos;
      const std::string name = member_name();
      whitespace();
      if (pos < text.size() && text[pos] == ':') {
        ++pos;
        whitespace();
        path.resize(stack.back().path_length);
        append_token(path, name);
        at_value();
        continue;
      }
      pos = before;
    }
    if (c == '"') {
      ++pos;
      while (pos < text.size() && text[pos] != '"') pos += text[pos] == '\\' ? 2 : 1;
      ++pos;
      continue;
    }
    // A number, true, false or null.
    while (pos < text.size() && std::string_view(",:]} \t\r\n").find(text[pos]) == std::string_view::npos) ++pos;
  }
  return out;
}

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
  return loc_of_offset(text, cursor.position());
}

}  // namespace sovaudit
