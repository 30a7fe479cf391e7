#include "payments/webhook.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "accounts/scope_factory.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "payments/charge_audit.hpp"
#include "payments/ledger_sync.hpp"
#include "storage/prepared.hpp"
#include "storage/rows.hpp"
#include "tenancy/repository.hpp"

namespace concierge::payments {

using storage::Text;

namespace {

// Stripe sends an event again for up to three days while it is not answered 2xx.
constexpr std::chrono::hours kStripeRetryWindow{72};

// The event as it arrived, or, for one applied again later, as it was stored
// (every stored payload was checked to be an event when it arrived).
const nlohmann::json& EventOf(soci::session& sql, const std::string& event_id,
                              const nlohmann::json* arriving, nlohmann::json& stored) {
  if (arriving != nullptr) {
    return *arriving;
  }
  std::string payload;
  storage::Execute(sql, "SELECT payload FROM stripe_events WHERE event_id = :id",
                   soci::use(event_id), soci::into(payload));
  stored = nlohmann::json::parse(payload, nullptr, false);
  return stored;
}

struct Charge {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  Cents amount = 0;
  std::string currency;
  std::string status;
  std::string timezone;  // of its building
};

struct Payment {
  std::int64_t id = 0;
  std::string status;
  long long status_event_created = 0;
  Cents amount = 0;
  Cents refunded = 0;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
  std::int64_t apartment_id = 0;
  std::int64_t online_charge_id = 0;
};

// What a payment event says, in our terms.
struct PaymentFacts {
  std::string payment_intent;
  std::optional<std::string> checkout_session;
  Cents amount = 0;
  std::string currency;
  std::optional<std::int64_t> online_charge_id;
  std::optional<std::int64_t> tenant_id;
};

// The event cannot be applied now but may be later (Stripe will retry).
struct Transient : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The event names nothing we know or contradicts itself: kept, not retried.
struct Unusable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::optional<std::int64_t> MetadataId(const nlohmann::json& object, const char* key) {
  if (!object.contains("metadata") || !object["metadata"].is_object() ||
      !object["metadata"].contains(key) || !object["metadata"][key].is_string()) {
    return std::nullopt;
  }
  const std::string text = object["metadata"][key];
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// An amount in cents, from 0 to kMaxAmountCents: anything else (a negative
// refund, a number past int64) is refused rather than wrapped.
Cents IntegerField(const nlohmann::json& object, const char* key) {
  const auto field = object.find(key);
  if (field == object.end() || !field->is_number_integer()) {
    throw Unusable(std::string("the event has no integer ") + key);
  }
  if (field->is_number_unsigned()
          ? field->get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxAmountCents)
          : field->get<std::int64_t>() < 0 || field->get<std::int64_t>() > kMaxAmountCents) {
    throw Unusable(std::string("the event's ") + key + " is out of range");
  }
  return field->get<Cents>();
}

std::string StringField(const nlohmann::json& object, const char* key) {
  if (!object.contains(key) || !object[key].is_string()) {
    throw Unusable(std::string("the event has no ") + key);
  }
  return object[key].get<std::string>();
}

PaymentFacts FactsOf(const std::string& type, const nlohmann::json& object) {
  PaymentFacts facts;
  if (type == "checkout.session.completed") {
    facts.payment_intent = StringField(object, "payment_intent");
    facts.checkout_session = StringField(object, "id");
    facts.amount = IntegerField(object, "amount_total");
  } else {
    facts.payment_intent = StringField(object, "id");
    facts.amount = object.contains("amount_received") ? IntegerField(object, "amount_received")
                                                      : IntegerField(object, "amount");
  }
  facts.currency = Upper(StringField(object, "currency"));
  facts.online_charge_id = MetadataId(object, "online_charge_id");
  facts.tenant_id = MetadataId(object, "tenant_id");
  return facts;
}

std::optional<Charge> LoadCharge(soci::session& sql, std::int64_t id) {
  Charge c;
  const bool found = storage::Execute(
      sql,
      "SELECT c.id, c.tenant_id, c.building_id, c.apartment_id, c.amount_cents, c.currency,"
      " c.status, b.timezone FROM online_charges c JOIN buildings b ON b.id = c.building_id"
      " WHERE c.id = :id",
      soci::use(id), soci::into(c.id), soci::into(c.tenant_id), soci::into(c.building_id),
      soci::into(c.apartment_id), soci::into(c.amount), soci::into(c.currency),
      soci::into(c.status), soci::into(c.timezone));
  return found ? std::optional<Charge>(std::move(c)) : std::nullopt;
}

std::optional<Payment> LoadPayment(soci::session& sql, const std::string& payment_intent) {
  Payment p;
  const bool found = storage::Execute(
      sql,
      "SELECT id, status, status_event_created, amount_cents, amount_refunded_cents, tenant_id,"
      " building_id, apartment_id, online_charge_id FROM online_payments"
      " WHERE payment_intent_id = :pi",
      soci::use(payment_intent), soci::into(p.id), soci::into(p.status),
      soci::into(p.status_event_created), soci::into(p.amount), soci::into(p.refunded),
      soci::into(p.tenant_id), soci::into(p.building_id), soci::into(p.apartment_id),
      soci::into(p.online_charge_id));
  return found ? std::optional<Payment>(std::move(p)) : std::nullopt;
}

std::optional<std::int64_t> CreditOf(soci::session& sql, std::int64_t payment_id) {
  std::int64_t entry = 0;
  const bool found = storage::Execute(
      sql, "SELECT ledger_entry_id FROM online_payment_credits WHERE online_payment_id = :p",
      soci::use(payment_id), soci::into(entry));
  return found ? std::optional<std::int64_t>(entry) : std::nullopt;
}

// The charge the facts point at, checked against the office they name.
Charge ChargeOf(soci::session& sql, const PaymentFacts& facts) {
  if (!facts.online_charge_id) {
    throw Unusable("the event's metadata names no online_charge_id");
  }
  auto charge = LoadCharge(sql, *facts.online_charge_id);
  if (!charge || (facts.tenant_id && *facts.tenant_id != charge->tenant_id)) {
    throw Unusable("the event names no online charge of its office");
  }
  return *charge;
}

// Applies one event's facts. What Stripe says is always recorded; when the
// ledger refuses to follow (a reference already taken by hand, say), the
// refusal is kept in note() and the books are left for reconciliation.
class Applier {
 public:
  Applier(soci::session& sql, const Clock& clock, bool ledger_sync, long long created,
          const std::string& event_id, const std::string& request_id)
      : sql_(sql),
        clock_(clock),
        ledger_sync_(ledger_sync),
        created_(created),
        event_id_(event_id) {
    stripe_.name = "stripe";
    stripe_.request_id = request_id;
  }

