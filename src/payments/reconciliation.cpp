#include "payments/reconciliation.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "payments/charge_audit.hpp"
#include "payments/ledger_sync.hpp"
#include "storage/prepared.hpp"
#include "storage/rows.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::payments {

using storage::Int;
using storage::OptionalInt;
using storage::Text;

namespace {

constexpr const char* kKindNames[] = {
    "payment_not_posted", "amount_mismatch",     "paid_without_payment",  "payment_on_open_charge",
    "paid_twice",         "refund_not_reversed", "credit_without_payment"};

// A succeeded online payment with its charge and ledger side.
struct PaymentRow {
  std::int64_t id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  std::int64_t charge_id = 0;
  std::string payment_intent;
  Cents amount = 0;
  std::string currency;
  Cents refunded = 0;
  Cents charge_amount = 0;
  std::string charge_currency;
  std::string charge_status;
  std::optional<std::string> paid_via;
  std::optional<std::int64_t> credit_entry;
  Cents credit_amount = 0;    // as a positive amount
  Cents credit_reversed = 0;  // every reversal of the credit, refunds included
  Cents reversed = 0;         // refunded total the ledger reverses as refunds
  long long paid_at = 0;      // Stripe's time of the success (Unix seconds)
  std::string updated_at;
  std::string timezone;
  // The charge is settled otherwise: by hand, or by another payment whose
  // credit stands or that comes first (set by SelectSucceededPayments).
  bool paid_twice = false;
  // A credit without a payment link that holds this payment's reference
  // ("stripe:<payment intent>", typed by hand), so no credit can be posted.
  std::optional<std::int64_t> reference_holder;
  // That credit is this payment, whole: a payment entry of its amount, not
  // reversed. Resync then links it instead of posting a second one.
  bool holder_is_this_payment = false;

