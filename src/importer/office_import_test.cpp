#include "importer/office_import.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "accounts/scope_factory.hpp"
#include "finance/debt_report.hpp"
#include "importer/temp_folder.hpp"
#include "tenancy/repository.hpp"
#include "test_database.hpp"

namespace concierge::importer {
namespace {

constexpr const char* kBuildingsHeader = "building_code,name,address,city,timezone,currency\n";
constexpr const char* kApartmentsHeader =
    "building_code,apartment_number,floor,owner_name,owner_email,occupant_name,"
    "shares_general,shares_elevator,shares_heating\n";
constexpr const char* kLedgerHeader =
    "building_code,apartment_number,entry_date,kind,amount,due_date,description,reference\n";

// A small office: one building, two apartments, three entries.
constexpr const char* kBuildingRows = "B1,Ermou 5,Ermou 5,Athens,Europe/Athens,EUR\n";
constexpr const char* kApartmentRows =
    "B1,1A,1,Anna Georgiou,anna@example.com,Anna Georgiou,600,500,\n"
    "B1,1B,1,Babis Makris,babis@example.com,,400,500,\n";
constexpr const char* kLedgerRows =
    "B1,1A,2025-01-01,charge,100.00,2025-01-10,Common expenses 2025-01,CHG-2025-01\n"
    "B1,1A,2025-01-05,payment,40,,Cash,PAY-1\n"
    "B1,1B,2025-01-01,charge,80.50,2025-01-10,Common expenses 2025-01,CHG-2025-01\n";

class OfficeImportTest : public ::testing::Test {
 protected:
  void WriteOffice(const std::string& buildings = kBuildingRows,
                   const std::string& apartments = kApartmentRows,
                   const std::string& ledger = kLedgerRows) {
    folder_.Write("buildings.csv", kBuildingsHeader + buildings);
    folder_.Write("apartments.csv", kApartmentsHeader + apartments);
    folder_.Write("ledger.csv", kLedgerHeader + ledger);
  }

  ImportOutcome Import(const std::string& directory) {
    ImportOptions options;
    options.directory = directory;
    options.tenant_slug = "acme";
    options.tenant_name = "Acme Property";
    return ImportOffice(database_.db(), options);
  }

  ImportOutcome Import() { return Import(folder_.path()); }

  long long Count(const std::string& table) {
    return database_.db().Read([&](soci::session& sql) {
      long long count = 0;
      sql << "SELECT count(*) FROM " + table, soci::into(count);
      return count;
    });
  }

  void ExpectNothingWritten() {
    EXPECT_EQ(Count("tenants"), 0);
    EXPECT_EQ(Count("buildings"), 0);
    EXPECT_EQ(Count("apartments"), 0);
    EXPECT_EQ(Count("apartment_shares"), 0);
    EXPECT_EQ(Count("ledger_entries"), 0);
  }

  static std::string Describe(const ImportOutcome& outcome) {
    std::string text;
    for (const ImportProblem& problem : outcome.problems) {
      text += problem.ToString() + "\n";
    }
    return text;
  }

