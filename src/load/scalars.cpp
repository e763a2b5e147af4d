// Strict scalar readings: numbers, booleans, dates, codes, ids and closed lists.
#include "scalars.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "sovaudit/catalogue.hpp"
#include "sovaudit/geo.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::load {
namespace {

constexpr std::size_t kMaxIdLength = 128;

bool equals_any(std::string_view text, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (text == o) return true;
  }
  return false;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Reports a null, alias or (for non-strings) quoted value where a scalar of `expected` was due.
bool require_present(Diagnostics& d, const Scalar& s, const Slot& slot, const std::string& expected) {
  if (s.style == ScalarStyle::Null) {
    d.error(s.loc, type_error(slot.key, expected, "nothing"), s.length);
    return false;
  }
  return true;
}

/// A YAML 1.2 core-schema float or int, checked for forms that other YAML readers take differently.
std::optional<double> parse_plain_number(Diagnostics& d, const Scalar& s, const Slot& slot,
                                         const std::string& expected) {
  const std::string_view t = s.text;
  const std::string low = lower_ascii(t);
  if (equals_any(low, {".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "+inf", "-inf", "infinity",
                       "-infinity", "+infinity"})) {
    d.error(s.loc, type_error(slot.key, expected, quote(t)) + ": only finite numbers are allowed",
            s.length);
    return std::nullopt;
  }
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  const std::size_t digits_start = i;
  if (t.size() > i + 1 && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'o' || t[i + 1] == 'b')) {
    d.error(s.loc, type_error(slot.key, expected, quote(t)) + ": write the number in decimal", s.length);
    return std::nullopt;
  }
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  const std::size_t int_digits = i - digits_start;
  bool fraction = false;
  if (i < t.size() && t[i] == '.') {
    fraction = true;
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E') && i > digits_start) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    const std::size_t exp_start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == exp_start) i = t.size() + 1;  // force the "not a number" branch below
  }
  const bool has_digit = t.find_first_of("0123456789") != std::string_view::npos;
  if (i != t.size() || !has_digit || (int_digits == 0 && !fraction)) {
    std::string hint;
    if (t.size() > 1 && t.back() == '%' && has_digit) {
      // "25%": a share is a fraction of 1; anything else is a plain number.
      const std::string_view number = t.substr(0, t.size() - 1);
      double percent = 0;
      const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), percent);
      const bool share = expected.ends_with("at most 1") || expected.ends_with("to 1");
      if (ec == std::errc() && end == number.data() + number.size() && std::isfinite(percent)) {
        hint = share ? ": a share is a fraction of 1; write " + format_number(percent / 100) + " for " + std::string(t)
                     : ": write the number without '%'";
      }
    } else if (t.find('_') != std::string_view::npos && has_digit) {
      hint = ": digit separators are not allowed";
    } else if (t.find(',') != std::string_view::npos && has_digit) {
      hint = ": write numbers without thousands separators";
    }
    d.error(s.loc, type_error(slot.key, expected, quote(t)) + hint, s.length);
    return std::nullopt;
  }
  if (int_digits > 1 && t[digits_start] == '0') {
    d.error(s.loc,
            type_error(slot.key, expected, quote(t)) +
                ": a leading zero is ambiguous (octal in YAML 1.1, decimal in YAML 1.2); remove it",
            s.length);
    return std::nullopt;
  }
  // from_chars refuses a leading '+' and a bare trailing '.', which YAML allows.
  std::string normal(t.substr(t[0] == '+' ? 1 : 0));
  if (!normal.empty() && normal.back() == '.') normal.pop_back();
  double value = 0;
  const auto [end, ec] = std::from_chars(normal.data(), normal.data() + normal.size(), value);
  if (ec == std::errc::result_out_of_range || !std::isfinite(value)) {
    d.error(s.loc, type_error(slot.key, expected, quote(t)) + ": the number is out of range", s.length);
    return std::nullopt;
  }
  if (ec != std::errc() || end != normal.data() + normal.size()) {
    d.error(s.loc, type_error(slot.key, expected, quote(t)), s.length);
    return std::nullopt;
  }
  return value;
}

std::string range_text(double min, double max, bool min_exclusive) {
  if (min_exclusive) return "a number above " + format_number(min) + " and at most " + format_number(max);
  return "a number from " + format_number(min) + " to " + format_number(max);
}

std::optional<double> read_number(Diagnostics& d, const Scalar& s, const Slot& slot,
                                  const std::string& expected) {
  if (!require_present(d, s, slot, expected)) return std::nullopt;
  if (s.style == ScalarStyle::Quoted) {
    d.error(s.loc, type_error(slot.key, expected, describe(s)) + " (numbers are written without quotes)",
            s.length);
    return std::nullopt;
  }
  return parse_plain_number(d, s, slot, expected);
}

