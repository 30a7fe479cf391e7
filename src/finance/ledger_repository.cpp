#include "finance/ledger_repository.hpp"

#include <algorithm>

#include "finance/allocation.hpp"
#include "storage/database.hpp"
#include "storage/prepared.hpp"
#include "storage/rows.hpp"
#include "tenancy/repository.hpp"

namespace concierge::finance {

using storage::Int;
using storage::NullIf;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

constexpr const char* kEntryColumns =
    "SELECT e.id, e.tenant_id, e.building_id, e.apartment_id, e.kind, e.entry_date, e.due_date,"
    " e.amount_cents, e.description, e.reference, e.method, e.source, e.reverses_entry_id,"
    " e.expense_sheet_id FROM ledger_entries e";

LedgerEntry ReadEntry(const soci::row& row) {
  LedgerEntry entry;
  entry.id = Int(row, 0);
  entry.tenant_id = Int(row, 1);
  entry.building_id = Int(row, 2);
  entry.apartment_id = Int(row, 3);
  entry.kind = ParseEntryKind(Text(row, 4)).value_or(EntryKind::kCharge);
  entry.entry_date = ParseDate(Text(row, 5)).value_or(Date{});
  if (auto due = OptionalText(row, 6)) {
    entry.due_date = ParseDate(*due).value_or(Date{});
  }
  entry.amount = Int(row, 7);
  entry.description = Text(row, 8);
  entry.reference = OptionalText(row, 9);
  entry.method = OptionalText(row, 10);
  entry.source = Text(row, 11);
  entry.reverses_entry_id = OptionalInt(row, 12);
  entry.expense_sheet_id = OptionalInt(row, 13);
  return entry;
}

}  // namespace

std::int64_t InsertEntry(soci::session& sql, const Scope& scope, const LedgerEntry& entry) {
  std::int64_t tenant = scope.tenant_id();
  std::string kind = EntryKindName(entry.kind);
  std::string entry_date = FormatDate(entry.entry_date);
  std::string due_date = entry.due_date ? FormatDate(*entry.due_date) : "";
  std::string reference = entry.reference.value_or("");
  std::string method = entry.method.value_or("");
  std::int64_t reverses = entry.reverses_entry_id.value_or(0);
  std::int64_t sheet = entry.expense_sheet_id.value_or(0);
  std::int64_t created_by = scope.user_id();
  soci::indicator due_null = NullIf(entry.due_date);
  soci::indicator reference_null = NullIf(entry.reference);
  soci::indicator method_null = NullIf(entry.method);
  soci::indicator reverses_null = NullIf(entry.reverses_entry_id);
  soci::indicator sheet_null = NullIf(entry.expense_sheet_id);
  soci::indicator created_by_null = created_by > 0 ? soci::i_ok : soci::i_null;

  storage::Execute(
      sql,
      "INSERT INTO ledger_entries (tenant_id, building_id, apartment_id, kind, entry_date,"
      " due_date, amount_cents, description, reference, method, source, reverses_entry_id,"
      " expense_sheet_id, created_by) VALUES (:t, :b, :a, :k, :d, :due, :amt, :desc, :ref,"
      " :m, :src, :rev, :sheet, :by)",
      soci::use(tenant), soci::use(entry.building_id), soci::use(entry.apartment_id),
      soci::use(kind), soci::use(entry_date), soci::use(due_date, due_null),
      soci::use(entry.amount), soci::use(entry.description), soci::use(reference, reference_null),
      soci::use(method, method_null), soci::use(entry.source), soci::use(reverses, reverses_null),
      soci::use(sheet, sheet_null), soci::use(created_by, created_by_null));
  return storage::LastInsertId(sql);
}

std::optional<LedgerEntry> SelectEntry(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEntryColumns) + " WHERE e.tenant_id = :t AND e.id = :id" +
                          scope.BuildingFilter("e.building_id") +
                          scope.ApartmentFilter("e.apartment_id"),
       soci::use(tenant), soci::use(id));
  for (const auto& row : rows) {
    return ReadEntry(row);
  }
  return std::nullopt;
}

