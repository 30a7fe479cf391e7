#pragma once

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/scope.hpp"
#include "finance/aging.hpp"
#include "storage/database.hpp"

namespace concierge::finance {

struct DebtRow {
  std::int64_t apartment_id = 0;
  std::int64_t building_id = 0;
  std::string building_code;
  std::string number;
  std::string owner_name;
  Cents balance = 0;
  Aging aging;
};

struct BucketTotal {
  std::int64_t apartments = 0;
  Cents amount = 0;
};

struct DebtReport {
  Date as_of{};
  std::optional<std::int64_t> building_id;
  std::string currency;
  std::array<BucketTotal, 4> buckets{};
  Cents not_due = 0;
  std::int64_t apartments_not_due = 0;  // apartments with something not yet due
  Cents total_debt = 0;
  // Apartments with an overdue amount, by building code and number.
  std::vector<DebtRow> rows;
};

// The debt report of DESIGN.md. For apartments whose books have nothing dated
// after `as_of` it reads the stored open items (a few rows per apartment);
// for the others it replays their entries up to `as_of`. Both give the same
// answer; the first is what makes today's report fast.
//
// Reports are cached by office, building, as_of and the caller's view, and
// reused while the office's books version (ledger_repository.hpp) has not
// moved; a posting from any process invalidates them. Thread-safe.
class DebtReportService {
 public:
  DebtReportService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `building_id` empty: every building the scope sees. `as_of` empty: today
  // in the building's zone (the office's zone for several buildings).
  [[nodiscard]] Result<std::shared_ptr<const DebtReport>> Build(
      const Scope& scope, std::optional<std::int64_t> building_id, std::optional<Date> as_of);

 private:
  struct CachedReport {
    std::int64_t version = 0;
    std::shared_ptr<const DebtReport> report;
  };

  [[nodiscard]] Result<DebtReport> Compute(soci::session& sql, const Scope& scope,
                                           std::optional<std::int64_t> building_id, Date as_of);

  // Past this many entries the cache starts over: a handful of offices and
  // days are asked for at a time.
  static constexpr std::size_t kCacheLimit = 512;

  storage::Database& db_;
  const Clock& clock_;
  std::mutex cache_mutex_;
  std::map<std::string, CachedReport> cache_;
};

}  // namespace concierge::finance
