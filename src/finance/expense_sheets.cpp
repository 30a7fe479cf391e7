#include "finance/expense_sheets.hpp"

#include <map>

#include "audit/repository.hpp"
#include "finance/distribution.hpp"
#include "finance/ledger_repository.hpp"
#include "storage/rows.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"
#include "tenancy/validation.hpp"

namespace concierge::finance {

using storage::Int;
using storage::Text;

namespace {

bool IsPeriod(const std::string& period) {
  return period.size() == 7 && period[4] == '-' && ParseDate(period + "-01").has_value();
}

Status Validate(const SheetInput& input) {
  std::map<std::string, std::string> fields;
  if (!IsPeriod(input.period)) {
    fields["period"] = "A month written as YYYY-MM.";
  }
  if (input.title.size() > 200) {
    fields["title"] = "At most 200 characters.";
  }
  if (input.due_date < input.issue_date) {
    fields["due_date"] = "Cannot be before the issue date.";
  }
  if (input.items.empty() || input.items.size() > 200) {
    fields["items"] = "List 1 to 200 expenses.";
  }
  Cents total = 0;
  for (const auto& item : input.items) {
    total += item.amount;  // each item is at most kMaxAmountCents: no overflow
  }
  if (total > kMaxAmountCents) {
    fields["items"] = "A sheet totals at most " + FormatAmount(kMaxAmountCents) + ".";
  }
  for (const auto& item : input.items) {
    if (!tenancy::IsCategoryName(item.category)) {
      fields["items"] = "Category '" + item.category + "' is not a lowercase name.";
    } else if (item.amount <= 0) {
      fields["items"] = "Every expense must be more than zero.";
    } else if (item.description.size() > 200) {
      fields["items"] = "Descriptions have at most 200 characters.";
    }
  }
  if (fields.empty()) {
    return {};
  }
  return Fail(Error::Invalid("invalid_input", "The expense sheet has invalid fields.", fields));
}

ExpenseSheet ReadSheet(const soci::row& row) {
  ExpenseSheet sheet;
  sheet.id = Int(row, 0);
  sheet.building_id = Int(row, 1);
  sheet.period = Text(row, 2);
  sheet.title = Text(row, 3);
  sheet.issue_date = ParseDate(Text(row, 4)).value_or(Date{});
  sheet.due_date = ParseDate(Text(row, 5)).value_or(Date{});
  sheet.total = Int(row, 6);
  return sheet;
}

}  // namespace

Result<ExpenseSheet> ExpenseSheetService::Create(const Scope& scope, std::int64_t building_id,
                                                 const SheetInput& input,
                                                 const audit::Actor& actor) {
  if (auto valid = Validate(input); !valid) {
    return Fail(valid.error());
  }
  return db_.Write([&](soci::session& sql) -> Result<ExpenseSheet> {
    if (!tenancy::SelectBuilding(sql, scope, building_id)) {
      return Fail(tenancy::BuildingNotFound());
    }

    std::map<std::int64_t, Cents> per_apartment;
    ExpenseSheet sheet{0,           building_id,      input.period,
                       input.title, input.issue_date, input.due_date,
                       0,           input.items,      {}};
    for (const auto& item : input.items) {
      const auto shares = tenancy::SelectCategoryShares(sql, scope, building_id, item.category);
      if (shares.empty()) {
        return Fail(Error::Invalid(
            "unknown_category",
            "No apartment of this building has shares in category '" + item.category + "'.",
            {{"items", "Unknown category " + item.category + "."}}));
      }
      std::vector<ShareHolder> holders;
      for (const auto& [apartment_id, per_mille] : shares) {
        holders.push_back({apartment_id, per_mille});
      }
      auto parts = DistributeByShares(item.amount, holders);
      if (!parts) {
        return Fail(Error::Invalid("shares_do_not_sum",
                                   "Category '" + item.category + "': " + parts.error().detail,
                                   {{"items", parts.error().detail}}));
      }
      for (std::size_t i = 0; i < holders.size(); ++i) {
        per_apartment[holders[i].apartment_id] += (*parts)[i];
      }
      sheet.total += item.amount;
    }

    std::int64_t tenant = scope.tenant_id();
    std::string issue = FormatDate(input.issue_date);
    std::string due = FormatDate(input.due_date);
    std::string title = input.title.empty() ? "Common expenses " + input.period : input.title;
    sheet.title = title;
    sql << "INSERT INTO expense_sheets (tenant_id, building_id, period, title, issue_date,"
           " due_date, total_cents) VALUES (:t, :b, :p, :title, :i, :d, :total)",
        soci::use(tenant), soci::use(building_id), soci::use(input.period), soci::use(title),
        soci::use(issue), soci::use(due), soci::use(sheet.total);
    sheet.id = storage::LastInsertId(sql);
    for (const auto& item : input.items) {
      sql << "INSERT INTO expense_sheet_items (tenant_id, sheet_id, category, description,"
             " amount_cents) VALUES (:t, :s, :c, :d, :a)",
          soci::use(tenant), soci::use(sheet.id), soci::use(item.category),
          soci::use(item.description), soci::use(item.amount);
    }

    for (const auto& [apartment_id, amount] : per_apartment) {
      if (amount == 0) {
        continue;
      }
      if (auto room = CheckBalanceRoom(sql, scope, apartment_id, amount); !room) {
        return Fail(room.error());
      }
      LedgerEntry charge;
      charge.building_id = building_id;
      charge.apartment_id = apartment_id;
      charge.kind = EntryKind::kCharge;
      charge.entry_date = input.issue_date;
      charge.due_date = input.due_date;
      charge.amount = amount;
      charge.description = title;
      charge.source = "expense_sheet";
      charge.expense_sheet_id = sheet.id;
      const std::int64_t entry_id = InsertEntry(sql, scope, charge);
      RefreshPosition(sql, scope, building_id, apartment_id);
      sheet.charges.push_back({apartment_id, entry_id, amount});
    }

    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = building_id;
    event.actor = actor;
    event.action = "expense_sheet.created";
    event.target_type = "expense_sheet";
    event.target_id = std::to_string(sheet.id);
    event.detail = {{"period", sheet.period},
                    {"total", FormatAmount(sheet.total)},
                    {"charges", sheet.charges.size()}};
    audit::Append(sql, event, clock_);
    return sheet;
  });
}

Result<std::vector<ExpenseSheet>> ExpenseSheetService::List(const Scope& scope,
                                                            std::int64_t building_id) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<ExpenseSheet>> {
    if (!tenancy::SelectBuilding(sql, scope, building_id)) {
      return Fail(tenancy::BuildingNotFound());
    }
    const std::int64_t tenant = scope.tenant_id();
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, building_id, period, title, issue_date, due_date, total_cents"
                        " FROM expense_sheets WHERE tenant_id = :t AND building_id = :b"
                        " ORDER BY period DESC, id DESC",
         soci::use(tenant), soci::use(building_id));
    std::vector<ExpenseSheet> sheets;
    for (const auto& row : rows) {
      sheets.push_back(ReadSheet(row));
    }
    return sheets;
  });
}