  // A refund can come before its payment: Stripe is asked to send it again
  // (Transient) while the payment may still arrive, that is while the refund
  // names one of our charges or, naming none, is younger than Stripe's
  // retry window. A refund of a payment that is not ours is kept and ignored.
  [[noreturn]] void AwaitPayment(const nlohmann::json& object) {
    if (object.contains("metadata") && MetadataId(object, "online_charge_id")) {
      PaymentFacts facts;
      facts.online_charge_id = MetadataId(object, "online_charge_id");
      facts.tenant_id = MetadataId(object, "tenant_id");
      (void)ChargeOf(sql_, facts);  // throws Unusable when it is not ours
      throw Transient("the refunded payment is not known as succeeded yet");
    }
    const auto age = clock_.Now() - Timestamp{std::chrono::seconds{created_}};
    if (age > kStripeRetryWindow) {
      throw Unusable("the refunded payment never reached Concierge (not one of its payments?)");
    }
    throw Transient("the refunded payment is not known as succeeded yet");
  }

  // Why the ledger did not follow the event; empty when it did.
  [[nodiscard]] const std::string& note() const { return note_; }

  std::int64_t Succeeded(const PaymentFacts& facts) {
    const Charge charge = ChargeOf(sql_, facts);
    auto payment = LoadPayment(sql_, facts.payment_intent);
    const std::string now = FormatTimestamp(clock_.Now());
    if (payment && payment->status == "succeeded") {
      RememberSession(charge, facts);
      return charge.tenant_id;
    }
    std::int64_t payment_id = 0;
    if (payment) {
      payment_id = payment->id;
      storage::Execute(sql_,
                       "UPDATE online_payments SET status = 'succeeded', status_event_created = :c,"
                       " amount_cents = :a, currency = :cur, updated_at = :now WHERE id = :id",
                       soci::use(created_), soci::use(facts.amount), soci::use(facts.currency),
                       soci::use(now), soci::use(payment_id));
    } else {
      payment_id = Insert(charge, facts, "succeeded", now);
    }
    RememberSession(charge, facts);
    FirstSuccess(charge, facts, payment_id);
    return charge.tenant_id;
  }

