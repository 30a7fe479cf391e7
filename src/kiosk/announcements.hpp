#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"

namespace concierge::kiosk {

// Who may read an announcement: anyone (the lobby screen and public info),
// the building's residents, or staff only.
enum class Visibility { kPublic, kResidents, kStaff };
[[nodiscard]] const char* VisibilityName(Visibility visibility);
[[nodiscard]] bool ParseVisibility(const std::string& text, Visibility& visibility);

struct Announcement {
  std::int64_t id = 0;
  std::int64_t building_id = 0;
  std::string title;
  std::string body;
  Visibility visibility = Visibility::kResidents;
  std::optional<Date> event_date;  // set: an event, listed until the day has passed
  std::string created_at;
};

// Announcements of a building, written by managers. Readers see what their
// role may: staff and office everything of their buildings, residents public
// and residents' ones, the public only public ones. Thread-safe.
class AnnouncementService {
 public:
  AnnouncementService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<Announcement> Create(const Scope& scope, Announcement announcement,
                                            const audit::Actor& actor);
  [[nodiscard]] std::vector<Announcement> List(const Scope& scope,
                                               std::optional<std::int64_t> building_id);
  [[nodiscard]] Status Remove(const Scope& scope, std::int64_t id, const audit::Actor& actor);

  // Public announcements of the building, newest first, and its public
  // events from `today` on, soonest first (at most `limit` of each).
  [[nodiscard]] std::pair<std::vector<Announcement>, std::vector<Announcement>> PublicOf(
      const Scope& scope, std::int64_t building_id, Date today, int limit);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace concierge::kiosk
