#include "finance/allocation.hpp"

#include <gtest/gtest.h>

namespace concierge::finance {
namespace {

Date D(const char* text) {
  return *ParseDate(text);
}

LedgerEntry Charge(std::int64_t id, const char* date, const char* due, Cents amount) {
  LedgerEntry entry;
  entry.id = id;
  entry.kind = EntryKind::kCharge;
  entry.entry_date = D(date);
  entry.due_date = D(due);
  entry.amount = amount;
  return entry;
}

LedgerEntry Payment(std::int64_t id, const char* date, Cents amount) {
  LedgerEntry entry;
  entry.id = id;
  entry.kind = EntryKind::kPayment;
  entry.entry_date = D(date);
  entry.amount = -amount;
  return entry;
}

LedgerEntry Reversal(std::int64_t id, const char* date, Cents signed_amount, std::int64_t of) {
  LedgerEntry entry;
  entry.id = id;
  entry.kind = EntryKind::kReversal;
  entry.entry_date = D(date);
  entry.amount = signed_amount;
  entry.reverses_entry_id = of;
  return entry;
}

TEST(Allocation, PartialPaymentLeavesTheRestOpenFromTheChargesDueDate) {
  const std::vector<LedgerEntry> entries = {Charge(1, "2025-01-01", "2025-01-10", 100000),
                                            Payment(2, "2025-01-20", 30000)};
  const Position position = ComputePosition(entries);
  EXPECT_EQ(position.balance, 70000);
  ASSERT_EQ(position.open_items.size(), 1u);
  EXPECT_EQ(position.open_items[0].open, 70000);
  EXPECT_EQ(position.open_items[0].due_date, D("2025-01-10"));
}

TEST(Allocation, ThreePaymentsOfThirdsSettleExactly) {
  const std::vector<LedgerEntry> entries = {
      Charge(1, "2025-01-01", "2025-01-10", 10000), Payment(2, "2025-01-11", 3333),
      Payment(3, "2025-01-12", 3333), Payment(4, "2025-01-13", 3334)};
  const Position position = ComputePosition(entries);
  EXPECT_EQ(position.balance, 0);
  EXPECT_TRUE(position.open_items.empty());
}

TEST(Allocation, OneUnpaidCentStaysOpen) {
  const std::vector<LedgerEntry> entries = {Charge(1, "2025-01-01", "2025-01-10", 10000),
                                            Payment(2, "2025-01-11", 9999)};
  const Position position = ComputePosition(entries);
  ASSERT_EQ(position.open_items.size(), 1u);
  EXPECT_EQ(position.open_items[0].open, 1);
}

TEST(Allocation, OverpaymentIsACreditBalanceWithNothingOpen) {
  const std::vector<LedgerEntry> entries = {Charge(1, "2025-01-01", "2025-01-10", 10000),
                                            Payment(2, "2025-01-05", 25000)};
  const Position position = ComputePosition(entries);
  EXPECT_EQ(position.balance, -15000);
  EXPECT_TRUE(position.open_items.empty());
}

TEST(Allocation, CreditsPayTheOldestDueDateFirstWhateverThePostingOrder) {
  // The later-posted charge is due earlier, so it is paid first.
  const std::vector<LedgerEntry> entries = {Charge(1, "2025-01-01", "2025-03-10", 5000),
                                            Charge(2, "2025-01-02", "2025-02-10", 5000),
                                            Payment(3, "2025-01-03", 6000)};
  const Position position = ComputePosition(entries);
  ASSERT_EQ(position.open_items.size(), 1u);
  EXPECT_EQ(position.open_items[0].entry_id, 1);
  EXPECT_EQ(position.open_items[0].open, 4000);
}

TEST(Allocation, EqualDueDatesAreSettledInEntryIdOrder) {
  const std::vector<LedgerEntry> entries = {Charge(7, "2025-01-01", "2025-01-10", 5000),
                                            Charge(3, "2025-01-01", "2025-01-10", 5000),
                                            Payment(9, "2025-01-03", 6000)};
  const Position position = ComputePosition(entries);
  ASSERT_EQ(position.open_items.size(), 1u);
  EXPECT_EQ(position.open_items[0].entry_id, 7);
}

TEST(Allocation, EntriesAfterAsOfAreIgnored) {
  const std::vector<LedgerEntry> entries = {Charge(1, "2024-05-01", "2024-05-01", 100000),
                                            Payment(2, "2024-06-10", 100000)};
  const Position before = ComputePosition(entries, D("2024-05-31"));
  EXPECT_EQ(before.balance, 100000);
  ASSERT_EQ(before.open_items.size(), 1u);
  const Position after = ComputePosition(entries, D("2024-06-30"));
  EXPECT_EQ(after.balance, 0);
  EXPECT_TRUE(after.open_items.empty());
}

TEST(Allocation, ReversingAChargeShrinksThatChargeNotTheOldest) {
  const std::vector<LedgerEntry> entries = {Charge(1, "2025-01-01", "2025-01-10", 5000),
                                            Charge(2, "2025-02-01", "2025-02-10", 8000),
                                            Reversal(3, "2025-02-05", -8000, 2)};
  const Position position = ComputePosition(entries);
  EXPECT_EQ(position.balance, 5000);
  ASSERT_EQ(position.open_items.size(), 1u);
  EXPECT_EQ(position.open_items[0].entry_id, 1);
}

TEST(Allocation, ReversingAPaymentReopensTheOldestCharge) {
  const std::vector<LedgerEntry> entries = {Charge(1, "2025-01-01", "2025-01-10", 5000),
                                            Payment(2, "2025-01-05", 5000),
                                            Reversal(3, "2025-01-20", 5000, 2)};
  const Position position = ComputePosition(entries);
  EXPECT_EQ(position.balance, 5000);
  ASSERT_EQ(position.open_items.size(), 1u);
  EXPECT_EQ(position.open_items[0].open, 5000);
  EXPECT_EQ(position.open_items[0].due_date, D("2025-01-10"));
}

}  // namespace
}  // namespace concierge::finance
