#include "votes/tally.hpp"

#include <gtest/gtest.h>

namespace concierge::votes {
namespace {

std::vector<OptionCount> YesNo(std::int64_t yes_apartments, std::int64_t yes_weight,
                               std::int64_t no_apartments, std::int64_t no_weight) {
  return {{1, "yes", yes_apartments, yes_weight}, {2, "no", no_apartments, no_weight}};
}

// Three apartments of 500, 300 and 200 shares vote yes, no, no.
TEST(Tally, FiveHundredAgainstFiveHundredIsNoMajorityAtMoreThanHalf) {
  const Results results = Tally(YesNo(1, 500, 2, 500), 3, 1000, {});
  EXPECT_EQ(results.options[0].weight, 500);
  EXPECT_EQ(results.options[1].weight, 500);
  EXPECT_EQ(results.cast_weight, 1000);
  EXPECT_EQ(results.cast_apartments, 3);
  EXPECT_EQ(results.threshold_needed, 501);
  EXPECT_EQ(results.outcome, Outcome::kNoMajority);
  EXPECT_FALSE(results.winner_option_id);
}

TEST(Tally, AtLeastHalfLetsBothReachItAndCallsATie) {
  const Results results =
      Tally(YesNo(1, 500, 2, 500), 3, 1000, {std::nullopt, {1, 2}, ThresholdRule::kAtLeast});
  EXPECT_EQ(results.outcome, Outcome::kTie);
}

TEST(Tally, ThresholdsDecideExactly) {
  const struct {
    const char* name;
    std::int64_t yes;
    std::int64_t no;
    Fraction threshold;
    ThresholdRule rule;
    Outcome expected;
  } cases[] = {
      {"501 of 1000 is more than half",
       501,
       499,
       {1, 2},
       ThresholdRule::kMoreThan,
       Outcome::kDecided},
      {"2 of 3 is at least two thirds", 2, 1, {2, 3}, ThresholdRule::kAtLeast, Outcome::kDecided},
      {"2 of 3 is not more than two thirds",
       2,
       1,
       {2, 3},
       ThresholdRule::kMoreThan,
       Outcome::kNoMajority},
      {"666 of 1000 is short of two thirds",
       666,
       334,
       {2, 3},
       ThresholdRule::kAtLeast,
       Outcome::kNoMajority},
      {"667 of 1000 reaches two thirds",
       667,
       333,
       {2, 3},
       ThresholdRule::kAtLeast,
       Outcome::kDecided},
      {"nothing cast decides nothing", 0, 0, {1, 2}, ThresholdRule::kAtLeast, Outcome::kNoMajority},
  };
  for (const auto& c : cases) {
    const Results results =
        Tally(YesNo(1, c.yes, 1, c.no), 10, 1000, {std::nullopt, c.threshold, c.rule});
    EXPECT_EQ(results.outcome, c.expected) << c.name;
    if (c.expected == Outcome::kDecided) {
      EXPECT_EQ(results.winner_option_id, 1) << c.name;
    }
  }
}

TEST(Tally, AQuorumOfThreeQuartersOverThreeSharesNeedsAllThree) {
  const TallyRules rules{Fraction{3, 4}, {1, 2}, ThresholdRule::kMoreThan};
  const Results two = Tally(YesNo(2, 2, 0, 0), 3, 3, rules);
  EXPECT_EQ(two.quorum_needed, 3);
  EXPECT_FALSE(two.quorum_met);
  EXPECT_EQ(two.outcome, Outcome::kQuorumNotMet);

  const Results three = Tally(YesNo(2, 2, 1, 1), 3, 3, rules);
  EXPECT_TRUE(three.quorum_met);
  EXPECT_EQ(three.outcome, Outcome::kDecided);
}

// Ten apartments; two owners hold 600 of the 1000 shares and both vote yes.
TEST(Tally, HeadcountAndSharesDisagreeOnTheSameBallots) {
  const TallyRules half_quorum{Fraction{1, 2}, {1, 2}, ThresholdRule::kMoreThan};

  const Results by_shares = Tally(YesNo(2, 600, 0, 0), 10, 1000, half_quorum);
  EXPECT_EQ(by_shares.quorum_needed, 500);
  EXPECT_TRUE(by_shares.quorum_met);
  EXPECT_EQ(by_shares.outcome, Outcome::kDecided);

  const Results by_head = Tally(YesNo(2, 2, 0, 0), 10, 10, half_quorum);
  EXPECT_EQ(by_head.quorum_needed, 5);
  EXPECT_FALSE(by_head.quorum_met);
  EXPECT_EQ(by_head.outcome, Outcome::kQuorumNotMet);
}

TEST(Tally, ALowThresholdWithSeveralOptionsPicksTheHeaviest) {
  const std::vector<OptionCount> options = {
      {1, "red", 3, 300}, {2, "blue", 4, 450}, {3, "green", 2, 250}};
  const Results results = Tally(options, 9, 1000, {std::nullopt, {1, 5}, ThresholdRule::kAtLeast});
  EXPECT_EQ(results.outcome, Outcome::kDecided);
  EXPECT_EQ(results.winner_option_id, 2);
}

}  // namespace
}  // namespace concierge::votes
