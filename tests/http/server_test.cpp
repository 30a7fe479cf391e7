// The HTTP server's contract, seen from outside: health, schema, request ids,
// problem+json errors, body limits, security headers and graceful shutdown.

#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace concierge::blackbox {
namespace {

class Server : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = workspace_.Environment();
    env_["CONCIERGE_MAX_BODY_BYTES"] = "2048";
    ASSERT_NO_FATAL_FAILURE(SeedDemoWithManager(env_, "ops@demo.example", "operations password"));
    server_ = std::make_unique<ServerProcess>(env_);
  }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Server, HealthReadinessHomePageAndSchemaAnswer) {
  const HttpClient client = server_->Client();
  EXPECT_EQ(client.Get("/healthz").status, 200);
  const auto ready = client.Get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.Json()["status"], "ready");

  const auto home = client.Get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Concierge 0.1.0"), std::string::npos);
  EXPECT_NE(home.body.find("/api/schema/"), std::string::npos);

  const auto schema = client.Get("/api/schema/");
  EXPECT_EQ(schema.status, 200);
  EXPECT_EQ(schema.Json()["openapi"], "3.1.0");
}

TEST_F(Server, RequestIdIsKeptWhenWellFormedAndMadeOtherwise) {
  const HttpClient client = server_->Client();
  EXPECT_EQ(client.Send("GET", "/healthz", "", {"X-Request-Id: trace-123"}).Header("x-request-id"),
            "trace-123");
  const auto replaced = client.Send("GET", "/healthz", "", {"X-Request-Id: bad id with spaces"});
  EXPECT_NE(replaced.Header("x-request-id"), "bad id with spaces");
  EXPECT_FALSE(replaced.Header("x-request-id").empty());
  const auto generated = client.Get("/nowhere/");
  EXPECT_FALSE(generated.Header("x-request-id").empty());
  EXPECT_EQ(generated.Json()["request_id"], generated.Header("x-request-id"));
}

TEST_F(Server, ErrorsAreProblemJson) {
  const HttpClient client = server_->Client();
  const auto missing = client.Get("/api/nothing-here/");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("content-type"), "application/problem+json");
  EXPECT_EQ(missing.Json()["status"], 404);

  const auto anonymous = client.Get("/api/buildings/");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Json()["code"], "not_authenticated");
  EXPECT_EQ(client.Get("/api/buildings/", "not-a-jwt").status, 401);

  const auto wrong_type =
      client.Send("POST", "/api/auth/login/", R"({"email":"a"})", {"Content-Type: text/plain"});
  EXPECT_EQ(wrong_type.status, 415);
  const auto bad_json =
      client.Send("POST", "/api/auth/login/", "{not json", {"Content-Type: application/json"});
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(bad_json.Json()["code"], "invalid_json");
  const auto missing_fields = client.SendJson("POST", "/api/auth/login/", nlohmann::json::object());
  EXPECT_EQ(missing_fields.status, 400);
  EXPECT_TRUE(missing_fields.Json()["errors"].contains("email"));
}

TEST_F(Server, OversizedBodiesAreRefused) {
  const HttpClient client = server_->Client();
  const std::string big = "{\"email\":\"" + std::string(4096, 'a') + "\"}";
  const auto response =
      client.Send("POST", "/api/auth/login/", big, {"Content-Type: application/json"});
  EXPECT_EQ(response.status, 413);
}

