#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "finance/model.hpp"

namespace concierge::finance {

// An apartment with books, as the debt report needs it.
struct ReportApartment {
  std::int64_t apartment_id = 0;
  std::int64_t building_id = 0;
  std::string building_code;
  std::string number;
  std::string owner_name;
  Cents balance = 0;
  Date last_entry_date{};
};

// Apartments in scope (optionally one building) that have ledger entries,
// ordered by building code and apartment number.
[[nodiscard]] std::vector<ReportApartment> SelectReportApartments(
    soci::session& sql, const Scope& scope, std::optional<std::int64_t> building_id);

// Stored open items of the apartments in scope, by apartment id.
[[nodiscard]] std::unordered_map<std::int64_t, std::vector<OpenItem>> SelectOpenItems(
    soci::session& sql, const Scope& scope, std::optional<std::int64_t> building_id);

// Entries dated up to `as_of` of the given apartments, by apartment id.
[[nodiscard]] std::unordered_map<std::int64_t, std::vector<LedgerEntry>> SelectEntriesUpTo(
    soci::session& sql, const Scope& scope, const std::vector<std::int64_t>& apartment_ids,
    Date as_of);

// The currencies of the buildings in scope (optionally one building).
[[nodiscard]] std::vector<std::string> SelectCurrencies(soci::session& sql, const Scope& scope,
                                                        std::optional<std::int64_t> building_id);

}  // namespace concierge::finance
