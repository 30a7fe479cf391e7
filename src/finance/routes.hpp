#pragma once

#include "core/clock.hpp"
#include "finance/debt_report.hpp"
#include "finance/expense_sheets.hpp"
#include "finance/ledger_service.hpp"
#include "http/router.hpp"

namespace concierge::finance {

struct FinanceServices {
  LedgerService& ledger;
  ExpenseSheetService& sheets;
  DebtReportService& debt_report;
};

// Statements, payments, charges, reversals, expense sheets and the debt
// report. The services must outlive `router`.
void AddRoutes(http::Router& router, FinanceServices services);

}  // namespace concierge::finance
