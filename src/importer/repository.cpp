#include "importer/repository.hpp"

namespace concierge::importer {

std::unordered_set<std::int64_t> SelectBuildingsWithEntries(soci::session& sql,
                                                            const Scope& scope) {
  const std::int64_t tenant = scope.tenant_id();
  std::int64_t building_id = 0;
  soci::statement select =
      (sql.prepare << "SELECT b.id FROM buildings b WHERE b.tenant_id = :t AND EXISTS"
                      " (SELECT 1 FROM ledger_entries e WHERE e.tenant_id = b.tenant_id"
                      " AND e.building_id = b.id)",
       soci::use(tenant), soci::into(building_id));
  select.execute();
  std::unordered_set<std::int64_t> ids;
  while (select.fetch()) {
    ids.insert(building_id);
  }
  return ids;
}

void ForEachReferencedEntry(
    soci::session& sql, const Scope& scope,
    const std::function<void(std::int64_t, const std::string&, const StoredEntry&)>& on_entry) {
  const std::int64_t tenant = scope.tenant_id();
  std::int64_t apartment_id = 0;
  std::string reference;
  std::string kind;
  std::string entry_date;
  std::string due_date;
  soci::indicator due_date_null = soci::i_ok;
  long long amount = 0;

  // Typed into() rather than soci::row: this may read a million rows.
  soci::statement select =
      (sql.prepare << "SELECT apartment_id, reference, kind, entry_date, due_date, amount_cents"
                      " FROM ledger_entries WHERE tenant_id = :t AND reference IS NOT NULL",
       soci::use(tenant), soci::into(apartment_id), soci::into(reference), soci::into(kind),
       soci::into(entry_date), soci::into(due_date, due_date_null), soci::into(amount));
  select.execute();
  while (select.fetch()) {
    StoredEntry entry;
    entry.kind = finance::ParseEntryKind(kind).value_or(finance::EntryKind::kReversal);
    entry.entry_date = ParseDate(entry_date).value_or(Date{});
    if (due_date_null == soci::i_ok) {
      entry.due_date = ParseDate(due_date).value_or(Date{});
    }
    entry.amount = amount;
    on_entry(apartment_id, reference, entry);
  }
}

EntryInserter::EntryInserter(soci::session& sql, const Scope& scope)
    : tenant_id_(scope.tenant_id()),
      statement_((sql.prepare << "INSERT INTO ledger_entries (tenant_id, building_id,"
                                 " apartment_id, kind, entry_date, due_date, amount_cents,"
                                 " description, reference, source) VALUES (:t, :b, :a, :k, :d,"
                                 " :due, :amt, :desc, :ref, 'import')",
                  soci::use(tenant_id_), soci::use(building_id_), soci::use(apartment_id_),
                  soci::use(kind_), soci::use(entry_date_), soci::use(due_date_, due_date_null_),
                  soci::use(amount_), soci::use(description_), soci::use(reference_))) {}

void EntryInserter::Insert(std::int64_t building_id, std::int64_t apartment_id,
                           const NewEntry& entry) {
  building_id_ = building_id;
  apartment_id_ = apartment_id;
  kind_ = finance::EntryKindName(entry.kind);
  entry_date_ = FormatDate(entry.entry_date);
  due_date_ = entry.due_date ? FormatDate(*entry.due_date) : std::string();
  due_date_null_ = entry.due_date ? soci::i_ok : soci::i_null;
  amount_ = entry.amount;
  description_ = entry.description;
  reference_ = entry.reference;
  statement_.execute(true);
}

}  // namespace concierge::importer
