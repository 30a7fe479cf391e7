#include "http/request.hpp"

#include <gtest/gtest.h>

#include "http/pipeline.hpp"

namespace concierge::http {
namespace {

TEST(Request, QueryParamsArePercentDecoded) {
  Request request;
  request.query = "as_of=2025-12-05&name=A%20B+C&empty=&flag";
  EXPECT_EQ(request.QueryParam("as_of"), "2025-12-05");
  EXPECT_EQ(request.QueryParam("name"), "A B C");
  EXPECT_EQ(request.QueryParam("empty"), "");
  EXPECT_EQ(request.QueryParam("flag"), "");
  EXPECT_EQ(request.QueryParam("missing"), std::nullopt);
}

TEST(Request, MalformedEscapesDoNotDecode) {
  EXPECT_EQ(PercentDecode("%4"), std::nullopt);
  EXPECT_EQ(PercentDecode("%zz"), std::nullopt);
  EXPECT_EQ(PercentDecode("%41"), "A");
}

TEST(Request, JsonBodyNeedsTheRightTypeAndAnObject) {
  Request request;
  request.body = R"({"a": 1})";
  EXPECT_EQ(JsonBody(request).error().kind, ErrorKind::kUnsupportedMediaType);

  request.headers.emplace_back("content-type", "application/jsonx");
  EXPECT_EQ(JsonBody(request).error().kind, ErrorKind::kUnsupportedMediaType);
  request.headers.back().second = "application/json; charset=utf-8";
  EXPECT_TRUE(JsonBody(request));
  request.body = "[1]";
  EXPECT_EQ(JsonBody(request).error().code, "invalid_json");
  request.body = "{";
  EXPECT_EQ(JsonBody(request).error().code, "invalid_json");
}

TEST(Request, IdParamAnswersNotFoundForNonNumbers) {
  Request request;
  request.path_params["id"] = "12";
  EXPECT_EQ(*IdParam(request, "id"), 12);
  for (const char* bad : {"0", "-1", "1x", "abc", "99999999999999999999"}) {
    request.path_params["id"] = bad;
    EXPECT_EQ(IdParam(request, "id").error().kind, ErrorKind::kNotFound) << bad;
  }
}

TEST(RequestId, AcceptsOnlySafeIdentifiers) {
  EXPECT_TRUE(IsWellFormedRequestId("abc-123_X.y"));
  EXPECT_FALSE(IsWellFormedRequestId(""));
  EXPECT_FALSE(IsWellFormedRequestId("has space"));
  EXPECT_FALSE(IsWellFormedRequestId("new\nline"));
  EXPECT_FALSE(IsWellFormedRequestId(std::string(129, 'a')));
}

}  // namespace
}  // namespace concierge::http

#include "http/cookies.hpp"

namespace concierge::http {
namespace {

TEST(Cookies, FindsTheNamedCookieAmongOthers) {
  Request request;
  request.headers.emplace_back("cookie", "a=1; __Secure-concierge_refresh=abc_DEF-9; b=2");
  EXPECT_EQ(CookieValue(request, "__Secure-concierge_refresh"), "abc_DEF-9");
  EXPECT_EQ(CookieValue(request, "a"), "1");
  EXPECT_EQ(CookieValue(request, "missing"), std::nullopt);
}

TEST(Cookies, SetCookieIsHttpOnlyStrictAndSecureUnlessRelaxed) {
  const std::string set = SetCookie("n", "v", {"/api/auth/", true, std::chrono::seconds(60)});
  EXPECT_EQ(set, "n=v; Path=/api/auth/; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(SetCookie("n", "", {"/api/auth/", false, std::chrono::seconds(0)}),
            "n=; Path=/api/auth/; Max-Age=0; HttpOnly; SameSite=Strict");
}

TEST(LoggablePath, APersonalPagesTokenNeverReachesTheLog) {
  EXPECT_EQ(LoggablePath("/api/apartments/personal/pl_secret123/"),
            "/api/apartments/personal/[redacted]/");
  EXPECT_EQ(LoggablePath("/api/apartments/personal/pl_secret123"),
            "/api/apartments/personal/[redacted]");
  EXPECT_EQ(LoggablePath("/api/apartments/7/statement/"), "/api/apartments/7/statement/");
}

}  // namespace
}  // namespace concierge::http
