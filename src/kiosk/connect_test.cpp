#include "kiosk/connect.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "kiosk/settings.hpp"
#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::kiosk {
namespace {

using std::chrono::seconds;

const Timestamp kStart = *ParseTimestamp("2026-12-03T10:00:00Z");

class ConnectServiceTest : public ::testing::Test {
 protected:
  ConnectServiceTest()
      : clock_(kStart),
        signer_({{"k1", std::string(40, 'k')}}, seconds(120), clock_),
        devices_(database_.db(), clock_),
        settings_(database_.db(), clock_),
        connect_(database_.db(), clock_, flags_, signer_, devices_, "https://office.example"),
        tenant_(database_.AddTenant("office")),
        office_(ScopeForTesting::Office(tenant_)) {
    InitCrypto();
    flags_.Set(Flag::kKioskSignedQr, true);
    tenancy::TenancyService tenancy(database_.db());
    tenancy::Building building;
    building.code = "K1";
    building.name = "Kiosk House";
    building_ = tenancy.CreateBuilding(office_, building)->id;
    tenancy::Apartment apartment;
    apartment.building_id = building_;
    apartment.number = "1A";
    EXPECT_TRUE(tenancy.CreateApartment(office_, apartment));
    device_ = devices_.Register(office_, building_, "Lobby", {})->device.id;
    EXPECT_TRUE(settings_.Put(office_, {building_, true, "", ""}, {}));
  }

  KioskCredential Code() {
    return {connect_.IssueCode(tenant_, building_, device_).token, std::nullopt};
  }

  long long CountAudited(const std::string& action) {
    return database_.db().Read([&](soci::session& sql) {
      long long count = 0;
      sql << "SELECT count(*) FROM audit_events WHERE action = :a AND tenant_id = :t",
          soci::use(action), soci::use(static_cast<long long>(tenant_)), soci::into(count);
      return count;
    });
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  FeatureFlags flags_;
  TokenSigner signer_;
  DeviceService devices_;
  SettingsService settings_;
  ConnectService connect_;
  std::int64_t tenant_;
  Scope office_;
  std::int64_t building_ = 0;
  std::int64_t device_ = 0;
};

TEST_F(ConnectServiceTest, ACodeWorksThroughItsExpirySecondAndNotAfter) {
  const KioskCredential code = Code();
  const struct {
    seconds after_issue;
    bool accepted;
  } cases[] = {{seconds(119), true}, {seconds(120), true}, {seconds(121), false}};
  for (const auto& [after, accepted] : cases) {
    clock_.Set(kStart + after);
    EXPECT_EQ(connect_.Connect(code, {}).has_value(), accepted) << after.count();
  }
  EXPECT_EQ(CountAudited("kiosk.connected"), 2);
  EXPECT_EQ(CountAudited("kiosk.connect_refused"), 1);
}

TEST_F(ConnectServiceTest, RegisterWithAnExpiredCodeIsRefusedAuditedAndStoresNothing) {
  const KioskCredential code = Code();
  clock_.Advance(seconds(121));
  audit::Actor actor;
  actor.client_address = "198.51.100.7";
  const auto refused =
      connect_.Register(code, {"1A", "Nikos", "nikos@example.com", "+30 210 555 0101"}, actor);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "kiosk_token_expired");
  EXPECT_TRUE(connect_.List(office_, std::nullopt).empty());
  EXPECT_EQ(CountAudited("kiosk.register_refused"), 1);
}

TEST_F(ConnectServiceTest, AnExpiredCodeIsReportedAsSuchEvenWithABadForm) {
  const KioskCredential code = Code();
  clock_.Advance(seconds(121));
  const auto refused = connect_.Register(code, {"1A", "", "not an e-mail", ""}, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "kiosk_token_expired");
  EXPECT_EQ(CountAudited("kiosk.register_refused"), 1);
}

TEST_F(ConnectServiceTest, EveryRefusalAfterAGoodCodeIsAuditedToo) {
  const RegistrationInput unknown{"9Z", "Nikos", "nikos@example.com", "+30 210 555 0101"};
  EXPECT_FALSE(connect_.Register(Code(), unknown, {}));
  EXPECT_FALSE(connect_.Register(Code(), {"1A", "", "bad", ""}, {}));
  ASSERT_TRUE(settings_.Put(office_, {building_, false, "", ""}, {}));
  const RegistrationInput good{"1A", "Nikos", "nikos@example.com", "+30 210 555 0101"};
  EXPECT_EQ(connect_.Register(Code(), good, {}).error().code, "registration_closed");

  EXPECT_EQ(CountAudited("kiosk.register_refused"), 3);
  EXPECT_TRUE(connect_.List(office_, std::nullopt).empty());
}

TEST_F(ConnectServiceTest, ApprovingTwiceCreatesOneMembershipAndTheSecondIsAConflict) {
  const auto registration =
      connect_.Register(Code(), {"1A", "Nikos", "nikos@example.com", "+30 210 555 0101"}, {});
  ASSERT_TRUE(registration) << registration.error().detail;
  const auto first = connect_.Approve(office_, registration->id, {});
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(first->invitation_token.has_value());
  const auto second = connect_.Approve(office_, registration->id, {});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);
  EXPECT_FALSE(connect_.Reject(office_, registration->id, {}));

  const long long memberships = database_.db().Read([&](soci::session& sql) {
    long long count = 0;
    sql << "SELECT count(*) FROM memberships WHERE role = 'resident'", soci::into(count);
    return count;
  });
  EXPECT_EQ(memberships, 1);
}

TEST_F(ConnectServiceTest, AnotherOfficesRegistrationIsNotFound) {
  const auto registration =
      connect_.Register(Code(), {"1A", "Nikos", "nikos@example.com", "+30 210 555 0101"}, {});
  ASSERT_TRUE(registration);
  const Scope other = ScopeForTesting::Office(database_.AddTenant("other"));
  const auto approved = connect_.Approve(other, registration->id, {});
  ASSERT_FALSE(approved);
  EXPECT_EQ(approved.error().kind, ErrorKind::kNotFound);
  EXPECT_TRUE(connect_.List(other, std::nullopt).empty());
}

TEST_F(ConnectServiceTest, ARevokedDevicesCodesStopWorkingAtOnce) {
  const KioskCredential code = Code();
  ASSERT_TRUE(connect_.Connect(code, {}));
  ASSERT_TRUE(devices_.Revoke(office_, device_, {}));
  EXPECT_FALSE(connect_.Connect(code, {}));
}

TEST_F(ConnectServiceTest, DeviceSecretsAuthenticateUntilRevokedAndAreStoredHashed) {
  const auto registered = devices_.Register(office_, building_, "Second screen", {});
  ASSERT_TRUE(registered);
  const auto device = devices_.Authenticate(registered->secret);
  ASSERT_TRUE(device);
  EXPECT_EQ(device->building_id, building_);
  EXPECT_FALSE(devices_.Authenticate(registered->secret + "x"));
  const long long plain = database_.db().Read([&](soci::session& sql) {
    long long count = 0;
    sql << "SELECT count(*) FROM kiosk_devices WHERE secret_hash = :s",
        soci::use(registered->secret), soci::into(count);
    return count;
  });
  EXPECT_EQ(plain, 0);
  ASSERT_TRUE(devices_.Revoke(office_, registered->device.id, {}));
  EXPECT_FALSE(devices_.Authenticate(registered->secret));
}

}  // namespace
}  // namespace concierge::kiosk
