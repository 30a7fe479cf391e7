// `concierge seed-demo`: a believable management office to look around in.

#include <iostream>
#include <random>

#include "accounts/scope_factory.hpp"
#include "accounts/service.hpp"
#include "app/application.hpp"
#include "app/commands.hpp"
#include "core/crypto.hpp"
#include "finance/expense_sheets.hpp"
#include "finance/ledger_service.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::app {

namespace {

using std::chrono::days;

// How an apartment's owner pays: the mix puts debt in every bucket.
enum class Payer { kOnTime, kLate, kPartial, kChronic, kAhead };

struct DemoFlat {
  std::string number;
  int floor;
  int general;
  int elevator;
  int heating;
  const char* owner;
  Payer payer;
};

struct DemoBuilding {
  tenancy::Building building;
  std::vector<DemoFlat> flats;
  Cents monthly_general;
  Cents monthly_elevator;
  Cents winter_heating;
};

// Shares per mille: each category sums to 1000 over a building.
std::vector<DemoFlat> AthensFlats() {
  return {
      {"0A", 0, 52, 0, 55, "Eleni Georgiou", Payer::kOnTime},
      {"0B", 0, 48, 0, 50, "Nikos Pappas", Payer::kChronic},
      {"1A", 1, 62, 55, 63, "Maria Oikonomou", Payer::kOnTime},
      {"1B", 1, 58, 52, 58, "Giorgos Dimitriou", Payer::kLate},
      {"1C", 1, 60, 54, 60, "Katerina Vlachou", Payer::kOnTime},
      {"2A", 2, 62, 62, 62, "Dimitris Alexiou", Payer::kPartial},
      {"2B", 2, 58, 58, 57, "Sofia Nikolaidou", Payer::kOnTime},
      {"2C", 2, 60, 62, 60, "Yannis Karras", Payer::kAhead},
      {"3A", 3, 64, 70, 63, "Anna Petridou", Payer::kOnTime},
      {"3B", 3, 60, 68, 58, "Kostas Markou", Payer::kLate},
      {"3C", 3, 62, 70, 62, "Despina Lazarou", Payer::kOnTime},
      {"4A", 4, 66, 78, 64, "Stavros Ioannou", Payer::kOnTime},
      {"4B", 4, 62, 76, 62, "Ioanna Christou", Payer::kPartial},
      {"4C", 4, 64, 78, 64, "Petros Antoniou", Payer::kOnTime},
      {"5A", 5, 82, 110, 82, "Vasiliki Stathi", Payer::kChronic},
      {"5B", 5, 80, 107, 80, "Michalis Kyriakou", Payer::kOnTime},
  };
}

std::vector<DemoFlat> LimassolFlats() {
  return {
      {"101", 1, 68, 0, 0, "Andreas Constantinou", Payer::kOnTime},
      {"102", 1, 66, 0, 0, "Christina Demetriou", Payer::kLate},
      {"103", 1, 70, 0, 0, "Marios Charalambous", Payer::kOnTime},
      {"201", 2, 70, 150, 0, "Elena Savva", Payer::kOnTime},
      {"202", 2, 68, 145, 0, "Panayiotis Hadjigeorgiou", Payer::kPartial},
      {"203", 2, 72, 150, 0, "Stella Panayiotou", Payer::kOnTime},
      {"301", 3, 72, 180, 0, "Loizos Michael", Payer::kChronic},
      {"302", 3, 70, 175, 0, "Georgia Kyprianou", Payer::kOnTime},
      {"303", 3, 74, 200, 0, "Costas Ioannides", Payer::kAhead},
      {"401", 4, 76, 0, 0, "Maria Nicolaou", Payer::kOnTime},
      {"402", 4, 74, 0, 0, "Nicos Georgiades", Payer::kLate},
      {"403", 4, 78, 0, 0, "Eleni Pavlou", Payer::kOnTime},
      {"501", 5, 72, 0, 0, "Antonis Philippou", Payer::kOnTime},
      {"502", 5, 70, 0, 0, "Irene Zachariou", Payer::kOnTime},
  };
}

// The Limassol building has an elevator serving floors 2 and 3 only and no
// central heating: elevator shares there sum to 1000, heating is absent.
tenancy::Shares SharesOf(const DemoFlat& flat) {
  tenancy::Shares shares{{"general", flat.general}, {"elevator", flat.elevator}};
  if (flat.heating > 0) {
    shares["heating"] = flat.heating;
  }
  return shares;
}

Date FirstOfMonth(Date date, int months_back) {
  std::chrono::year_month_day ymd{date};
  const auto month =
      std::chrono::year_month{ymd.year(), ymd.month()} - std::chrono::months{months_back};
  return Date{month / std::chrono::day{1}};
}

// Posts one payment per charge according to the payer's habit, never after today.
void PayCharge(finance::LedgerService& ledger, const Scope& office, std::int64_t apartment_id,
               Payer payer, Cents amount, Date due, Date today, int month_index,
               std::mt19937& random) {
  Date paid_on = due;
  Cents paid = amount;
  switch (payer) {
    case Payer::kOnTime:
      paid_on = due - days(static_cast<int>(random() % 8));
      break;
    case Payer::kLate:
      paid_on = due + days(45 + static_cast<int>(random() % 30));
      break;
    case Payer::kPartial:
      paid_on = due + days(static_cast<int>(random() % 10));
      paid = amount * (60 + static_cast<int>(random() % 25)) / 100;
      break;
    case Payer::kChronic:
      // Pays a lump now and then in the first year, then stops.
      if (month_index % 5 != 4 || month_index > 14) {
        return;
      }
      paid_on = due + days(20);
      paid = amount * 4;
      break;
    case Payer::kAhead:
      paid_on = due - days(9);
      paid = amount + 2000;
      break;
  }
  if (paid_on > today || paid <= 0) {
    return;
  }
  (void)ledger.RecordPayment(office, apartment_id,
                             {paid, paid_on, random() % 2 ? "bank_transfer" : "cash", "", {}});
}

std::string NewPassword() {
  return RandomToken(12);
}

// What an office has going on besides its books, so that every screen has
// something to show: an open online charge, a running vote, a to-do, a public
// announcement and a lobby device. Returns the device's secret.
Result<std::string> SeedOfficeLife(Application& app, const Scope& office, std::int64_t building_id,
                                   std::int64_t resident_apartment, Date today) {
  CONCIERGE_TRY(charge, app.payments->CreateCharge(
                            office, {resident_apartment, 15000, "Roof repair share", {}}, {}));

  votes::VoteDraft draft;
  draft.building_id = building_id;
  draft.title = "Repaint the stairwell";
  draft.description = "Two quotes attached at the office; the lower is 4,800 EUR.";
  draft.share_category = "general";
  draft.quorum = votes::Fraction{1, 2};
  draft.closes_at = app.clock->Now() + std::chrono::days(14);
  CONCIERGE_TRY(vote, app.votes->Create(office, draft, {}));
  CONCIERGE_TRY(opened, app.votes->Open(office, vote->id, {}));

  todos::Todo todo;
  todo.building_id = building_id;
  todo.title = "Service the boiler before winter";
  todo.due_date = today + std::chrono::days(21);
  CONCIERGE_TRY(item, app.todos->Create(office, todo));

  kiosk::Announcement notice;
  notice.building_id = building_id;
  notice.title = "Water off on Thursday morning";
  notice.body = "The water supply is off from 9:00 to 12:00 for pipe works.";
  notice.visibility = kiosk::Visibility::kPublic;
  notice.event_date = today + std::chrono::days(3);
  CONCIERGE_TRY(announced, app.announcements->Create(office, notice, {}));

  CONCIERGE_TRY(device, app.kiosk_devices->Register(office, building_id, "Lobby screen", {}));
  return device->secret;
}

}  // namespace

