#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/flags.hpp"
#include "storage/database.hpp"
#include "storage/group_commit.hpp"

namespace concierge::payments {

enum class EventOutcome { kProcessed, kIgnored, kDuplicate };

[[nodiscard]] const char* EventOutcomeName(EventOutcome outcome);

// Takes Stripe events into the books (docs/payments.md).
//
// Each event is stored under its UNIQUE id and applied in one savepoint,
// so a replay, sequential or concurrent, changes nothing. Events arriving
// together share one durable commit (storage::GroupCommit), and Receive()
// returns only once the event is committed. Payment intents are
// keyed by their id (UNIQUE), a success is never undone by an older or later
// failure, and the ledger credit of a payment is UNIQUE on it: however often
// and in whatever order checkout.session.completed and
// payment_intent.succeeded arrive, one payment and at most one credit exist.
// Refunds post reversing entries for the newly refunded amount only.
//
// A failure while applying is recorded on the event (outcome "failed", its
// error) and returned as an error, so the caller answers 5xx and Stripe
// retries; Retry() applies failed events again by hand. Thread-safe.
class WebhookProcessor {
 public:
  WebhookProcessor(storage::Database& db, const Clock& clock, const FeatureFlags& flags)
      : db_(db), clock_(clock), flags_(flags), writes_(db) {}

  // `payload` is the verified raw body; `request_id` is recorded on the audit
  // events it causes.
  [[nodiscard]] Result<EventOutcome> Receive(const std::string& payload,
                                             const std::string& request_id = {});

  // Applies every failed event again, oldest first; returns how many now succeed.
  [[nodiscard]] int RetryFailed();

 private:
  struct StoredEvent {
    std::string id;
    std::string type;
    long long created = 0;
    std::string payload_hash;
    std::string payload;
    std::string request_id;
    std::string received_at;
    const nlohmann::json* parsed = nullptr;  // the same payload, already parsed
  };

  // Applies a stored event, storing `arriving` first when it is new.
  [[nodiscard]] Result<EventOutcome> Apply(const std::string& event_id,
                                           const StoredEvent* arriving);
  EventOutcome ApplyIn(soci::session& sql, const std::string& event_id,
                       const StoredEvent* arriving);
  // Stores an event as received, unless its id is already stored.
  void Store(soci::session& sql, const StoredEvent& event);
  [[nodiscard]] bool AlreadyApplied(const std::string& event_id);
  void RecordFailure(const std::string& event_id, const StoredEvent* arriving,
                     const std::string& error);
  // The office a failed event names (its metadata, or the payment it refunds).
  [[nodiscard]] std::optional<std::int64_t> TenantNamedBy(soci::session& sql,
                                                          const std::string& event_id,
                                                          const StoredEvent* arriving);

  storage::Database& db_;
  const Clock& clock_;
  const FeatureFlags& flags_;
  storage::GroupCommit writes_;
};

}  // namespace concierge::payments
