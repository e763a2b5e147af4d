// Compiler-style diagnostic text with the offending source line and a caret.
#include "sovaudit/diagnostic_writer.hpp"

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

/// Start offsets of every line, computed once per file.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
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

std::string_view severity_word(DiagSeverity s) {
  switch (s) {
    case DiagSeverity::Error:
      return "error";
    case DiagSeverity::Warning:
      return "warning";
    case DiagSeverity::Note:
      break;
  }
  return "note";
}

}  // namespace

std::string render_diagnostics(std::string_view path, std::string_view source, const std::vector<Diagnostic>& diags,
                               TextStyle style) {
  const Colors c = colors_for(style);
  const std::vector<std::size_t> starts = line_starts(source);
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
    out += fmt::format("{}{}:{} {}{}{}\n", color, severity_word(d.severity), c.reset, c.bold,
                       terminal_safe(d.message), c.reset);
    if (!d.loc.known() || d.loc.line > starts.size()) continue;
    const std::size_t begin = starts[d.loc.line - 1];
    std::size_t end = d.loc.line < starts.size() ? starts[d.loc.line] - 1 : source.size();
    if (end > begin && source[end - 1] == '\r') --end;
    const std::string_view line = source.substr(begin, end - begin);
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