  std::int64_t PaymentFailed(const PaymentFacts& facts) {
    const Charge charge = ChargeOf(sql_, facts);
    auto payment = LoadPayment(sql_, facts.payment_intent);
    const std::string now = FormatTimestamp(clock_.Now());
    if (!payment) {
      Insert(charge, facts, "failed", now);
    } else if (payment->status != "succeeded" && created_ >= payment->status_event_created) {
      // Only a newer failure replaces an older one; nothing undoes a success.
      storage::Execute(sql_,
                       "UPDATE online_payments SET status_event_created = :c, updated_at = :now"
                       " WHERE id = :id",
                       soci::use(created_), soci::use(now), soci::use(payment->id));
    }
    return charge.tenant_id;
  }

  std::int64_t Refunded(const nlohmann::json& object) {
    const std::string payment_intent = StringField(object, "payment_intent");
    const Cents refunded = IntegerField(object, "amount_refunded");
    auto payment = LoadPayment(sql_, payment_intent);
    if (!payment || payment->status != "succeeded") {
      AwaitPayment(object);
    }
    if (refunded <= payment->refunded) {
      return payment->tenant_id;  // an old or repeated refund event: nothing new
    }
    if (refunded > payment->amount) {
      throw Unusable("the refund is larger than the payment");
    }

    const std::string now = FormatTimestamp(clock_.Now());
    storage::Execute(sql_,
                     "UPDATE online_payments SET amount_refunded_cents = :r, updated_at = :now"
                     " WHERE id = :id",
                     soci::use(refunded), soci::use(now), soci::use(payment->id));
    const auto credit = CreditOf(sql_, payment->id);
    if (ledger_sync_ && credit) {
      // Up to Stripe's total, so a refund missed while the flag was off is
      // reversed too, but never below what Stripe still holds: a refund a
      // manager already reversed by hand is not reversed twice.
      const Cents excess =
          CreditStanding(sql_, payment->tenant_id, *credit) - (payment->amount - refunded);
      const Cents delta = std::min(refunded - ReversedRefundTotal(sql_, payment->id), excess);
      if (delta > 0) {
        const OnlinePaymentRef ref{payment->id, payment->tenant_id, payment->apartment_id,
                                   payment_intent};
        Posted(PostRefundReversal(sql_, ref, *credit, refunded, delta,
                                  PaymentDate(payment->building_id), stripe_,
                                  "ledger.refund_reversed", clock_, EventDetail()));
      }
    }
    if (!ledger_sync_ && refunded == payment->amount) {
      ReopenRefundedCharge(*payment);
    }
    return payment->tenant_id;
  }

 private:
  std::int64_t Insert(const Charge& charge, const PaymentFacts& facts, const char* status,
                      const std::string& now) {
    const std::string state = status;
    storage::Execute(sql_,
                     "INSERT INTO online_payments (tenant_id, building_id, apartment_id,"
                     " online_charge_id, payment_intent_id, amount_cents, currency, status,"
                     " status_event_created, created_at, updated_at)"
                     " VALUES (:t, :b, :a, :c, :pi, :amt, :cur, :s, :ec, :now, :now2)",
                     soci::use(charge.tenant_id), soci::use(charge.building_id),
                     soci::use(charge.apartment_id), soci::use(charge.id),
                     soci::use(facts.payment_intent), soci::use(facts.amount),
                     soci::use(facts.currency), soci::use(state), soci::use(created_),
                     soci::use(now), soci::use(now));
    return storage::LastInsertId(sql_);
  }

