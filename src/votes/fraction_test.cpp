#include "votes/fraction.hpp"

#include <gtest/gtest.h>

namespace concierge::votes {
namespace {

TEST(Fraction, DecimalsAndFractionsParseToTheSameReducedValue) {
  const struct {
    const char* text;
    Fraction expected;
  } cases[] = {
      {"0.75", {3, 4}},
      {"3/4", {3, 4}},
      {"6/8", {3, 4}},
      {"0.5", {1, 2}},
      {"1/2", {1, 2}},
      {"0.500000", {1, 2}},
      {"2/3", {2, 3}},
      {"1", {1, 1}},
      {"1.0", {1, 1}},
      {"5/5", {1, 1}},
      {"0.000001", {1, 1'000'000}},
      {"0.666667", {666667, 1'000'000}},
  };
  for (const auto& c : cases) {
    const auto parsed = ParseFraction(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(*parsed, c.expected) << c.text;
  }
}

TEST(Fraction, AnythingOutsideZeroToOneOrOddlyWrittenIsRefused) {
  for (const char* text : {"",     "0",    "0.0",  "0/3", "1.5",       "3/2",       "2", "-0.5",
                           "+0.5", "1/0",  ".5",   "1.",  "0.1234567", "1/2000000", "a", "1/2/3",
                           " 0.5", "0.5 ", "1e-1", "0,5", "1/-2",      "/2",        "1/"}) {
    const auto parsed = ParseFraction(text);
    EXPECT_FALSE(parsed) << "'" << text << "'";
    if (!parsed) {
      EXPECT_EQ(parsed.error().code, "invalid_fraction");
    }
  }
}

TEST(Fraction, FormatsAsAReducedFraction) {
  EXPECT_EQ(FormatFraction({3, 4}), "3/4");
  EXPECT_EQ(FormatFraction({1, 1}), "1");
  EXPECT_EQ(FormatFraction(*ParseFraction("0.5")), "1/2");
}

// A quorum of 0.75 over 3 shares is 2.25; rounding down would accept 2.
TEST(Fraction, ThreeQuartersOfThreeNeedsThree) {
  const Fraction quorum = *ParseFraction("0.75");
  EXPECT_EQ(SmallestAtLeast(quorum, 3), 3);
  EXPECT_FALSE(AtLeast(2, quorum, 3));
  EXPECT_TRUE(AtLeast(3, quorum, 3));
}

TEST(Fraction, MoreThanHalfIsStrictAndAtLeastHalfIsNot) {
  const Fraction half{1, 2};
  EXPECT_FALSE(MoreThan(500, half, 1000));
  EXPECT_TRUE(MoreThan(501, half, 1000));
  EXPECT_TRUE(AtLeast(500, half, 1000));
  EXPECT_EQ(SmallestMoreThan(half, 1000), 501);
  EXPECT_EQ(SmallestMoreThan(half, 999), 500);
  EXPECT_EQ(SmallestAtLeast(half, 999), 500);
}

TEST(Fraction, TwoThirdsIsExactWhereADecimalWouldNotBe) {
  const Fraction two_thirds = *ParseFraction("2/3");
  EXPECT_TRUE(AtLeast(2, two_thirds, 3));
  EXPECT_TRUE(AtLeast(666'666'666'667, two_thirds, 1'000'000'000'000));
  EXPECT_FALSE(AtLeast(666'666'666'666, two_thirds, 1'000'000'000'000));
}

TEST(Fraction, TheLargestTermsTimesTheLargestWeightDoNotOverflow) {
  const Fraction tiny{1, kMaxFractionTerm};
  EXPECT_EQ(SmallestAtLeast(tiny, kMaxWeight), kMaxWeight / kMaxFractionTerm);
  EXPECT_TRUE(AtLeast(kMaxWeight, Fraction{kMaxFractionTerm - 1, kMaxFractionTerm}, kMaxWeight));
}

}  // namespace
}  // namespace concierge::votes
