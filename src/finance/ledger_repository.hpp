#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "finance/model.hpp"

namespace concierge::finance {

// All SQL over ledger_entries and the positions derived from them. Every
// function filters on the Scope's tenant (and buildings, for staff).

// Throws soci_error on a duplicate (apartment, reference).
[[nodiscard]] std::int64_t InsertEntry(soci::session& sql, const Scope& scope,
                                       const LedgerEntry& entry);
[[nodiscard]] std::optional<LedgerEntry> SelectEntry(soci::session& sql, const Scope& scope,
                                                     std::int64_t id);
// An apartment's entries by entry date, then id.
[[nodiscard]] std::vector<LedgerEntry> SelectApartmentEntries(soci::session& sql,
                                                              const Scope& scope,
                                                              std::int64_t apartment_id);
// How much of `entry_id` earlier reversals took back (signed like them).
[[nodiscard]] Cents SumReversalsOf(soci::session& sql, const Scope& scope, std::int64_t entry_id);
[[nodiscard]] bool ReferenceExists(soci::session& sql, const Scope& scope,
                                   std::int64_t apartment_id, const std::string& reference);

// The apartment's stored balance (0 when it has no entries).
[[nodiscard]] Cents SelectBalance(soci::session& sql, const Scope& scope,
                                  std::int64_t apartment_id);
// A clear error when adding `amount` would push the balance past kMaxBalanceCents.
[[nodiscard]] Status CheckBalanceRoom(soci::session& sql, const Scope& scope,
                                      std::int64_t apartment_id, Cents amount);

// Replaces the stored balance and open items of one apartment.
void StorePosition(soci::session& sql, const Scope& scope, std::int64_t building_id,
                   std::int64_t apartment_id, const Position& position);

// The office's books version: raised by every StorePosition, so anything
// derived from positions stays valid while the version does not move.
[[nodiscard]] std::int64_t SelectBooksVersion(soci::session& sql, const Scope& scope);

// Stores the position after a payment `credit` (negative amount) was added:
// FIFO applies all credits to the oldest charges whatever their dates, so the
// new open items are the stored ones with `-credit` more taken from the
// front. Exactly what RefreshPosition would compute, without reading the
// apartment's whole history.
void ApplyCreditToPosition(soci::session& sql, const Scope& scope, std::int64_t building_id,
                           std::int64_t apartment_id, Cents credit, Date entry_date);

// Recomputes and stores an apartment's position from its entries; called in
// the same transaction as every posting, so the stored position never lags.
void RefreshPosition(soci::session& sql, const Scope& scope, std::int64_t building_id,
                     std::int64_t apartment_id);

}  // namespace concierge::finance