  // What Stripe still holds of the payment.
  [[nodiscard]] Cents Standing() const { return amount - refunded; }
  // The charge's amount was paid, perhaps with an overpayment refunded since.
  [[nodiscard]] bool AmountsAgree() const {
    return currency == charge_currency && (amount == charge_amount || Standing() == charge_amount);
  }
  // What the ledger still credits of the payment.
  [[nodiscard]] Cents CreditStanding() const { return credit_amount - credit_reversed; }
  // How much more the ledger credits than Stripe still holds (refunds not
  // reversed, or less if some were reversed by hand); negative when the
  // ledger credits less.
  [[nodiscard]] Cents CreditExcess() const { return CreditStanding() - Standing(); }
  // The part of that excess a refund reversal repairs.
  [[nodiscard]] Cents RefundToReverse() const {
    return credit_entry ? std::max<Cents>(0, std::min(CreditExcess(), refunded - reversed)) : 0;
  }
  // Resync links the hand-typed credit that holds the payment's reference:
  // it is this payment, whole, and the payment still stands and pays its
  // charge, as a credit resync would post.
  [[nodiscard]] bool Linkable() const {
    return reference_holder && holder_is_this_payment && Standing() > 0 && AmountsAgree() &&
           !paid_twice;
  }
  // A hand-typed credit holds the reference and resync cannot link it, so no
  // credit can be posted either: a person decides.
  [[nodiscard]] bool ReferenceBlocked() const { return reference_holder && !Linkable(); }
  [[nodiscard]] OnlinePaymentRef Ref(std::int64_t tenant_id) const {
    return {id, tenant_id, apartment_id, payment_intent};
  }
};

std::string Money(Cents amount, const std::string& currency) {
  return FormatAmount(amount) + " " + currency;
}

// "AND x.building_id = n" for a chosen building, plus the scope's own filter.
std::string BuildingWhere(const Scope& scope, std::optional<std::int64_t> building_id,
                          const char* column) {
  std::string where = scope.BuildingFilter(column);
  if (building_id) {
    where += std::string(" AND ") + column + " = " + std::to_string(*building_id);
  }
  return where;
}

// One payment settles a charge: the one whose credit stands, else the first
// still standing that could; any other uncredited payment on it, or any on a
// charge paid by hand, is paid twice. (Payments come ordered by id.)
void MarkPaidTwice(std::vector<PaymentRow>& payments) {
  std::set<std::int64_t> settled;
  for (const auto& p : payments) {
    if (p.credit_entry && p.CreditStanding() > 0) {
      settled.insert(p.charge_id);
    }
  }
  for (auto& p : payments) {
    if (p.credit_entry || p.Standing() <= 0) {
      continue;
    }
    if ((p.paid_via && *p.paid_via == "manual") || settled.count(p.charge_id) > 0) {
      p.paid_twice = true;
    } else if (p.AmountsAgree()) {
      settled.insert(p.charge_id);  // this one will settle it
    }
  }
}

// Whether ledger entry `entry` is an unlinked, unreversed payment of `amount`.
bool IsThisPayment(soci::session& sql, std::int64_t tenant, std::int64_t entry, Cents amount) {
  std::string kind;
  long long credited = 0;
  long long reversals = 0;
  long long links = 0;
  sql << "SELECT e.kind, -e.amount_cents,"
         " (SELECT count(*) FROM ledger_entries r WHERE r.reverses_entry_id = e.id),"
         " (SELECT count(*) FROM online_payment_credits c WHERE c.ledger_entry_id = e.id)"
         " FROM ledger_entries e WHERE e.id = :e AND e.tenant_id = :t",
      soci::use(entry), soci::use(tenant), soci::into(kind), soci::into(credited),
      soci::into(reversals), soci::into(links);
  return sql.got_data() && kind == "payment" && credited == amount && reversals == 0 && links == 0;
}

std::vector<PaymentRow> SelectSucceededPayments(soci::session& sql, const Scope& scope,
                                                std::optional<std::int64_t> building_id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT p.id, p.building_id, p.apartment_id, p.online_charge_id,"
              " p.payment_intent_id, p.amount_cents, p.currency, p.amount_refunded_cents,"
              " c.amount_cents, c.currency, c.status, c.paid_via, pc.ledger_entry_id,"
              " coalesce(-le.amount_cents, 0), coalesce(r.reversed, 0), b.timezone,"
              " coalesce(back.total, 0), p.status_event_created, p.updated_at,"
              " CASE WHEN pc.ledger_entry_id IS NULL THEN (SELECT t.id FROM ledger_entries t"
              "   WHERE t.apartment_id = p.apartment_id AND t.tenant_id = p.tenant_id"
              "   AND t.reference = 'stripe:' || p.payment_intent_id) END"
              " FROM online_payments p"
              " JOIN online_charges c ON c.id = p.online_charge_id"
              " JOIN buildings b ON b.id = p.building_id"
              " LEFT JOIN online_payment_credits pc ON pc.online_payment_id = p.id"
              " LEFT JOIN ledger_entries le ON le.id = pc.ledger_entry_id"
              " LEFT JOIN (SELECT online_payment_id, max(refunded_total_cents) AS reversed"
              "   FROM online_refund_entries WHERE tenant_id = :t2"
              "   GROUP BY online_payment_id) r ON r.online_payment_id = p.id"
              " LEFT JOIN (SELECT reverses_entry_id, sum(amount_cents) AS total"
              "   FROM ledger_entries WHERE tenant_id = :t3 AND kind = 'reversal'"
              "   GROUP BY reverses_entry_id) back ON back.reverses_entry_id = le.id"
              " WHERE p.tenant_id = :t AND p.status = 'succeeded'" +
                  BuildingWhere(scope, building_id, "p.building_id") +
                  " ORDER BY p.apartment_id, p.id",
       soci::use(tenant), soci::use(tenant), soci::use(tenant));
  std::vector<PaymentRow> payments;
  for (const auto& row : rows) {
    PaymentRow p;
    p.id = Int(row, 0);
    p.building_id = Int(row, 1);
    p.apartment_id = Int(row, 2);
    p.charge_id = Int(row, 3);
    p.payment_intent = Text(row, 4);
    p.amount = Int(row, 5);
    p.currency = Text(row, 6);
    p.refunded = Int(row, 7);
    p.charge_amount = Int(row, 8);
    p.charge_currency = Text(row, 9);
    p.charge_status = Text(row, 10);
    p.paid_via = storage::OptionalText(row, 11);
    p.credit_entry = OptionalInt(row, 12);
    p.credit_amount = Int(row, 13);
    p.reversed = Int(row, 14);
    p.timezone = Text(row, 15);
    p.credit_reversed = Int(row, 16);
    p.paid_at = Int(row, 17);
    p.updated_at = Text(row, 18);
    p.reference_holder = OptionalInt(row, 19);
    payments.push_back(std::move(p));
  }
  for (auto& p : payments) {
    if (p.reference_holder) {
      p.holder_is_this_payment = IsThisPayment(sql, tenant, *p.reference_holder, p.amount);
    }
  }
  MarkPaidTwice(payments);
  return payments;
}

