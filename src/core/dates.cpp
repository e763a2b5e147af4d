// ISO 8601 calendar dates: strict parsing, formatting and day arithmetic.
#include "sovaudit/dates.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace sovaudit {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

DateParse parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return {std::nullopt, "expected YYYY-MM-DD"};
  }
  const int year = to_int(text.substr(0, 4));
  const int month = to_int(text.substr(5, 2));
  const int day = to_int(text.substr(8, 2));
  if (year < 1900) return {std::nullopt, "the year is before 1900"};
  if (month < 1 || month > 12) return {std::nullopt, "there is no month " + std::to_string(month)};
  const int last = days_in_month(year, month);
  if (day < 1 || day > last) {
    return {std::nullopt, std::string(kMonthNames[static_cast<std::size_t>(month - 1)]) + " " +
                              std::to_string(year) + " has " + std::to_string(last) + " days"};
  }
  return {Date{year, static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day)}, {}};
}

std::string to_string(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year),
                static_cast<unsigned>(date.month), static_cast<unsigned>(date.day));
  return buf;
}

std::int64_t days_since_epoch(const Date& date) {
  // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
  std::int64_t y = date.year;
  const unsigned m = date.month;
  const unsigned d = date.day;
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date add_months(const Date& date, int months) {
  const std::int64_t index = static_cast<std::int64_t>(date.year) * 12 + (date.month - 1) + months;
  Date out;
  out.year = static_cast<std::int32_t>(index >= 0 ? index / 12 : (index - 11) / 12);
  out.month = static_cast<std::uint8_t>(index - static_cast<std::int64_t>(out.year) * 12 + 1);
  out.day = static_cast<std::uint8_t>(std::min<int>(date.day, days_in_month(out.year, out.month)));
  return out;
}

double calendar_months_between(const Date& from, const Date& to) {
  if (to < from) return -calendar_months_between(to, from);
  int whole = (to.year - from.year) * 12 + (to.month - from.month);
  while (whole > 0 && to < add_months(from, whole)) --whole;
  const Date base = add_months(from, whole);
  const Date next = add_months(from, whole + 1);
  const auto part = static_cast<double>(days_since_epoch(to) - days_since_epoch(base));
  const auto span = static_cast<double>(days_since_epoch(next) - days_since_epoch(base));
  return whole + part / span;
}

bool within_months(const Date& date, const Date& as_of, double max_months) {
  if (as_of < date) return false;
  return calendar_months_between(date, as_of) <= max_months;
}

}  // namespace sovaudit
