#include "kiosk/announcements.hpp"

#include "audit/repository.hpp"
#include "kiosk/announcement_repository.hpp"
#include "tenancy/repository.hpp"

namespace concierge::kiosk {

const char* VisibilityName(Visibility visibility) {
  switch (visibility) {
    case Visibility::kPublic:
      return "public";
    case Visibility::kResidents:
      return "residents";
    case Visibility::kStaff:
      return "staff";
  }
  return "staff";
}

bool ParseVisibility(const std::string& text, Visibility& visibility) {
  for (auto candidate : {Visibility::kPublic, Visibility::kResidents, Visibility::kStaff}) {
    if (text == VisibilityName(candidate)) {
      visibility = candidate;
      return true;
    }
  }
  return false;
}

Result<Announcement> AnnouncementService::Create(const Scope& scope, Announcement announcement,
                                                 const audit::Actor& actor) {
  if (announcement.title.empty() || announcement.title.size() > 200) {
    return Fail(Error::Field("title", "A title of 1 to 200 characters."));
  }
  if (announcement.body.size() > 5000) {
    return Fail(Error::Field("body", "At most 5000 characters."));
  }
  return db_.Write([&](soci::session& sql) -> Result<Announcement> {
    if (!tenancy::SelectBuilding(sql, scope, announcement.building_id)) {
      return Fail(Error::Field("building_id", "No such building."));
    }
    const auto id = InsertAnnouncement(sql, scope, announcement, FormatTimestamp(clock_.Now()));
    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = announcement.building_id;
    event.actor = actor;
    event.action = "announcement.created";
    event.target_type = "announcement";
    event.target_id = std::to_string(id);
    event.detail = {{"visibility", VisibilityName(announcement.visibility)}};
    audit::Append(sql, event, clock_);
    return *SelectAnnouncement(sql, scope, id);
  });
}

std::vector<Announcement> AnnouncementService::List(const Scope& scope,
                                                    std::optional<std::int64_t> building_id) {
  return db_.Read([&](soci::session& sql) { return SelectAnnouncements(sql, scope, building_id); });
}

Status AnnouncementService::Remove(const Scope& scope, std::int64_t id, const audit::Actor& actor) {
  return db_.Write([&](soci::session& sql) -> Status {
    const auto found = SelectAnnouncement(sql, scope, id);
    if (!found) {
      return Fail(Error::NotFound("announcement_not_found", "No such announcement."));
    }
    DeleteAnnouncement(sql, scope, id);
    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = found->building_id;
    event.actor = actor;
    event.action = "announcement.deleted";
    event.target_type = "announcement";
    event.target_id = std::to_string(id);
    audit::Append(sql, event, clock_);
    return {};
  });
}

std::pair<std::vector<Announcement>, std::vector<Announcement>> AnnouncementService::PublicOf(
    const Scope& scope, std::int64_t building_id, Date today, int limit) {
  return db_.Read([&](soci::session& sql) {
    return std::make_pair(SelectPublicAnnouncements(sql, scope, building_id, limit),
                          SelectPublicEvents(sql, scope, building_id, FormatDate(today), limit));
  });
}

}  // namespace concierge::kiosk
