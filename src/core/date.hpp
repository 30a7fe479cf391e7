#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace concierge {

// A calendar date (no time of day, no zone), stored as days since 1970-01-01.
using Date = std::chrono::sys_days;
// An instant in UTC with second precision.
using Timestamp = std::chrono::sys_seconds;

// Strict "YYYY-MM-DD" (a real calendar date between 1900 and 9999).
[[nodiscard]] Result<Date> ParseDate(std::string_view text);
[[nodiscard]] std::string FormatDate(Date date);

// RFC 3339 in UTC: "2026-12-03T16:05:46Z".
[[nodiscard]] std::string FormatTimestamp(Timestamp at);
[[nodiscard]] Result<Timestamp> ParseTimestamp(std::string_view text);

// Whole days from `from` to `to` (negative when `to` is earlier).
inline long DaysBetween(Date from, Date to) {
  return (to - from).count();
}

// True when `zone` is a name the time-zone database knows ("Europe/Athens").
[[nodiscard]] bool IsKnownTimeZone(const std::string& zone);

// The calendar date at instant `at` in the IANA time zone `zone`.
// Precondition: IsKnownTimeZone(zone).
[[nodiscard]] Date LocalDate(Timestamp at, const std::string& zone);

}  // namespace concierge
