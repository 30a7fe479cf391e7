#include "payments/webhook.hpp"

#include <future>
#include <limits>
#include <set>

#include <gtest/gtest.h>

#include "payments/payments_fixture.hpp"

namespace concierge::payments {
namespace {

class WebhookTest : public PaymentsFixture {
 protected:
  std::string StoredColumn(const std::string& event_id, const char* column) {
    return database_.db().Read([&](soci::session& sql) {
      std::string value;
      soci::indicator missing = soci::i_ok;
      sql << std::string("SELECT ") + column + " FROM stripe_events WHERE event_id = :id",
          soci::use(event_id), soci::into(value, missing);
      return missing == soci::i_ok ? value : std::string("(null)");
    });
  }
  std::string StoredOutcome(const std::string& event_id) {
    return StoredColumn(event_id, "outcome");
  }
  std::string StoredError(const std::string& event_id) { return StoredColumn(event_id, "error"); }
};

TEST_F(WebhookTest, TheSameEventTwiceInARowAndTwiceAtOnceMakesOneCredit) {
  const std::int64_t charge = Charge(5000);
  const std::string event = Succeeded("evt_1", charge, "pi_1", 5000);
  EXPECT_EQ(*webhooks_.Receive(event), EventOutcome::kProcessed);
  EXPECT_EQ(*webhooks_.Receive(event), EventOutcome::kDuplicate);
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-5000});
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");

  // A new event delivered twice at once: both copies race to store it.
  const std::int64_t other = Charge(5000);
  const std::string fresh = Succeeded("evt_2", other, "pi_2", 5000);
  std::promise<void> go;
  std::shared_future<void> start = go.get_future().share();
  auto first = std::async(std::launch::async, [&] {
    start.wait();
    return webhooks_.Receive(fresh);
  });
  auto second = std::async(std::launch::async, [&] {
    start.wait();
    return webhooks_.Receive(fresh);
  });
  go.set_value();
  const auto a = first.get();
  const auto b = second.get();
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(std::set({*a, *b}), std::set({EventOutcome::kProcessed, EventOutcome::kDuplicate}));

  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-5000, -5000}));
  EXPECT_EQ(AuditCount("ledger.online_payment_posted"), 2);
}

TEST_F(WebhookTest, SessionThenIntentOrIntentThenSessionMakeOnePaymentAndOneCredit) {
  const std::int64_t charge = Charge(10000);
  ASSERT_TRUE(webhooks_.Receive(Completed("evt_a", charge, "cs_1", "pi_1", 10000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_b", charge, "pi_1", 10000)));
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-10000});
  ASSERT_EQ(payments_.ListPayments(office_, apartment_).items.size(), 1u);
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).items[0].checkout_session_id, "cs_1");

  const std::int64_t other = Charge(10000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_c", other, "pi_2", 10000)));
  ASSERT_TRUE(webhooks_.Receive(Completed("evt_d", other, "cs_2", "pi_2", 10000)));
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, -10000}));
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).items.size(), 2u);
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
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).items.at(0).status, "succeeded");
}

// A charge paid online by the webhook is audited with the Stripe event and
// the request it came in, whether or not the ledger follows.
TEST_F(WebhookTest, APaidChargeIsAuditedWithTheStripeEventAndTheRequest) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000), "req-webhook-1"));

  const auto events = AuditEvents("online_charge.paid_online");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor.name, "stripe");
  EXPECT_EQ(events[0].actor.request_id, "req-webhook-1");
  EXPECT_EQ(events[0].target_id, std::to_string(charge));
  EXPECT_EQ(events[0].detail["stripe_event_id"], "evt_1");
  EXPECT_EQ(events[0].detail["amount"], "50.00");

  flags_.Set(Flag::kLedgerSync, true);
  const std::int64_t synced = Charge(3000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", synced, "pi_2", 3000), "req-webhook-2"));
  const auto posted = AuditEvents("ledger.online_payment_posted");
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].detail["stripe_event_id"], "evt_2");
  EXPECT_EQ(posted[0].actor.request_id, "req-webhook-2");
}