std::vector<LedgerEntry> SelectApartmentEntries(soci::session& sql, const Scope& scope,
                                                std::int64_t apartment_id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kEntryColumns) +
                          " WHERE e.tenant_id = :t AND e.apartment_id = :a" +
                          scope.BuildingFilter("e.building_id") +
                          scope.ApartmentFilter("e.apartment_id") + " ORDER BY e.entry_date, e.id",
       soci::use(tenant), soci::use(apartment_id));
  std::vector<LedgerEntry> entries;
  for (const auto& row : rows) {
    entries.push_back(ReadEntry(row));
  }
  return entries;
}

Cents SumReversalsOf(soci::session& sql, const Scope& scope, std::int64_t entry_id) {
  const std::int64_t tenant = scope.tenant_id();
  long long sum = 0;
  soci::indicator sum_null = soci::i_ok;
  sql << "SELECT sum(amount_cents) FROM ledger_entries WHERE tenant_id = :t"
         " AND reverses_entry_id = :id",
      soci::use(tenant), soci::use(entry_id), soci::into(sum, sum_null);
  return sum_null == soci::i_null ? 0 : sum;
}

bool ReferenceExists(soci::session& sql, const Scope& scope, std::int64_t apartment_id,
                     const std::string& reference) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  storage::Execute(sql,
                   "SELECT count(*) FROM ledger_entries WHERE tenant_id = :t AND apartment_id = :a"
                   " AND reference = :r",
                   soci::use(tenant), soci::use(apartment_id), soci::use(reference),
                   soci::into(count));
  return count > 0;
}

Cents SelectBalance(soci::session& sql, const Scope& scope, std::int64_t apartment_id) {
  const std::int64_t tenant = scope.tenant_id();
  long long balance = 0;
  storage::Execute(sql,
                   "SELECT coalesce(sum(balance_cents), 0) FROM apartment_balances"
                   " WHERE tenant_id = :t AND apartment_id = :a",
                   soci::use(tenant), soci::use(apartment_id), soci::into(balance));
  return balance;
}

Status CheckBalanceRoom(soci::session& sql, const Scope& scope, std::int64_t apartment_id,
                        Cents amount) {
  const Cents after = SelectBalance(sql, scope, apartment_id) + amount;
  if (after > kMaxBalanceCents || after < -kMaxBalanceCents) {
    return Fail(Error::Invalid("balance_out_of_range",
                               "The apartment's balance would pass the largest amount kept."));
  }
  return {};
}

void StorePosition(soci::session& sql, const Scope& scope, std::int64_t building_id,
                   std::int64_t apartment_id, const Position& position) {
  std::int64_t tenant = scope.tenant_id();
  tenancy::RaiseBooksVersion(sql, tenant);
  // building_id too, so the delete uses open_items_building instead of scanning the office.
  sql << "DELETE FROM open_items WHERE tenant_id = :t AND building_id = :b AND apartment_id = :a",
      soci::use(tenant), soci::use(building_id), soci::use(apartment_id);
  if (!position.last_entry_date) {
    sql << "DELETE FROM apartment_balances WHERE tenant_id = :t AND apartment_id = :a",
        soci::use(tenant), soci::use(apartment_id);
    return;
  }

  std::string last = FormatDate(*position.last_entry_date);
  sql << "INSERT INTO apartment_balances (apartment_id, tenant_id, building_id, balance_cents,"
         " last_entry_date) VALUES (:a, :t, :b, :bal, :last) ON CONFLICT (apartment_id) DO UPDATE"
         " SET balance_cents = excluded.balance_cents, last_entry_date = excluded.last_entry_date",
      soci::use(apartment_id), soci::use(tenant), soci::use(building_id),
      soci::use(position.balance), soci::use(last);

  for (const OpenItem& item : position.open_items) {
    std::string due = FormatDate(item.due_date);
    sql << "INSERT INTO open_items (entry_id, tenant_id, building_id, apartment_id, due_date,"
           " open_cents) VALUES (:e, :t, :b, :a, :due, :open)",
        soci::use(item.entry_id), soci::use(tenant), soci::use(building_id),
        soci::use(apartment_id), soci::use(due), soci::use(item.open);
  }
}

