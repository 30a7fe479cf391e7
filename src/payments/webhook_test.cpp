#include "payments/webhook.hpp"

#include <future>

#include <gtest/gtest.h>

#include "finance/ledger_service.hpp"
#include "payments/service.hpp"
#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::payments {
namespace {

class WebhookTest : public ::testing::Test {
 protected:
  WebhookTest()
      : clock_(*ParseTimestamp("2026-03-01T12:00:00Z")),
        office_(ScopeForTesting::Office(database_.AddTenant("office"))),
        tenancy_(database_.db()),
        ledger_(database_.db(), clock_),
        payments_(database_.db(), clock_, flags_),
        webhooks_(database_.db(), clock_, flags_) {
    flags_.Set(Flag::kLedgerSync, true);
    tenancy::Building building;
    building.code = "B1";
    building.name = "B1";
    building_ = tenancy_.CreateBuilding(office_, building)->id;
    tenancy::Apartment apartment;
    apartment.building_id = building_;
    apartment.number = "1A";
    apartment_ = tenancy_.CreateApartment(office_, apartment)->id;
  }

  std::int64_t Charge(Cents amount) {
    const auto posted = ledger_.PostCharge(
        office_, apartment_, {amount, *ParseDate("2026-02-01"), *ParseDate("2026-02-10"), "x", {}});
    return payments_.CreateCharge(office_, {apartment_, amount, "February", {posted->id}}, {})->id;
  }

  std::string Event(const std::string& id, const std::string& type, long long created,
                    nlohmann::json object) {
    return nlohmann::json{
        {"id", id}, {"type", type}, {"created", created}, {"data", {{"object", std::move(object)}}}}
        .dump();
  }

  nlohmann::json Metadata(std::int64_t charge) {
    return {{"tenant_id", std::to_string(office_.tenant_id())},
            {"online_charge_id", std::to_string(charge)}};
  }

  std::string Succeeded(const std::string& event, std::int64_t charge, const std::string& pi,
                        Cents amount, long long created = 1'772'366'400) {
    return Event(event, "payment_intent.succeeded", created,
                 {{"id", pi},
                  {"amount", amount},
                  {"amount_received", amount},
                  {"currency", "eur"},
                  {"metadata", Metadata(charge)}});
  }

  std::string Completed(const std::string& event, std::int64_t charge, const std::string& cs,
                        const std::string& pi, Cents amount) {
    return Event(event, "checkout.session.completed", 1'772'366'300,
                 {{"id", cs},
                  {"payment_intent", pi},
                  {"amount_total", amount},
                  {"currency", "eur"},
                  {"payment_status", "paid"},
                  {"metadata", Metadata(charge)}});
  }

  std::string Refunded(const std::string& event, const std::string& pi, Cents refunded) {
    return Event(event, "charge.refunded", 1'772'370'000,
                 {{"id", "ch_" + pi}, {"payment_intent", pi}, {"amount_refunded", refunded}});
  }

  // The apartment's online credits and refund reversals, in posting order.
  std::vector<Cents> OnlineEntries() {
    std::vector<Cents> amounts;
    auto statement = ledger_.GetStatement(office_, apartment_, std::nullopt, std::nullopt);
    for (const auto& line : statement->lines) {
      if (line.entry.source == "online") {
        amounts.push_back(line.entry.amount);
      }
    }
    return amounts;
  }

  Cents Balance() {
    return ledger_.GetStatement(office_, apartment_, std::nullopt, std::nullopt)->closing_balance;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  FeatureFlags flags_;
  Scope office_;
  tenancy::TenancyService tenancy_;
  finance::LedgerService ledger_;
  PaymentsService payments_;
  WebhookProcessor webhooks_;
  std::int64_t building_ = 0;
  std::int64_t apartment_ = 0;
};

TEST_F(WebhookTest, TheSameEventTwiceInARowAndTwiceAtOnceMakesOneCredit) {
  const std::int64_t charge = Charge(5000);
  const std::string event = Succeeded("evt_1", charge, "pi_1", 5000);
  EXPECT_EQ(*webhooks_.Receive(event), EventOutcome::kProcessed);
  EXPECT_EQ(*webhooks_.Receive(event), EventOutcome::kDuplicate);

  auto first = std::async(std::launch::async, [&] { return webhooks_.Receive(event); });
  auto second = std::async(std::launch::async, [&] { return webhooks_.Receive(event); });
  EXPECT_TRUE(first.get());
  EXPECT_TRUE(second.get());

  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-5000});
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");
}