// A manual payment already carries the reference the card credit would take:
// the payment is recorded, the charge stays open, and reconciliation is left
// to list it. Nothing half-applied stays behind.
TEST_F(WebhookTest, ACreditTheLedgerRefusesLeavesTheChargeOpenAndTheRefusalRecorded) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(ledger_.RecordPayment(
      office_, apartment_, {5000, *ParseDate("2026-02-20"), "cash", "", "stripe:pi_1"}, {}));

  EXPECT_EQ(*webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)), EventOutcome::kProcessed);

  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "open");
  EXPECT_TRUE(OnlineEntries().empty());
  const auto payment = payments_.ListPayments(office_, apartment_).items.at(0);
  EXPECT_EQ(payment.status, "succeeded");
  ASSERT_TRUE(payment.mismatch);
  EXPECT_NE(payment.mismatch->find("ledger refused"), std::string::npos) << *payment.mismatch;
  const auto events = payments_.ListEvents(office_, "processed").items;
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(events[0].error);
  EXPECT_NE(events[0].error->find("ledger refused"), std::string::npos);
  EXPECT_EQ(AuditCount("online_charge.paid_online"), 0);
}

TEST_F(WebhookTest, WithLedgerSyncOffAFullRefundOpensTheChargeAgain) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r1", "pi_1", 2000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");  // 30.00 still paid

  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r2", "pi_1", 5000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "open");
  EXPECT_EQ(AuditCount("online_charge.reopened_by_refund"), 1);
  EXPECT_TRUE(OnlineEntries().empty());

  // Paid again, and the new payment stands.
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 5000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");
}

TEST_F(WebhookTest, WithLedgerSyncOffARefundOfAnExtraPaymentKeepsTheChargePaid) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 5000)));  // a second tab
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r1", "pi_1", 5000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");
  EXPECT_EQ(AuditCount("online_charge.reopened_by_refund"), 0);
}

// A field of an unexpected type does not change on a retry: the event is
// kept and ignored with its reason, not failed and retried for ever.
TEST_F(WebhookTest, AFieldOfTheWrongTypeIsIgnoredWithItsReason) {
  const std::int64_t charge = Charge(5000);
  const std::string odd = Event("evt_odd", "checkout.session.completed", 1'772'366'300,
                                {{"id", "cs_1"},
                                 {"payment_intent", "pi_1"},
                                 {"amount_total", 5000},
                                 {"currency", "eur"},
                                 {"payment_status", 5},
                                 {"metadata", Metadata(charge)}});
  EXPECT_EQ(*webhooks_.Receive(odd), EventOutcome::kIgnored);
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "open");
  EXPECT_EQ(webhooks_.RetryFailed(), 0);
}

TEST_F(WebhookTest, ListsAnswerAWindowAndTheWholeCount) {
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_" + n, Charge(1000), "pi_" + n, 1000)));
  }
  const auto events = payments_.ListEvents(office_, "processed", {1, 1});
  EXPECT_EQ(events.count, 3);
  ASSERT_EQ(events.items.size(), 1u);
  const auto payments = payments_.ListPayments(office_, apartment_, {2, 5});
  EXPECT_EQ(payments.count, 3);
  ASSERT_EQ(payments.items.size(), 1u);
  EXPECT_EQ(payments.items[0].payment_intent_id, "pi_1");  // newest first
  const auto charges = payments_.ListCharges(office_, apartment_, std::string("paid"), {0, 2});
  EXPECT_EQ(charges.count, 3);
  EXPECT_EQ(charges.items.size(), 2u);
}

TEST_F(WebhookTest, AStaleFailureDoesNotUndoASuccess) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_ok", charge, "pi_1", 5000, 2000)));
  const std::string failed = Event(
      "evt_fail", "payment_intent.payment_failed", 1000,
      {{"id", "pi_1"}, {"amount", 5000}, {"currency", "eur"}, {"metadata", Metadata(charge)}});
  ASSERT_TRUE(webhooks_.Receive(failed));
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).items.at(0).status, "succeeded");
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-5000});
}

TEST_F(WebhookTest, AWrongAmountIsRecordedNotTakenAsFullPayment) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 4000)));
  const auto payment = payments_.ListPayments(office_, apartment_).items.at(0);
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
  EXPECT_EQ(payments_.ListEvents(office_, "failed").items.size(), 0u);  // no office known yet

  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 10000)));
  EXPECT_EQ(webhooks_.RetryFailed(), 1);
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, 2500}));
  EXPECT_EQ(webhooks_.RetryFailed(), 0);
}

