#include "payments/reconciliation.hpp"

#include <gtest/gtest.h>

#include "payments/ledger_view.hpp"
#include "payments/payments_fixture.hpp"

namespace concierge::payments {
namespace {

// Every scenario is built through the services behind the API and through
// webhooks, never by writing rows.
class ReconciliationTest : public PaymentsFixture {
 protected:
  ReconciliationTest() : reconciliation_(database_.db(), clock_) {}

  Reconciliation Reconcile() { return *reconciliation_.Reconcile(office_, std::nullopt); }

  std::int64_t Count(MismatchKind kind) {
    return Reconcile().summary[static_cast<int>(kind)].count;
  }
  Cents Total(MismatchKind kind) {
    const auto totals = Reconcile().summary[static_cast<int>(kind)].totals;
    return totals.count("EUR") > 0 ? totals.at("EUR") : 0;
  }
  std::int64_t Mismatches() { return static_cast<std::int64_t>(Reconcile().mismatches.size()); }

  // The ledger view's answer to "did they pay this charge?".
  std::string Answer(std::int64_t charge) {
    LedgerViewQuery query;
    query.apartment_id = apartment_;
    const auto page = LedgerView(database_.db()).Build(office_, query);
    EXPECT_TRUE(page);
    for (const auto& online : page->apartments.at(0)["online_charges"]) {
      if (online["id"] == charge) {
        return online["answer"];
      }
    }
    return "(no such charge)";
  }

  std::vector<Repair> Resync() {
    auto repairs = reconciliation_.Resync(office_, std::nullopt, manager_);
    EXPECT_TRUE(repairs) << repairs.error().detail;
    return repairs ? *repairs : std::vector<Repair>{};
  }

  ReconciliationService reconciliation_;
  audit::Actor manager_{std::nullopt, "manager@example.com", "req-1", "127.0.0.1"};
};

TEST_F(ReconciliationTest, ACleanOfficeReportsNothing) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 1000)));
  const std::int64_t manual = Charge(2000);
  ASSERT_TRUE(payments_.MarkPaid(office_, manual, {"cash", *ParseDate("2026-02-20"), "", ""}, {}));

  const auto report = Reconcile();
  EXPECT_TRUE(report.mismatches.empty());
  ASSERT_EQ(report.summary.size(), std::size(kAllMismatchKinds));
  for (const auto& summary : report.summary) {
    EXPECT_EQ(summary.count, 0) << MismatchKindName(summary.kind);
  }
  EXPECT_TRUE(Resync().empty());
}

TEST_F(ReconciliationTest, APaymentMadeWhileSyncWasOffIsListedAndResyncPostsItOnce) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 2000)));
  flags_.Set(Flag::kLedgerSync, true);

  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 1);
  EXPECT_EQ(Total(MismatchKind::kPaymentNotPosted), 3000);  // what Stripe still holds
  EXPECT_EQ(Mismatches(), 1);
  EXPECT_EQ(Balance(), 5000);

  clock_.Set(*ParseTimestamp("2026-04-15T09:00:00Z"));  // resync weeks later
  const auto repairs = Resync();
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].kind, MismatchKind::kPaymentNotPosted);
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-5000, 2000}));  // the refund follows it
  // Dated when Stripe took the money, not when resync ran.
  const auto statement = ledger_.GetStatement(office_, apartment_, std::nullopt, std::nullopt);
  for (const auto& line : statement->lines) {
    if (line.entry.source == "online") {
      EXPECT_LT(line.entry.entry_date, *ParseDate("2026-04-01"));
    }
  }
  EXPECT_EQ(Balance(), 2000);
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_EQ(AuditCount("ledger.online_payment_resynced"), 1);
  EXPECT_EQ(AuditCount("ledger.refund_resynced"), 1);

  EXPECT_TRUE(Resync().empty());
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-5000, 2000}));
}

TEST_F(ReconciliationTest, APaymentOfAnotherAmountIsListedOnBothSidesAndLeftToAPerson) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 4000)));

  EXPECT_EQ(Count(MismatchKind::kAmountMismatch), 1);
  EXPECT_EQ(Total(MismatchKind::kAmountMismatch), 4000);
  // The money arrived and the charge is still open: that is listed too.
  EXPECT_EQ(Count(MismatchKind::kPaymentOnOpenCharge), 1);
  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 0);
  for (const auto& m : Reconcile().mismatches) {
    EXPECT_FALSE(m.repairable);
    EXPECT_NE(m.stripe_says.find("40.00"), std::string::npos);
    EXPECT_NE(m.books_say.find("50.00"), std::string::npos);
  }

  EXPECT_TRUE(Resync().empty());
  EXPECT_TRUE(OnlineEntries().empty());
  EXPECT_EQ(Mismatches(), 2);

  // Refunded in full at Stripe, nothing of it stands: nothing disagrees.
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 4000)));
  EXPECT_EQ(Mismatches(), 0);
}

