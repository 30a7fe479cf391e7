#include "kiosk/public_info.hpp"

#include "accounts/scope_factory.hpp"
#include "kiosk/device_authenticator.hpp"
#include "kiosk/repository.hpp"
#include "tenancy/repository.hpp"

namespace concierge::kiosk {

namespace {

constexpr int kListLimit = 10;
constexpr int kVoteLimit = 5;

Error NoSuchBuilding() {
  return Error::NotFound("building_not_found", "No such building.");
}

Error BadKioskCredential() {
  return Error::Unauthenticated("The kiosk credential is not valid for this building.");
}

}  // namespace

Result<Audience> PublicInfoService::AudienceOf(const http::Request& request,
                                               std::int64_t building_id) {
  if (!flags_.IsOn(Flag::kSecurePublicInfo)) {
    return Audience::kLegacy;
  }
  if (const auto secret = DeviceSecretOf(request)) {
    const auto device = devices_.Authenticate(*secret);
    if (!device || device->building_id != building_id) {
      return Fail(BadKioskCredential());
    }
    return Audience::kKiosk;
  }
  std::optional<std::string> token;
  if (const auto header = request.Header("x-kiosk-token")) {
    token = std::string(*header);
  } else {
    token = request.QueryParam("token");
  }
  if (!token) {
    return Audience::kStranger;
  }
  const auto claims = signer_.Verify(*token, kConnectPurpose, building_id);
  if (!claims || !devices_.IsActive(claims->tenant_id, building_id, claims->device_id)) {
    return Fail(BadKioskCredential());
  }
  return Audience::kVisitor;
}

Result<PublicInfo> PublicInfoService::Get(std::int64_t building_id, Audience audience) {
  const auto tenant =
      db_.Read([&](soci::session& sql) { return SelectBuildingTenant(sql, building_id); });
  if (!tenant) {
    return Fail(NoSuchBuilding());
  }
  const Scope scope = accounts::ScopeFactory::ForKiosk(*tenant, building_id);
  PublicInfo info;
  info.audience = audience;
  const auto found = db_.Read([&](soci::session& sql) {
    return std::make_pair(tenancy::SelectBuilding(sql, scope, building_id),
                          SelectSettings(sql, scope, building_id));
  });
  if (!found.first) {
    return Fail(NoSuchBuilding());
  }
  const tenancy::Building& building = *found.first;
  info.building_id = building.id;
  info.name = building.name;
  info.address = building.address;
  info.city = building.city;
  info.currency = building.currency;
  info.office_contact = found.second.public_contact;

  const Date today = LocalDate(clock_.Now(), building.timezone);
  std::tie(info.announcements, info.events) =
      announcements_.PublicOf(scope, building_id, today, kListLimit);

  CONCIERGE_TRY(closed,
                votes_.List(scope, {building_id, votes::VoteState::kClosed, 0, kVoteLimit}));
  for (const auto& vote : closed->second) {
    if (auto results = votes_.GetPublicResults(vote.id)) {
      info.closed_votes.push_back(std::move(*results));
    }
  }

  CONCIERGE_TRY(report, debt_report_.Build(scope, building_id, today));
  info.debt_owner = *report;
  info.debt = info.debt_owner.get();
  if (SeesApartments(audience)) {
    for (const auto& row : info.debt->rows) {
      const std::int64_t days = row.aging.oldest_overdue_due_date
                                    ? (today - *row.aging.oldest_overdue_due_date).count()
                                    : 0;
      info.debtors.push_back({row.number, row.aging.overdue(), days,
                              audience == Audience::kLegacy ? row.owner_name : ""});
    }
  }
  return info;
}

}  // namespace concierge::kiosk