  // A completed session names its payment intent: the payment and the
  // checkout attempt that made the session both learn the other's id.
  void RememberSession(const Charge& charge, const PaymentFacts& facts) {
    if (!facts.checkout_session) {
      return;
    }
    storage::Execute(sql_,
                     "UPDATE online_payments SET checkout_session_id = :s"
                     " WHERE payment_intent_id = :pi AND checkout_session_id IS NULL",
                     soci::use(*facts.checkout_session), soci::use(facts.payment_intent));
    storage::Execute(sql_,
                     "UPDATE payment_attempts SET payment_intent_id = :pi, status = 'completed'"
                     " WHERE checkout_session_id = :s AND tenant_id = :t AND online_charge_id = :c",
                     soci::use(facts.payment_intent), soci::use(*facts.checkout_session),
                     soci::use(charge.tenant_id), soci::use(charge.id));
  }

  // The payment is now known to have succeeded, for the first time.
  void FirstSuccess(const Charge& charge, const PaymentFacts& facts, std::int64_t payment_id) {
    std::string mismatch;
    if (facts.amount != charge.amount || facts.currency != charge.currency) {
      mismatch = "paid " + FormatAmount(facts.amount) + " " + facts.currency + " for a charge of " +
                 FormatAmount(charge.amount) + " " + charge.currency;
    } else if (charge.status == "paid") {
      mismatch = "the charge was already paid";
    }
    if (!mismatch.empty()) {
      SetMismatch(facts.payment_intent, mismatch);
      return;
    }

    // The credit goes first: a charge is paid only when the books follow.
    if (ledger_sync_) {
      const OnlinePaymentRef ref{payment_id, charge.tenant_id, charge.apartment_id,
                                 facts.payment_intent};
      if (!Posted(PostOnlineCredit(sql_, ref, facts.amount, EventDate(charge.timezone), stripe_,
                                   "ledger.online_payment_posted", clock_, EventDetail()))) {
        SetMismatch(facts.payment_intent, note_);
        return;
      }
    }

    const std::string now = FormatTimestamp(clock_.Now());
    storage::Execute(
        sql_,
        "UPDATE online_charges SET status = 'paid', paid_via = 'online', paid_at = :now"
        " WHERE id = :id",
        soci::use(now), soci::use(charge.id));
    AuditCharge(charge.tenant_id, charge.building_id, charge.id, "online_charge.paid_online",
                {{"amount", FormatAmount(facts.amount)},
                 {"currency", facts.currency},
                 {"online_payment_id", payment_id},
                 {"payment_intent", facts.payment_intent}});
  }

  void SetMismatch(const std::string& payment_intent, const std::string& mismatch) {
    storage::Execute(sql_, "UPDATE online_payments SET mismatch = :m WHERE payment_intent_id = :pi",
                     soci::use(mismatch), soci::use(payment_intent));
  }

  // With ledger sync off no reconciliation runs, so a charge whose online
  // payment went back in full is opened again here, unless another payment
  // that covers it (its currency, at least its amount) still stands. With sync
  // on, reconciliation lists it as paid_without_payment and resync reopens it.
  void ReopenRefundedCharge(const Payment& payment) {
    storage::Execute(
        sql_,
        "UPDATE online_charges SET status = 'open', paid_via = NULL, paid_at = NULL"
        " WHERE id = :c AND status = 'paid' AND paid_via = 'online'"
        " AND NOT EXISTS (SELECT 1 FROM online_payments o"
        " WHERE o.online_charge_id = :c2 AND o.status = 'succeeded'"
        " AND o.currency = online_charges.currency"
        " AND o.amount_cents - o.amount_refunded_cents >= online_charges.amount_cents)",
        soci::use(payment.online_charge_id), soci::use(payment.online_charge_id));
    int reopened = 0;
    storage::Execute(sql_, "SELECT changes()", soci::into(reopened));
    if (reopened > 0) {
      AuditCharge(payment.tenant_id, payment.building_id, payment.online_charge_id,
                  "online_charge.reopened_by_refund",
                  {{"online_payment_id", payment.id}, {"refunded", FormatAmount(payment.amount)}});
    }
  }