TEST_F(ReconciliationTest, AnOverpaymentRefundedDownToTheChargeIsRepairedAndTheChargePaid) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 6000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 1000)));

  EXPECT_EQ(Count(MismatchKind::kAmountMismatch), 0);
  EXPECT_EQ(Count(MismatchKind::kPaymentOnOpenCharge), 1);
  EXPECT_EQ(Total(MismatchKind::kPaymentOnOpenCharge), 5000);
  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 1);

  const auto repairs = Resync();
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_TRUE(repairs[0].charge_marked_paid);
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-6000, 1000}));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");
  EXPECT_EQ(AuditCount("online_charge.paid_by_resync"), 1);
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_TRUE(Resync().empty());
}

TEST_F(ReconciliationTest, ACardCreditReversedByHandIsAnAmountMismatch) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  const auto credit = payments_.ListPayments(office_, apartment_).items.at(0).ledger_entry_id;
  ASSERT_TRUE(ledger_.Reverse(office_, *credit, {std::nullopt, std::nullopt, "typo"}));

  EXPECT_EQ(Count(MismatchKind::kAmountMismatch), 1);
  EXPECT_EQ(Total(MismatchKind::kAmountMismatch), 5000);
  EXPECT_EQ(Count(MismatchKind::kRefundNotReversed), 0);
  EXPECT_TRUE(Resync().empty());
}

TEST_F(ReconciliationTest, AChargePaidOnlineAndRefundedInFullIsPaidWithoutPayment) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 5000)));

  EXPECT_EQ(Count(MismatchKind::kPaidWithoutPayment), 1);
  EXPECT_EQ(Total(MismatchKind::kPaidWithoutPayment), 5000);
  EXPECT_EQ(Mismatches(), 1);

  // The money went back and the refund reversal put it back on the balance:
  // resync reopens the charge so it can be paid again.
  const auto repairs = Resync();
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_TRUE(repairs[0].charge_reopened);
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "open");
  EXPECT_EQ(AuditCount("online_charge.reopened_by_resync"), 1);
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_TRUE(Resync().empty());

  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 5000)));
  EXPECT_EQ(payments_.GetCharge(office_, charge)->status, "paid");
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_EQ(Balance(), 0);
}

// A payment refunded in full pays nothing: the answer follows what Stripe
// still holds, and agrees with reconciliation.
TEST_F(ReconciliationTest, TheLedgerViewAnswersByWhatStripeStillHolds) {
  const std::int64_t charge = Charge(7000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 7000)));
  EXPECT_EQ(Answer(charge), "paid online and posted");
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 7000)));
  EXPECT_EQ(Answer(charge), "refunded in full, still marked paid: resync reopens it");
  ASSERT_EQ(Resync().size(), 1u);
  EXPECT_EQ(Answer(charge), "not paid: the payment was refunded in full, no attempt");

  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 7000)));
  EXPECT_EQ(Answer(charge), "paid online and posted");
  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 0);

  const std::int64_t short_paid = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_3", short_paid, "pi_3", 4000)));
  EXPECT_EQ(Answer(short_paid), "paid online 40.00 EUR for 50.00 EUR: a person decides");

  const std::int64_t by_hand = Charge(3000);
  ASSERT_TRUE(payments_.MarkPaid(office_, by_hand, {"cash", *ParseDate("2026-02-20"), "", ""}, {}));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_4", by_hand, "pi_4", 3000)));
  EXPECT_EQ(Answer(by_hand), "paid by hand, and also paid online: refund one");
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r4", "pi_4", 3000)));
  EXPECT_EQ(Answer(by_hand), "paid by hand");
}

// A manager typed the card payment by hand with its Stripe reference before
// the webhook came: the ledger refuses a second credit with that reference.
TEST_F(ReconciliationTest, ACardPaymentTypedByHandWithItsReferenceIsLinkedNotPostedAgain) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(ledger_.RecordPayment(
      office_, apartment_, {5000, *ParseDate("2026-02-20"), "card", "", "stripe:pi_1"}, {}));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));

  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 1);
  EXPECT_EQ(Count(MismatchKind::kCreditWithoutPayment), 1);
  for (const auto& m : Reconcile().mismatches) {
    EXPECT_TRUE(m.repairable) << MismatchKindName(m.kind);
  }

  const auto repairs = Resync();
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_TRUE(repairs[0].linked_entry_id);
  EXPECT_TRUE(repairs[0].ledger_entry_ids.empty());
  EXPECT_TRUE(repairs[0].charge_marked_paid);
  EXPECT_EQ(AuditCount("ledger.online_credit_linked"), 1);
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_EQ(Balance(), 0);  // one credit, the one typed by hand
  EXPECT_TRUE(Resync().empty());
}