std::int64_t SelectBooksVersion(soci::session& sql, const Scope& scope) {
  const std::int64_t tenant = scope.tenant_id();
  long long version = 0;
  soci::indicator missing = soci::i_ok;
  sql << "SELECT version FROM books_versions WHERE tenant_id = :t", soci::use(tenant),
      soci::into(version, missing);
  return sql.got_data() && missing == soci::i_ok ? version : 0;
}

void ApplyCreditToPosition(soci::session& sql, const Scope& scope, std::int64_t building_id,
                           std::int64_t apartment_id, Cents credit, Date entry_date) {
  const std::int64_t tenant = scope.tenant_id();
  Position position;
  std::string last;
  soci::indicator no_balance = soci::i_ok;
  const bool found =
      storage::Execute(sql,
                       "SELECT balance_cents, last_entry_date FROM apartment_balances"
                       " WHERE tenant_id = :t AND apartment_id = :a",
                       soci::use(tenant), soci::use(apartment_id), soci::into(position.balance),
                       soci::into(last, no_balance));
  if (!found || no_balance != soci::i_ok) {
    RefreshPosition(sql, scope, building_id, apartment_id);
    return;
  }

  // Only the items the credit reaches change: the oldest are settled, the
  // next one may be left partly open, the rest stay as they are. They are
  // read one at a time, oldest first, on one prepared statement: a credit
  // usually reaches one or two, and this runs for every webhook payment.
  std::vector<std::int64_t> settled;
  std::optional<OpenItem> partly_paid;
  Cents left = -credit;
  std::string after_due;  // before every date
  std::int64_t after_entry = 0;
  while (left > 0) {
    OpenItem item;
    std::string due;
    const bool found =
        storage::Execute(sql,
                         "SELECT entry_id, due_date, open_cents FROM open_items"
                         " WHERE tenant_id = :t AND building_id = :b AND apartment_id = :a"
                         " AND (due_date > :d OR (due_date = :d2 AND entry_id > :e))"
                         " ORDER BY due_date, entry_id LIMIT 1",
                         soci::use(tenant), soci::use(building_id), soci::use(apartment_id),
                         soci::use(after_due), soci::use(after_due), soci::use(after_entry),
                         soci::into(item.entry_id), soci::into(due), soci::into(item.open));
    if (!found) {
      break;
    }
    after_due = due;
    after_entry = item.entry_id;
    const Cents applied = std::min(left, item.open);
    item.open -= applied;
    left -= applied;
    if (item.open == 0) {
      settled.push_back(item.entry_id);
    } else {
      partly_paid = item;
    }
  }

  tenancy::RaiseBooksVersion(sql, tenant);
  for (std::int64_t entry_id : settled) {
    storage::Execute(sql, "DELETE FROM open_items WHERE entry_id = :e AND tenant_id = :t",
                     soci::use(entry_id), soci::use(tenant));
  }
  if (partly_paid) {
    storage::Execute(
        sql, "UPDATE open_items SET open_cents = :open WHERE entry_id = :e AND tenant_id = :t",
        soci::use(partly_paid->open), soci::use(partly_paid->entry_id), soci::use(tenant));
  }
  const Date stored_last = ParseDate(last).value_or(entry_date);
  std::string last_entry = FormatDate(std::max(stored_last, entry_date));
  const Cents balance = position.balance + credit;
  storage::Execute(sql,
                   "UPDATE apartment_balances SET balance_cents = :bal, last_entry_date = :last"
                   " WHERE apartment_id = :a AND tenant_id = :t",
                   soci::use(balance), soci::use(last_entry), soci::use(apartment_id),
                   soci::use(tenant));
}

void RefreshPosition(soci::session& sql, const Scope& scope, std::int64_t building_id,
                     std::int64_t apartment_id) {
  const auto entries = SelectApartmentEntries(sql, scope, apartment_id);
  StorePosition(sql, scope, building_id, apartment_id, ComputePosition(entries));
}

}  // namespace concierge::finance
