#include "kiosk/announcement_repository.hpp"

#include "storage/database.hpp"
#include "storage/rows.hpp"

namespace concierge::kiosk {

using storage::Int;
using storage::OptionalText;
using storage::Text;

namespace {

constexpr const char* kColumns =
    "SELECT n.id, n.building_id, n.title, n.body, n.visibility, n.event_date, n.created_at"
    " FROM announcements n";

Announcement Read(const soci::row& row) {
  Announcement announcement;
  announcement.id = Int(row, 0);
  announcement.building_id = Int(row, 1);
  announcement.title = Text(row, 2);
  announcement.body = Text(row, 3);
  (void)ParseVisibility(Text(row, 4), announcement.visibility);
  if (const auto date = OptionalText(row, 5)) {
    if (auto parsed = ParseDate(*date)) {
      announcement.event_date = *parsed;
    }
  }
  announcement.created_at = Text(row, 6);
  return announcement;
}

// Residents read public and residents' announcements; the kiosk only public
// ones; staff and office everything.
std::string VisibilityFilter(const Scope& scope) {
  switch (scope.role()) {
    case Role::kResident:
      return " AND n.visibility IN ('public', 'residents')";
    case Role::kKiosk:
      return " AND n.visibility = 'public'";
    default:
      return "";
  }
}

// Residents see the buildings of their apartments.
std::string ResidentBuildings(const Scope& scope) {
  if (!scope.IsResident()) {
    return "";
  }
  return " AND n.building_id IN (SELECT building_id FROM apartments WHERE 1 = 1" +
         scope.ApartmentFilter("id") + ")";
}

std::vector<Announcement> Collect(const soci::rowset<soci::row>& rows) {
  std::vector<Announcement> announcements;
  for (const auto& row : rows) {
    announcements.push_back(Read(row));
  }
  return announcements;
}

}  // namespace

std::int64_t InsertAnnouncement(soci::session& sql, const Scope& scope,
                                const Announcement& announcement, const std::string& now) {
  const long long tenant = scope.tenant_id();
  const long long building = announcement.building_id;
  const std::string visibility = VisibilityName(announcement.visibility);
  std::string date = announcement.event_date ? FormatDate(*announcement.event_date) : "";
  soci::indicator date_null = announcement.event_date ? soci::i_ok : soci::i_null;
  long long by = scope.user_id();
  soci::indicator by_null = by > 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO announcements (tenant_id, building_id, title, body, visibility,"
         " event_date, created_by, created_at) VALUES (:t, :b, :ti, :bo, :v, :d, :u, :c)",
      soci::use(tenant), soci::use(building), soci::use(announcement.title),
      soci::use(announcement.body), soci::use(visibility), soci::use(date, date_null),
      soci::use(by, by_null), soci::use(now);
  return storage::LastInsertId(sql);
}

std::vector<Announcement> SelectAnnouncements(soci::session& sql, const Scope& scope,
                                              std::optional<std::int64_t> building_id) {
  const long long tenant = scope.tenant_id();
  const long long building = building_id.value_or(0);
  const std::string building_clause =
      scope.IsResident() ? ResidentBuildings(scope) : scope.BuildingFilter("n.building_id");
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kColumns) +
                          " WHERE n.tenant_id = :t AND (:b = 0 OR n.building_id = :b2)" +
                          building_clause + VisibilityFilter(scope) + " ORDER BY n.id DESC",
       soci::use(tenant), soci::use(building), soci::use(building));
  return Collect(rows);
}

std::optional<Announcement> SelectAnnouncement(soci::session& sql, const Scope& scope,
                                               std::int64_t id) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  const std::string building_clause =
      scope.IsResident() ? ResidentBuildings(scope) : scope.BuildingFilter("n.building_id");
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kColumns) + " WHERE n.tenant_id = :t AND n.id = :i" +
                          building_clause + VisibilityFilter(scope),
       soci::use(tenant), soci::use(wanted));
  for (const auto& row : rows) {
    return Read(row);
  }
  return std::nullopt;
}

void DeleteAnnouncement(soci::session& sql, const Scope& scope, std::int64_t id) {
  const long long tenant = scope.tenant_id();
  const long long wanted = id;
  sql << "DELETE FROM announcements WHERE tenant_id = :t AND id = :i" +
             scope.BuildingFilter("building_id"),
      soci::use(tenant), soci::use(wanted);
}

std::vector<Announcement> SelectPublicAnnouncements(soci::session& sql, const Scope& scope,
                                                    std::int64_t building_id, int limit) {
  const long long tenant = scope.tenant_id();
  const long long building = building_id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kColumns) +
                          " WHERE n.tenant_id = :t AND n.building_id = :b"
                          " AND n.visibility = 'public' AND n.event_date IS NULL" +
                          scope.BuildingFilter("n.building_id") + " ORDER BY n.id DESC LIMIT " +
                          std::to_string(limit),
       soci::use(tenant), soci::use(building));
  return Collect(rows);
}

std::vector<Announcement> SelectPublicEvents(soci::session& sql, const Scope& scope,
                                             std::int64_t building_id, const std::string& today,
                                             int limit) {
  const long long tenant = scope.tenant_id();
  const long long building = building_id;
  const soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kColumns) +
                          " WHERE n.tenant_id = :t AND n.building_id = :b"
                          " AND n.visibility = 'public' AND n.event_date >= :d" +
                          scope.BuildingFilter("n.building_id") +
                          " ORDER BY n.event_date, n.id LIMIT " + std::to_string(limit),
       soci::use(tenant), soci::use(building), soci::use(today));
  return Collect(rows);
}

}  // namespace concierge::kiosk
