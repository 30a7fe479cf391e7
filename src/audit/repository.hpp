#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"

namespace concierge::audit {

// Appends an event on the caller's session, so it commits or rolls back
// with the change it describes.
void Append(soci::session& sql, const Event& event, const Clock& clock);

struct EventFilter {
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> action;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

// The scope's office's events, newest first.
[[nodiscard]] std::int64_t CountEvents(soci::session& sql, const Scope& scope,
                                       const EventFilter& filter);
[[nodiscard]] std::vector<Event> SelectEvents(soci::session& sql, const Scope& scope,
                                              const EventFilter& filter);

}  // namespace concierge::audit
