#pragma once

#include <gtest/gtest.h>

#include "finance/debt_report.hpp"
#include "finance/expense_sheets.hpp"
#include "finance/ledger_service.hpp"
#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::finance {

inline Date D(const char* text) {
  return *ParseDate(text);
}

// An office with one building and helpers to post to its apartments.
class FinanceFixture : public ::testing::Test {
 protected:
  FinanceFixture()
      : clock_(*ParseTimestamp("2025-12-05T10:00:00Z")),
        tenancy_(database_.db()),
        ledger_(database_.db(), clock_),
        sheets_(database_.db(), clock_),
        reports_(database_.db(), clock_),
        office_(ScopeForTesting::Office(database_.AddTenant("office"))) {
    tenancy::Building building;
    building.code = "B1";
    building.name = "Building One";
    building_ = *tenancy_.CreateBuilding(office_, building);
  }

  std::int64_t AddApartment(const std::string& number, tenancy::Shares shares = {},
                            const std::string& owner = "Owner") {
    tenancy::Apartment apartment;
    apartment.building_id = building_.id;
    apartment.number = number;
    apartment.owner_name = owner;
    apartment.shares = std::move(shares);
    auto created = tenancy_.CreateApartment(office_, apartment);
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return created->id;
  }

  std::int64_t Charge(std::int64_t apartment, const char* date, const char* due, Cents amount) {
    auto entry = ledger_.PostCharge(office_, apartment, {amount, D(date), D(due), "Charge", {}});
    EXPECT_TRUE(entry) << (entry ? "" : entry.error().detail);
    return entry->id;
  }

  std::int64_t Pay(std::int64_t apartment, const char* date, Cents amount) {
    auto entry = ledger_.RecordPayment(office_, apartment, {amount, D(date), "cash", "", {}});
    EXPECT_TRUE(entry) << (entry ? "" : entry.error().detail);
    return entry->id;
  }

  DebtReport Report(const char* as_of) {
    auto report = reports_.Build(office_, building_.id, D(as_of));
    EXPECT_TRUE(report) << (report ? "" : report.error().detail);
    return **report;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  tenancy::TenancyService tenancy_;
  LedgerService ledger_;
  ExpenseSheetService sheets_;
  DebtReportService reports_;
  Scope office_;
  tenancy::Building building_;
};

}  // namespace concierge::finance