Result<ExpenseSheet> ExpenseSheetService::Get(const Scope& scope, std::int64_t sheet_id) {
  return db_.Read([&](soci::session& sql) -> Result<ExpenseSheet> {
    const std::int64_t tenant = scope.tenant_id();
    std::optional<ExpenseSheet> sheet;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, building_id, period, title, issue_date, due_date, total_cents"
                        " FROM expense_sheets WHERE tenant_id = :t AND id = :id" +
                            scope.BuildingFilter("building_id"),
         soci::use(tenant), soci::use(sheet_id));
    for (const auto& row : rows) {
      sheet = ReadSheet(row);
    }
    if (!sheet) {
      return Fail(Error::NotFound("expense_sheet_not_found", "No such expense sheet."));
    }
    soci::rowset<soci::row> items =
        (sql.prepare << "SELECT category, description, amount_cents FROM expense_sheet_items"
                        " WHERE tenant_id = :t AND sheet_id = :s ORDER BY id",
         soci::use(tenant), soci::use(sheet_id));
    for (const auto& row : items) {
      sheet->items.push_back({Text(row, 0), Text(row, 1), Int(row, 2)});
    }
    soci::rowset<soci::row> charges =
        (sql.prepare << "SELECT apartment_id, id, amount_cents FROM ledger_entries"
                        " WHERE tenant_id = :t AND expense_sheet_id = :s ORDER BY apartment_id",
         soci::use(tenant), soci::use(sheet_id));
    for (const auto& row : charges) {
      sheet->charges.push_back({Int(row, 0), Int(row, 1), Int(row, 2)});
    }
    return *sheet;
  });
}

}  // namespace concierge::finance
