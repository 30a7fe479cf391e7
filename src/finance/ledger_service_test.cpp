#include "finance/ledger_service.hpp"

#include <random>

#include "finance/allocation.hpp"
#include "finance/finance_fixture.hpp"

namespace concierge::finance {
namespace {

using LedgerServiceTest = FinanceFixture;

TEST_F(LedgerServiceTest, StatementRunsTheBalanceInDateOrder) {
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2025-01-01", "2025-01-10", 5000);
  Pay(flat, "2025-01-05", 2000);
  Charge(flat, "2025-02-01", "2025-02-10", 5000);

  auto statement = ledger_.GetStatement(office_, flat, std::nullopt, std::nullopt);
  ASSERT_TRUE(statement);
  ASSERT_EQ(statement->lines.size(), 3u);
  EXPECT_EQ(statement->lines[0].running_balance, 5000);
  EXPECT_EQ(statement->lines[1].running_balance, 3000);
  EXPECT_EQ(statement->lines[2].running_balance, 8000);
  EXPECT_EQ(statement->closing_balance, 8000);

  auto february = ledger_.GetStatement(office_, flat, D("2025-02-01"), std::nullopt);
  EXPECT_EQ(february->opening_balance, 3000);
  EXPECT_EQ(february->lines.size(), 1u);
}

TEST_F(LedgerServiceTest, ReversalTakesBackAtMostWhatIsLeftAndOnlyOnce) {
  const std::int64_t flat = AddApartment("1A");
  const std::int64_t payment = Pay(flat, "2025-01-05", 10000);

  auto part = ledger_.Reverse(office_, payment, {D("2025-01-06"), 3000, "Bounced in part"});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->amount, 3000);
  EXPECT_FALSE(ledger_.Reverse(office_, payment, {D("2025-01-06"), 7001, "Too much"}));
  auto rest = ledger_.Reverse(office_, payment, {D("2025-01-07"), std::nullopt, "The rest"});
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->amount, 7000);
  EXPECT_EQ(
      ledger_.Reverse(office_, payment, {D("2025-01-07"), std::nullopt, "Again"}).error().code,
      "already_reversed");
  EXPECT_EQ(
      ledger_.Reverse(office_, rest->id, {D("2025-01-08"), std::nullopt, "Undo"}).error().code,
      "cannot_reverse_reversal");
  EXPECT_EQ(ledger_.GetStatement(office_, flat, std::nullopt, std::nullopt)->closing_balance, 0);
}

// Payments update the stored position incrementally; whatever the order of
// dates, it must equal a recomputation from all entries.
TEST_F(LedgerServiceTest, IncrementalPaymentsMatchARecomputation) {
  std::mt19937 random(7);
  const std::int64_t flat = AddApartment("1A");
  Pay(flat, "2025-03-15", 2500);  // a credit balance first
  for (int i = 0; i < 60; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + int(random() % 12),
                  1 + int(random() % 28));
    if (random() % 2 == 0) {
      Charge(flat, date, date, 100 + static_cast<Cents>(random() % 5000));
    } else {
      Pay(flat, date, 100 + static_cast<Cents>(random() % 5000));
    }

    const auto statement = ledger_.GetStatement(office_, flat, std::nullopt, std::nullopt);
    std::vector<LedgerEntry> entries;
    for (const auto& line : statement->lines) {
      entries.push_back(line.entry);
    }
    const Position expected = ComputePosition(entries);
    const DebtReport report = Report("2030-01-01");
    Cents open = 0;
    for (const auto& row : report.rows) {
      open += row.aging.overdue() + row.aging.not_due;
      EXPECT_EQ(row.balance, expected.balance) << i;
    }
    Cents expected_open = 0;
    for (const auto& item : expected.open_items) {
      expected_open += item.open;
    }
    EXPECT_EQ(open, expected_open) << i;
  }
}

TEST_F(LedgerServiceTest, AReferenceNamesOneEntryPerApartment) {
  const std::int64_t flat = AddApartment("1A");
  ASSERT_TRUE(ledger_.RecordPayment(office_, flat, {100, D("2025-01-01"), "cash", "", "R-1"}));
  auto again = ledger_.RecordPayment(office_, flat, {100, D("2025-01-01"), "cash", "", "R-1"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "reference_exists");
}

TEST_F(LedgerServiceTest, BadInputIsRefusedAndChangesNothing) {
  const std::int64_t flat = AddApartment("1A");
  EXPECT_FALSE(ledger_.RecordPayment(office_, flat, {0, D("2025-01-01"), "cash", "", {}}));
  EXPECT_FALSE(ledger_.RecordPayment(office_, flat, {100, D("2025-01-01"), "barter", "", {}}));
  EXPECT_FALSE(ledger_.PostCharge(office_, flat, {100, D("2025-02-01"), D("2025-01-01"), "", {}}));
  EXPECT_TRUE(ledger_.GetStatement(office_, flat, std::nullopt, std::nullopt)->lines.empty());
}

TEST_F(LedgerServiceTest, AnotherOfficeCannotPostReadOrReverse) {
  const std::int64_t flat = AddApartment("1A");
  const std::int64_t charge = Charge(flat, "2025-01-01", "2025-01-10", 5000);
  const Scope stranger = ScopeForTesting::Office(database_.AddTenant("stranger"));

  EXPECT_EQ(
      ledger_.RecordPayment(stranger, flat, {100, D("2025-01-01"), "cash", "", {}}).error().kind,
      ErrorKind::kNotFound);
  EXPECT_EQ(ledger_.GetStatement(stranger, flat, std::nullopt, std::nullopt).error().kind,
            ErrorKind::kNotFound);
  EXPECT_EQ(ledger_.Reverse(stranger, charge, {std::nullopt, std::nullopt, "x"}).error().kind,
            ErrorKind::kNotFound);
}

}  // namespace
}  // namespace concierge::finance
