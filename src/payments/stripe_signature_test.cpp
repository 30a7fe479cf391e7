#include "payments/stripe_signature.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace concierge::payments {
namespace {

const std::string kSecret = "whsec_test_secret_for_concierge";
const std::string kBody = R"({"id":"evt_1","type":"payment_intent.succeeded"})";
constexpr long long kNow = 1'780'000'000;

class StripeSignature : public ::testing::Test {
 protected:
  void SetUp() override { InitCrypto(); }
  Status Verify(const std::string& header, const std::string& body = kBody,
                const std::vector<std::string>& secrets = {kSecret}) {
    return VerifyStripeSignature(header, body, secrets, clock_);
  }
  ManualClock clock_{Timestamp{std::chrono::seconds{kNow}}};
};

TEST_F(StripeSignature, AcceptsWithinToleranceInBothDirectionsOnly) {
  EXPECT_TRUE(Verify(SignStripePayload(kBody, kSecret, kNow)));
  EXPECT_TRUE(Verify(SignStripePayload(kBody, kSecret, kNow - 300)));
  EXPECT_TRUE(Verify(SignStripePayload(kBody, kSecret, kNow + 300)));
  EXPECT_EQ(Verify(SignStripePayload(kBody, kSecret, kNow - 301)).error().code,
            "timestamp_out_of_tolerance");
  EXPECT_EQ(Verify(SignStripePayload(kBody, kSecret, kNow + 600)).error().code,
            "timestamp_out_of_tolerance");
}

TEST_F(StripeSignature, MalformedHeadersAreTold) {
  const char* cases[] = {"", "v1=abc", "t=abc,v1=abc", "t=,v1=abc", "t=1780000000", "garbage",
                         "t=12x,v1=ab",
                         // Signed values: the most negative one overflowed the skew.
                         "t=-9223372036854775808,v1=ab", "t=-1,v1=ab", "t=+1780000000,v1=ab",
                         "t=99999999999999999999,v1=ab"};
  for (const char* header : cases) {
    auto verified = Verify(header);
    ASSERT_FALSE(verified) << header;
    EXPECT_EQ(verified.error().code, "invalid_signature_header") << header;
    EXPECT_EQ(verified.error().kind, ErrorKind::kInvalidInput) << header;
  }
}

TEST_F(StripeSignature, ABodyChangedByOneByteIsRefused) {
  const std::string header = SignStripePayload(kBody, kSecret, kNow);
  std::string changed = kBody;
  changed[10] = changed[10] == 'a' ? 'b' : 'a';
  EXPECT_EQ(Verify(header, changed).error().code, "signature_mismatch");
}

TEST_F(StripeSignature, OneWrongAndOneRightV1IsAccepted) {
  const std::string right = SignStripePayload(kBody, kSecret, kNow);
  const std::string wrong_v1 = "v1=" + std::string(64, '0');
  EXPECT_TRUE(Verify(right + "," + wrong_v1));
  EXPECT_TRUE(
      Verify("t=" + std::to_string(kNow) + "," + wrong_v1 + "," + right.substr(right.find("v1="))));
}

TEST_F(StripeSignature, AnOldSecretStillConfiguredDuringRotationIsAccepted) {
  const std::string old_secret = "whsec_old_secret";
  const std::string header = SignStripePayload(kBody, old_secret, kNow);
  EXPECT_TRUE(Verify(header, kBody, {kSecret, old_secret}));
  EXPECT_EQ(Verify(header, kBody, {kSecret}).error().code, "signature_mismatch");
}

TEST_F(StripeSignature, MatchesAKnownStripeVector) {
  // Computed independently: printf '%s' '1700000000.{}' |
  //   openssl dgst -sha256 -hmac 'whsec_abc'
  const std::string header = SignStripePayload("{}", "whsec_abc", 1'700'000'000);
  EXPECT_EQ(header,
            "t=1700000000,v1=bad9ac117e973d721c232d46744158d75e3f1b44e36771e13d01b9e6a580bc72");
}

}  // namespace
}  // namespace concierge::payments
