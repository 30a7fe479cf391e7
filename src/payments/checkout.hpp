#pragma once

#include <string>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "payments/service.hpp"
#include "payments/stripe_client.hpp"
#include "storage/database.hpp"

namespace concierge::payments {

struct CheckoutStarted {
  std::int64_t attempt_id = 0;
  std::string session_id;
  std::string url;
};

// Starts a Stripe Checkout Session for an open online charge. The attempt is
// recorded with its Idempotency-Key before Stripe is called (never inside a
// database transaction), and completed with Stripe's session afterwards.
class CheckoutService {
 public:
  CheckoutService(storage::Database& db, const Clock& clock, PaymentsService& payments,
                  StripeClient& stripe, std::string site_origin)
      : db_(db),
        clock_(clock),
        payments_(payments),
        stripe_(stripe),
        site_origin_(std::move(site_origin)) {}

  // 404 outside the scope (a resident's own apartment only), 409 when the
  // charge is paid, 503 when Stripe is not configured or not reachable.
  [[nodiscard]] Result<CheckoutStarted> Start(const Scope& scope, std::int64_t charge_id,
                                              const audit::Actor& actor);

 private:
  storage::Database& db_;
  const Clock& clock_;
  PaymentsService& payments_;
  StripeClient& stripe_;
  std::string site_origin_;
};

}  // namespace concierge::payments
