#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "finance/model.hpp"
#include "storage/database.hpp"

namespace concierge::finance {

struct ExpenseItem {
  std::string category;
  std::string description;
  Cents amount = 0;
};

struct SheetInput {
  std::string period;  // YYYY-MM
  std::string title;
  Date issue_date{};
  Date due_date{};
  std::vector<ExpenseItem> items;
};

struct SheetCharge {
  std::int64_t apartment_id = 0;
  std::int64_t entry_id = 0;
  Cents amount = 0;
};

struct ExpenseSheet {
  std::int64_t id = 0;
  std::int64_t building_id = 0;
  std::string period;
  std::string title;
  Date issue_date{};
  Date due_date{};
  Cents total = 0;
  std::vector<ExpenseItem> items;
  std::vector<SheetCharge> charges;
};

// A month's common expenses of a building, each item split over the
// apartments by their shares in its category, posted as one charge per
// apartment that sums the apartment's parts. All or nothing. Thread-safe.
class ExpenseSheetService {
 public:
  ExpenseSheetService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Audited as "expense_sheet.created", naming `actor`.
  [[nodiscard]] Result<ExpenseSheet> Create(const Scope& scope, std::int64_t building_id,
                                            const SheetInput& input,
                                            const audit::Actor& actor = {});
  [[nodiscard]] Result<std::vector<ExpenseSheet>> List(const Scope& scope,
                                                       std::int64_t building_id);
  [[nodiscard]] Result<ExpenseSheet> Get(const Scope& scope, std::int64_t sheet_id);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::finance
