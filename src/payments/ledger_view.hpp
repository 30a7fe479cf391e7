#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/scope.hpp"
#include "storage/database.hpp"

namespace concierge::payments {

struct LedgerViewQuery {
  std::optional<std::int64_t> apartment_id;
  std::optional<std::int64_t> building_id;
  std::int64_t offset = 0;  // over apartments
  std::int64_t limit = 20;
};

struct LedgerViewPage {
  std::int64_t count = 0;  // apartments in all
  nlohmann::json apartments = nlohmann::json::array();
};

// One timeline per apartment: every ledger entry next to the online charge,
// checkout attempts and Stripe payment it relates to, and every online charge
// with a plain answer to "did they pay?" (docs/payments.md).
class LedgerView {
 public:
  explicit LedgerView(storage::Database& db) : db_(db) {}

  // Exactly one of apartment_id and building_id.
  [[nodiscard]] Result<LedgerViewPage> Build(const Scope& scope, const LedgerViewQuery& query);

 private:
  storage::Database& db_;
};

}  // namespace concierge::payments