TEST_F(ReconciliationTest, AHandCreditOfAnotherAmountHoldingTheReferenceIsLeftToAPerson) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(ledger_.RecordPayment(
      office_, apartment_, {3000, *ParseDate("2026-02-20"), "card", "", "stripe:pi_1"}, {}));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));

  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 1);
  for (const auto& m : Reconcile().mismatches) {
    EXPECT_FALSE(m.repairable) << MismatchKindName(m.kind);
    if (m.kind == MismatchKind::kPaymentNotPosted) {
      EXPECT_NE(m.books_say.find("a person decides"), std::string::npos) << m.books_say;
    }
  }
  EXPECT_TRUE(Resync().empty());
}

// Resync links a hand-typed credit only where it would post one: never
// "repairable" for a row resync leaves as it is.
TEST_F(ReconciliationTest, AHandCreditHoldingTheReferenceIsRepairableOnlyWhenResyncLinksIt) {
  const std::int64_t short_paid = Charge(5000);
  ASSERT_TRUE(ledger_.RecordPayment(
      office_, apartment_, {4000, *ParseDate("2026-02-20"), "card", "", "stripe:pi_1"}, {}));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", short_paid, "pi_1", 4000)));

  const std::int64_t refunded = Charge(3000);
  ASSERT_TRUE(ledger_.RecordPayment(
      office_, apartment_, {3000, *ParseDate("2026-02-20"), "card", "", "stripe:pi_2"}, {}));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", refunded, "pi_2", 3000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r2", "pi_2", 3000)));

  bool saw_refunded_credit = false;
  for (const auto& m : Reconcile().mismatches) {
    EXPECT_FALSE(m.repairable) << MismatchKindName(m.kind) << ": " << m.stripe_says;
    EXPECT_EQ(m.books_say.find("resync links"), std::string::npos) << m.books_say;
    if (m.kind == MismatchKind::kCreditWithoutPayment &&
        m.stripe_says.find("refunded in full: reverse this credit") != std::string::npos) {
      saw_refunded_credit = true;
    }
  }
  EXPECT_TRUE(saw_refunded_credit);
  EXPECT_TRUE(Resync().empty());
}

TEST_F(ReconciliationTest, APartlyRefundedPaymentAgreesInTheLedgerViewAsInReconciliation) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 2000)));
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_EQ(Answer(charge), "paid online, refunded 20.00");
}

TEST_F(ReconciliationTest, APaymentNotPostedCountsWhatStripeStillHolds) {
  flags_.Set(Flag::kLedgerSync, false);
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 6000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 1000)));
  flags_.Set(Flag::kLedgerSync, true);
  EXPECT_EQ(Total(MismatchKind::kPaymentNotPosted), 5000);
}

TEST_F(ReconciliationTest, APaymentForAChargeAlreadyPaidByHandIsPaidTwice) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(payments_.MarkPaid(office_, charge, {"cash", *ParseDate("2026-02-20"), "", ""}, {}));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));

  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 1);
  EXPECT_EQ(Total(MismatchKind::kPaidTwice), 5000);
  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 0);
  EXPECT_TRUE(Resync().empty());
  EXPECT_EQ(Balance(), 0);  // one credit, the manual one

  // Refunding the extra payment at Stripe settles it.
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 5000)));
  EXPECT_EQ(Mismatches(), 0);
}

TEST_F(ReconciliationTest, ASecondOnlinePaymentOfOneChargeIsPaidTwiceNotASecondCredit) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_tab1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_tab2", 5000)));

  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 1);
  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 0);
  EXPECT_TRUE(Resync().empty());
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{-5000});
}

TEST_F(ReconciliationTest, ARefundMadeWhileSyncWasOffIsListedAndResyncReversesItOnce) {
  const std::int64_t charge = Charge(10000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 10000)));
  flags_.Set(Flag::kLedgerSync, false);
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r1", "pi_1", 3000)));
  flags_.Set(Flag::kLedgerSync, true);

  EXPECT_EQ(Count(MismatchKind::kRefundNotReversed), 1);
  EXPECT_EQ(Total(MismatchKind::kRefundNotReversed), 3000);
  EXPECT_EQ(Mismatches(), 1);

  const auto repairs = Resync();
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].kind, MismatchKind::kRefundNotReversed);
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, 3000}));
  EXPECT_EQ(Mismatches(), 0);
  EXPECT_TRUE(Resync().empty());

  // A later refund event reverses only what is new.
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r2", "pi_1", 4000)));
  EXPECT_EQ(OnlineEntries(), (std::vector<Cents>{-10000, 3000, 1000}));
  EXPECT_EQ(Mismatches(), 0);
}