/// Reads text for a code and checks it with `valid`, suggesting a fix when one is known.
std::optional<std::string> read_code(Diagnostics& d, const Scalar& s, const Slot& slot,
                                     const std::string& expected, bool (*valid)(std::string_view),
                                     std::optional<std::string> (*suggest)(std::string_view)) {
  if (!require_present(d, s, slot, expected)) return std::nullopt;
  if (valid(s.text)) return std::string(s.text);
  if (suggest == suggest_country_code) {
    // Jurisdiction follows the country a cloud region is in; the region's name is not one.
    if (const auto region = cloud_region(s.text)) {
      d.error(s.loc,
              type_error(slot.key, expected, quote(s.text)) + ": " + std::string(region->name) + " is " +
                  (region->cloud == "Google Cloud" ? "a " : "an ") + std::string(region->cloud) + " region in " +
                  std::string(region->country) + "; write " + std::string(region->country),
              s.length);
      return std::nullopt;
    }
  }
  const auto hint = suggest ? suggest(s.text) : std::nullopt;
  d.error(s.loc, type_error(slot.key, expected, quote(s.text)) + did_you_mean(hint), s.length);
  return std::nullopt;
}

bool is_country_or_group(std::string_view code) { return is_country_code(code) || is_country_group(code); }

std::optional<std::string> suggest_currency(std::string_view code) {
  const std::string upper = [&] {
    std::string u(code);
    for (char& c : u) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return u;
  }();
  if (upper != code && is_currency_code(upper)) return upper;
  if (code == "€") return std::string("EUR");
  if (code == "$") return std::string("USD");
  if (code == "£") return std::string("GBP");
  return std::nullopt;
}

}  // namespace

std::string one_of(std::span<const std::string_view> names) {
  std::string out = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i];
  }
  return out;
}

ScalarRule<std::string> text_rule() {
  std::string expected = "a text";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<std::string> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            // Other control characters (from escapes such as "\e") are kept: every writer escapes
            // text for its destination. NUL alone is refused: it ends strings in C interfaces.
            if (s.text.find('\0') != std::string_view::npos) {
              d.error(s.loc, "'" + std::string(slot.key) + "' contains a NUL character", s.length);
              return std::nullopt;
            }
            return std::string(s.text);
          }};
}

ScalarRule<std::string> id_rule() {
  std::string expected = "an id of ASCII letters, digits, '-', '_' and '.'";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<std::string> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            const std::string_view t = s.text;
            bool ok = !t.empty() && t.size() <= kMaxIdLength;
            for (std::size_t i = 0; ok && i < t.size(); ++i) {
              const char c = t[i];
              const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
              ok = alnum || (i > 0 && (c == '-' || c == '_' || c == '.'));
            }
            if (!ok) {
              std::string why;
              const bool ascii = std::all_of(t.begin(), t.end(), [](char c) { return (c & 0x80) == 0; });
              if (t.size() > kMaxIdLength) why = " (at most " + std::to_string(kMaxIdLength) + " characters)";
              else if (!ascii) why = " (non-ASCII letters are refused: look-alikes would make two ids seem equal)";
              else if (!t.empty() && !(t[0] >= '0' && t[0] <= '9') && !((t[0] | 0x20) >= 'a' && (t[0] | 0x20) <= 'z'))
                why = " (it must start with a letter or digit)";
              d.error(s.loc, type_error(slot.key, expected, quote(t)) + why, s.length);
              return std::nullopt;
            }
            return std::string(t);
          }};
}

ScalarRule<double> number_rule(double min, double max, bool min_exclusive, std::string expected) {
  if (expected.empty()) expected = range_text(min, max, min_exclusive);
  return {expected, [=](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<double> {
            const auto v = read_number(d, s, slot, expected);
            if (!v) return std::nullopt;
            if (*v > max || *v < min || (min_exclusive && *v == min)) {
              std::string message = "'" + std::string(slot.key) + "' must be " + expected + ", got " + format_number(*v);
              if (*v > max && expected.find(format_number(max)) == std::string::npos) {
                message += " (above the limit of " + format_number(max) + ")";
              }
              d.error(s.loc, message, s.length);
              return std::nullopt;
            }
            return v;
          }};
}

ScalarRule<int> integer_rule(int min, int max) {
  std::string expected = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return {expected, [=](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<int> {
            const auto v = read_number(d, s, slot, expected);
            if (!v) return std::nullopt;
            if (std::floor(*v) != *v || *v < min || *v > max) {
              d.error(s.loc, "'" + std::string(slot.key) + "' must be " + expected + ", got " + format_number(*v),
                      s.length);
              return std::nullopt;
            }
            return static_cast<int>(*v);
          }};
}

ScalarRule<bool> bool_rule() {
  std::string expected = "true or false";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<bool> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            if (s.style == ScalarStyle::Plain) {
              if (equals_any(s.text, {"true", "True", "TRUE"})) return true;
              if (equals_any(s.text, {"false", "False", "FALSE"})) return false;
              if (equals_any(lower_ascii(s.text), {"yes", "no", "on", "off", "y", "n"})) {
                d.error(s.loc,
                        type_error(slot.key, expected, quote(s.text)) +
                            ": YAML 1.1 readers take it as a boolean, YAML 1.2 readers as text",
                        s.length);
                return std::nullopt;
              }
            }
            d.error(s.loc, type_error(slot.key, expected, describe(s)), s.length);
            return std::nullopt;
          }};
}