TEST_F(WebhookTest, SessionThenIntentOrIntentThenSessionMakeOnePaymentAndOneCredit) {
  const std::int64_t charge = Charge(10000);
  ASSERT_TRUE(webhooks_.Receive(Completed("evt_a", charge, "cs_1", "pi_1", 10000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_b", charge, "pi_1", 10000)));
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-10000});
  ASSERT_EQ(payments_.ListPayments(office_, apartment_).size(), 1u);
  EXPECT_EQ(payments_.ListPayments(office_, apartment_)[0].checkout_session_id, "cs_1");

  const std::int64_t other = Charge(10000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_c", other, "pi_2", 10000)));
  ASSERT_TRUE(webhooks_.Receive(Completed("evt_d", other, "cs_2", "pi_2", 10000)));
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, -10000}));
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).size(), 2u);
}

TEST_F(WebhookTest, RefundsReverseOnlyTheNewlyRefundedAmount) {
  const std::int64_t charge = Charge(10000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 10000)));
  const std::string first_refund = Refunded("evt_r1", "pi_1", 3000);
  ASSERT_TRUE(webhooks_.Receive(first_refund));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r2", "pi_1", 10000)));
  EXPECT_EQ(*webhooks_.Receive(first_refund), EventOutcome::kDuplicate);
  // The same refunded total under a new event id changes nothing either.
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r3", "pi_1", 3000)));

  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, 3000, 7000}));
  EXPECT_EQ(Balance(), 10000);
}

TEST_F(WebhookTest, WithLedgerSyncOffTheChargeIsPaidAndTheLedgerUntouched) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");
  EXPECT_TRUE(OnlineEntries().empty());
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).at(0).status, "succeeded");
}

TEST_F(WebhookTest, AStaleFailureDoesNotUndoASuccess) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_ok", charge, "pi_1", 5000, 2000)));
  const std::string failed = Event(
      "evt_fail", "payment_intent.payment_failed", 1000,
      {{"id", "pi_1"}, {"amount", 5000}, {"currency", "eur"}, {"metadata", Metadata(charge)}});
  ASSERT_TRUE(webhooks_.Receive(failed));
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).at(0).status, "succeeded");
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-5000});
}

TEST_F(WebhookTest, AWrongAmountIsRecordedNotTakenAsFullPayment) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 4000)));
  const auto payment = payments_.ListPayments(office_, apartment_).at(0);
  EXPECT_EQ(payment.amount, 4000);
  ASSERT_TRUE(payment.mismatch);
  EXPECT_NE(payment.mismatch->find("40.00"), std::string::npos);
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "open");
  EXPECT_TRUE(OnlineEntries().empty());
}

TEST_F(WebhookTest, AFailureIsRecordedAndAppliedLaterByRetry) {
  const std::int64_t charge = Charge(10000);
  // The refund arrives before Stripe tells us the payment succeeded.
  auto early = webhooks_.Receive(Refunded("evt_r1", "pi_1", 2500));
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().kind, ErrorKind::kInternal);
  EXPECT_EQ(payments_.ListEvents(office_, "failed").size(), 0u);  // no office known yet

  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 10000)));
  EXPECT_EQ(webhooks_.RetryFailed(), 1);
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, 2500}));
  EXPECT_EQ(webhooks_.RetryFailed(), 0);
}

TEST_F(WebhookTest, UnknownTypesAreStoredAndIgnored) {
  EXPECT_EQ(*webhooks_.Receive(Event("evt_x", "customer.created", 1, {{"id", "cus_1"}})),
            EventOutcome::kIgnored);
  EXPECT_FALSE(webhooks_.Receive("not json"));
}

TEST_F(WebhookTest, MarkPaidTwiceChangesNothingTheSecondTimeAndOnlinePaidIsRefused) {
  const std::int64_t charge = Charge(5000);
  const MarkPaidInput input{"bank_transfer", *ParseDate("2026-02-20"), "TRX-9", "paid at bank"};
  auto first = payments_.MarkPaid(office_, charge, input, {});
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->second);
  auto second = payments_.MarkPaid(office_, charge, input, {});
  ASSERT_TRUE(second);
  EXPECT_FALSE(second->second);
  EXPECT_EQ(Balance(), 0);

  const std::int64_t online = Charge(3000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", online, "pi_9", 3000)));
  EXPECT_EQ(payments_.MarkPaid(office_, online, input, {}).error().code, "already_paid_online");
}

}  // namespace
}  // namespace concierge::payments