  testing::TestDatabase database_;
  TempFolder folder_;
};

TEST_F(OfficeImportTest, ImportsBuildingsApartmentsSharesAndEntries) {
  WriteOffice();

  const ImportOutcome outcome = Import();

  ASSERT_TRUE(outcome.ok()) << Describe(outcome);
  const ImportSummary& summary = outcome.summary;
  EXPECT_TRUE(summary.tenant_created);
  EXPECT_GT(summary.tenant_id, 0);
  EXPECT_EQ(summary.buildings_created, 1);
  EXPECT_EQ(summary.apartments_created, 2);
  EXPECT_EQ(summary.entries_created, 3);
  EXPECT_EQ(summary.entries_unchanged, 0);
  EXPECT_EQ(Count("apartment_shares WHERE category = 'general'"), 2);
  EXPECT_EQ(Count("apartment_shares WHERE category = 'heating'"), 0);

  database_.db().Read([&](soci::session& sql) {
    std::string name;
    sql << "SELECT name FROM tenants WHERE slug = 'acme'", soci::into(name);
    EXPECT_EQ(name, "Acme Property");
    long long amount = 0;
    std::string source;
    soci::indicator method = soci::i_ok;
    std::string method_text;
    sql << "SELECT amount_cents, source, method FROM ledger_entries WHERE reference = 'PAY-1'",
        soci::into(amount), soci::into(source), soci::into(method_text, method);
    EXPECT_EQ(amount, -4000);
    EXPECT_EQ(source, "import");
    EXPECT_EQ(method, soci::i_null);
    long long balance = 0;
    sql << "SELECT b.balance_cents FROM apartment_balances b JOIN apartments a"
           " ON a.id = b.apartment_id WHERE a.number = '1A'",
        soci::into(balance);
    EXPECT_EQ(balance, 6000);
  });
}

TEST_F(OfficeImportTest, ReportsProgressOfEachPhase) {
  WriteOffice();
  std::vector<std::string> phases;
  ImportOptions options{folder_.path(), "acme", "", [&](const std::string& phase, long, long) {
                          if (phases.empty() || phases.back() != phase) {
                            phases.push_back(phase);
                          }
                        }};

  ASSERT_TRUE(ImportOffice(database_.db(), options).ok());
  EXPECT_EQ(phases, (std::vector<std::string>{"validating ledger", "writing ledger",
                                              "refreshing balances"}));
}

TEST_F(OfficeImportTest, SecondImportChangesNothing) {
  WriteOffice();
  ASSERT_TRUE(Import().ok());

  const ImportOutcome again = Import();

  ASSERT_TRUE(again.ok()) << Describe(again);
  EXPECT_FALSE(again.summary.tenant_created);
  EXPECT_EQ(again.summary.buildings_created + again.summary.buildings_updated, 0);
  EXPECT_EQ(again.summary.apartments_created + again.summary.apartments_updated, 0);
  EXPECT_EQ(again.summary.entries_created, 0);
  EXPECT_EQ(again.summary.entries_unchanged, 3);
  EXPECT_EQ(Count("ledger_entries"), 3);
}

TEST_F(OfficeImportTest, ReimportUpdatesBuildingsAndApartmentsAndAddsNewEntries) {
  WriteOffice();
  ASSERT_TRUE(Import().ok());
  WriteOffice("B1,Ermou 5 Residence,Ermou 5,Athens,Europe/Athens,EUR\n",
              "B1,1A,2,Anna Georgiou,anna@example.com,Anna Georgiou,600,500,\n"
              "B1,1B,1,Babis Makris,babis@example.com,,400,500,\n",
              std::string(kLedgerRows) + "B1,1B,2025-01-20,payment,80.50,,Bank,PAY-1\n");

  const ImportOutcome again = Import();

  ASSERT_TRUE(again.ok()) << Describe(again);
  EXPECT_EQ(again.summary.buildings_updated, 1);
  EXPECT_EQ(again.summary.apartments_updated, 1);
  EXPECT_EQ(again.summary.entries_created, 1);
  EXPECT_EQ(again.summary.entries_unchanged, 3);
  EXPECT_EQ(Count("apartment_balances WHERE balance_cents = 0"), 1);
}

TEST_F(OfficeImportTest, EntriesMayNameApartmentsTheOfficeAlreadyHas) {
  WriteOffice();
  ASSERT_TRUE(Import().ok());
  WriteOffice("", "", "B1,1B,2025-02-01,charge,10.00,2025-02-10,Extra,EXTRA-1\n");

  const ImportOutcome again = Import();

  ASSERT_TRUE(again.ok()) << Describe(again);
  EXPECT_EQ(again.summary.entries_created, 1);
  EXPECT_EQ(Count("ledger_entries"), 4);
}

// One bad row in one file: nothing is written and the row is named.
struct BadRowCase {
  const char* name;
  const char* file;
  std::string buildings = kBuildingRows;
  std::string apartments = kApartmentRows;
  std::string ledger = kLedgerRows;
  long line = 0;
  const char* column = "";
  const char* reason = "";  // a part of the expected reason
};

// Names the case in test output (the default would dump the struct's bytes).
void PrintTo(const BadRowCase& bad, std::ostream* out) {
  *out << bad.name;
}

class BadRowTest : public OfficeImportTest, public ::testing::WithParamInterface<BadRowCase> {};

TEST_P(BadRowTest, WritesNothingAndNamesTheRow) {
  const BadRowCase& bad = GetParam();
  WriteOffice(bad.buildings, bad.apartments, bad.ledger);

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 1u) << Describe(outcome);
  const ImportProblem& problem = outcome.problems.front();
  EXPECT_EQ(problem.file, bad.file);
  EXPECT_EQ(problem.line, bad.line);
  EXPECT_EQ(problem.column, bad.column);
  EXPECT_FALSE(problem.reason.empty());
  EXPECT_NE(problem.reason.find(bad.reason), std::string::npos) << problem.reason;
  ExpectNothingWritten();
}

std::string LedgerWith(const std::string& bad_row) {
  // The bad row lands on line 3, after the header and one good row.
  return "B1,1A,2025-01-01,charge,100.00,2025-01-10,January,CHG-2025-01\n" + bad_row +
         "B1,1B,2025-01-01,charge,80.50,2025-01-10,January,CHG-2025-01\n";
}

BadRowCase Ledger(const char* name, const std::string& bad_row, const char* column,
                  const char* reason = "") {
  BadRowCase bad{name, "ledger.csv"};
  bad.ledger = LedgerWith(bad_row);
  bad.line = 3;
  bad.column = column;
  bad.reason = reason;
  return bad;
}

BadRowCase Apartments(const char* name, const std::string& bad_row, const char* column) {
  BadRowCase bad{name, "apartments.csv"};
  bad.apartments = std::string(kApartmentRows) + bad_row;
  bad.line = 4;
  bad.column = column;
  return bad;
}

INSTANTIATE_TEST_SUITE_P(
    OfficeImport, BadRowTest,
    ::testing::Values(
        Ledger("LedgerUnknownBuilding", "B9,1A,2025-01-02,charge,10.00,2025-01-10,x,R-1\n",
               "building_code", "unknown building B9"),
        Ledger("UnknownApartment", "B1,9Z,2025-01-02,charge,10.00,2025-01-10,x,R-1\n",
               "apartment_number"),
        Ledger("AmountWithThreeDecimals", "B1,1A,2025-01-02,charge,10.005,2025-01-10,x,R-1\n",
               "amount", "at most two decimal places"),
        Ledger("ZeroAmount", "B1,1A,2025-01-02,payment,0.00,,x,R-1\n", "amount", "more than zero"),
        Ledger("NegativeAmount", "B1,1A,2025-01-02,payment,-5.00,,x,R-1\n", "amount"),
        Ledger("ChargeWithoutDueDate", "B1,1A,2025-01-02,charge,10.00,,x,R-1\n", "due_date",
               "a charge needs a due date"),
        Ledger("PaymentWithDueDate", "B1,1A,2025-01-02,payment,10.00,2025-01-10,x,R-1\n",
               "due_date"),
        Ledger("DueBeforeEntry", "B1,1A,2025-01-02,charge,10.00,2025-01-01,x,R-1\n", "due_date"),
        Ledger("February30", "B1,1A,2025-02-30,charge,10.00,2025-03-10,x,R-1\n", "entry_date",
               "'2025-02-30' is not a calendar date"),
        Ledger("UnknownKind", "B1,1A,2025-01-02,refund,10.00,,x,R-1\n", "kind"),
        Ledger("MissingReference", "B1,1A,2025-01-02,payment,10.00,,x,\n", "reference"),
        Ledger("ReferenceTwiceForOneApartment", "B1,1A,2025-01-02,payment,10.00,,x,CHG-2025-01\n",
               "reference"),
        Ledger("LongDescription",
               "B1,1A,2025-01-02,payment,10.00,," + std::string(501, 'x') + ",R-1\n",
               "description"),
        Ledger("MissingField", "B1,1A,2025-01-02,payment,10.00,,x\n", ""),
        Apartments("ApartmentUnknownBuilding", "B9,1C,1,C,c@example.com,,,,\n", "building_code"),
        Apartments("DuplicateNumber", "B1,1A,1,C,c@example.com,,,,\n", "apartment_number"),
        Apartments("FloorNotANumber", "B1,1C,first,C,c@example.com,,0,0,\n", "floor"),
        Apartments("ImplausibleEmail", "B1,1C,1,C,c@example,,0,0,\n", "owner_email"),
        Apartments("ShareOutOfRange", "B1,1C,1,C,c@example.com,,1001,0,\n", "shares_general"),
        BadRowCase{"DuplicateBuilding", "buildings.csv",
                   std::string(kBuildingRows) + "B1,Again,,Athens,Europe/Athens,EUR\n",
                   kApartmentRows, kLedgerRows, 3, "building_code"},
        BadRowCase{"UnknownTimeZone", "buildings.csv", "B1,Ermou 5,,Athens,Europe/Atlantis,EUR\n",
                   kApartmentRows, kLedgerRows, 2, "timezone"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(OfficeImportTest, ShareCategoryNotSummingTo1000IsRefused) {
  WriteOffice(kBuildingRows,
              "B1,1A,1,Anna,anna@example.com,,600,500,\n"
              "B1,1B,1,Babis,babis@example.com,,390,500,\n");

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 1u) << Describe(outcome);
  const ImportProblem& problem = outcome.problems.front();
  EXPECT_EQ(problem.file, "apartments.csv");
  EXPECT_EQ(problem.line, 2);
  EXPECT_EQ(problem.column, "shares_general");
  EXPECT_NE(problem.reason.find("adds up to 990"), std::string::npos) << problem.reason;
  ExpectNothingWritten();
}

TEST_F(OfficeImportTest, ShareTotalsCountTheApartmentsTheOfficeAlreadyHas) {
  WriteOffice();
  ASSERT_TRUE(Import().ok());
  WriteOffice("", "B1,1C,2,Chrysa,chrysa@example.com,,100,,\n", "");

  const ImportOutcome again = Import();

  ASSERT_EQ(again.problems.size(), 2u) << Describe(again);
  EXPECT_EQ(again.problems[0].column, "shares_general");
  EXPECT_NE(again.problems[0].reason.find("adds up to 1100"), std::string::npos);
  EXPECT_EQ(again.problems[1].column, "shares_elevator");
  EXPECT_NE(again.problems[1].reason.find("empty for 1 of its 3"), std::string::npos);
  EXPECT_EQ(Count("apartments"), 2);
}

TEST_F(OfficeImportTest, ShareCategoryFilledForSomeApartmentsOnlyIsRefused) {
  WriteOffice(kBuildingRows,
              "B1,1A,1,Anna,anna@example.com,,600,500,1000\n"
              "B1,1B,1,Babis,babis@example.com,,400,500,\n");

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 1u) << Describe(outcome);
  EXPECT_EQ(outcome.problems[0].column, "shares_heating");
  EXPECT_NE(outcome.problems[0].reason.find("empty for 1 of its 2"), std::string::npos);
}

TEST_F(OfficeImportTest, MalformedCsvIsRefusedWithItsLine) {
  WriteOffice(kBuildingRows, kApartmentRows,
              "B1,1A,2025-01-01,charge,100.00,2025-01-10,\"January,CHG-1\n"
              "B1,1B,2025-01-01,charge,80.50,2025-01-10,January,CHG-1\n");

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 1u) << Describe(outcome);
  EXPECT_EQ(outcome.problems[0].file, "ledger.csv");
  EXPECT_EQ(outcome.problems[0].line, 2);
  ExpectNothingWritten();
}

TEST_F(OfficeImportTest, WrongHeaderIsRefusedAtLineOne) {
  WriteOffice();
  folder_.Write("buildings.csv",
                "building_code,name,city,address,timezone,currency\n"
                "B1,Ermou 5,Athens,Ermou 5,Europe/Athens,EUR\n");

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 1u) << Describe(outcome);
  EXPECT_EQ(outcome.problems[0].file, "buildings.csv");
  EXPECT_EQ(outcome.problems[0].line, 1);
  EXPECT_NE(outcome.problems[0].reason.find("header"), std::string::npos);
  ExpectNothingWritten();
}

