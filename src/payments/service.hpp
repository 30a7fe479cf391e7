#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/flags.hpp"
#include "core/scope.hpp"
#include "payments/model.hpp"
#include "storage/database.hpp"

namespace concierge::payments {

// Online charges, manual mark-paid, and the lists managers read. Thread-safe.
class PaymentsService {
 public:
  PaymentsService(storage::Database& db, const Clock& clock, const FeatureFlags& flags)
      : db_(db), clock_(clock), flags_(flags) {}

  // A charge in the apartment's building currency; `settles` must be charges
  // of that apartment.
  [[nodiscard]] Result<OnlineCharge> CreateCharge(const Scope& scope, const NewOnlineCharge& input,
                                                  const audit::Actor& actor);
  [[nodiscard]] Result<OnlineCharge> GetCharge(const Scope& scope, std::int64_t id);
  // Newest first.
  [[nodiscard]] Listed<OnlineCharge> ListCharges(const Scope& scope,
                                                 std::optional<std::int64_t> apartment_id,
                                                 std::optional<std::string> status,
                                                 ListWindow window = {});

  // Marks an open charge paid by other means, posting the ledger credit when
  // ENABLE_LEDGER_SYNC is on, audited. A second call changes nothing (and
  // says so in its audit event); a charge paid online answers 409.
  // Returns the charge and whether this call changed it.
  [[nodiscard]] Result<std::pair<OnlineCharge, bool>> MarkPaid(const Scope& scope, std::int64_t id,
                                                               const MarkPaidInput& input,
                                                               const audit::Actor& actor);

  [[nodiscard]] Listed<OnlinePayment> ListPayments(const Scope& scope,
                                                   std::optional<std::int64_t> apartment_id,
                                                   ListWindow window = {});
  // Stripe events are not tenant-owned until applied: an office sees the
  // events that named it.
  [[nodiscard]] Listed<StripeEvent> ListEvents(const Scope& scope,
                                               std::optional<std::string> outcome,
                                               ListWindow window = {});

 private:
  storage::Database& db_;
  const Clock& clock_;
  const FeatureFlags& flags_;
};

}  // namespace concierge::payments
