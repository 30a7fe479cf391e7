#include "accounts/sessions.hpp"

#include <future>
#include <vector>

#include <gtest/gtest.h>

#include "accounts/service.hpp"
#include "scope_for_testing.hpp"
#include "test_database.hpp"

namespace concierge::accounts {
namespace {

class SessionsTest : public ::testing::Test {
 protected:
  SessionsTest()
      : clock_(*ParseTimestamp("2026-01-01T00:00:00Z")),
        tokens_("a-test-secret-that-is-long-enough-for-hs256", std::chrono::seconds(600), clock_),
        audit_(database_.db(), clock_),
        accounts_(database_.db(), tokens_, audit_),
        sessions_(
            database_.db(), tokens_, clock_,
            {std::chrono::seconds(3600), std::chrono::seconds(7200), std::chrono::seconds(10)}),
        office_(database_.AddTenant("office")) {
    user_ = accounts_
                .CreateUser(
                    {office_, "m@example.com", "M", Role::kManager, "long enough password", {}, {}})
                ->id;
  }

  std::string Refresh(const std::string& token) {
    auto refreshed = sessions_.Refresh(token, {});
    return refreshed ? refreshed->refresh.token : "";
  }

  std::int64_t AuditCount(const std::string& action) {
    audit::EventFilter filter;
    filter.action = action;
    return audit_.List(ScopeForTesting::Office(office_), filter).first;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  AccessTokens tokens_;
  audit::AuditService audit_;
  AccountsService accounts_;
  SessionService sessions_;
  std::int64_t office_;
  std::int64_t user_ = 0;
};

TEST_F(SessionsTest, ReusingARotatedTokenAfterTheGraceRevokesTheWholeFamily) {
  const std::string r1 = sessions_.Start(user_, office_).token;
  const std::string r2 = Refresh(r1);
  ASSERT_FALSE(r2.empty());
  const std::string r3 = Refresh(r2);
  ASSERT_FALSE(r3.empty());

  clock_.Advance(std::chrono::seconds(11));
  auto reused = sessions_.Refresh(r1, {});
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_FALSE(sessions_.Refresh(r3, {}));
  EXPECT_EQ(AuditCount("auth.refresh_reuse_detected"), 1);
}

TEST_F(SessionsTest, WithinTheGraceARotatedTokenStillWorks) {
  const std::string r1 = sessions_.Start(user_, office_).token;
  const std::string r2 = Refresh(r1);
  clock_.Advance(std::chrono::seconds(9));  // the grace is 10 s: valid for 0..9
  const std::string sibling = Refresh(r1);
  ASSERT_FALSE(sibling.empty());
  EXPECT_NE(sibling, r2);
  EXPECT_FALSE(Refresh(r2).empty());
  EXPECT_FALSE(Refresh(sibling).empty());
}

TEST_F(SessionsTest, FiveSimultaneousRefreshesKeepOneLiveFamily) {
  const std::string r1 = sessions_.Start(user_, office_).token;
  std::vector<std::future<std::string>> refreshes;
  for (int i = 0; i < 5; ++i) {
    refreshes.push_back(std::async(std::launch::async, [&] { return Refresh(r1); }));
  }
  std::vector<std::string> successors;
  for (auto& refresh : refreshes) {
    successors.push_back(refresh.get());
    EXPECT_FALSE(successors.back().empty());
  }
  for (const auto& successor : successors) {
    EXPECT_FALSE(Refresh(successor).empty());
  }
  long long families = 0;
  database_.db().Read([&](soci::session& sql) {
    sql << "SELECT count(*) FROM refresh_families WHERE revoked_at IS NULL", soci::into(families);
  });
  EXPECT_EQ(families, 1);
  EXPECT_EQ(AuditCount("auth.refresh_reuse_detected"), 0);
}

TEST_F(SessionsTest, LogoutEndsTheFamily) {
  const std::string r1 = sessions_.Start(user_, office_).token;
  const std::string r2 = Refresh(r1);
  sessions_.EndFamilyOf(r2, {});
  EXPECT_FALSE(sessions_.Refresh(r2, {}));
  EXPECT_EQ(AuditCount("auth.logout"), 1);
}

TEST_F(SessionsTest, IdleAndAbsoluteLifetimesEndSessions) {
  const std::string idle = sessions_.Start(user_, office_).token;
  clock_.Advance(std::chrono::seconds(3600));
  EXPECT_FALSE(sessions_.Refresh(idle, {}));

  std::string token = sessions_.Start(user_, office_).token;
  clock_.Advance(std::chrono::seconds(3500));
  token = Refresh(token);
  ASSERT_FALSE(token.empty());
  clock_.Advance(std::chrono::seconds(3500));
  token = Refresh(token);
  ASSERT_FALSE(token.empty());  // 7000 s after login: idle is fine, absolute not yet
  clock_.Advance(std::chrono::seconds(201));
  EXPECT_FALSE(sessions_.Refresh(token, {}));
}

TEST_F(SessionsTest, ChangingThePasswordEndsEverySession) {
  const std::string r1 = sessions_.Start(user_, office_).token;
  // The scope's user id must be the user's: build one through a login.
  auto login = accounts_.Login("m@example.com", "long enough password", "");
  ASSERT_TRUE(login);
  http::Request request;
  request.headers.emplace_back("authorization", "Bearer " + login->access_token);
  auto principal = accounts_.Authenticate(request);
  ASSERT_TRUE(principal && principal->has_value());

  EXPECT_FALSE(
      accounts_.ChangePassword((*principal)->scope, "wrong current", "a new password", {}));
  ASSERT_TRUE(
      accounts_.ChangePassword((*principal)->scope, "long enough password", "a new password", {}));
  EXPECT_FALSE(sessions_.Refresh(r1, {}));
  EXPECT_TRUE(accounts_.Login("m@example.com", "a new password", ""));
}

TEST_F(SessionsTest, RemovingAMembershipEndsThatUsersSessions) {
  const std::string r1 = sessions_.Start(user_, office_).token;
  const Scope admin = ScopeForTesting::Office(office_, Role::kAdmin);
  const auto memberships = accounts_.ListMemberships(admin).second;
  ASSERT_EQ(memberships.size(), 1u);
  const Scope stranger = ScopeForTesting::Office(database_.AddTenant("stranger"), Role::kAdmin);
  EXPECT_EQ(accounts_.RemoveMembership(stranger, memberships[0].first.id, {}).error().kind,
            ErrorKind::kNotFound);

  ASSERT_TRUE(accounts_.RemoveMembership(admin, memberships[0].first.id, {}));
  EXPECT_FALSE(sessions_.Refresh(r1, {}));
  EXPECT_EQ(AuditCount("membership.removed"), 1);
}

}  // namespace
}  // namespace concierge::accounts