TEST_F(OfficeImportTest, MissingFileIsAProblem) {
  WriteOffice();
  std::filesystem::remove(folder_.path() + "/apartments.csv");

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 1u) << Describe(outcome);
  EXPECT_EQ(outcome.problems[0].file, "apartments.csv");
  ExpectNothingWritten();
}

TEST_F(OfficeImportTest, CrlfLineEndingsAndByteOrderMarkAreAccepted) {
  folder_.Write("buildings.csv",
                "\xEF\xBB\xBF"
                "building_code,name,address,city,timezone,"
                "currency\r\nB1,Ermou 5,Ermou 5,Athens,Europe/Athens,EUR\r\n");
  folder_.Write("apartments.csv", std::string("\xEF\xBB\xBF") + kApartmentsHeader +
                                      "B1,1A,1,Anna,anna@example.com,,1000,,\r\n");
  folder_.Write("ledger.csv", std::string(kLedgerHeader) +
                                  "B1,1A,2025-01-01,charge,10.00,2025-01-10,January,CHG-1\r\n\r\n");

  const ImportOutcome outcome = Import();

  ASSERT_TRUE(outcome.ok()) << Describe(outcome);
  EXPECT_EQ(outcome.summary.entries_created, 1);
  EXPECT_EQ(Count("ledger_entries WHERE reference = 'CHG-1'"), 1);
  EXPECT_EQ(Count("buildings WHERE code = 'B1' AND currency = 'EUR'"), 1);
}