int RunSeedDemo(const Config& config, const std::string& tenant_slug) {
  auto opened = OpenApplication(config, /*migrate=*/true);
  if (!opened) {
    return Failure(opened.error().detail);
  }
  Application& app = **opened;

  const bool exists = app.db->Read(
      [&](soci::session& sql) { return tenancy::FindTenantBySlug(sql, tenant_slug).has_value(); });
  if (exists) {
    std::cout << "The demo office '" << tenant_slug << "' already exists; its logins were printed "
              << "when it was created. To start over, remove the database (" << config.database_url
              << ") and run seed-demo again." << std::endl;
    return 0;
  }

  const auto tenant = app.db->Write([&](soci::session& sql) {
    return tenancy::InsertTenant(sql,
                                 {0, tenant_slug, "Demo Property Management", "Europe/Athens"});
  });
  const Scope office = accounts::ScopeFactory::ForOperator(tenant.id);
  const Date today = LocalDate(app.clock->Now(), "Europe/Athens");

  std::vector<DemoBuilding> buildings = {
      {{0, 0, "ATH-KIF112", "Kifisias 112", "Leoforos Kifisias 112", "Athens", "Europe/Athens",
        "EUR"},
       AthensFlats(),
       185000,
       42000,
       260000},
      {{0, 0, "LIM-ANEX7", "Anexartisias 7", "Anexartisias 7", "Limassol", "Asia/Nicosia", "EUR"},
       LimassolFlats(),
       142000,
       36000,
       0},
  };

  std::mt19937 random(20240101);
  std::int64_t resident_apartment = 0;
  std::int64_t first_building = 0;
  for (auto& demo : buildings) {
    auto building = app.tenancy->CreateBuilding(office, demo.building);
    if (!building) {
      return Failure(building.error().detail);
    }
    if (first_building == 0) {
      first_building = building->id;
    }
    std::vector<std::pair<std::int64_t, Payer>> flats;
    for (const auto& flat : demo.flats) {
      tenancy::Apartment apartment;
      apartment.building_id = building->id;
      apartment.number = flat.number;
      apartment.floor = flat.floor;
      apartment.owner_name = flat.owner;
      apartment.occupant_name = flat.owner;
      apartment.shares = SharesOf(flat);
      auto created = app.tenancy->CreateApartment(office, apartment);
      if (!created) {
        return Failure(created.error().detail);
      }
      flats.emplace_back(created->id, flat.payer);
      if (resident_apartment == 0) {
        resident_apartment = created->id;
      }
    }

    for (int back = 23; back >= 0; --back) {
      const Date issued = FirstOfMonth(today, back);
      const Date due = issued + days(9);
      const unsigned month = unsigned(std::chrono::year_month_day{issued}.month());
      const Cents wobble = static_cast<Cents>(random() % 20000) - 10000;
      std::vector<finance::ExpenseItem> items = {
          {"general", "Cleaning, lighting and management", demo.monthly_general + wobble},
          {"elevator", "Elevator maintenance", demo.monthly_elevator}};
      if (demo.winter_heating > 0 && (month >= 10 || month <= 4)) {
        items.push_back({"heating", "Heating oil", demo.winter_heating + 3 * wobble});
      }
      const std::string period = FormatDate(issued).substr(0, 7);
      auto sheet = app.sheets->Create(office, building->id,
                                      {period, "Common expenses " + period, issued, due, items});
      if (!sheet) {
        return Failure(sheet.error().detail);
      }
      for (const auto& charge : sheet->charges) {
        for (const auto& [apartment_id, payer] : flats) {
          if (apartment_id == charge.apartment_id) {
            PayCharge(*app.ledger, office, apartment_id, payer, charge.amount, due, today,
                      23 - back, random);
          }
        }
      }
    }
  }

  const std::string manager_password = NewPassword();
  const std::string resident_password = NewPassword();
  auto manager = accounts::CreateUser(*app.db, {tenant.id,
                                                "manager@demo.example",
                                                "Dora Manager",
                                                Role::kManager,
                                                manager_password,
                                                {},
                                                {}});
  auto resident = accounts::CreateUser(*app.db, {tenant.id,
                                                 "resident@demo.example",
                                                 "Eleni Georgiou",
                                                 Role::kResident,
                                                 resident_password,
                                                 {},
                                                 resident_apartment});
  if (!manager || !resident) {
    return Failure("the demo users could not be created.");
  }
  const auto device_secret = SeedOfficeLife(app, office, first_building, resident_apartment, today);
  if (!device_secret) {
    return Failure(device_secret.error().detail);
  }

  std::cout << "Demo office '" << tenant_slug << "' created: 2 buildings, 30 apartments, "
            << "24 months of books.\n"
            << "Demo logins (shown only now):\n"
            << "  manager   manager@demo.example   " << manager_password << "\n"
            << "  resident  resident@demo.example  " << resident_password << "\n"
            << "Lobby screen of building " << first_building
            << " (Authorization: Kiosk ...): " << *device_secret << "\n"
            << "Also seeded: an open online charge, a running vote, a to-do and a public "
            << "announcement." << std::endl;
  return 0;
}

}  // namespace concierge::app
