#include "finance/report_repository.hpp"

#include "storage/rows.hpp"

namespace concierge::finance {

namespace {

// Rows are fetched in batches into typed vectors: the whole-office report
// reads tens of thousands of rows, and soci::row's dynamic typing costs more
// than the query itself at that size.
constexpr std::size_t kBatch = 2048;

std::string BuildingClause(const Scope& scope, std::optional<std::int64_t> building_id,
                           const char* column) {
  std::string clause = scope.BuildingFilter(column);
  if (building_id) {
    clause += std::string(" AND ") + column + " = " + std::to_string(*building_id);
  }
  return clause;
}

}  // namespace

std::vector<ReportApartment> SelectReportApartments(soci::session& sql, const Scope& scope,
                                                    std::optional<std::int64_t> building_id) {
  std::int64_t tenant = scope.tenant_id();
  std::vector<long long> ids(kBatch), buildings(kBatch), balances(kBatch);
  std::vector<std::string> codes(kBatch), numbers(kBatch), owners(kBatch), last_dates(kBatch);
  soci::statement statement =
      (sql.prepare << "SELECT a.id, a.building_id, b.code, a.number, a.owner_name,"
                      " ab.balance_cents, ab.last_entry_date"
                      " FROM apartment_balances ab"
                      " JOIN apartments a ON a.id = ab.apartment_id"
                      " JOIN buildings b ON b.id = a.building_id"
                      " WHERE ab.tenant_id = :t" +
                          BuildingClause(scope, building_id, "ab.building_id") +
                          scope.ApartmentFilter("a.id") + " ORDER BY b.code, a.number",
       soci::use(tenant), soci::into(ids), soci::into(buildings), soci::into(codes),
       soci::into(numbers), soci::into(owners), soci::into(balances), soci::into(last_dates));

  std::vector<ReportApartment> apartments;
  statement.execute();
  while (statement.fetch()) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      apartments.push_back({ids[i], buildings[i], std::move(codes[i]), std::move(numbers[i]),
                            std::move(owners[i]), balances[i],
                            ParseDate(last_dates[i]).value_or(Date{})});
    }
    for (auto* column : {&ids, &buildings, &balances}) {
      column->resize(kBatch);
    }
    for (auto* column : {&codes, &numbers, &owners, &last_dates}) {
      column->resize(kBatch);
    }
  }
  return apartments;
}

std::unordered_map<std::int64_t, std::vector<OpenItem>> SelectOpenItems(
    soci::session& sql, const Scope& scope, std::optional<std::int64_t> building_id) {
  std::int64_t tenant = scope.tenant_id();
  std::vector<long long> apartments(kBatch), entries(kBatch), amounts(kBatch);
  std::vector<std::string> due_dates(kBatch);
  soci::statement statement =
      (sql.prepare << "SELECT apartment_id, entry_id, due_date, open_cents FROM open_items"
                      " WHERE tenant_id = :t" +
                          BuildingClause(scope, building_id, "building_id") +
                          scope.ApartmentFilter("apartment_id") +
                          " ORDER BY apartment_id, due_date, entry_id",
       soci::use(tenant), soci::into(apartments), soci::into(entries), soci::into(due_dates),
       soci::into(amounts));

  std::unordered_map<std::int64_t, std::vector<OpenItem>> items;
  statement.execute();
  while (statement.fetch()) {
    for (std::size_t i = 0; i < apartments.size(); ++i) {
      items[apartments[i]].push_back(
          {entries[i], ParseDate(due_dates[i]).value_or(Date{}), amounts[i]});
    }
    for (auto* column : {&apartments, &entries, &amounts}) {
      column->resize(kBatch);
    }
    due_dates.resize(kBatch);
  }
  return items;
}

std::unordered_map<std::int64_t, std::vector<LedgerEntry>> SelectEntriesUpTo(
    soci::session& sql, const Scope& scope, const std::vector<std::int64_t>& apartment_ids,
    Date as_of) {
  std::unordered_map<std::int64_t, std::vector<LedgerEntry>> entries;
  if (apartment_ids.empty()) {
    return entries;
  }
  std::string in_list;
  for (std::int64_t id : apartment_ids) {
    in_list += (in_list.empty() ? "" : ",") + std::to_string(id);
  }

  std::int64_t tenant = scope.tenant_id();
  std::string as_of_text = FormatDate(as_of);
  std::vector<long long> ids(kBatch), apartments(kBatch), amounts(kBatch), reverses(kBatch);
  std::vector<std::string> kinds(kBatch), dates(kBatch), due_dates(kBatch);
  std::vector<soci::indicator> due_null(kBatch), reverses_null(kBatch);
  soci::statement statement =
      (sql.prepare << "SELECT id, apartment_id, kind, entry_date, due_date, amount_cents,"
                      " reverses_entry_id FROM ledger_entries WHERE tenant_id = :t"
                      " AND entry_date <= :as_of AND apartment_id IN (" +
                          in_list + ")" + scope.BuildingFilter("building_id"),
       soci::use(tenant), soci::use(as_of_text), soci::into(ids), soci::into(apartments),
       soci::into(kinds), soci::into(dates), soci::into(due_dates, due_null), soci::into(amounts),
       soci::into(reverses, reverses_null));

  statement.execute();
  while (statement.fetch()) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      LedgerEntry entry;
      entry.id = ids[i];
      entry.apartment_id = apartments[i];
      entry.kind = ParseEntryKind(kinds[i]).value_or(EntryKind::kCharge);
      entry.entry_date = ParseDate(dates[i]).value_or(Date{});
      if (due_null[i] == soci::i_ok) {
        entry.due_date = ParseDate(due_dates[i]).value_or(Date{});
      }
      entry.amount = amounts[i];
      if (reverses_null[i] == soci::i_ok) {
        entry.reverses_entry_id = reverses[i];
      }
      entries[entry.apartment_id].push_back(std::move(entry));
    }
    for (auto* column : {&ids, &apartments, &amounts, &reverses}) {
      column->resize(kBatch);
    }
    for (auto* column : {&kinds, &dates, &due_dates}) {
      column->resize(kBatch);
    }
    due_null.resize(kBatch);
    reverses_null.resize(kBatch);
  }
  return entries;
}

std::vector<std::string> SelectCurrencies(soci::session& sql, const Scope& scope,
                                          std::optional<std::int64_t> building_id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT DISTINCT currency FROM buildings WHERE tenant_id = :t" +
                          BuildingClause(scope, building_id, "id") + " ORDER BY currency",
       soci::use(tenant));
  std::vector<std::string> currencies;
  for (const auto& row : rows) {
    currencies.push_back(storage::Text(row, 0));
  }
  return currencies;
}

}  // namespace concierge::finance