Mismatch FromPayment(MismatchKind kind, const PaymentRow& p, Cents amount) {
  Mismatch m;
  m.kind = kind;
  m.building_id = p.building_id;
  m.apartment_id = p.apartment_id;
  m.online_charge_id = p.charge_id;
  m.online_payment_id = p.id;
  m.payment_intent_id = p.payment_intent;
  m.ledger_entry_id = p.credit_entry;
  m.amount = amount;
  m.currency = p.currency;
  return m;
}

// What a succeeded payment disagrees with; each kind at most once per payment.
// Amounts are compared net of refunds and reversals, so a refund at Stripe or
// a reversal in the books that settles a disagreement clears it.
void ClassifyPayment(const PaymentRow& p, std::vector<Mismatch>& out) {
  const std::string paid = "succeeded: " + Money(p.amount, p.currency) + " (" + p.payment_intent +
                           ")" + (p.refunded > 0 ? ", refunded " + FormatAmount(p.refunded) : "");
  const std::string charge = "charge of " + Money(p.charge_amount, p.charge_currency) + ", " +
                             p.charge_status + (p.paid_via ? " (" + *p.paid_via + ")" : "");
  const std::string credit =
      p.credit_entry
          ? "credit #" + std::to_string(*p.credit_entry) + " of " +
                Money(p.credit_amount, p.currency) +
                (p.credit_reversed > 0 ? ", reversed " + FormatAmount(p.credit_reversed) : "")
          : "no ledger credit";
  auto add = [&](MismatchKind kind, Cents amount, std::string books, bool repairable) {
    Mismatch m = FromPayment(kind, p, amount);
    m.stripe_says = paid;
    m.books_say = std::move(books);
    m.repairable = repairable;
    out.push_back(std::move(m));
  };

  if (p.RefundToReverse() > 0) {
    add(MismatchKind::kRefundNotReversed, p.RefundToReverse(),
        "reversed " + Money(p.reversed, p.currency) + " of refunds", true);
  }
  // Whatever else the credit and Stripe disagree on (a hand reversal, a
  // credit of another amount) is one row for a person.
  const Cents unexplained = p.credit_entry ? p.CreditExcess() - p.RefundToReverse() : 0;
  if (unexplained != 0 || (p.credit_entry && p.Standing() > 0 && !p.AmountsAgree())) {
    add(MismatchKind::kAmountMismatch, unexplained != 0 ? std::abs(unexplained) : p.Standing(),
        charge + "; " + credit, false);
  }
  if (p.Standing() <= 0) {
    return;  // refunded in full: nothing of it stands any more
  }

  const bool credit_agrees = unexplained == 0;
  if (!p.credit_entry && !p.AmountsAgree()) {
    add(MismatchKind::kAmountMismatch, p.Standing(), charge + "; " + credit, false);
  }
  // A hand-typed credit holding the payment's reference blocks posting one;
  // resync can only link it, and only when it is this payment, whole.
  const bool blocked = p.ReferenceBlocked();
  const std::string held = p.reference_holder
                               ? "; credit #" + std::to_string(*p.reference_holder) +
                                     " typed by hand holds reference 'stripe:" + p.payment_intent +
                                     "'" + (blocked ? ": a person decides" : ": resync links it")
                               : "";
  if (p.charge_status == "open") {
    add(MismatchKind::kPaymentOnOpenCharge, p.Standing(), charge + held,
        p.AmountsAgree() && credit_agrees && !blocked);
  }
  if (p.paid_twice) {
    add(MismatchKind::kPaidTwice, p.Standing(), charge + ", already settled otherwise", false);
  } else if (!p.credit_entry && p.AmountsAgree()) {
    // What the ledger lacks is what Stripe still holds.
    add(MismatchKind::kPaymentNotPosted, p.Standing(), "no ledger credit" + held, !blocked);
  }
}

