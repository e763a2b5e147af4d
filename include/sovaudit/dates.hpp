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

}  // namespace sovaudit