TEST_F(ReconciliationTest, ACreditClaimingAStripePaymentThatDoesNotExistIsListed) {
  Charge(5000);
  ASSERT_TRUE(ledger_.RecordPayment(
      office_, apartment_, {2500, *ParseDate("2026-02-15"), "card", "Card", "stripe:pi_ghost"}));

  EXPECT_EQ(Count(MismatchKind::kCreditWithoutPayment), 1);
  EXPECT_EQ(Total(MismatchKind::kCreditWithoutPayment), 2500);
  const auto m = Reconcile().mismatches.at(0);
  EXPECT_FALSE(m.repairable);
  EXPECT_NE(m.books_say.find("stripe:pi_ghost"), std::string::npos);
  EXPECT_TRUE(Resync().empty());

  // Reversing the mistyped credit settles it.
  ASSERT_TRUE(ledger_.Reverse(office_, *m.ledger_entry_id, {std::nullopt, std::nullopt, "typo"}));
  EXPECT_EQ(Mismatches(), 0);
}

TEST_F(ReconciliationTest, AnotherOfficeSeesNoneOfItAndABuildingNarrowsIt) {
  flags_.Set(Flag::kLedgerSync, false);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", Charge(5000), "pi_1", 5000)));
  flags_.Set(Flag::kLedgerSync, true);

  const Scope other = ScopeForTesting::Office(database_.AddTenant("other"));
  EXPECT_TRUE(reconciliation_.Reconcile(other, std::nullopt)->mismatches.empty());
  EXPECT_TRUE(reconciliation_.Resync(other, std::nullopt, manager_)->empty());
  EXPECT_EQ(reconciliation_.Reconcile(other, building_).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(reconciliation_.Reconcile(office_, building_)->mismatches.size(), 1u);
  EXPECT_EQ(OnlineEntries(), std::vector<Cents>{});
}

TEST_F(ReconciliationTest, ARefundAlreadyReversedByHandIsNotReversedAgain) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  flags_.Set(Flag::kLedgerSync, false);
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r1", "pi_1", 2000)));
  flags_.Set(Flag::kLedgerSync, true);
  const auto credit = payments_.ListPayments(office_, apartment_).items.at(0).ledger_entry_id;
  ASSERT_TRUE(ledger_.Reverse(office_, *credit, {std::nullopt, 2000, "refunded at Stripe"}));

  EXPECT_EQ(Mismatches(), 0);
  EXPECT_TRUE(Resync().empty());
  EXPECT_EQ(Balance(), 2000);

  // Nor by the webhook when Stripe refunds more later.
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r2", "pi_1", 3000)));
  EXPECT_EQ(Balance(), 3000);
  EXPECT_EQ(Mismatches(), 0);
}

TEST_F(ReconciliationTest, OfTwoPaymentsOfOneChargeWhileSyncWasOffOnlyOneIsPosted) {
  const std::int64_t charge = Charge(5000);
  flags_.Set(Flag::kLedgerSync, false);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 6000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 1000)));
  flags_.Set(Flag::kLedgerSync, true);

  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 1);
  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 1);
  Resync();
  Cents credited = 0;
  for (Cents amount : OnlineEntries()) {
    credited += amount;
  }
  EXPECT_EQ(credited, -5000);
  EXPECT_TRUE(Resync().empty());
  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 1);
}

TEST_F(ReconciliationTest, WhenTheFirstPaymentIsRefundedInFullTheSecondIsTheOneThatStands) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_2", charge, "pi_2", 5000)));
  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 1);

  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 5000)));
  EXPECT_EQ(Count(MismatchKind::kPaidTwice), 0);
  EXPECT_EQ(Count(MismatchKind::kPaymentNotPosted), 1);
  ASSERT_EQ(Resync().size(), 1u);
  EXPECT_EQ(Balance(), 0);
  EXPECT_EQ(Mismatches(), 0);
}

TEST_F(ReconciliationTest, APaymentIsListedOnceUnderAKindWhateverDisagrees) {
  const std::int64_t charge = Charge(5000);
  ASSERT_TRUE(webhooks_.Receive(Succeeded("evt_1", charge, "pi_1", 5000)));
  ASSERT_TRUE(webhooks_.Receive(Refunded("evt_r", "pi_1", 500)));
  const auto credit = payments_.ListPayments(office_, apartment_).items.at(0).ledger_entry_id;
  ASSERT_TRUE(ledger_.Reverse(office_, *credit, {std::nullopt, 300, "typo"}));

  EXPECT_EQ(Count(MismatchKind::kAmountMismatch), 1);
  EXPECT_EQ(Total(MismatchKind::kAmountMismatch), 300);
}

}  // namespace
}  // namespace concierge::payments