// Paid charges with neither a manual mark-paid nor a payment still standing.
void FindPaidWithoutPayment(soci::session& sql, const Scope& scope,
                            std::optional<std::int64_t> building_id,
                            const std::vector<PaymentRow>& payments, std::vector<Mismatch>& out) {
  std::set<std::int64_t> standing;
  for (const auto& p : payments) {
    if (p.amount > p.refunded) {
      standing.insert(p.charge_id);
    }
  }
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT c.id, c.building_id, c.apartment_id, c.amount_cents, c.currency,"
                      " c.paid_via FROM online_charges c WHERE c.tenant_id = :t"
                      " AND c.status = 'paid' AND NOT (c.paid_via = 'manual'"
                      " AND c.manual_method IS NOT NULL)" +
                          BuildingWhere(scope, building_id, "c.building_id") +
                          " ORDER BY c.apartment_id, c.id",
       soci::use(tenant));
  for (const auto& row : rows) {
    if (standing.count(Int(row, 0)) > 0) {
      continue;
    }
    Mismatch m;
    m.kind = MismatchKind::kPaidWithoutPayment;
    m.online_charge_id = Int(row, 0);
    m.building_id = Int(row, 1);
    m.apartment_id = Int(row, 2);
    m.amount = Int(row, 3);
    m.currency = Text(row, 4);
    m.stripe_says = "no succeeded payment left standing (refunded or none)";
    m.repairable = true;  // resync reopens it
    m.books_say = "charge of " + Money(m.amount, m.currency) + " marked paid (" +
                  storage::OptionalText(row, 5).value_or("?") + ")";
    out.push_back(std::move(m));
  }
}

// Ledger credits that say they came from Stripe but no online payment owns.
void FindCreditsWithoutPayment(soci::session& sql, const Scope& scope,
                               std::optional<std::int64_t> building_id,
                               std::vector<Mismatch>& out) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT le.id, le.building_id, le.apartment_id,"
                      " -le.amount_cents - coalesce((SELECT sum(r.amount_cents)"
                      "   FROM ledger_entries r WHERE r.reverses_entry_id = le.id"
                      "   AND r.tenant_id = le.tenant_id), 0) AS left,"
                      " b.currency, coalesce(le.reference, ''), le.source"
                      " FROM ledger_entries le JOIN buildings b ON b.id = le.building_id"
                      " LEFT JOIN online_payment_credits pc ON pc.ledger_entry_id = le.id"
                      " WHERE le.tenant_id = :t AND le.kind = 'payment'"
                      " AND (le.source = 'online' OR le.reference LIKE 'stripe:%')"
                      " AND pc.ledger_entry_id IS NULL AND left > 0" +
                          BuildingWhere(scope, building_id, "le.building_id") +
                          " ORDER BY le.apartment_id, le.id",
       soci::use(tenant));
  for (const auto& row : rows) {
    Mismatch m;
    m.kind = MismatchKind::kCreditWithoutPayment;
    m.ledger_entry_id = Int(row, 0);
    m.building_id = Int(row, 1);
    m.apartment_id = Int(row, 2);
    m.amount = Int(row, 3);
    m.currency = Text(row, 4);
    m.stripe_says = "no online payment for it";
    m.books_say = "credit #" + std::to_string(*m.ledger_entry_id) + " of " +
                  Money(m.amount, m.currency) + " (" + Text(row, 6) + ", reference '" +
                  Text(row, 5) + "')";
    out.push_back(std::move(m));
  }
}

