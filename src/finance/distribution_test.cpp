#include "finance/distribution.hpp"

#include <numeric>

#include <gtest/gtest.h>

namespace concierge::finance {
namespace {

Cents Sum(const std::vector<Cents>& parts) {
  return std::accumulate(parts.begin(), parts.end(), 0LL);
}

TEST(ShareDistribution, HundredOverThirdsSumsExactly) {
  const std::vector<ShareHolder> holders = {{1, 333}, {2, 333}, {3, 334}};
  auto parts = DistributeByShares(10000, holders);
  ASSERT_TRUE(parts);
  EXPECT_EQ(Sum(*parts), 10000);
  EXPECT_EQ(*parts, (std::vector<Cents>{3330, 3330, 3340}));
}

TEST(ShareDistribution, LeftoverCentsGoToTheLargestRemainders) {
  // 0.10 over 333/333/334: exact parts 3.33, 3.33, 3.34 cents.
  const std::vector<ShareHolder> holders = {{1, 333}, {2, 333}, {3, 334}};
  auto parts = DistributeByShares(10, holders);
  ASSERT_TRUE(parts);
  EXPECT_EQ(Sum(*parts), 10);
  EXPECT_EQ(*parts, (std::vector<Cents>{3, 3, 4}));
}

TEST(ShareDistribution, EveryTotalSumsExactly) {
  const std::vector<ShareHolder> holders = {{1, 1}, {2, 199}, {3, 250}, {4, 7}, {5, 543}};
  for (Cents amount : {1LL, 2LL, 99LL, 101LL, 12345LL, 99999LL, 1000001LL}) {
    auto parts = DistributeByShares(amount, holders);
    ASSERT_TRUE(parts);
    EXPECT_EQ(Sum(*parts), amount) << amount;
  }
}

TEST(ShareDistribution, ZeroShareGetsNothing) {
  const std::vector<ShareHolder> holders = {{1, 0}, {2, 1000}};
  EXPECT_EQ(*DistributeByShares(777, holders), (std::vector<Cents>{0, 777}));
}

TEST(ShareDistribution, SharesNotSummingToAThousandAreRefused) {
  const std::vector<ShareHolder> holders = {{1, 333}, {2, 333}, {3, 333}};
  auto parts = DistributeByShares(10000, holders);
  ASSERT_FALSE(parts);
  EXPECT_EQ(parts.error().code, "shares_do_not_sum");
  EXPECT_NE(parts.error().detail.find("999"), std::string::npos);
}

}  // namespace
}  // namespace concierge::finance
