#include "core/flags.hpp"

#include <gtest/gtest.h>

namespace concierge {
namespace {

TEST(FeatureFlags, UnsetMeansOff) {
  auto flags = FeatureFlags::FromEnvironment({});
  ASSERT_TRUE(flags);
  for (Flag flag : kAllFlags) {
    EXPECT_FALSE(flags->IsOn(flag)) << FlagVariable(flag);
  }
}

TEST(FeatureFlags, AcceptsEveryBooleanSpellingInAnyCase) {
  for (const char* yes : {"true", "TRUE", "1", "yes", "On"}) {
    auto flags = FeatureFlags::FromEnvironment({{"ENABLE_LEDGER_SYNC", yes}});
    ASSERT_TRUE(flags) << yes;
    EXPECT_TRUE(flags->IsOn(Flag::kLedgerSync)) << yes;
  }
  for (const char* no : {"false", "0", "NO", "off"}) {
    auto flags = FeatureFlags::FromEnvironment({{"ENABLE_KIOSK_SIGNED_QR", no}});
    ASSERT_TRUE(flags) << no;
    EXPECT_FALSE(flags->IsOn(Flag::kKioskSignedQr)) << no;
  }
}

TEST(FeatureFlags, UnparsableValueFailsNamingTheVariable) {
  auto flags = FeatureFlags::FromEnvironment({{"ENABLE_LEDGER_SYNC", "maybe"}});
  ASSERT_FALSE(flags);
  EXPECT_NE(flags.error().detail.find("ENABLE_LEDGER_SYNC"), std::string::npos);
  EXPECT_NE(flags.error().detail.find("maybe"), std::string::npos);
}

TEST(FeatureFlags, UsesTheExactVariableNames) {
  EXPECT_EQ(FlagVariable(Flag::kLedgerSync), "ENABLE_LEDGER_SYNC");
  EXPECT_EQ(FlagVariable(Flag::kKioskSignedQr), "ENABLE_KIOSK_SIGNED_QR");
  EXPECT_EQ(FlagVariable(Flag::kCeleryBeat), "ENABLE_CELERY_BEAT");
  EXPECT_EQ(FlagVariable(Flag::kSecurePublicInfo), "ENABLE_SECURE_PUBLIC_INFO");
}

}  // namespace
}  // namespace concierge
