// Calendar dates (ISO 8601, proleptic Gregorian) without time zones.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sovaudit {

/// A calendar day.
struct Date {
  std::int32_t year = 1970;
  std::uint8_t month = 1;
  std::uint8_t day = 1;

  friend constexpr auto operator<=>(const Date&, const Date&) = default;
};

/// Why a date string was refused, in words for a diagnostic (empty when valid).
struct DateParse {
  std::optional<Date> date;
  std::string problem;
};

/// Parses exactly `YYYY-MM-DD` and checks that the day exists in that month.
DateParse parse_iso_date(std::string_view text);
/// Formats as `YYYY-MM-DD`.
std::string to_string(const Date& date);
/// Days since 1970-01-01 (negative before).
std::int64_t days_since_epoch(const Date& date);
/// Number of days in `month` of `year`.
int days_in_month(int year, int month);
/// `date` moved by `months` calendar months, the day clamped to the target month's length
/// (2024-02-29 + 12 months = 2025-02-28; 2026-01-31 + 1 month = 2026-02-28).
Date add_months(const Date& date, int months);
/// Calendar months from `from` to `to`: whole months, plus the part of the next month that has
/// passed, in days of that month (negative when `to` is before `from`). 2025-11-22 to 2026-11-22 is 12.
double calendar_months_between(const Date& from, const Date& to);
/// True when `date` lies on or before `as_of` and at most `max_months` calendar months before it.
bool within_months(const Date& date, const Date& as_of, double max_months);

}  // namespace sovaudit