TEST_F(OfficeImportTest, QuotedFieldKeepsItsComma) {
  WriteOffice(kBuildingRows, kApartmentRows,
              "B1,1A,2025-01-01,charge,100.00,2025-01-10,\"Repairs, roof\",REP-1\n");

  const ImportOutcome outcome = Import();

  ASSERT_TRUE(outcome.ok()) << Describe(outcome);
  EXPECT_EQ(Count("ledger_entries WHERE description = 'Repairs, roof'"), 1);
}

TEST_F(OfficeImportTest, ReferenceImportedBeforeWithOtherValuesIsRefused) {
  WriteOffice();
  ASSERT_TRUE(Import().ok());
  WriteOffice(kBuildingRows, kApartmentRows,
              "B1,1A,2025-01-01,charge,100.01,2025-01-10,Common expenses,CHG-2025-01\n");

  const ImportOutcome again = Import();

  ASSERT_EQ(again.problems.size(), 1u) << Describe(again);
  EXPECT_EQ(again.problems[0].line, 2);
  EXPECT_EQ(again.problems[0].column, "reference");
  EXPECT_NE(again.problems[0].reason.find("imported before with different values"),
            std::string::npos);
  EXPECT_EQ(Count("ledger_entries"), 3);
}

TEST_F(OfficeImportTest, CurrencyOfABuildingWithEntriesCannotChange) {
  WriteOffice();
  ASSERT_TRUE(Import().ok());
  WriteOffice("B1,Ermou 5,Ermou 5,Athens,Europe/Athens,USD\n", "", "");

  const ImportOutcome again = Import();

  ASSERT_EQ(again.problems.size(), 1u) << Describe(again);
  EXPECT_EQ(again.problems[0].column, "currency");
  EXPECT_EQ(Count("buildings WHERE currency = 'EUR'"), 1);
}

