#include "kiosk/signed_token.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace concierge::kiosk {
namespace {

using std::chrono::seconds;

const Timestamp kIssued = Timestamp{seconds(1'800'000'000)};
const SigningKey kOld{"old", std::string(40, 'o')};
const SigningKey kNew{"new", std::string(40, 'n')};
constexpr std::int64_t kTenant = 3;
constexpr std::int64_t kBuildingA = 7;
constexpr std::int64_t kBuildingB = 8;

class SignedToken : public ::testing::Test {
 protected:
  void SetUp() override { InitCrypto(); }

  std::string Issue(const std::vector<SigningKey>& keys) {
    const TokenSigner signer(keys, seconds(120), clock_);
    return signer.Sign(signer.NewClaims(kConnectPurpose, kTenant, kBuildingA, 1));
  }
  Result<TokenClaims> Check(const std::vector<SigningKey>& keys, const std::string& token,
                            std::optional<std::int64_t> building = kBuildingA) {
    const TokenSigner signer(keys, seconds(120), clock_);
    return signer.Verify(token, kConnectPurpose, building);
  }

  ManualClock clock_{kIssued};
};

TEST_F(SignedToken, IsValidUpToAndIncludingItsExpirySecondNeverAfter) {
  const std::string token = Issue({kOld});
  const struct {
    seconds after_issue;
    bool valid;
  } cases[] = {{seconds(0), true},
               {seconds(119), true},  // one second before expiry
               {seconds(120), true},  // at expiry
               {seconds(121), false},
               {seconds(3600), false}};
  for (const auto& [after, valid] : cases) {
    clock_.Set(kIssued + after);
    const auto checked = Check({kOld}, token);
    EXPECT_EQ(checked.has_value(), valid) << after.count();
    if (!valid) {
      EXPECT_EQ(checked.error().code, "kiosk_token_expired");
    }
  }
}

TEST_F(SignedToken, CarriesItsClaims) {
  const auto claims = Check({kOld}, Issue({kOld}));
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->tenant_id, kTenant);
  EXPECT_EQ(claims->building_id, kBuildingA);
  EXPECT_EQ(claims->device_id, 1);
  EXPECT_EQ(claims->expires_at, kIssued + seconds(120));
  EXPECT_EQ(claims->key_id, "old");
}

TEST_F(SignedToken, ATokenForBuildingAIsRefusedForBuildingB) {
  const std::string token = Issue({kOld});
  EXPECT_TRUE(Check({kOld}, token, kBuildingA));
  const auto refused = Check({kOld}, token, kBuildingB);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "kiosk_token_invalid");
}

TEST_F(SignedToken, AnyOneFlippedCharacterIsRefused) {
  const std::string token = Issue({kOld});
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string flipped = token;
    flipped[i] = flipped[i] == 'A' ? 'B' : 'A';
    if (flipped == token) {
      continue;
    }
    EXPECT_FALSE(Check({kOld}, flipped)) << "position " << i;
  }
}

TEST_F(SignedToken, ARetiredKeyIsRefusedARotatedInKeyAccepted) {
  const std::string by_old = Issue({kOld});
  // Rotation, step 1: the new key is added second; old tokens still verify.
  EXPECT_TRUE(Check({kOld, kNew}, by_old));
  // Step 2: the new key signs; its tokens verify wherever it is configured.
  const std::string by_new = Issue({kNew, kOld});
  EXPECT_TRUE(Check({kOld, kNew}, by_new));
  EXPECT_TRUE(Check({kNew}, by_new));
  // Step 3: the old key is retired.
  EXPECT_FALSE(Check({kNew}, by_old));
}

TEST_F(SignedToken, AKeyWithTheSameIdButAnotherSecretIsRefused) {
  const std::string token = Issue({kOld});
  EXPECT_FALSE(Check({{"old", std::string(40, 'x')}}, token));
}

TEST_F(SignedToken, AnotherPurposeAndGarbageAreRefused) {
  const TokenSigner signer({kOld}, seconds(120), clock_);
  const std::string other = signer.Sign(signer.NewClaims("something_else", kTenant, kBuildingA, 1));
  EXPECT_FALSE(signer.Verify(other, kConnectPurpose, kBuildingA));
  for (const char* garbage : {"", ".", "abc", "abc.", ".abc", "e30.e30", "!!!.???"}) {
    EXPECT_FALSE(signer.Verify(garbage, kConnectPurpose, std::nullopt)) << garbage;
  }
  EXPECT_FALSE(signer.Verify(std::string(5000, 'a') + ".b", kConnectPurpose, std::nullopt));
}

}  // namespace
}  // namespace concierge::kiosk
