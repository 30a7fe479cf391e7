#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/flags.hpp"
#include "finance/debt_report.hpp"
#include "http/request.hpp"
#include "kiosk/announcements.hpp"
#include "kiosk/devices.hpp"
#include "kiosk/signed_token.hpp"
#include "storage/database.hpp"
#include "votes/service.hpp"

namespace concierge::kiosk {

// Who is reading a building's public info, which decides what they get.
enum class Audience {
  kStranger,  // secure flag on, no kiosk credential: nothing about any person
  // A valid signed code of the building. The code is on the lobby screen for
  // anyone there to scan, so it proves no more than a stranger's presence and
  // unlocks nothing about any apartment.
  kVisitor,
  kKiosk,   // the building's device secret: per-apartment debt, no names
  kLegacy,  // secure flag off: the legacy full info, owners' names included
};

// Whether an audience may see amounts of single apartments.
[[nodiscard]] inline bool SeesApartments(Audience audience) {
  return audience == Audience::kKiosk || audience == Audience::kLegacy;
}

struct DebtorRow {
  std::string apartment_number;
  Cents amount = 0;
  std::int64_t days_overdue = 0;
  std::string owner_name;  // kLegacy only
};

struct PublicInfo {
  Audience audience = Audience::kStranger;
  std::int64_t building_id = 0;
  std::string name;
  std::string address;
  std::string city;
  std::string currency;
  std::string office_contact;
  std::vector<Announcement> announcements;
  std::vector<Announcement> events;
  std::vector<votes::VoteResults> closed_votes;
  const finance::DebtReport* debt = nullptr;  // totals; rows only past kStranger
  std::shared_ptr<const finance::DebtReport> debt_owner;
  std::vector<DebtorRow> debtors;
};

// GET /api/public-info/{building_id}/ (DESIGN.md section 4,
// ENABLE_SECURE_PUBLIC_INFO). Thread-safe.
class PublicInfoService {
 public:
  PublicInfoService(storage::Database& db, const Clock& clock, const FeatureFlags& flags,
                    const TokenSigner& signer, DeviceService& devices,
                    AnnouncementService& announcements, votes::VoteService& votes,
                    finance::DebtReportService& debt_report)
      : db_(db),
        clock_(clock),
        flags_(flags),
        signer_(signer),
        devices_(devices),
        announcements_(announcements),
        votes_(votes),
        debt_report_(debt_report) {}

  // The audience of `request` for `building_id`: the device credential
  // (Authorization: Kiosk ...) or a signed code (X-Kiosk-Token header or
  // ?token=) for this very building. A credential that is presented but not
  // valid here answers 401 rather than quietly falling back.
  [[nodiscard]] Result<Audience> AudienceOf(const http::Request& request, std::int64_t building_id);

  // 404 for a building that does not exist.
  [[nodiscard]] Result<PublicInfo> Get(std::int64_t building_id, Audience audience);

 private:
  storage::Database& db_;
  const Clock& clock_;
  const FeatureFlags& flags_;
  const TokenSigner& signer_;
  DeviceService& devices_;
  AnnouncementService& announcements_;
  votes::VoteService& votes_;
  finance::DebtReportService& debt_report_;
};

}  // namespace concierge::kiosk
