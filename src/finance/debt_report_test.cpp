#include "finance/debt_report.hpp"

#include <random>

#include "finance/allocation.hpp"
#include "finance/finance_fixture.hpp"
#include "finance/report_format.hpp"

namespace concierge::finance {
namespace {

using DebtReportTest = FinanceFixture;

Cents BucketAmount(const DebtReport& report, Bucket bucket) {
  return report.buckets[static_cast<std::size_t>(bucket)].amount;
}

TEST_F(DebtReportTest, BoundaryDaysLandInTheirBuckets) {
  const std::int64_t flat = AddApartment("1A");
  for (const char* due :
       {"2025-11-05", "2025-11-04", "2025-10-06", "2025-10-05", "2025-09-06", "2025-09-05"}) {
    Charge(flat, "2025-09-01", due, 10000);  // 30, 31, 60, 61, 90, 91 days before 2025-12-05
  }
  Charge(flat, "2025-09-01", "2025-12-06", 5000);  // due tomorrow

  const DebtReport report = Report("2025-12-05");
  EXPECT_EQ(BucketAmount(report, Bucket::k0To30), 10000);
  EXPECT_EQ(BucketAmount(report, Bucket::k31To60), 20000);
  EXPECT_EQ(BucketAmount(report, Bucket::k61To90), 20000);
  EXPECT_EQ(BucketAmount(report, Bucket::kOver90), 10000);
  EXPECT_EQ(report.total_debt, 60000);
  EXPECT_EQ(report.not_due, 5000);
  ASSERT_EQ(report.rows.size(), 1u);
  EXPECT_EQ(report.rows[0].balance, 65000);
}

TEST_F(DebtReportTest, PastAsOfIgnoresLaterEntries) {
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2024-05-01", "2024-05-01", 100000);
  Pay(flat, "2024-06-10", 100000);

  const DebtReport may = Report("2024-05-31");
  EXPECT_EQ(BucketAmount(may, Bucket::k0To30), 100000);
  EXPECT_EQ(may.total_debt, 100000);
  const DebtReport june = Report("2024-06-30");
  EXPECT_EQ(june.total_debt, 0);
  EXPECT_TRUE(june.rows.empty());
}

TEST_F(DebtReportTest, PartialPaymentsAndTheLastCent) {
  const std::int64_t partial = AddApartment("1A");
  Charge(partial, "2025-10-01", "2025-10-10", 100000);
  Pay(partial, "2025-10-20", 30000);
  const std::int64_t thirds = AddApartment("1B");
  Charge(thirds, "2025-10-01", "2025-10-10", 10000);
  Pay(thirds, "2025-10-11", 3333);
  Pay(thirds, "2025-10-12", 3333);
  Pay(thirds, "2025-10-13", 3334);
  const std::int64_t cent = AddApartment("1C");
  Charge(cent, "2025-10-01", "2025-10-10", 10000);
  Pay(cent, "2025-10-11", 9999);

  const DebtReport report = Report("2025-12-05");
  ASSERT_EQ(report.rows.size(), 2u);
  EXPECT_EQ(report.rows[0].number, "1A");
  EXPECT_EQ(report.rows[0].aging.overdue(), 70000);
  EXPECT_EQ(*report.rows[0].aging.oldest_overdue_due_date, D("2025-10-10"));
  EXPECT_EQ(report.rows[1].number, "1C");
  EXPECT_EQ(report.rows[1].aging.overdue(), 1);
  EXPECT_EQ(report.total_debt, 70001);
}

TEST_F(DebtReportTest, OverpaymentIsNeitherDebtNorANegativeBucket) {
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2025-10-01", "2025-10-10", 10000);
  Pay(flat, "2025-10-02", 25000);

  const DebtReport report = Report("2025-12-05");
  EXPECT_TRUE(report.rows.empty());
  for (Bucket bucket : kBuckets) {
    EXPECT_EQ(BucketAmount(report, bucket), 0);
  }
  EXPECT_EQ(report.total_debt, 0);
}

TEST_F(DebtReportTest, AnotherOfficesBuildingIsNotFound) {
  const Scope stranger = ScopeForTesting::Office(database_.AddTenant("stranger"));
  auto report = reports_.Build(stranger, building_.id, D("2025-12-05"));
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().kind, ErrorKind::kNotFound);
}

TEST_F(DebtReportTest, CsvNeutralisesFormulasAndKeepsNumbers) {
  const std::int64_t flat = AddApartment("1A", {}, R"x(=HYPERLINK("http://x","y"))x");
  Charge(flat, "2025-10-01", "2025-10-10", 10000);
  std::string csv = DebtReportCsv(Report("2025-12-05"));
  EXPECT_NE(csv.find(R"x("'=HYPERLINK(""http://x"",""y"")")x"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);

  DebtReport by_hand;
  by_hand.as_of = D("2025-12-05");
  for (const char* owner : {"@cmd", "+cmd", "-cmd", "\tcmd", "\rcmd"}) {
    DebtRow row;
    row.owner_name = owner;
    row.number = owner;
    row.balance = -15000;
    row.aging.buckets[0] = 100;
    row.aging.oldest_overdue_due_date = D("2025-12-01");
    by_hand.rows.push_back(row);
  }
  csv = DebtReportCsv(by_hand);
  for (const char* neutralised : {",'@cmd,", ",'+cmd,", ",'-cmd,", ",'\tcmd,", "\"'\rcmd\""}) {
    EXPECT_NE(csv.find(neutralised), std::string::npos) << neutralised;
  }
  EXPECT_NE(csv.find(",-150.00,"), std::string::npos);
}

// The stored open items (today's fast path) and a replay of the entries must
// agree, whatever the history: compare both against a plain recomputation.
TEST_F(DebtReportTest, StoredPositionsAgreeWithReplayingTheLedger) {
  std::mt19937 random(20251205);
  std::vector<std::int64_t> flats;
  for (int i = 0; i < 12; ++i) {
    flats.push_back(AddApartment("F" + std::to_string(i)));
  }
  for (int month = 1; month <= 12; ++month) {
    char date[16];
    char due[16];
    std::snprintf(date, sizeof date, "2025-%02d-01", month);
    std::snprintf(due, sizeof due, "2025-%02d-10", month);
    for (std::int64_t flat : flats) {
      Charge(flat, date, due, 1000 + static_cast<Cents>(random() % 9000));
      if (random() % 3 != 0) {
        char paid[16];
        std::snprintf(paid, sizeof paid, "2025-%02d-%02d", month, 2 + int(random() % 26));
        Pay(flat, paid, 500 + static_cast<Cents>(random() % 12000));
      }
    }
  }
  // A reversal of a charge and of a payment, to exercise both rules.
  auto statement = ledger_.GetStatement(office_, flats[0], std::nullopt, std::nullopt);
  ASSERT_TRUE(ledger_.Reverse(office_, statement->lines[0].entry.id,
                              {D("2025-12-01"), std::nullopt, "Wrong amount"}));

  for (const char* as_of : {"2025-03-15", "2025-07-31", "2025-12-05", "2026-06-01"}) {
    const DebtReport report = Report(as_of);
    Cents expected_total = 0;
    Cents expected_not_due = 0;
    for (std::int64_t flat : flats) {
      auto lines = ledger_.GetStatement(office_, flat, std::nullopt, std::nullopt)->lines;
      std::vector<LedgerEntry> entries;
      for (const auto& line : lines) {
        entries.push_back(line.entry);
      }
      const Aging aging = AgeOpenItems(ComputePosition(entries, D(as_of)).open_items, D(as_of));
      expected_total += aging.overdue();
      expected_not_due += aging.not_due;
    }
    EXPECT_EQ(report.total_debt, expected_total) << as_of;
    EXPECT_EQ(report.not_due, expected_not_due) << as_of;
    Cents buckets = 0;
    for (Bucket bucket : kBuckets) {
      buckets += BucketAmount(report, bucket);
    }
    EXPECT_EQ(buckets, report.total_debt) << as_of;
  }
}

TEST_F(DebtReportTest, ACachedReportIsNotServedAfterAPosting) {
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2025-10-01", "2025-10-10", 10000);
  auto first = reports_.Build(office_, building_.id, D("2025-12-05"));
  auto again = reports_.Build(office_, building_.id, D("2025-12-05"));
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->get(), again->get());  // served from the cache
  EXPECT_EQ((*first)->total_debt, 10000);

  Pay(flat, "2025-11-01", 4000);
  auto after = reports_.Build(office_, building_.id, D("2025-12-05"));
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)->total_debt, 6000);
}

// Regression: renaming an apartment did not invalidate the cached report.
TEST_F(DebtReportTest, ACachedReportIsNotServedAfterAnApartmentIsRenamed) {
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2025-10-01", "2025-10-10", 10000);
  EXPECT_EQ(Report("2025-12-05").rows.at(0).number, "1A");
  ASSERT_TRUE(tenancy_.UpdateApartment(office_, flat, [](tenancy::Apartment& apartment) {
    apartment.number = "1A-RENAMED";
    return Status{};
  }));
  EXPECT_EQ(Report("2025-12-05").rows.at(0).number, "1A-RENAMED");
}

TEST_F(DebtReportTest, ABuildingWithBooksKeepsItsCurrency) {
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2025-10-01", "2025-10-10", 10000);
  auto changed = tenancy_.UpdateBuilding(office_, building_.id, [](tenancy::Building& building) {
    building.currency = "USD";
    return Status{};
  });
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, "currency_locked");
}

