// Compiler-style diagnostic text with the offending source line and a caret.
#include "sovaudit/diagnostic_writer.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include <fmt/format.h>

#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

constexpr std::size_t kTabStop = 8;
constexpr std::size_t kMaxEchoedColumns = 400;

struct Colors {
  std::string_view bold, error, warning, note, caret, reset;
};

Colors colors_for(TextStyle style) {
  if (!style.color) return {};
  return {"\x1b[1m", "\x1b[1;31m", "\x1b[1;35m", "\x1b[1;36m", "\x1b[1;32m", "\x1b[0m"};
}

/// The lines the diagnostics quote (without their line break), by line number, found in one pass
/// over the text: an index of every line would cost 80 MB for a file of 10 million empty lines.
std::map<std::uint32_t, std::string_view> quoted_lines(std::string_view text, const std::vector<Diagnostic>& diags) {
  std::vector<std::uint32_t> wanted;
  for (const Diagnostic& d : diags) {
    if (d.loc.known()) wanted.push_back(d.loc.line);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::map<std::uint32_t, std::string_view> lines;
  std::uint32_t line = 1;
  std::size_t begin = 0;
  for (std::uint32_t target : wanted) {
    while (line < target && begin <= text.size()) {
      const std::size_t newline = text.find('\n', begin);
      begin = newline == std::string_view::npos ? text.size() + 1 : newline + 1;
      ++line;
    }
    if (begin > text.size()) break;  // past the end of the file
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    if (end > begin && text[end - 1] == '\r') --end;
    lines.emplace(target, text.substr(begin, end - begin));
  }
  return lines;
}

/// The source line made printable, plus the display columns where the caret starts and ends.
struct EchoedLine {
  std::string text;
  std::size_t caret_start = 0;
  std::size_t caret_width = 1;
};

EchoedLine echo_line(std::string_view line, std::size_t byte_column, std::size_t length) {
  EchoedLine out;
  std::size_t display = 0;
  std::size_t points = 0;  // code points since the caret start
  bool caret_seen = false;
  std::size_t caret_end = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (i == byte_column) {
      caret_seen = true;
      out.caret_start = display;
    }
    // One code point at a time: tabs expand to the next stop, anything unsafe becomes an escape.
    std::size_t len = 1;
    const auto b = static_cast<unsigned char>(line[i]);
    if (b >= 0xC0) len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (i + len > line.size()) len = 1;
    std::string piece;
    if (line[i] == '\t') {
      piece.assign(kTabStop - display % kTabStop, ' ');
    } else {
      piece = terminal_safe(line.substr(i, len));
      if (piece.size() > len) {  // escaped: it was not valid or not printable as one unit
        len = 1;
        piece = terminal_safe(line.substr(i, 1));
      }
    }
    const std::size_t width = piece.size() > len || line[i] == '\t' ? piece.size() : 1;
    out.text += piece;
    display += width;
    if (caret_seen && points < length) {
      ++points;
      caret_end = display;
    }
    i += len;
    if (display > kMaxEchoedColumns) {
      out.text += "...";
      break;
    }
  }
  if (!caret_seen) {
    out.caret_start = display;  // at end of line (a missing value, end of file)
    caret_end = display + 1;
  }
  out.caret_width = caret_end > out.caret_start ? caret_end - out.caret_start : 1;
  return out;
}


}  // namespace

std::string render_diagnostics(std::string_view path, std::string_view source, const std::vector<Diagnostic>& diags,
                               TextStyle style) {
  const Colors c = colors_for(style);
  const std::map<std::uint32_t, std::string_view> lines = quoted_lines(source, diags);
  const std::string safe_path = terminal_safe(path);
  std::string out;
  for (const Diagnostic& d : diags) {
    const std::string_view color =
        d.severity == DiagSeverity::Error ? c.error : d.severity == DiagSeverity::Warning ? c.warning : c.note;
    if (d.loc.known()) {
      out += fmt::format("{}{}:{}:{}:{} ", c.bold, safe_path, d.loc.line, d.loc.column, c.reset);
    } else {
      out += fmt::format("{}{}:{} ", c.bold, safe_path, c.reset);
    }
    out += fmt::format("{}{}:{} {}{}{}\n", color, to_string(d.severity), c.reset, c.bold,
                       terminal_safe(d.message), c.reset);
    const auto quoted = d.loc.known() ? lines.find(d.loc.line) : lines.end();
    if (quoted == lines.end()) continue;
    const std::string_view line = quoted->second;
    const EchoedLine echoed = echo_line(line, d.loc.column - 1, d.length == 0 ? 1 : d.length);
    const std::string number = std::to_string(d.loc.line);
    const std::size_t gutter = number.size() < 4 ? 4 : number.size();
    out += fmt::format(" {:>{}} | {}\n", number, gutter, echoed.text);
    out += fmt::format(" {:>{}} | {}{}{}{}{}\n", "", gutter, std::string(echoed.caret_start, ' '), c.caret, "^",
                       std::string(echoed.caret_width - 1, '~'), c.reset);
  }
  return out;
}

std::string render_diagnostic_count(std::size_t errors, std::size_t warnings) {
  auto count = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (errors && warnings) return count(errors, "error") + " and " + count(warnings, "warning") + " generated.";
  if (errors) return count(errors, "error") + " generated.";
  if (warnings) return count(warnings, "warning") + " generated.";
  return {};
}

}  // namespace sovaudit
