#include "finance/expense_sheets.hpp"

#include "finance/finance_fixture.hpp"

namespace concierge::finance {
namespace {

using ExpenseSheetTest = FinanceFixture;

TEST_F(ExpenseSheetTest, ChargesSumToTheSheetTotalToTheCent) {
  AddApartment("1A", {{"general", 333}, {"elevator", 0}});
  AddApartment("1B", {{"general", 333}, {"elevator", 500}});
  AddApartment("1C", {{"general", 334}, {"elevator", 500}});

  auto sheet = sheets_.Create(office_, building_.id,
                              {"2025-11",
                               "",
                               D("2025-11-01"),
                               D("2025-11-10"),
                               {{"general", "Cleaning", 10000}, {"elevator", "Service", 3333}}});
  ASSERT_TRUE(sheet) << sheet.error().detail;
  EXPECT_EQ(sheet->total, 13333);
  Cents sum = 0;
  for (const auto& charge : sheet->charges) {
    sum += charge.amount;
  }
  EXPECT_EQ(sum, 13333);
  ASSERT_EQ(sheet->charges.size(), 3u);
  EXPECT_EQ(sheet->charges[0].amount, 3330);  // general only, no elevator share

  const DebtReport report = Report("2025-11-10");
  EXPECT_EQ(report.total_debt, 13333);
}

TEST_F(ExpenseSheetTest, ACategoryNotSummingToAThousandIsRefusedAndNothingIsPosted) {
  const std::int64_t flat = AddApartment("1A", {{"general", 600}});
  AddApartment("1B", {{"general", 300}});

  auto sheet = sheets_.Create(
      office_, building_.id,
      {"2025-11", "", D("2025-11-01"), D("2025-11-10"), {{"general", "Cleaning", 10000}}});
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, "shares_do_not_sum");
  EXPECT_NE(sheet.error().detail.find("general"), std::string::npos);
  EXPECT_NE(sheet.error().detail.find("900"), std::string::npos);
  EXPECT_TRUE(ledger_.GetStatement(office_, flat, std::nullopt, std::nullopt)->lines.empty());
  EXPECT_TRUE(sheets_.List(office_, building_.id)->empty());
}

// Regression: sheet charges used the reference SHEET-<id>, so a manual entry
// with that reference made every new sheet of the building fail with a 500.
TEST_F(ExpenseSheetTest, AManualReferenceCannotCollideWithSheetCharges) {
  const std::int64_t flat = AddApartment("1A", {{"general", 1000}});
  for (int id = 1; id <= 3; ++id) {
    ASSERT_TRUE(ledger_.PostCharge(
        office_, flat,
        {100, D("2025-11-01"), D("2025-11-10"), "x", "SHEET-" + std::to_string(id)}));
  }
  auto sheet = sheets_.Create(
      office_, building_.id,
      {"2025-11", "", D("2025-11-01"), D("2025-11-10"), {{"general", "Cleaning", 10000}}});
  ASSERT_TRUE(sheet) << sheet.error().detail;
}

TEST_F(ExpenseSheetTest, ASheetTotalIsCappedSoBalancesCannotOverflow) {
  AddApartment("1A", {{"general", 1000}});
  std::vector<ExpenseItem> items(200, {"general", "", kMaxAmountCents});
  auto sheet = sheets_.Create(office_, building_.id,
                              {"2025-11", "", D("2025-11-01"), D("2025-11-10"), items});
  ASSERT_FALSE(sheet);
  EXPECT_TRUE(sheet.error().fields.count("items"));
}

TEST_F(ExpenseSheetTest, ACategoryNoApartmentHasIsNamedAsUnknown) {
  AddApartment("1A", {{"general", 1000}});
  auto sheet =
      sheets_.Create(office_, building_.id,
                     {"2025-11", "", D("2025-11-01"), D("2025-11-10"), {{"water", "Water", 1000}}});
  ASSERT_FALSE(sheet);
  EXPECT_EQ(sheet.error().code, "unknown_category");
}

TEST_F(ExpenseSheetTest, InvalidSheetsNameTheirFields) {
  auto sheet =
      sheets_.Create(office_, building_.id, {"2025-13", "", D("2025-11-10"), D("2025-11-01"), {}});
  ASSERT_FALSE(sheet);
  EXPECT_TRUE(sheet.error().fields.count("period"));
  EXPECT_TRUE(sheet.error().fields.count("due_date"));
  EXPECT_TRUE(sheet.error().fields.count("items"));
}

}  // namespace
}  // namespace concierge::finance
