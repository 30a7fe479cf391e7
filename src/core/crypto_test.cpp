#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace concierge {
namespace {

class Crypto : public ::testing::Test {
 protected:
  void SetUp() override { InitCrypto(); }
};

TEST_F(Crypto, HmacSha256MatchesRfc4231TestCase2) {
  const std::string mac = HmacSha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(HexEncode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(Crypto, Sha256OfEmptyInput) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(Crypto, Base64UrlRoundTripsAndRefusesGarbage) {
  const std::string bytes("\x00\xff\x10 binary", 10);
  auto decoded = Base64UrlDecode(Base64UrlEncode(bytes));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, bytes);
  EXPECT_FALSE(Base64UrlDecode("not base64!"));
}

TEST_F(Crypto, RandomTokensDiffer) {
  EXPECT_NE(RandomToken(32), RandomToken(32));
  EXPECT_EQ(RandomToken(32).size(), 43u);
}

TEST_F(Crypto, PasswordHashVerifiesOnlyTheRightPassword) {
  const std::string hash = HashPassword("correct horse");
  EXPECT_TRUE(VerifyPassword("correct horse", hash));
  EXPECT_FALSE(VerifyPassword("correct horsE", hash));
  EXPECT_NE(hash.find("argon2id"), std::string::npos);
}

TEST_F(Crypto, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace concierge
