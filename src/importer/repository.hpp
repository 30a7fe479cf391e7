#pragma once

// The importer's own SQL: bulk reads and writes that the per-row functions
// of the tenancy and finance repositories would make too slow for an office
// with a million ledger rows. Everything filters on the Scope's tenant.

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "importer/plan.hpp"

namespace concierge::importer {

// Ids of the tenant's buildings that have at least one ledger entry.
[[nodiscard]] std::unordered_set<std::int64_t> SelectBuildingsWithEntries(soci::session& sql,
                                                                          const Scope& scope);

// Calls `on_entry(apartment_id, reference, entry)` for every ledger entry of
// the tenant that carries a reference.
void ForEachReferencedEntry(
    soci::session& sql, const Scope& scope,
    const std::function<void(std::int64_t, const std::string&, const StoredEntry&)>& on_entry);

// Inserts imported ledger entries (source 'import', no payment method)
// through one prepared statement. Binds its own members: not copyable or
// movable. Throws soci_error on a duplicate (apartment, reference).
class EntryInserter {
 public:
  EntryInserter(soci::session& sql, const Scope& scope);
  EntryInserter(const EntryInserter&) = delete;
  EntryInserter& operator=(const EntryInserter&) = delete;

  void Insert(std::int64_t building_id, std::int64_t apartment_id, const NewEntry& entry);

 private:
  std::int64_t tenant_id_;
  std::int64_t building_id_ = 0;
  std::int64_t apartment_id_ = 0;
  std::string kind_;
  std::string entry_date_;
  std::string due_date_;
  soci::indicator due_date_null_ = soci::i_null;
  Cents amount_ = 0;
  std::string description_;
  std::string reference_;
  soci::statement statement_;  // last: it binds the members above
};

}  // namespace concierge::importer
