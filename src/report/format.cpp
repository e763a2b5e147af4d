// Rendering numbers by unit and filling rule message templates; shared by every writer.
#include <fmt/format.h>

#include <cmath>

#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit {
namespace {

/// One decimal, dropped when it is zero: 4.0 -> "4", 4.25 -> "4.3".
std::string one_decimal(double value) {
  const double rounded = std::round(value * 10) / 10;
  if (rounded == std::floor(rounded)) return fmt::format("{:.0f}", rounded);
  return fmt::format("{:.1f}", rounded);
}

std::string render_evidence(const Evidence& e, const Inventory& inventory) {
  switch (e.unit) {
    case Unit::Share:
      return format_share(e.number);
    case Unit::Months:
      return format_months(e.number);
    case Unit::Weeks:
      return format_weeks(e.number);
    case Unit::Money:
      return format_money(e.number, inventory.organization.currency.value);
    case Unit::Number:
      return format_number(std::round(e.number * 100) / 100);
    case Unit::Text:
    case Unit::Date:
      return e.items.empty() ? std::string() : e.items.front();
    case Unit::List:
      break;
  }
  if (e.items.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    if (i) out += ", ";
    out += e.items[i];
  }
  return out;
}

}  // namespace

std::string format_share(double share) { return one_decimal(share * 100) + "%"; }

std::string format_months(double months) {
  const std::string n = one_decimal(months);
  return n + (n == "1" ? " month" : " months");
}

std::string format_weeks(double weeks) {
  const std::string n = one_decimal(weeks);
  return n + (n == "1" ? " week" : " weeks");
}

std::string format_money(double amount, std::string_view currency) {
  const auto whole = static_cast<long long>(std::llround(amount));
  std::string digits = std::to_string(whole < 0 ? -whole : whole);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  if (whole < 0) digits.insert(0, "-");
  return currency.empty() ? digits : std::string(currency) + " " + digits;
}

std::string render_message(const Finding& finding, const RuleInfo& rule, const Inventory& inventory) {
  std::string out;
  const std::string_view t = rule.message;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t open = t.find('{', i);
    if (open == std::string_view::npos) {
      out.append(t.substr(i));
      break;
    }
    out.append(t.substr(i, open - i));
    const std::size_t close = t.find('}', open);
    const std::string_view key = t.substr(open + 1, close - open - 1);
    if (key == "target") {
      out += finding.target;
    } else if (const Evidence* e = find_evidence(finding, key)) {
      out += render_evidence(*e, inventory);
    } else {
      out += "?";  // a template naming evidence its pass does not give: caught by the rules test
    }
    i = close + 1;
  }
  return out;
}

}  // namespace sovaudit

namespace sovaudit {

std::string markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      // Entities rather than backslashes: they also stop autolinks (MD034) and work inside tables.
      case '@':
        out += "&#64;";
        break;
      case ':':  // only "://" starts an autolink
        out += text.substr(i + 1, 2) == "//" ? "&#58;" : ":";
        break;
      case '.':  // "www." starts one too
        out += i >= 3 && text.substr(i - 3, 3) == "www" ? "&#46;" : ".";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '#':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      default:
        if (u < 0x20 || u == 0x7F) break;  // other control characters carry no text
        out += c;
    }
  }
  // Invalid UTF-8 cannot come from the loader, but never let it through to a document either.
  return first_invalid_utf8(out) ? terminal_safe(out) : out;
}

}  // namespace sovaudit
