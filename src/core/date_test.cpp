#include "core/date.hpp"

#include <gtest/gtest.h>

namespace concierge {
namespace {

TEST(ParseDate, RoundTripsRealDates) {
  for (const char* text : {"2024-02-29", "2025-12-05", "1999-01-01"}) {
    auto parsed = ParseDate(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(FormatDate(*parsed), text);
  }
}

TEST(ParseDate, RefusesImpossibleOrMisshapenDates) {
  for (const char* text : {"2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101",
                           "2025/01/01", "", "2025-01-01T00:00:00Z", "abcd-ef-gh"}) {
    EXPECT_FALSE(ParseDate(text)) << text;
  }
}

TEST(DaysBetween, CountsCalendarDays) {
  EXPECT_EQ(DaysBetween(*ParseDate("2024-05-01"), *ParseDate("2024-05-31")), 30);
  EXPECT_EQ(DaysBetween(*ParseDate("2024-05-31"), *ParseDate("2024-05-01")), -30);
}

TEST(LocalDate, UsesTheBuildingsZone) {
  // 22:30 UTC on 31 December is already 1 January in Athens (UTC+2).
  const auto at = *ParseTimestamp("2025-12-31T22:30:00Z");
  EXPECT_EQ(FormatDate(LocalDate(at, "Europe/Athens")), "2026-01-01");
  EXPECT_EQ(FormatDate(LocalDate(at, "UTC")), "2025-12-31");
  EXPECT_TRUE(IsKnownTimeZone("Europe/Athens"));
  EXPECT_FALSE(IsKnownTimeZone("Mars/Olympus"));
}

TEST(Timestamp, FormatsAsRfc3339Utc) {
  const auto at = *ParseTimestamp("2026-12-03T16:05:46Z");
  EXPECT_EQ(FormatTimestamp(at), "2026-12-03T16:05:46Z");
  EXPECT_FALSE(ParseTimestamp("2026-12-03 16:05:46"));
}

}  // namespace
}  // namespace concierge