// A credit typed by hand that is a succeeded payment, whole, is repaired by
// linking the two.
void MarkLinkableCredits(const std::vector<PaymentRow>& payments, std::vector<Mismatch>& out) {
  for (const auto& p : payments) {
    if (!p.reference_holder) {
      continue;
    }
    for (auto& m : out) {
      if (m.kind != MismatchKind::kCreditWithoutPayment ||
          m.ledger_entry_id != p.reference_holder) {
        continue;
      }
      if (p.Linkable()) {
        m.stripe_says = "payment " + p.payment_intent + " succeeded for it; resync links the two";
        m.repairable = true;
      } else if (p.Standing() <= 0) {
        m.stripe_says =
            "payment " + p.payment_intent + " was refunded in full: reverse this credit";
      } else {
        m.stripe_says = "payment " + p.payment_intent +
                        " succeeded, but not as this credit or its charge says: a person decides";
      }
    }
  }
}

Result<std::vector<PaymentRow>> CheckedPayments(soci::session& sql, const Scope& scope,
                                                std::optional<std::int64_t> building_id) {
  if (building_id && !tenancy::SelectBuilding(sql, scope, *building_id)) {
    return Fail(tenancy::BuildingNotFound());
  }
  return SelectSucceededPayments(sql, scope, building_id);
}

// Posts what a payment's ledger side lacks and marks its charge paid, as
// resync may; nothing when there is nothing to repair or the ledger refuses.
std::optional<Repair> RepairPayment(soci::session& sql, const Scope& scope, const PaymentRow& p,
                                    const audit::Actor& actor, const Clock& clock) {
  const bool standing = p.Standing() > 0;
  const Cents unexplained = p.credit_entry ? p.CreditExcess() - p.RefundToReverse() : 0;
  if (p.ReferenceBlocked()) {
    return std::nullopt;  // the ledger would refuse the credit: a person decides
  }
  const bool posts_credit = standing && !p.credit_entry && p.AmountsAgree() && !p.paid_twice;
  const bool marks_paid = standing && p.charge_status == "open" && p.AmountsAgree() &&
                          unexplained == 0 && !p.paid_twice;
  // A credit posted now is the gross amount, so every refund follows it.
  const Cents to_reverse = p.credit_entry ? p.RefundToReverse() : posts_credit ? p.refunded : 0;
  const bool reverses = to_reverse > 0;
  if (!posts_credit && !marks_paid && !reverses) {
    return std::nullopt;
  }

  Repair repair;
  repair.kind = posts_credit ? MismatchKind::kPaymentNotPosted
                : marks_paid ? MismatchKind::kPaymentOnOpenCharge
                             : MismatchKind::kRefundNotReversed;
  repair.online_payment_id = p.id;
  repair.online_charge_id = p.charge_id;
  // Dated when Stripe took and returned the money, as the webhook would have.
  const Date paid_on = LocalDate(Timestamp{std::chrono::seconds{p.paid_at}}, p.timezone);
  const auto updated = ParseTimestamp(p.updated_at);
  const Date refunded_on = std::max(
      paid_on, updated ? LocalDate(*updated, p.timezone) : LocalDate(clock.Now(), p.timezone));
  const OnlinePaymentRef ref = p.Ref(scope.tenant_id());

  // Each payment's repair stands or falls alone.
  storage::Execute(sql, "SAVEPOINT repair");
  Status done;
  std::optional<std::int64_t> credit = p.credit_entry;
  if (posts_credit && p.reference_holder) {
    // The payment was typed by hand with its Stripe reference: that entry
    // becomes its credit.
    LinkOnlineCredit(sql, ref, p.building_id, *p.reference_holder, actor, clock);
    credit = p.reference_holder;
    repair.linked_entry_id = p.reference_holder;
  } else if (posts_credit) {
    auto posted = PostOnlineCredit(sql, ref, p.amount, paid_on, actor,
                                   "ledger.online_payment_resynced", clock);
    if (posted) {
      credit = *posted;
      repair.ledger_entry_ids.push_back(*posted);
    } else {
      done = Fail(posted.error());
    }
  }
  if (done && reverses) {
    auto posted = PostRefundReversal(sql, ref, *credit, p.refunded, to_reverse, refunded_on, actor,
                                     "ledger.refund_resynced", clock);
    if (posted) {
      repair.ledger_entry_ids.push_back(*posted);
    } else {
      done = Fail(posted.error());
    }
  }
  if (done && marks_paid) {
    const std::string now = FormatTimestamp(clock.Now());
    storage::Execute(sql,
                     "UPDATE online_charges SET status = 'paid', paid_via = 'online',"
                     " paid_at = :now WHERE id = :id AND tenant_id = :t AND status = 'open'",
                     soci::use(now), soci::use(p.charge_id), soci::use(scope.tenant_id()));
    AuditCharge(sql, clock, actor, scope.tenant_id(), p.building_id, p.charge_id,
                "online_charge.paid_by_resync",
                {{"online_payment_id", p.id}, {"amount", FormatAmount(p.amount)}});
    repair.charge_marked_paid = true;
  }
  if (!done) {
    // The ledger refused (a reference already typed by hand, say): the
    // mismatch stays listed for a person.
    storage::Execute(sql, "ROLLBACK TO repair");
    storage::Execute(sql, "RELEASE repair");
    return std::nullopt;
  }
  storage::Execute(sql, "RELEASE repair");
  return repair;
}

}  // namespace