TEST_F(OfficeImportTest, ListsAtMost200ProblemsAndSaysHowManyMore) {
  std::string ledger;
  for (int i = 0; i < 250; ++i) {
    ledger += "B1,1A,2025-01-01,charge,1.001,2025-01-10,x,R-" + std::to_string(i) + "\n";
  }
  WriteOffice(kBuildingRows, kApartmentRows, ledger);

  const ImportOutcome outcome = Import();

  ASSERT_EQ(outcome.problems.size(), 201u);
  EXPECT_EQ(outcome.problems[199].line, 201);
  EXPECT_NE(outcome.problems[200].reason.find("50 more"), std::string::npos);
  ExpectNothingWritten();
}

TEST(ImportProblem, ReadsAsFileLineColumnReason) {
  EXPECT_EQ((ImportProblem{"ledger.csv", 17, "amount", "at most two decimal places"}.ToString()),
            "ledger.csv:17:amount: at most two decimal places");
  EXPECT_EQ((ImportProblem{"ledger.csv", 3, "", "expected 8 fields"}.ToString()),
            "ledger.csv:3: expected 8 fields");
  EXPECT_EQ((ImportProblem{"", 0, "", "a slug is required"}.ToString()), "a slug is required");
}

// ---- The office sample of /work/shared/data, with its expected debt report ----

