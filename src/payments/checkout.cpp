#include "payments/checkout.hpp"

#include "core/crypto.hpp"
#include "payments/charge_audit.hpp"

namespace concierge::payments {

Result<CheckoutStarted> CheckoutService::Start(const Scope& scope, std::int64_t charge_id,
                                               const audit::Actor& actor) {
  CONCIERGE_TRY(charge, payments_.GetCharge(scope, charge_id));
  if (charge->status != "open") {
    return Fail(Error::Conflict("charge_not_open", "The charge is already paid."));
  }
  if (!stripe_.configured()) {
    return Fail(Error{ErrorKind::kUnavailable,
                      "payment_provider_unavailable",
                      "Online payments are not configured (CONCIERGE_STRIPE_SECRET_KEY).",
                      {}});
  }

  const std::string key = "concierge-" + RandomToken(18);
  const std::string now = FormatTimestamp(clock_.Now());
  std::int64_t tenant = scope.tenant_id();
  const std::int64_t attempt = db_.Write([&](soci::session& sql) {
    sql << "INSERT INTO payment_attempts (tenant_id, online_charge_id, idempotency_key,"
           " created_at) VALUES (:t, :c, :k, :now)",
        soci::use(tenant), soci::use(charge_id), soci::use(key), soci::use(now);
    return storage::LastInsertId(sql);
  });

  CheckoutRequest request;
  request.amount = charge->amount;
  request.currency = charge->currency;
  request.description = charge->description.empty() ? "Common expenses" : charge->description;
  request.success_url = site_origin_ + "/pay/done?charge=" + std::to_string(charge_id);
  request.cancel_url = site_origin_ + "/pay/cancelled?charge=" + std::to_string(charge_id);
  request.metadata = {{"tenant_id", std::to_string(tenant)},
                      {"building_id", std::to_string(charge->building_id)},
                      {"apartment_id", std::to_string(charge->apartment_id)},
                      {"online_charge_id", std::to_string(charge_id)},
                      {"attempt_id", std::to_string(attempt)}};
  auto session = stripe_.CreateCheckoutSession(request, key);

  db_.Write([&](soci::session& sql) {
    const std::string status = session ? "open" : "failed";
    std::string id = session ? session->id : "";
    std::string url = session ? session->url : "";
    soci::indicator id_null = session ? soci::i_ok : soci::i_null;
    sql << "UPDATE payment_attempts SET status = :s, checkout_session_id = :id, url = :u"
           " WHERE id = :a",
        soci::use(status), soci::use(id, id_null), soci::use(url, id_null), soci::use(attempt);
    AuditCharge(sql, clock_, actor, tenant, charge->building_id, charge_id,
                session ? "online_charge.checkout_started" : "online_charge.checkout_failed",
                {{"attempt_id", attempt}});
  });
  if (!session) {
    return Fail(session.error());
  }
  return CheckoutStarted{attempt, session->id, session->url};
}

}  // namespace concierge::payments
