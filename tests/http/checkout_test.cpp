// Checkout through a local server that answers like Stripe: the request
// Concierge sends must be what Stripe expects.

#include <gtest/gtest.h>

#include "fake_stripe.hpp"
#include "harness.hpp"

namespace concierge::blackbox {
namespace {

TEST(Checkout, CreatesASessionWithKeyIdempotencyAndMetadata) {
  FakeStripe stripe;
  Workspace workspace;
  auto env = workspace.Environment();
  env["CONCIERGE_STRIPE_API_BASE"] = stripe.base_url();
  env["CONCIERGE_STRIPE_SECRET_KEY"] = "sk_test_concierge";
  ASSERT_NO_FATAL_FAILURE(SeedDemoWithManager(env, "c@demo.example", "checkout password"));
  ServerProcess server(env);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "c@demo.example", "checkout password");

  const long apartment =
      client.Get("/api/apartments/?page_size=1", token).Json()["results"][0]["id"];
  const auto charge = client.SendJson(
      "POST", "/api/online-payments/charges/",
      {{"apartment_id", apartment}, {"amount", "50.00"}, {"description", "March"}}, token);
  ASSERT_EQ(charge.status, 201) << charge.body;
  const std::string id = std::to_string(charge.Json()["id"].get<long>());

  const auto started =
      client.SendJson("POST", "/api/online-payments/charges/" + id + "/checkout/", {}, token);
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(started.Json()["url"], "https://checkout.stripe.com/c/pay/cs_test_1");
  EXPECT_EQ(started.Json()["checkout_session_id"], "cs_test_1");

  const auto requests = stripe.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& sent = requests[0];
  EXPECT_EQ(sent.request_line, "POST /v1/checkout/sessions HTTP/1.1");
  EXPECT_NE(sent.headers.find("authorization: bearer sk_test_concierge"), std::string::npos);
  EXPECT_NE(sent.headers.find("idempotency-key: concierge-"), std::string::npos);
  EXPECT_NE(sent.headers.find("application/x-www-form-urlencoded"), std::string::npos);
  for (const std::string& field :
       {std::string("mode=payment"),
        std::string("line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=5000"),
        std::string("line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=eur"),
        "metadata%5Bonline_charge_id%5D=" + id,
        "payment_intent_data%5Bmetadata%5D%5Bonline_charge_id%5D=" + id,
        std::string("metadata%5Btenant_id%5D=1"),
        "metadata%5Bapartment_id%5D=" + std::to_string(apartment)}) {
    EXPECT_NE(sent.body.find(field), std::string::npos) << field << " in " << sent.body;
  }

  // A second attempt is a new session with its own idempotency key.
  const auto again =
      client.SendJson("POST", "/api/online-payments/charges/" + id + "/checkout/", {}, token);
  ASSERT_EQ(again.status, 201);
  const auto both = stripe.requests();
  ASSERT_EQ(both.size(), 2u);
  auto key = [](const std::string& headers) {
    const auto at = headers.find("idempotency-key: ");
    return headers.substr(at, headers.find("\r\n", at) - at);
  };
  EXPECT_NE(key(both[0].headers), key(both[1].headers));
}

TEST(Checkout, WithoutAStripeKeyAnswers503) {
  Workspace workspace;
  const auto env = workspace.Environment();
  ASSERT_NO_FATAL_FAILURE(SeedDemoWithManager(env, "c@demo.example", "checkout password"));
  ServerProcess server(env);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "c@demo.example", "checkout password");
  const long apartment =
      client.Get("/api/apartments/?page_size=1", token).Json()["results"][0]["id"];
  const auto charge = client.SendJson("POST", "/api/online-payments/charges/",
                                      {{"apartment_id", apartment}, {"amount", "5.00"}}, token);
  const std::string id = std::to_string(charge.Json()["id"].get<long>());
  EXPECT_EQ(client.SendJson("POST", "/api/online-payments/charges/" + id + "/checkout/", {}, token)
                .status,
            503);
}

}  // namespace
}  // namespace concierge::blackbox