  void AuditCharge(std::int64_t tenant_id, std::int64_t building_id, std::int64_t charge_id,
                   const char* action, nlohmann::json detail) {
    detail["stripe_event_id"] = event_id_;
    payments::AuditCharge(sql_, clock_, stripe_, tenant_id, building_id, charge_id, action,
                          std::move(detail));
  }

  [[nodiscard]] nlohmann::json EventDetail() const { return {{"stripe_event_id", event_id_}}; }

  // The day of the event in the building's zone.
  Date PaymentDate(std::int64_t building_id) {
    std::string zone = "UTC";
    storage::Execute(sql_, "SELECT timezone FROM buildings WHERE id = :b", soci::use(building_id),
                     soci::into(zone));
    return EventDate(zone);
  }
  Date EventDate(const std::string& zone) const {
    return LocalDate(Timestamp{std::chrono::seconds{created_}}, zone);
  }

  bool Posted(const Result<std::int64_t>& posted) {
    if (!posted) {
      note_ = "the ledger refused the posting: " + posted.error().detail;
    }
    return posted.has_value();
  }

  soci::session& sql_;
  const Clock& clock_;
  bool ledger_sync_;
  long long created_;
  std::string event_id_;
  audit::Actor stripe_;
  std::string note_;
};

bool IsPaidSession(const nlohmann::json& object) {
  const auto status = object.find("payment_status");
  return status != object.end() && status->is_string() && *status == "paid";
}

Error BadEvent(const std::string& why) {
  return Error::Invalid("invalid_event", why);
}

}  // namespace

const char* EventOutcomeName(EventOutcome outcome) {
  switch (outcome) {
    case EventOutcome::kProcessed:
      return "processed";
    case EventOutcome::kIgnored:
      return "ignored";
    case EventOutcome::kDuplicate:
      return "duplicate";
  }
  return "";
}

Result<EventOutcome> WebhookProcessor::Receive(const std::string& payload,
                                               const std::string& request_id) {
  const auto event = nlohmann::json::parse(payload, nullptr, false);
  if (event.is_discarded() || !event.is_object()) {
    return Fail(BadEvent("The body is not a JSON object."));
  }
  if (!event.contains("id") || !event["id"].is_string() || event["id"].get<std::string>().empty() ||
      event["id"].get<std::string>().size() > 255 || !event.contains("type") ||
      !event["type"].is_string() || !event.contains("created") ||
      !event["created"].is_number_integer() || !event.contains("data") ||
      !event["data"].is_object() || !event["data"].contains("object") ||
      !event["data"]["object"].is_object()) {
    return Fail(BadEvent("The event lacks id, type, created or data.object."));
  }

  StoredEvent stored{event["id"],
                     event["type"],
                     event["created"],
                     Sha256Hex(payload),
                     payload,
                     request_id,
                     FormatTimestamp(clock_.Now()),
                     &event};
  return Apply(stored.id, &stored);
}

Result<EventOutcome> WebhookProcessor::Apply(const std::string& event_id,
                                             const StoredEvent* arriving) {
  if (arriving != nullptr && AlreadyApplied(event_id)) {
    return EventOutcome::kDuplicate;  // a replay needs no turn at the writer
  }

  std::string failure;
  try {
    // Storing and applying share one savepoint; events arriving together
    // share one durable commit.
    EventOutcome outcome{};
    writes_.Run([&](soci::session& sql) { outcome = ApplyIn(sql, event_id, arriving); });
    return outcome;
  } catch (const std::exception& error) {
    failure = error.what();
  }

  RecordFailure(event_id, arriving, failure);
  return Fail(Error{ErrorKind::kInternal,
                    "event_failed",
                    "The event could not be applied; it is recorded and will be retried.",
                    {}});
}

EventOutcome WebhookProcessor::ApplyIn(soci::session& sql, const std::string& event_id,
                                       const StoredEvent* arriving) {
  // Under the write lock, so a concurrent copy of the event is either wholly
  // before this or sees what this stored.
  std::string outcome;
  const bool known = storage::Execute(sql, "SELECT outcome FROM stripe_events WHERE event_id = :id",
                                      soci::use(event_id), soci::into(outcome));
  if (outcome == "processed" || outcome == "ignored") {
    return EventOutcome::kDuplicate;
  }
  if (!known && arriving == nullptr) {
    throw std::runtime_error("the event to retry is not stored");
  }

  // An arriving event was parsed before the write lock; a retried one is
  // read back from the store.
  nlohmann::json stored;
  const nlohmann::json& event =
      EventOf(sql, event_id, arriving != nullptr ? arriving->parsed : nullptr, stored);
  const std::string type = event["type"];
  const long long created = event["created"];
  const auto& object = event["data"]["object"];
  Applier applier(sql, clock_, flags_.IsOn(Flag::kLedgerSync), created, event_id,
                  arriving != nullptr ? arriving->request_id : std::string("webhooks-retry"));
  std::optional<std::int64_t> tenant;
  std::string result = "processed";
  std::string note;
  // An unusable event leaves nothing of itself behind but its own record.
  storage::Execute(sql, "SAVEPOINT apply_event");
  try {
    if (type == "checkout.session.completed") {
      if (IsPaidSession(object)) {
        tenant = applier.Succeeded(FactsOf(type, object));
      } else {
        result = "ignored";
        note = "the session is not paid yet";
      }
    } else if (type == "payment_intent.succeeded") {
      tenant = applier.Succeeded(FactsOf(type, object));
    } else if (type == "payment_intent.payment_failed") {
      tenant = applier.PaymentFailed(FactsOf(type, object));
    } else if (type == "charge.refunded") {
      tenant = applier.Refunded(object);
    } else {
      result = "ignored";
      note = "not an event type Concierge acts on";
    }
    if (note.empty()) {
      note = applier.note();
    }
  } catch (const Unusable& unusable) {
    result = "ignored";
    note = unusable.what();
    storage::Execute(sql, "ROLLBACK TO apply_event");
  } catch (const nlohmann::json::exception& malformed) {
    // A payload of an unexpected shape will not change when retried.
    result = "ignored";
    note = std::string("the event's data has an unexpected shape: ") + malformed.what();
    storage::Execute(sql, "ROLLBACK TO apply_event");
  }
  storage::Execute(sql, "RELEASE apply_event");

  const std::string processed = FormatTimestamp(clock_.Now());
  std::int64_t tenant_id = tenant.value_or(0);
  soci::indicator tenant_null = tenant ? soci::i_ok : soci::i_null;
  soci::indicator note_null = note.empty() ? soci::i_null : soci::i_ok;
  if (known) {
    storage::Execute(sql,
                     "UPDATE stripe_events SET outcome = :o, processed_at = :at, tenant_id = :t,"
                     " error = :e, attempts = attempts + 1 WHERE event_id = :id",
                     soci::use(result), soci::use(processed), soci::use(tenant_id, tenant_null),
                     soci::use(note, note_null), soci::use(event_id));
  } else {
    // A new event is stored once, with its outcome, in the savepoint that
    // applied it: the one write of its row.
    storage::Execute(sql,
                     "INSERT INTO stripe_events (event_id, type, stripe_created, received_at,"
                     " processed_at, outcome, tenant_id, error, attempts, payload_hash, payload)"
                     " VALUES (:id, :type, :c, :r, :at, :o, :t, :e, 1, :h, :p)",
                     soci::use(arriving->id), soci::use(arriving->type),
                     soci::use(arriving->created), soci::use(arriving->received_at),
                     soci::use(processed), soci::use(result), soci::use(tenant_id, tenant_null),
                     soci::use(note, note_null), soci::use(arriving->payload_hash),
                     soci::use(arriving->payload));
  }
  return result == "processed" ? EventOutcome::kProcessed : EventOutcome::kIgnored;
}

void WebhookProcessor::Store(soci::session& sql, const StoredEvent& event) {
  storage::Execute(sql,
                   "INSERT INTO stripe_events (event_id, type, stripe_created, received_at,"
                   " outcome, payload_hash, payload) VALUES (:id, :type, :c, :r, 'received', :h,"
                   " :p) ON CONFLICT (event_id) DO NOTHING",
                   soci::use(event.id), soci::use(event.type), soci::use(event.created),
                   soci::use(event.received_at), soci::use(event.payload_hash),
                   soci::use(event.payload));
}

bool WebhookProcessor::AlreadyApplied(const std::string& event_id) {
  return db_.Read([&](soci::session& sql) {
    std::string outcome;
    storage::Execute(sql, "SELECT outcome FROM stripe_events WHERE event_id = :id",
                     soci::use(event_id), soci::into(outcome));
    return outcome == "processed" || outcome == "ignored";
  });
}

void WebhookProcessor::RecordFailure(const std::string& event_id, const StoredEvent* arriving,
                                     const std::string& error) {
  log::Warn("stripe event failed", {{"event_id", event_id}, {"error", error}});
  db_.Write([&](soci::session& sql) {
    // The failed transaction took the new event's row with it: store it again.
    if (arriving != nullptr) {
      Store(sql, *arriving);
    }
    // Shown to the office the event names, so its managers see what failed.
    const auto tenant = TenantNamedBy(sql, event_id, arriving);
    std::int64_t tenant_id = tenant.value_or(0);
    soci::indicator tenant_null = tenant ? soci::i_ok : soci::i_null;
    // An event applied meanwhile (by a concurrent delivery) stays applied.
    sql << "UPDATE stripe_events SET outcome = 'failed', error = :e, attempts = attempts + 1,"
           " tenant_id = coalesce(tenant_id, :t) WHERE event_id = :id"
           " AND outcome IN ('received', 'failed')",
        soci::use(error), soci::use(tenant_id, tenant_null), soci::use(event_id);
  });
}

std::optional<std::int64_t> WebhookProcessor::TenantNamedBy(soci::session& sql,
                                                            const std::string& event_id,
                                                            const StoredEvent* arriving) {
  nlohmann::json stored;
  const nlohmann::json& event =
      EventOf(sql, event_id, arriving != nullptr ? arriving->parsed : nullptr, stored);
  if (!event.is_object() || !event.contains("data") || !event["data"].contains("object") ||
      !event["data"]["object"].is_object()) {
    return std::nullopt;
  }
  const auto& object = event["data"]["object"];

  // Our own metadata, signed by Stripe; else the payment a refund names.
  if (auto named = MetadataId(object, "tenant_id")) {
    int exists = 0;
    storage::Execute(sql, "SELECT count(*) FROM tenants WHERE id = :t", soci::use(*named),
                     soci::into(exists));
    return exists > 0 ? named : std::nullopt;
  }
  const auto intent = object.find("payment_intent");
  if (intent != object.end() && intent->is_string()) {
    if (auto payment = LoadPayment(sql, intent->get<std::string>())) {
      return payment->tenant_id;
    }
  }
  return std::nullopt;
}

int WebhookProcessor::RetryFailed() {
  std::vector<std::string> failed = db_.Read([&](soci::session& sql) {
    std::vector<std::string> ids;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT event_id FROM stripe_events WHERE outcome IN ('failed',"
                        " 'received') ORDER BY stripe_created, received_at");
    for (const auto& row : rows) {
      ids.push_back(Text(row, 0));
    }
    return ids;
  });
  int applied = 0;
  for (const auto& event_id : failed) {
    if (Apply(event_id, nullptr)) {
      ++applied;
    }
  }
  return applied;
}

}  // namespace concierge::payments
