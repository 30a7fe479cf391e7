#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "kiosk/announcements.hpp"

namespace concierge::kiosk {

[[nodiscard]] std::int64_t InsertAnnouncement(soci::session& sql, const Scope& scope,
                                              const Announcement& announcement,
                                              const std::string& now);
// What the scope may read (see AnnouncementService), newest first.
[[nodiscard]] std::vector<Announcement> SelectAnnouncements(
    soci::session& sql, const Scope& scope, std::optional<std::int64_t> building_id);
[[nodiscard]] std::optional<Announcement> SelectAnnouncement(soci::session& sql, const Scope& scope,
                                                             std::int64_t id);
void DeleteAnnouncement(soci::session& sql, const Scope& scope, std::int64_t id);
// Public ones only; events (with a date >= `today`) apart from the rest.
[[nodiscard]] std::vector<Announcement> SelectPublicAnnouncements(soci::session& sql,
                                                                  const Scope& scope,
                                                                  std::int64_t building_id,
                                                                  int limit);
[[nodiscard]] std::vector<Announcement> SelectPublicEvents(soci::session& sql, const Scope& scope,
                                                           std::int64_t building_id,
                                                           const std::string& today, int limit);

}  // namespace concierge::kiosk
