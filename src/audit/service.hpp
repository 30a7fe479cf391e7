#pragma once

#include <utility>
#include <vector>

#include "audit/repository.hpp"
#include "storage/database.hpp"

namespace concierge::audit {

// Records and lists audit events. Services that change something record
// their event on their own transaction (audit::Append); this service is for
// events that stand alone (logins) and for reading. Thread-safe.
class AuditService {
 public:
  AuditService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  void Record(const Event& event) {
    db_.Write([&](soci::session& sql) { Append(sql, event, clock_); });
  }

  [[nodiscard]] std::pair<std::int64_t, std::vector<Event>> List(const Scope& scope,
                                                                 const EventFilter& filter) {
    return db_.Read([&](soci::session& sql) {
      return std::make_pair(CountEvents(sql, scope, filter), SelectEvents(sql, scope, filter));
    });
  }

  [[nodiscard]] const Clock& clock() const { return clock_; }

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::audit
