#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "finance/model.hpp"
#include "storage/database.hpp"

namespace concierge::finance {

struct ChargeInput {
  Cents amount = 0;
  Date entry_date{};
  Date due_date{};
  std::string description;
  std::optional<std::string> reference;
};

struct PaymentInput {
  Cents amount = 0;
  Date entry_date{};
  std::string method;  // cash, bank_transfer, card, other
  std::string description;
  std::optional<std::string> reference;
};

struct ReversalInput {
  std::optional<Date> entry_date;  // default: today in the building's zone
  std::optional<Cents> amount;     // default: all that is left of the entry
  std::string reason;
};

struct StatementLine {
  LedgerEntry entry;
  Cents running_balance = 0;
};

struct Statement {
  std::int64_t apartment_id = 0;
  Cents opening_balance = 0;
  std::vector<StatementLine> lines;
  Cents closing_balance = 0;
};

[[nodiscard]] bool IsPaymentMethod(const std::string& method);

// Posts `entry` on the caller's transaction (for modules whose own change
// must commit together with the posting, like an online payment and its
// ledger credit): checks the apartment is in scope, the reference is free
// and the balance stays in range; refreshes the position; audits `action`,
// adding `detail` to the event's own fields.
[[nodiscard]] Result<LedgerEntry> PostInTransaction(soci::session& sql, const Scope& scope,
                                                    LedgerEntry entry, const audit::Actor& actor,
                                                    const char* action, const Clock& clock,
                                                    const nlohmann::json& detail = {});

// Posts to the append-only ledger and keeps each apartment's stored position
// (balance and open items) current in the same transaction. Thread-safe.
class LedgerService {
 public:
  LedgerService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every posting is audited in its own transaction, naming `actor`.
  [[nodiscard]] Result<LedgerEntry> PostCharge(const Scope& scope, std::int64_t apartment_id,
                                               const ChargeInput& input,
                                               const audit::Actor& actor = {});
  [[nodiscard]] Result<LedgerEntry> RecordPayment(const Scope& scope, std::int64_t apartment_id,
                                                  const PaymentInput& input,
                                                  const audit::Actor& actor = {});
  // Posts the opposite of (part of) an entry. Reversals themselves cannot be
  // reversed, and an entry cannot be reversed beyond its amount.
  [[nodiscard]] Result<LedgerEntry> Reverse(const Scope& scope, std::int64_t entry_id,
                                            const ReversalInput& input,
                                            const audit::Actor& actor = {});
  // Entries dated within [from, to] with the running balance; the opening
  // balance sums everything before `from`.
  [[nodiscard]] Result<Statement> GetStatement(const Scope& scope, std::int64_t apartment_id,
                                               std::optional<Date> from, std::optional<Date> to);

 private:
  [[nodiscard]] Result<LedgerEntry> Post(const Scope& scope, LedgerEntry entry,
                                         const audit::Actor& actor, const char* action);

  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::finance