const char* MismatchKindName(MismatchKind kind) {
  return kKindNames[static_cast<int>(kind)];
}

std::optional<MismatchKind> ParseMismatchKind(const std::string& name) {
  for (MismatchKind kind : kAllMismatchKinds) {
    if (name == MismatchKindName(kind)) {
      return kind;
    }
  }
  return std::nullopt;
}

Result<Reconciliation> ReconciliationService::Reconcile(const Scope& scope,
                                                        std::optional<std::int64_t> building_id) {
  return db_.Read([&](soci::session& sql) -> Result<Reconciliation> {
    CONCIERGE_TRY(payments, CheckedPayments(sql, scope, building_id));
    Reconciliation result;
    for (const auto& payment : *payments) {
      ClassifyPayment(payment, result.mismatches);
    }
    FindPaidWithoutPayment(sql, scope, building_id, *payments, result.mismatches);
    FindCreditsWithoutPayment(sql, scope, building_id, result.mismatches);
    MarkLinkableCredits(*payments, result.mismatches);

    std::stable_sort(result.mismatches.begin(), result.mismatches.end(),
                     [](const Mismatch& a, const Mismatch& b) {
                       return std::tie(a.kind, a.apartment_id) < std::tie(b.kind, b.apartment_id);
                     });
    for (MismatchKind kind : kAllMismatchKinds) {
      result.summary.push_back({kind, 0, {}});
    }
    for (const auto& m : result.mismatches) {
      auto& summary = result.summary[static_cast<int>(m.kind)];
      ++summary.count;
      summary.totals[m.currency] += m.amount;
    }
    return result;
  });
}

Result<std::vector<Repair>> ReconciliationService::Resync(const Scope& scope,
                                                          std::optional<std::int64_t> building_id,
                                                          const audit::Actor& actor) {
  return db_.Write([&](soci::session& sql) -> Result<std::vector<Repair>> {
    // Decided inside the write transaction, so two resyncs cannot both repair.
    CONCIERGE_TRY(payments, CheckedPayments(sql, scope, building_id));
    std::vector<Repair> repairs;
    for (const auto& p : *payments) {
      if (auto repair = RepairPayment(sql, scope, p, actor, clock_)) {
        repairs.push_back(std::move(*repair));
      }
    }

    std::vector<Mismatch> unbacked;
    FindPaidWithoutPayment(sql, scope, building_id, *payments, unbacked);
    for (const auto& m : unbacked) {
      // The money went back: the charge is owed again and can be paid again.
      storage::Execute(sql,
                       "UPDATE online_charges SET status = 'open', paid_via = NULL, paid_at = NULL"
                       " WHERE id = :id AND tenant_id = :t AND status = 'paid'",
                       soci::use(*m.online_charge_id), soci::use(scope.tenant_id()));
      AuditCharge(sql, clock_, actor, scope.tenant_id(), m.building_id, *m.online_charge_id,
                  "online_charge.reopened_by_resync", {{"amount", FormatAmount(m.amount)}});
      Repair repair;
      repair.kind = MismatchKind::kPaidWithoutPayment;
      repair.online_charge_id = *m.online_charge_id;
      repair.charge_reopened = true;
      repairs.push_back(std::move(repair));
    }
    return repairs;
  });
}

}  // namespace concierge::payments
