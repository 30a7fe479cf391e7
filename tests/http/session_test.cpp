// The refresh cookie as a browser sees it: flags, rotation, CSRF, logout.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace concierge::blackbox {
namespace {

constexpr const char* kSite = "http://127.0.0.1:8080";

std::string CookieFrom(const HttpResponse& response) {
  const std::string set = response.Header("set-cookie");
  const auto equals = set.find('=');
  const auto semicolon = set.find(';');
  return set.substr(equals + 1, semicolon - equals - 1);
}

class Sessions : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = workspace_.Environment();
    env_["CONCIERGE_SITE_ORIGIN"] = kSite;
    env_["CONCIERGE_REFRESH_GRACE"] = "0";
    ASSERT_NO_FATAL_FAILURE(SeedDemoWithManager(env_, "s@demo.example", "session password"));
    server_ = std::make_unique<ServerProcess>(env_);
  }

  HttpResponse SignIn() {
    return server_->Client().SendJson(
        "POST", "/api/auth/login/",
        {{"email", "s@demo.example"}, {"password", "session password"}});
  }

  HttpResponse Refresh(const std::string& token, const std::string& origin = kSite) {
    return server_->Client().Send(
        "POST", "/api/auth/refresh/", "",
        {"Origin: " + origin, "Cookie: __Secure-concierge_refresh=" + token});
  }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Sessions, LoginSetsAStrictHttpOnlySecureCookieForAuthOnly) {
  const auto login = SignIn();
  ASSERT_EQ(login.status, 200);
  const std::string set = login.Header("set-cookie");
  EXPECT_EQ(set.rfind("__Secure-concierge_refresh=", 0), 0u) << set;
  for (const char* flag : {"Path=/api/auth/", "HttpOnly", "Secure", "SameSite=Strict"}) {
    EXPECT_NE(set.find(flag), std::string::npos) << flag;
  }
  EXPECT_EQ(login.Header("cache-control"), "no-store");
}

TEST_F(Sessions, RefreshRotatesAndAReusedTokenIsRefused) {
  const std::string r1 = CookieFrom(SignIn());
  const auto second = Refresh(r1);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_FALSE(second.Json()["access"].get<std::string>().empty());
  const std::string r2 = CookieFrom(second);
  EXPECT_NE(r2, r1);

  EXPECT_EQ(Refresh(r1).status, 401);  // grace is 0 here: reuse at once
  EXPECT_EQ(Refresh(r2).status, 401);  // and the family is gone
}

TEST_F(Sessions, AForeignOriginIsRefusedAndTheTokenIsNotRotated) {
  const std::string r1 = CookieFrom(SignIn());
  const auto foreign = Refresh(r1, "https://evil.example");
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(Refresh(r1).status, 200);  // a rotated token would be refused (grace 0)

  const auto no_origin = server_->Client().Send("POST", "/api/auth/refresh/", "",
                                                {"Cookie: __Secure-concierge_refresh=x"});
  EXPECT_EQ(no_origin.status, 403);
}

TEST_F(Sessions, LogoutThenRefreshIsRefused) {
  const std::string r1 = CookieFrom(SignIn());
  const auto logout = server_->Client().Send(
      "POST", "/api/auth/logout/", "",
      {"Origin: " + std::string(kSite), "Cookie: __Secure-concierge_refresh=" + r1});
  EXPECT_EQ(logout.status, 204);
  EXPECT_NE(logout.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Refresh(r1).status, 401);
}

}  // namespace
}  // namespace concierge::blackbox