TEST_F(Server, EveryResponseCarriesSecurityHeaders) {
  const HttpClient client = server_->Client();
  const std::string token = Login(client, "ops@demo.example", "operations password");
  for (const auto& response : {client.Get("/"), client.Get("/healthz"), client.Get("/missing/"),
                               client.Get("/api/buildings/", token)}) {
    EXPECT_EQ(response.Header("x-content-type-options"), "nosniff");
    EXPECT_NE(response.Header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(response.Header("referrer-policy"), "same-origin");
  }
}

TEST_F(Server, AmountsAreDecimalStringsAndMoneyFloatsAreRefused) {
  const HttpClient client = server_->Client();
  const std::string token = Login(client, "ops@demo.example", "operations password");
  const auto apartments = client.Get("/api/apartments/?page_size=1", token).Json();
  const long apartment = apartments["results"][0]["id"];
  const std::string path = "/api/apartments/" + std::to_string(apartment) + "/payments/";

  const auto as_number = client.SendJson(
      "POST", path, {{"amount", 12.5}, {"date", "2025-01-01"}, {"method", "cash"}}, token);
  EXPECT_EQ(as_number.status, 400);
  EXPECT_TRUE(as_number.Json()["errors"].contains("amount"));
  const auto three_decimals = client.SendJson(
      "POST", path, {{"amount", "1.005"}, {"date", "2025-01-01"}, {"method", "cash"}}, token);
  EXPECT_EQ(three_decimals.status, 400);
  const auto posted = client.SendJson(
      "POST", path, {{"amount", "12.50"}, {"date", "2025-01-01"}, {"method", "cash"}}, token);
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.Json()["amount"], "-12.50");
}

// Regression: under a loaded CI machine a login could still be queued in the
// client when SIGTERM came, and a refused connection read as a dropped one.
// A request the server accepted must be answered; one it never accepted may
// be refused; none may be cut off.
TEST_F(Server, ShutdownFinishesRequestsInFlight) {
  const HttpClient client = server_->Client();
  std::vector<std::future<HttpResponse>> logins;
  for (int i = 0; i < 4; ++i) {
    logins.push_back(std::async(std::launch::async, [&client] {
      return client.SendJson("POST", "/api/auth/login/",
                             {{"email", "ops@demo.example"}, {"password", "operations password"}});
    }));
  }
  // Four logins (the per-account limit allows five) each spend about 130 ms
  // of CPU in Argon2id on two cores: after 150 ms they have arrived, even on
  // a loaded machine, and are still running.
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(server_->Stop(), 0);

  int answered = 0;
  for (auto& login : logins) {
    const HttpResponse response = login.get();
    if (response.transport_error == 7) {  // CURLE_COULDNT_CONNECT: never accepted
      continue;
    }
    EXPECT_EQ(response.transport_error, 0) << "a request in flight was cut off";
    EXPECT_EQ(response.status, 200);
    ++answered;
  }
  EXPECT_GT(answered, 0);
}

}  // namespace
}  // namespace concierge::blackbox

namespace concierge::blackbox {
namespace {

TEST(LoginThrottling, ConcurrentGuessesCheckAtMostTheLimitThenEvenTheRightPasswordWaits) {
  Workspace workspace;
  const auto env = workspace.Environment();
  ASSERT_NO_FATAL_FAILURE(SeedDemoWithManager(env, "target@demo.example", "the right password"));
  ServerProcess server(env);
  const HttpClient client = server.Client();

  std::vector<std::future<HttpResponse>> guesses;
  for (int i = 0; i < 50; ++i) {
    guesses.push_back(std::async(std::launch::async, [&client, i] {
      return client.SendJson(
          "POST", "/api/auth/login/",
          {{"email", "target@demo.example"}, {"password", "guess number " + std::to_string(i)}});
    }));
  }
  int refused = 0;
  int throttled = 0;
  for (auto& guess : guesses) {
    const HttpResponse response = guess.get();
    if (response.status == 401) {
      ++refused;
    } else if (response.status == 429) {
      ++throttled;
      EXPECT_FALSE(response.Header("retry-after").empty());
    }
  }
  EXPECT_EQ(refused, 5);
  EXPECT_EQ(throttled, 45);

  const auto right =
      client.SendJson("POST", "/api/auth/login/",
                      {{"email", "target@demo.example"}, {"password", "the right password"}});
  EXPECT_EQ(right.status, 429);
}

}  // namespace
}  // namespace concierge::blackbox
