#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/pipeline.hpp"
#include "scope_for_testing.hpp"

namespace concierge {
namespace http {
namespace {

// Treats "Bearer <role>" as a caller with that role.
class RoleHeaderAuthenticator : public Authenticator {
 public:
  Result<std::optional<Principal>> Authenticate(const Request& request) override {
    const auto header = request.Header("authorization");
    if (!header) {
      return std::optional<Principal>{};
    }
    Role role;
    if (!ParseRole(header->substr(7), role)) {
      return Fail(Error::Unauthenticated("bad token"));
    }
    return std::optional<Principal>{Principal{ScopeForTesting::Make(role), "x@example.com"}};
  }
};

Handler Echo(std::string what) {
  return [what](const Call& call) -> Result<Response> {
    nlohmann::json body = {{"what", what}, {"params", call.request.path_params}};
    return Response::Json(200, body);
  };
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() : router_(std::make_shared<RoleHeaderAuthenticator>()) {
    router_.Add({"GET", "/open/", Permission::Public(), Echo("open"), ""});
    router_.Add({"GET", "/things/{id}/", Permission::Authenticated(), Echo("thing"), ""});
    router_.Add({"POST", "/things/{id}/", Permission::Roles({Role::kManager}), Echo("edit"), ""});
    router_.Add(
        {"GET", "/things/{id}/parts/{part}/", Permission::Authenticated(), Echo("part"), ""});
  }

  Response Call(std::string method, std::string path, std::string role = "") {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    if (!role.empty()) {
      request.headers.emplace_back("authorization", "Bearer " + role);
    }
    return router_.Dispatch(request);
  }

  Router router_;
};

TEST_F(RouterTest, MatchesPathParameters) {
  auto response = Call("GET", "/things/7/parts/a1/", "staff");
  ASSERT_EQ(response.status, 200);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["what"], "part");
  EXPECT_EQ(body["params"]["id"], "7");
  EXPECT_EQ(body["params"]["part"], "a1");
}

TEST_F(RouterTest, UnknownPathIsNotFoundAndWrongMethodIs405) {
  EXPECT_EQ(Call("GET", "/nothing/").status, 404);
  EXPECT_EQ(Call("GET", "/things/7").status, 404);
  auto response = Call("DELETE", "/things/7/", "manager");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(nlohmann::json::parse(response.body)["status"], 405);
  EXPECT_EQ(response.headers.at(0).first, "Allow");
}

TEST_F(RouterTest, PermissionsAreEnforcedBeforeTheHandler) {
  EXPECT_EQ(Call("GET", "/open/").status, 200);
  EXPECT_EQ(Call("GET", "/things/7/").status, 401);
  EXPECT_EQ(Call("GET", "/things/7/", "nonsense").status, 401);
  EXPECT_EQ(Call("GET", "/things/7/", "resident").status, 200);
  EXPECT_EQ(Call("POST", "/things/7/", "resident").status, 403);
  EXPECT_EQ(Call("POST", "/things/7/", "manager").status, 200);
}

TEST(Permission, AnySignedInCallerMeansAnyUserNeverAKioskDevice) {
  const Permission any = Permission::Authenticated();
  for (Role role : {Role::kAdmin, Role::kManager, Role::kStaff, Role::kResident}) {
    EXPECT_TRUE(any.Allows(role)) << RoleName(role);
  }
  EXPECT_FALSE(any.Allows(Role::kKiosk));
  EXPECT_TRUE(Permission::Roles({Role::kKiosk}).Allows(Role::kKiosk));
  EXPECT_FALSE(Permission::Office().Allows(Role::kKiosk));
}

TEST_F(RouterTest, ErrorsArriveAsProblemJson) {
  auto response = Call("GET", "/things/7/");
  EXPECT_EQ(response.content_type, "application/problem+json");
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], 401);
  EXPECT_EQ(body["code"], "not_authenticated");
}

TEST_F(RouterTest, ThrowingHandlerBecomesA500WithoutTheExceptionText) {
  router_.Add(
      {"GET", "/boom/", Permission::Public(),
       [](const http::Call&) -> Result<Response> { throw std::runtime_error("SELECT secret"); },
       ""});
  Pipeline pipeline(router_, 1024);
  Request request;
  request.method = "GET";
  request.path = "/boom/";
  auto response = pipeline.Handle(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
}

TEST_F(RouterTest, PipelineKeepsAWellFormedRequestIdAndReplacesABadOne) {
  Pipeline pipeline(router_, 1024);
  Request good;
  good.method = "GET";
  good.path = "/open/";
  good.headers.emplace_back("x-request-id", "abc-123");
  EXPECT_EQ(pipeline.Handle(good).headers.front(),
            std::make_pair(std::string("X-Request-Id"), std::string("abc-123")));
  Request bad = good;
  bad.headers = {{"x-request-id", "evil\r\nSet-Cookie: x"}};
  auto response = pipeline.Handle(bad);
  EXPECT_EQ(response.headers.front().first, "X-Request-Id");
  EXPECT_TRUE(IsWellFormedRequestId(response.headers.front().second));
}

TEST_F(RouterTest, ApiAnswersAreNotCachedAndHttpsSitesGetHsts) {
  router_.Add({"GET", "/api/thing/", Permission::Public(), Echo("api"), ""});
  Request request;
  request.method = "GET";
  request.path = "/api/thing/";
  auto has = [](const Response& response, const std::string& name) {
    for (const auto& header : response.headers) {
      if (header.first == name) {
        return true;
      }
    }
    return false;
  };
  Pipeline plain(router_, 1024, false);
  const Response api = plain.Handle(request);
  EXPECT_TRUE(has(api, "Cache-Control"));
  EXPECT_FALSE(has(api, "Strict-Transport-Security"));

  Pipeline secure(router_, 1024, true);
  request.path = "/open/";
  const Response page = secure.Handle(request);
  EXPECT_TRUE(has(page, "Strict-Transport-Security"));
  EXPECT_FALSE(has(page, "Cache-Control"));
}

TEST_F(RouterTest, PipelineRefusesOversizedBodies) {
  Pipeline pipeline(router_, 10);
  Request request;
  request.method = "GET";
  request.path = "/open/";
  request.body = std::string(11, 'x');
  EXPECT_EQ(pipeline.Handle(request).status, 413);
}

}  // namespace
}  // namespace http
}  // namespace concierge
