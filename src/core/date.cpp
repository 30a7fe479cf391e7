#include "core/date.hpp"

#include <cstdio>

#include <date/tz.h>

namespace concierge {

namespace {

bool ReadDigits(std::string_view text, std::size_t from, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

Result<Date> ParseDate(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      ReadDigits(text, 0, 4, y) && ReadDigits(text, 5, 2, m) &&
                      ReadDigits(text, 8, 2, d);
  if (!shaped) {
    return Fail(Error::Invalid("invalid_date", "A date is written as YYYY-MM-DD."));
  }

  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok() || y < 1900) {
    return Fail(
        Error::Invalid("invalid_date", "'" + std::string(text) + "' is not a calendar date."));
  }
  return Date{ymd};
}

std::string FormatDate(Date date) {
  const std::chrono::year_month_day ymd{date};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buffer;
}

std::string FormatTimestamp(Timestamp at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss time{at - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%sT%02ld:%02ld:%02ldZ", FormatDate(day).c_str(),
                long(time.hours().count()), long(time.minutes().count()),
                long(time.seconds().count()));
  return buffer;
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  int h = 0;
  int mi = 0;
  int s = 0;
  const bool shaped = text.size() == 20 && text[10] == 'T' && text[13] == ':' && text[16] == ':' &&
                      text[19] == 'Z' && ReadDigits(text, 11, 2, h) &&
                      ReadDigits(text, 14, 2, mi) && ReadDigits(text, 17, 2, s);
  if (!shaped || h > 23 || mi > 59 || s > 59) {
    return Fail(Error::Invalid("invalid_timestamp", "A time is written as YYYY-MM-DDTHH:MM:SSZ."));
  }
  auto day = ParseDate(text.substr(0, 10));
  if (!day) {
    return Fail(day.error());
  }
  return Timestamp{*day} + std::chrono::hours{h} + std::chrono::minutes{mi} +
         std::chrono::seconds{s};
}

bool IsKnownTimeZone(const std::string& zone) {
  try {
    return date::locate_zone(zone) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

Date LocalDate(Timestamp at, const std::string& zone) {
  const auto zoned = date::make_zoned(zone, at);
  const auto local = std::chrono::floor<std::chrono::days>(zoned.get_local_time());
  return Date{std::chrono::days{local.time_since_epoch().count()}};
}

}  // namespace concierge
