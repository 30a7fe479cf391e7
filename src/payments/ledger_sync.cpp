#include "payments/ledger_sync.hpp"

#include "accounts/scope_factory.hpp"
#include "audit/repository.hpp"
#include "finance/ledger_service.hpp"
#include "storage/prepared.hpp"

namespace concierge::payments {

namespace {

nlohmann::json WithPayment(nlohmann::json detail, std::int64_t payment_id) {
  detail["online_payment_id"] = payment_id;
  return detail;
}

// The UNIQUE keys on both columns make a second credit for one payment, or
// one entry crediting two payments, fail instead of counting twice.
void InsertCreditLink(soci::session& sql, const OnlinePaymentRef& payment, std::int64_t entry_id) {
  storage::Execute(sql,
                   "INSERT INTO online_payment_credits (tenant_id, online_payment_id,"
                   " ledger_entry_id) VALUES (:t, :p, :e)",
                   soci::use(payment.tenant_id), soci::use(payment.id), soci::use(entry_id));
}

}  // namespace

Result<std::int64_t> PostOnlineCredit(soci::session& sql, const OnlinePaymentRef& payment,
                                      Cents amount, Date date, const audit::Actor& actor,
                                      const char* action, const Clock& clock,
                                      const nlohmann::json& audit_detail) {
  finance::LedgerEntry credit;
  credit.apartment_id = payment.apartment_id;
  credit.kind = finance::EntryKind::kPayment;
  credit.entry_date = date;
  credit.amount = -amount;
  credit.method = "card";
  credit.description = "Card payment (Stripe)";
  credit.reference = "stripe:" + payment.payment_intent;
  credit.source = "online";
  const Scope scope = accounts::ScopeFactory::ForOperator(payment.tenant_id);
  CONCIERGE_TRY(posted, finance::PostInTransaction(sql, scope, std::move(credit), actor, action,
                                                   clock, WithPayment(audit_detail, payment.id)));

  InsertCreditLink(sql, payment, posted->id);
  return posted->id;
}

void LinkOnlineCredit(soci::session& sql, const OnlinePaymentRef& payment, std::int64_t building_id,
                      std::int64_t entry_id, const audit::Actor& actor, const Clock& clock) {
  InsertCreditLink(sql, payment, entry_id);
  audit::Event event;
  event.tenant_id = payment.tenant_id;
  event.building_id = building_id;
  event.actor = actor;
  event.action = "ledger.online_credit_linked";
  event.target_type = "ledger_entry";
  event.target_id = std::to_string(entry_id);
  event.detail = {{"online_payment_id", payment.id}, {"payment_intent", payment.payment_intent}};
  audit::Append(sql, event, clock);
}

Result<std::int64_t> PostRefundReversal(soci::session& sql, const OnlinePaymentRef& payment,
                                        std::int64_t credit_entry_id, Cents refunded_total,
                                        Cents delta, Date date, const audit::Actor& actor,
                                        const char* action, const Clock& clock,
                                        const nlohmann::json& audit_detail) {
  finance::LedgerEntry reversal;
  reversal.apartment_id = payment.apartment_id;
  reversal.kind = finance::EntryKind::kReversal;
  reversal.entry_date = date;
  reversal.amount = delta;
  reversal.description = "Card refund (Stripe)";
  reversal.reference =
      "stripe-refund:" + payment.payment_intent + ":" + std::to_string(refunded_total);
  reversal.source = "online";
  reversal.reverses_entry_id = credit_entry_id;
  const Scope scope = accounts::ScopeFactory::ForOperator(payment.tenant_id);
  CONCIERGE_TRY(posted, finance::PostInTransaction(sql, scope, std::move(reversal), actor, action,
                                                   clock, WithPayment(audit_detail, payment.id)));

  storage::Execute(sql,
                   "INSERT INTO online_refund_entries (tenant_id, online_payment_id,"
                   " refunded_total_cents, ledger_entry_id) VALUES (:t, :p, :r, :e)",
                   soci::use(payment.tenant_id), soci::use(payment.id), soci::use(refunded_total),
                   soci::use(posted->id));
  return posted->id;
}

Cents ReversedRefundTotal(soci::session& sql, std::int64_t payment_id) {
  long long total = 0;
  sql << "SELECT coalesce(max(refunded_total_cents), 0) FROM online_refund_entries"
         " WHERE online_payment_id = :p",
      soci::use(payment_id), soci::into(total);
  return total;
}

Cents CreditStanding(soci::session& sql, std::int64_t tenant_id, std::int64_t credit_entry_id) {
  long long standing = 0;
  storage::Execute(sql,
                   "SELECT -le.amount_cents - coalesce((SELECT sum(r.amount_cents)"
                   " FROM ledger_entries r WHERE r.reverses_entry_id = le.id"
                   " AND r.tenant_id = le.tenant_id), 0)"
                   " FROM ledger_entries le WHERE le.id = :e AND le.tenant_id = :t",
                   soci::use(credit_entry_id), soci::use(tenant_id), soci::into(standing));
  return standing;
}

}  // namespace concierge::payments