class OfficeSampleTest : public OfficeImportTest {
 protected:
  static constexpr const char* kSample = CONCIERGE_SHARED_DATA_DIR "/office-sample";

  static nlohmann::json Expected() {
    std::ifstream in(std::string(kSample) + "/EXPECTED.json");
    return nlohmann::json::parse(in);
  }

  finance::DebtReport Report(std::int64_t tenant_id, std::optional<std::int64_t> building_id) {
    const ManualClock clock(*ParseTimestamp("2026-01-15T09:00:00Z"));
    finance::DebtReportService reports(database_.db(), clock);
    auto report = reports.Build(accounts::ScopeFactory::ForOperator(tenant_id), building_id,
                                *ParseDate("2025-12-05"));
    EXPECT_TRUE(report) << (report ? "" : report.error().detail);
    return report ? **report : finance::DebtReport{};
  }

  static void ExpectMatches(const finance::DebtReport& report, const nlohmann::json& expected,
                            const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(FormatAmount(report.total_debt), expected.at("total_debt").get<std::string>());
    EXPECT_EQ(FormatAmount(report.not_due), expected.at("not_due").get<std::string>());
    const char* names[] = {"0-30", "31-60", "61-90", "90+"};
    for (std::size_t b = 0; b < report.buckets.size(); ++b) {
      EXPECT_EQ(FormatAmount(report.buckets[b].amount), expected.at(names[b]).get<std::string>())
          << names[b];
    }
    EXPECT_EQ(static_cast<long>(report.rows.size()),
              expected.at("indebted_apartments").get<long>());
  }

  void ExpectExpectedReport(std::int64_t tenant_id) {
    const nlohmann::json expected = Expected();
    const Scope scope = accounts::ScopeFactory::ForOperator(tenant_id);
    ASSERT_EQ(expected.at("buildings").size(), 10u);
    for (const auto& [code, figures] : expected.at("buildings").items()) {
      const auto building = database_.db().Read(
          [&](soci::session& sql) { return tenancy::SelectBuildingByCode(sql, scope, code); });
      ASSERT_TRUE(building) << code;
      ExpectMatches(Report(tenant_id, building->id), figures, code);
    }
    ExpectMatches(Report(tenant_id, std::nullopt), expected.at("office"), "office");
  }
};

TEST_F(OfficeSampleTest, ImportsTheSampleAndItsDebtReportMatchesExpected) {
  const ImportOutcome outcome = Import(kSample);

  ASSERT_TRUE(outcome.ok()) << Describe(outcome);
  EXPECT_EQ(outcome.summary.buildings_created, 10);
  EXPECT_EQ(outcome.summary.apartments_created, 300);
  EXPECT_EQ(outcome.summary.entries_created, 13'686);
  EXPECT_EQ(Count("ledger_entries"), 13'686);
  ExpectExpectedReport(outcome.summary.tenant_id);

  const ImportOutcome again = Import(kSample);

  ASSERT_TRUE(again.ok()) << Describe(again);
  EXPECT_EQ(again.summary.tenant_id, outcome.summary.tenant_id);
  EXPECT_EQ(again.summary.buildings_created + again.summary.buildings_updated, 0);
  EXPECT_EQ(again.summary.apartments_created + again.summary.apartments_updated, 0);
  EXPECT_EQ(again.summary.entries_created, 0);
  EXPECT_EQ(again.summary.entries_unchanged, 13'686);
  EXPECT_EQ(Count("ledger_entries"), 13'686);
  ExpectExpectedReport(outcome.summary.tenant_id);
}

}  // namespace
}  // namespace concierge::importer
