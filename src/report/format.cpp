// Rendering numbers by unit and filling rule message templates; shared by every writer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sovaudit/exact.hpp"

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

std::string render_evidence(const Evidence& e, const Inventory& inventory, std::span<const double> thresholds) {
  if (!e.known) return "unknown (" + (e.items.empty() ? std::string() : std::string(e.items.front())) + ")";
  switch (e.unit) {
    case Unit::Share:
      return format_share(e.number, thresholds);
    case Unit::Months:
      return format_months(e.number);
    case Unit::Weeks:
      return format_weeks(e.number);
    case Unit::EngineerWeeks:
      return format_engineer_weeks(e.number);
    case Unit::Money:
      return format_money(e.number, inventory.organization.currency.value);
    case Unit::Number:
      return format_number(std::round(e.number * 100) / 100);
    case Unit::Text:
    case Unit::Date:
      return e.items.empty() ? std::string() : std::string(e.items.front());
    case Unit::List:
    case Unit::Alternatives:
      break;
  }
  if (e.items.empty()) return "none";
  if (e.unit == Unit::Alternatives && e.items.size() > 1) {
    std::string out;
    for (std::size_t i = 0; i + 1 < e.items.size(); ++i) {
      if (i) out += ", ";
      out += e.items[i];
    }
    out += " or ";
    out += e.items.back();
    return out;
  }
  // A message names a dozen ids; the evidence (JSON) keeps them all. Past that a sentence is a list
  // nobody reads: the first ten, then how many more.
  constexpr std::size_t kNamed = 12, kShownWhenCut = 10;
  const std::size_t shown = e.items.size() > kNamed ? kShownWhenCut : e.items.size();
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out += ", ";
    out += e.items[i];
  }
  if (shown < e.items.size()) out += fmt::format(" and {} more", e.items.size() - shown);
  return out;
}

}  // namespace

std::string format_share(double share, std::span<const double> thresholds) {
  const ShareUnits exact = to_share_units(share);
  // One decimal of a percent, unless rounding would carry the figure across a threshold that
  // classifies it: then as many more decimals (up to 4) as keep it on its own side.
  for (int decimals = 1; decimals <= 4; ++decimals) {
    const double scale = std::pow(10.0, decimals);
    const double percent = std::round(share * 100 * scale) / scale;
    const ShareUnits shown = to_share_units(percent / 100);
    const bool misleads = std::any_of(thresholds.begin(), thresholds.end(), [&](double t) {
      const ShareUnits limit = to_share_units(t);
      return (shown >= limit) != (exact >= limit);
    });
    if (!misleads || decimals == 4) {
      std::string text = fmt::format("{:.{}f}", percent, decimals);
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
      if (text == "-0") text = "0";
      return text + "%";
    }
  }
  return {};
}

std::vector<double> share_thresholds(const EffectivePolicy& policy) {
  return {policy.material_value_share, policy.existential_value_share, policy.material_budget_share,
          policy.existential_budget_share};
}

std::string format_months(double months) {
  // A positive figure never reads as none.
  if (months > 0 && months < 0.05) return "< 0.1 months";
  const std::string n = one_decimal(months);
  return n + (n == "1" ? " month" : " months");
}

std::string format_weeks(double weeks) {
  if (weeks > 0 && weeks < 0.05) return "< 0.1 weeks";
  const std::string n = one_decimal(weeks);
  return n + (n == "1" ? " week" : " weeks");
}

std::string format_engineer_weeks(double effort) {
  if (effort > 0 && effort < 0.05) return "< 0.1 engineer-weeks";
  const std::string n = one_decimal(effort);
  return n + (n == "1" ? " engineer-week" : " engineer-weeks");
}

std::string format_money(double amount, std::string_view currency) {
  // Any finite amount prints exactly in whole units: no integer conversion that could overflow.
  std::string digits = std::isfinite(amount) ? fmt::format("{:.0f}", std::fabs(amount)) : std::string("overflow");
  const bool negative = std::isfinite(amount) && digits != "0" && amount < 0;
  for (int i = static_cast<int>(digits.size()) - 3; i > 0 && std::isfinite(amount); i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  if (negative) digits.insert(0, "-");
  return currency.empty() ? digits : std::string(currency) + " " + digits;
}

std::string format_cost(const std::optional<double>& amount, std::string_view currency) {
  return amount ? format_money(*amount, currency) : "unknown: " + std::string(kNoEngineerWeekCost);
}

std::string render_evidence_value(const Evidence& evidence, const Inventory& inventory) {
  return render_evidence(evidence, inventory, {});
}

std::string render_message(const Finding& finding, const RuleInfo& rule, const Inventory& inventory,
                           std::span<const double> thresholds) {
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
      out += render_evidence(*e, inventory, thresholds);
    } else {
      out += "?";  // a template naming evidence its pass does not give: caught by the rules test
    }
    i = close + 1;
  }
  return out;
}

}  // namespace sovaudit

namespace sovaudit {

std::string markdown_text(std::string_view raw) {
  // Invisible and reordering characters first, so that the backslash of \u{202e} is escaped below.
  const std::string shown = visible_unicode(raw);
  const std::string_view text = shown;
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
      case '$':  // GitHub renders $...$ as mathematics
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
