// Checkout through a local server that answers like Stripe: the request
// Concierge sends must be what Stripe expects.

#include <chrono>

#include <gtest/gtest.h>

#include "core/crypto.hpp"
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

std::string StripeSignature(const std::string& secret, const std::string& body) {
  const std::string t = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
  return "Stripe-Signature: t=" + t + ",v1=" + HexEncode(HmacSha256(secret, t + "." + body));
}

// The checkout attempt learns its payment intent when Stripe reports the
// session paid; a resident cannot mark a charge paid; a manager can, once.
TEST(Checkout, ACompletedSessionCompletesItsAttemptAndMarkPaidIsForManagersOnce) {
  FakeStripe stripe;
  Workspace workspace;
  auto env = workspace.Environment();
  env["CONCIERGE_STRIPE_API_BASE"] = stripe.base_url();
  env["CONCIERGE_STRIPE_SECRET_KEY"] = "sk_test_concierge";
  env["CONCIERGE_STRIPE_WEBHOOK_SECRETS"] = "whsec_checkout";
  env["ENABLE_LEDGER_SYNC"] = "true";
  ASSERT_NO_FATAL_FAILURE(SeedDemoWithManager(env, "c@demo.example", "checkout password"));
  ServerProcess server(env);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "c@demo.example", "checkout password");

  const auto apartment = client.Get("/api/apartments/?page_size=1", token).Json()["results"][0];
  const long apartment_id = apartment["id"];
  std::string code;
  const nlohmann::json buildings = client.Get("/api/buildings/", token).Json();
  for (const auto& building : buildings) {
    if (building["id"] == apartment["building_id"]) {
      code = building["code"];
    }
  }
  const std::string resident_login = code + "/" + apartment["number"].get<std::string>();
  const auto created = RunConcierge({"create-user", "--tenant", "demo", "--email", "r@demo.example",
                                     "--role", "resident", "--apartment", resident_login},
                                    env, "resident password 1\n");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string resident = Login(client, "r@demo.example", "resident password 1");

  auto new_charge = [&] {
    const auto charge =
        client.SendJson("POST", "/api/online-payments/charges/",
                        {{"apartment_id", apartment_id}, {"amount", "50.00"}}, token);
    EXPECT_EQ(charge.status, 201) << charge.body;
    return std::to_string(charge.Json()["id"].get<long>());
  };
  const std::string paid_online = new_charge();
  const auto started = client.SendJson(
      "POST", "/api/online-payments/charges/" + paid_online + "/checkout/", {}, resident);
  ASSERT_EQ(started.status, 201) << started.body;
  const std::string session = started.Json()["checkout_session_id"];

  const std::string completed =
      nlohmann::json{{"id", "evt_checkout_1"},
                     {"type", "checkout.session.completed"},
                     {"created", 1'780'000'000},
                     {"data",
                      {{"object",
                        {{"id", session},
                         {"payment_intent", "pi_checkout_1"},
                         {"amount_total", 5000},
                         {"currency", "eur"},
                         {"payment_status", "paid"},
                         {"metadata", {{"tenant_id", "1"}, {"online_charge_id", paid_online}}}}}}}}
          .dump();
  const auto delivered =
      client.Send("POST", "/api/online-payments/webhooks/stripe/", completed,
                  {"Content-Type: application/json", StripeSignature("whsec_checkout", completed)});
  ASSERT_EQ(delivered.status, 200) << delivered.body;

  const auto view = client.Get(
      "/api/online-payments/ledger-view/?apartment_id=" + std::to_string(apartment_id), token);
  ASSERT_EQ(view.status, 200) << view.body;
  bool seen = false;
  const nlohmann::json shown = view.Json();
  for (const auto& charge : shown["results"][0]["online_charges"]) {
    if (std::to_string(charge["id"].get<long>()) == paid_online) {
      ASSERT_EQ(charge["attempts"].size(), 1u);
      EXPECT_EQ(charge["attempts"][0]["status"], "completed");
      EXPECT_EQ(charge["attempts"][0]["payment_intent_id"], "pi_checkout_1");
      seen = true;
    }
  }
  EXPECT_TRUE(seen) << view.body;

  const std::string by_hand = new_charge();
  const std::string mark = "/api/online-payments/charges/" + by_hand + "/mark-paid/";
  const nlohmann::json body = {{"method", "cash"}, {"date", "2026-03-01"}, {"note", "at desk"}};
  EXPECT_EQ(client.SendJson("POST", mark, body, resident).status, 403);
  const auto first = client.SendJson("POST", mark, body, token);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json()["changed"], true);
  const auto second = client.SendJson("POST", mark, body, token);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.Json()["changed"], false);
  const auto audited =
      client.Get("/api/audit/?action=online_charge.marked_paid&target_id=" + by_hand, token).Json();
  ASSERT_EQ(audited["count"], 2) << audited.dump();
  EXPECT_EQ(client
                .SendJson("POST", "/api/online-payments/charges/" + paid_online + "/mark-paid/",
                          body, token)
                .status,
            409);
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