TEST_F(WebhookTest, AFailedEventThatNamesTheOfficeIsListedForItsManagers) {
  const std::int64_t charge = Charge(10000);
  const std::string early = Event("evt_r1", "charge.refunded", 1'772'370'000,
                                  {{"id", "ch_1"},
                                   {"payment_intent", "pi_1"},
                                   {"amount_refunded", 2500},
                                   {"metadata", Metadata(charge)}});
  ASSERT_FALSE(webhooks_.Receive(early));

  const auto failed = payments_.ListEvents(office_, "failed");
  ASSERT_EQ(failed.count, 1);
  EXPECT_EQ(failed.items[0].id, "evt_r1");
  ASSERT_TRUE(failed.items[0].error);
  EXPECT_NE(failed.items[0].error->find("not known"), std::string::npos);

  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 10000)));
  EXPECT_EQ(webhooks_.RetryFailed(), 1);
  EXPECT_EQ(payments_.ListEvents(office_, "failed").count, 0);
  EXPECT_EQ(payments_.ListEvents(office_, "processed").count, 2);
}

// A refund of a payment Concierge never took (no charge of ours) would be
// retried for ever; it is kept and ignored instead, at once when it names a
// charge that is not ours, after Stripe's retry window when it names none.
TEST_F(WebhookTest, ARefundOfAPaymentThatIsNotOursEndsIgnored) {
  const std::string foreign = Event("evt_r_foreign", "charge.refunded", 1'772'370'000,
                                    {{"id", "ch_9"},
                                     {"payment_intent", "pi_9"},
                                     {"amount_refunded", 100},
                                     {"metadata", Metadata(999'999)}});
  EXPECT_EQ(*webhooks_.Receive(foreign), EventOutcome::kIgnored);

  ASSERT_FALSE(webhooks_.Receive(Refunded("evt_r_bare", "pi_8", 100)));
  EXPECT_EQ(webhooks_.RetryFailed(), 0);  // the payment may still come
  clock_.Advance(std::chrono::hours(24 * 4));
  EXPECT_EQ(webhooks_.RetryFailed(), 1);
  EXPECT_EQ(webhooks_.RetryFailed(), 0);
  EXPECT_EQ(StoredOutcome("evt_r_bare"), "ignored");
}

TEST_F(WebhookTest, AmountsOutOfRangeAreIgnoredNotWrapped) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  EXPECT_EQ(*webhooks_.Receive(Refunded("evt_r_neg", "pi_1", -1)), EventOutcome::kIgnored);
  const std::string huge = Event("evt_huge", "payment_intent.succeeded", 1'772'366'400,
                                 {{"id", "pi_2"},
                                  {"amount", std::numeric_limits<std::uint64_t>::max()},
                                  {"amount_received", std::numeric_limits<std::uint64_t>::max()},
                                  {"currency", "eur"},
                                  {"metadata", Metadata(Charge(5000))}});
  EXPECT_EQ(*webhooks_.Receive(huge), EventOutcome::kIgnored);
  EXPECT_EQ(payments_.ListPayments(office_, apartment_).count, 1);
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-5000});
}

TEST_F(WebhookTest, WithLedgerSyncOffAStrayPaymentDoesNotKeepARefundedChargePaid) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 100)));  // does not cover it
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r1", "pi_1", 5000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "open");
}

TEST_F(WebhookTest, UnknownTypesAreStoredAndIgnoredWithTheReason) {
  EXPECT_EQ(*webhooks_.Receive(Event("evt_x", "customer.created", 1, {{"id", "cus_1"}})),
            EventOutcome::kIgnored);
  EXPECT_EQ(StoredError("evt_x"), "not an event type Concierge acts on");
  const std::string unpaid = Event("evt_unpaid", "checkout.session.completed", 1,
                                   {{"id", "cs_1"}, {"payment_status", "unpaid"}});
  EXPECT_EQ(*webhooks_.Receive(unpaid), EventOutcome::kIgnored);
  EXPECT_EQ(StoredError("evt_unpaid"), "the session is not paid yet");
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