TEST_F(DebtReportTest, StaffAndManagersDoNotShareACachedReport) {
  tenancy::Building other;
  other.code = "B2";
  other.name = "Building Two";
  const auto second = *tenancy_.CreateBuilding(office_, other);
  const std::int64_t flat = AddApartment("1A");
  Charge(flat, "2025-10-01", "2025-10-10", 10000);

  auto office_wide = reports_.Build(office_, std::nullopt, D("2025-12-05"));
  const Scope staff = ScopeForTesting::Staff(office_.tenant_id(), {second.id});
  auto staff_view = reports_.Build(staff, std::nullopt, D("2025-12-05"));
  EXPECT_EQ((*office_wide)->total_debt, 10000);
  EXPECT_EQ((*staff_view)->total_debt, 0);
}

TEST_F(DebtReportTest, DefaultAsOfIsTodayInTheBuildingsZone) {
  clock_.Set(*ParseTimestamp("2025-12-31T22:30:00Z"));  // already 2026-01-01 in Athens
  auto report = reports_.Build(office_, building_.id, std::nullopt);
  ASSERT_TRUE(report);
  EXPECT_EQ(FormatDate((*report)->as_of), "2026-01-01");
}

TEST_F(DebtReportTest, JsonHasTheDesignedShape) {
  const std::int64_t flat = AddApartment("A2");
  Charge(flat, "2025-08-01", "2025-08-10", 41000);
  const auto json = DebtReportJson(Report("2025-11-30"));
  EXPECT_EQ(json["as_of"], "2025-11-30");
  EXPECT_EQ(json["building_id"], building_.id);
  EXPECT_EQ(json["buckets"]["0-30"]["amount"], "0.00");
  EXPECT_EQ(json["buckets"]["90+"]["amount"], "410.00");
  EXPECT_EQ(json["buckets"]["90+"]["apartments"], 1);
  EXPECT_EQ(json["buckets"]["61-90"]["apartments"], 0);
  EXPECT_EQ(json["buckets"].size(), 4u);
  EXPECT_EQ(json["total_debt"], "410.00");
  EXPECT_EQ(json["apartments"][0]["number"], "A2");
  EXPECT_EQ(json["apartments"][0]["balance"], "410.00");
  EXPECT_EQ(json["apartments"][0]["oldest_due_date"], "2025-08-10");
  EXPECT_EQ(json["apartments"][0]["days_overdue"], 112);
  EXPECT_EQ(json["apartments"][0]["buckets"]["90+"], "410.00");
}

}  // namespace
}  // namespace concierge::finance
