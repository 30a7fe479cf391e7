#include "accounts/access_token.hpp"

#include <gtest/gtest.h>

namespace concierge::accounts {
namespace {

const std::string kSecret = "a-test-secret-that-is-long-enough-for-hs256";

TEST(AccessTokens, IssuedTokenVerifiesUntilItExpires) {
  ManualClock clock(*ParseTimestamp("2026-01-01T00:00:00Z"));
  AccessTokens tokens(kSecret, std::chrono::seconds(600), clock);
  const std::string token = tokens.Issue(7, 3);

  auto claims = tokens.Verify(token);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->user_id, 7);
  EXPECT_EQ(claims->tenant_id, 3);

  clock.Advance(std::chrono::seconds(599));
  EXPECT_TRUE(tokens.Verify(token));
  clock.Advance(std::chrono::seconds(1));
  EXPECT_FALSE(tokens.Verify(token));
}

TEST(AccessTokens, RefusesATokenSignedWithAnotherKey) {
  ManualClock clock(*ParseTimestamp("2026-01-01T00:00:00Z"));
  AccessTokens mine(kSecret, std::chrono::seconds(600), clock);
  AccessTokens theirs("another-secret-that-is-long-enough-too!!", std::chrono::seconds(600), clock);
  EXPECT_FALSE(mine.Verify(theirs.Issue(7, 3)));
}

TEST(AccessTokens, RefusesTamperedAndUnsignedTokens) {
  ManualClock clock(*ParseTimestamp("2026-01-01T00:00:00Z"));
  AccessTokens tokens(kSecret, std::chrono::seconds(600), clock);
  std::string token = tokens.Issue(7, 3);
  token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(tokens.Verify(token));

  // {"alg":"none"} with the same claims and no signature.
  const std::string unsigned_token =
      "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiI3IiwidHlwIjoiYWNjZXNzIiwidGlkIjozLCJleHAiOjk5"
      "OTk5OTk5OTl9.";
  EXPECT_FALSE(tokens.Verify(unsigned_token));
  EXPECT_FALSE(tokens.Verify(""));
  EXPECT_FALSE(tokens.Verify("garbage"));
}

}  // namespace
}  // namespace concierge::accounts
