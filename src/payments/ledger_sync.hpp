#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "core/money.hpp"

namespace concierge::payments {

// The ledger side of an online payment, shared by the webhook and by
// reconciliation's resync, so a payment posts the same way whoever repairs it.
// Both run on the caller's write transaction; the UNIQUE constraints on the
// link tables make a second posting for the same payment or refunded total fail
// instead of doubling.

struct OnlinePaymentRef {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::int64_t apartment_id = 0;
  std::string payment_intent;
};

// Posts the card payment's credit (reference "stripe:<payment intent>") and
// links it to the payment. Returns the ledger entry's id. `audit_detail` is
// added to the audit event (the webhook names the Stripe event there).
[[nodiscard]] Result<std::int64_t> PostOnlineCredit(
    soci::session& sql, const OnlinePaymentRef& payment, Cents amount, Date date,
    const audit::Actor& actor, const char* action, const Clock& clock,
    const nlohmann::json& audit_detail = nlohmann::json::object());

// Makes the existing ledger payment `entry_id` the payment's credit: a card
// payment a manager typed by hand with its Stripe reference. Audited.
void LinkOnlineCredit(soci::session& sql, const OnlinePaymentRef& payment, std::int64_t building_id,
                      std::int64_t entry_id, const audit::Actor& actor, const Clock& clock);

// Posts the reversal of `delta` more refunded, bringing the reversed total to
// `refunded_total`, against the payment's credit `credit_entry_id`.
[[nodiscard]] Result<std::int64_t> PostRefundReversal(
    soci::session& sql, const OnlinePaymentRef& payment, std::int64_t credit_entry_id,
    Cents refunded_total, Cents delta, Date date, const audit::Actor& actor, const char* action,
    const Clock& clock, const nlohmann::json& audit_detail = nlohmann::json::object());

// The refunded total the ledger already reverses for a payment (0 if none).
[[nodiscard]] Cents ReversedRefundTotal(soci::session& sql, std::int64_t payment_id);

// What a credit still credits: its amount less every reversal of it (refund
// reversals and reversals by hand alike), as a positive amount.
[[nodiscard]] Cents CreditStanding(soci::session& sql, std::int64_t tenant_id,
                                   std::int64_t credit_entry_id);

}  // namespace concierge::payments
