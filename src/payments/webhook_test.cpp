#include "payments/webhook.hpp"

#include <future>

#include <gtest/gtest.h>

#include "payments/payments_fixture.hpp"

namespace concierge::payments {
namespace {

class WebhookTest : public PaymentsFixture {};

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