ScalarRule<Date> date_rule() {
  std::string expected = "a date written YYYY-MM-DD";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<Date> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            DateParse parsed = parse_iso_date(s.text);
            if (parsed.date) return parsed.date;
            std::string message = type_error(slot.key, expected, quote(s.text));
            if (parsed.problem != "expected YYYY-MM-DD") message += ": " + parsed.problem;
            d.error(s.loc, message, s.length);
            return std::nullopt;
          }};
}

ScalarRule<std::string> country_rule() {
  std::string expected = "an ISO 3166-1 alpha-2 country code";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) {
            return read_code(d, s, slot, expected, is_country_code, suggest_country_code);
          }};
}

ScalarRule<std::string> jurisdiction_rule() {
  std::string expected = "an ISO 3166-1 alpha-2 country code or a group (EU, EEA)";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) {
            return read_code(d, s, slot, expected, is_country_or_group, suggest_country_code);
          }};
}

ScalarRule<std::string> currency_rule() {
  std::string expected = "an ISO 4217 currency code";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) {
            return read_code(d, s, slot, expected, is_currency_code, suggest_currency);
          }};
}

ScalarRule<std::string> rule_id_rule() {
  std::string expected = "a rule id such as SOV-DEPARTURE";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<std::string> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            const std::string_view t = s.text;
            bool ok = t.size() > 4 && t.substr(0, 4) == "SOV-" && t.back() != '-';
            for (std::size_t i = 4; ok && i < t.size(); ++i) {
              ok = (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9') || t[i] == '-';
            }
            if (!ok) {
              d.error(s.loc, type_error(slot.key, expected, quote(t)), s.length);
              return std::nullopt;
            }
            return std::string(t);
          }};
}

ScalarRule<std::string> package_url_rule() {
  std::string expected = "a package URL such as pkg:pypi/openai (no version needed)";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<std::string> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            if (!parse_purl(s.text)) {
              d.error(s.loc, type_error(slot.key, expected, quote(s.text)), s.length);
              return std::nullopt;
            }
            return std::string(s.text);
          }};
}

ScalarRule<std::string> host_pattern_rule() {
  std::string expected = "a host name such as api.example.com, '*.' for any subdomain";
  return {expected, [expected](Diagnostics& d, const Scalar& s, const Slot& slot) -> std::optional<std::string> {
            if (!require_present(d, s, slot, expected)) return std::nullopt;
            if (!valid_host_pattern(s.text)) {
              const bool url = s.text.find("://") != std::string_view::npos;
              d.error(s.loc,
                      type_error(slot.key, expected, quote(s.text)) +
                          (url ? " (write the host alone, without scheme or path: " + quote(host_of(s.text)) + ")"
                               : " (lower-case labels of letters, digits and '-')"),
                      s.length);
              return std::nullopt;
            }
            return std::string(s.text);
          }};
}

std::optional<std::size_t> parse_enum_index(Diagnostics& d, const Scalar& s, const Slot& slot,
                                            std::span<const std::string_view> names) {
  const std::string expected = one_of(names);
  if (!require_present(d, s, slot, expected)) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s.text) return i;
  }
  // Underscores and spaces for hyphens are the commonest slip: suggest the canonical form first.
  std::string normalised = lower_ascii(s.text);
  for (char& c : normalised) {
    if (c == '_' || c == ' ') c = '-';
  }
  std::optional<std::string> hint;
  for (std::string_view n : names) {
    if (n == normalised) hint = std::string(n);
  }
  // Words for a transfer mechanism that are not its name in the GDPR's terms.
  struct Alias {
    std::string_view word, name, why;
  };
  static constexpr Alias kMechanismAliases[] = {
      {"dpf", "adequacy",
       "the EU-US Data Privacy Framework is an adequacy decision (for a certified US recipient); write adequacy"},
      {"data-privacy-framework", "adequacy",
       "the EU-US Data Privacy Framework is an adequacy decision (for a certified US recipient); write adequacy"},
      {"privacy-shield", "none",
       "the Privacy Shield was invalidated in 2020; write adequacy for a US recipient certified under its "
       "successor, the Data Privacy Framework, else none"},
      {"standard-contractual-clauses", "scc", "standard contractual clauses are written scc"},
      {"binding-corporate-rules", "bcr", "binding corporate rules are written bcr"},
  };
  if (!hint) {
    for (const Alias& alias : kMechanismAliases) {
      if (normalised != alias.word || std::find(names.begin(), names.end(), alias.name) == names.end()) continue;
      d.error(s.loc,
              type_error(slot.key, expected, quote(s.text)) + ": " + std::string(alias.why), s.length);
      return std::nullopt;
    }
  }
  if (!hint) hint = closest_match(s.text, names);
  d.error(s.loc, type_error(slot.key, expected, quote(s.text)) + did_you_mean(hint), s.length);
  return std::nullopt;
}

}  // namespace sovaudit::load
