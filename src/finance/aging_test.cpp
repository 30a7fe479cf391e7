#include "finance/aging.hpp"

#include <gtest/gtest.h>

namespace concierge::finance {
namespace {

const Date kAsOf = *ParseDate("2025-12-05");

OpenItem DueDaysAgo(long days, Cents open, std::int64_t id) {
  return {id, kAsOf - std::chrono::days(days), open};
}

TEST(DebtReportBuckets, BoundariesFallInTheRightBuckets) {
  const std::vector<OpenItem> items = {DueDaysAgo(30, 10000, 1), DueDaysAgo(31, 10000, 2),
                                       DueDaysAgo(60, 10000, 3), DueDaysAgo(61, 10000, 4),
                                       DueDaysAgo(90, 10000, 5), DueDaysAgo(91, 10000, 6)};
  const Aging aging = AgeOpenItems(items, kAsOf);
  EXPECT_EQ(aging.buckets[0], 10000);
  EXPECT_EQ(aging.buckets[1], 20000);
  EXPECT_EQ(aging.buckets[2], 20000);
  EXPECT_EQ(aging.buckets[3], 10000);
  EXPECT_EQ(aging.overdue(), 60000);
  EXPECT_EQ(aging.not_due, 0);
  EXPECT_EQ(*aging.oldest_overdue_due_date, kAsOf - std::chrono::days(91));
}

TEST(DebtReportBuckets, TableOfDaysPastDue) {
  const std::pair<long, Bucket> cases[] = {
      {0, Bucket::k0To30},    {1, Bucket::k0To30},    {30, Bucket::k0To30},  {31, Bucket::k31To60},
      {60, Bucket::k31To60},  {61, Bucket::k61To90},  {90, Bucket::k61To90}, {91, Bucket::kOver90},
      {151, Bucket::kOver90}, {4000, Bucket::kOver90}};
  for (const auto& [days, bucket] : cases) {
    EXPECT_EQ(BucketFor(days), bucket) << days;
  }
}

TEST(DebtReportBuckets, AnAmountDueTomorrowIsNotDueAndNotDebt) {
  const std::vector<OpenItem> items = {DueDaysAgo(-1, 5000, 1), DueDaysAgo(151, 700, 2)};
  const Aging aging = AgeOpenItems(items, kAsOf);
  EXPECT_EQ(aging.not_due, 5000);
  EXPECT_EQ(aging.buckets[3], 700);
  EXPECT_EQ(aging.overdue(), 700);
}

TEST(DebtReportBuckets, AnAmountDueTodayIsOverdueByZeroDays) {
  const std::vector<OpenItem> items = {DueDaysAgo(0, 100, 1)};
  const Aging aging = AgeOpenItems(items, kAsOf);
  EXPECT_EQ(aging.buckets[0], 100);
  EXPECT_EQ(aging.not_due, 0);
}

}  // namespace
}  // namespace concierge::finance
