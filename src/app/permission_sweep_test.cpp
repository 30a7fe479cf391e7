// Walks the whole route table and calls every route as anonymous, as each
// role, as a kiosk device and as another office, asserting the permission
// the route declares:
// 401 for anonymous callers of non-public routes, 403 for roles it does not
// list, and 404 for another office's ids. A route whose path parameter this
// sweep does not know how to fill fails the test until it is taught.

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "accounts/scope_factory.hpp"
#include "app/application.hpp"
#include "core/crypto.hpp"
#include "http/pipeline.hpp"

namespace concierge::app {
namespace {

// The things of one office that routes take ids of, and a token per role.
struct Office {
  std::map<std::string, std::int64_t> ids;  // "building", "apartment", ...
  std::map<Role, std::string> tokens;
  std::string device_secret;  // a kiosk device of the office's building
};

class PermissionSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    path_ = std::filesystem::temp_directory_path() /
            ("concierge-sweep-" + std::to_string(::getpid()) + ".db");
    Config config;
    config.database_url = "sqlite://" + path_.string();
    config.secret_key = std::string(40, 's');
    config.db_pool_size = 2;
    auto app = OpenApplication(config, true);
    ASSERT_TRUE(app) << app.error().detail;
    app_ = std::move(*app);
    mine_ = MakeOffice("mine");
    theirs_ = MakeOffice("theirs");
  }

  void TearDown() override {
    app_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }

  Office MakeOffice(const std::string& slug) {
    Office office;
    const auto tenant = app_->db->Write([&](soci::session& sql) {
      sql << "INSERT INTO tenants (slug, name) VALUES (:s, :s2)", soci::use(slug), soci::use(slug);
      return storage::LastInsertId(sql);
    });
    const Scope operator_scope = accounts::ScopeFactory::ForOperator(tenant);

    tenancy::Building building;
    building.code = "B-" + slug;
    building.name = slug;
    const auto b = *app_->tenancy->CreateBuilding(operator_scope, building);
    tenancy::Apartment apartment;
    apartment.building_id = b.id;
    apartment.number = "1A";
    apartment.shares = {{"general", 1000}};
    const auto a = *app_->tenancy->CreateApartment(operator_scope, apartment);
    const auto entry = *app_->ledger->PostCharge(
        operator_scope, a.id, {1000, *ParseDate("2025-01-01"), *ParseDate("2025-01-10"), "x", {}});
    const auto sheet = *app_->sheets->Create(operator_scope, b.id,
                                             {"2025-02",
                                              "",
                                              *ParseDate("2025-02-01"),
                                              *ParseDate("2025-02-10"),
                                              {{"general", "", 5000}}});
    const auto online = *app_->payments->CreateCharge(operator_scope, {a.id, 1000, "x", {}}, {});
    // An open vote: ballots, results and closing have something to act on.
    votes::VoteDraft draft;
    draft.building_id = b.id;
    draft.title = "sweep";
    draft.share_category = "general";
    draft.closes_at = app_->clock->Now() + std::chrono::days{365};
    const auto vote = *app_->votes->Create(operator_scope, draft, {});
    EXPECT_TRUE(app_->votes->Open(operator_scope, vote.id, {}));
    todos::Todo todo;
    todo.building_id = b.id;
    todo.title = "sweep";
    const auto item = *app_->todos->Create(operator_scope, todo);
    office.ids = {{"building", b.id},  {"apartment", a.id},          {"entry", entry.id},
                  {"sheet", sheet.id}, {"online_charge", online.id}, {"vote", vote.id},
                  {"todo", item.id}};
    AddKioskThings(operator_scope, b.id, a.id, office);

    const std::pair<Role, std::string> roles[] = {{Role::kAdmin, "admin"},
                                                  {Role::kManager, "manager"},
                                                  {Role::kStaff, "staff"},
                                                  {Role::kResident, "resident"}};
    for (const auto& [role, name] : roles) {
      accounts::NewUser user{
          tenant, name + "@" + slug + ".example", name, role, "sweep password 123", {}, {}};
      if (role == Role::kStaff) {
        user.building_ids = {b.id};
      }
      if (role == Role::kResident) {
        user.apartment_id = a.id;
      }
      const auto created = accounts::CreateUser(*app_->db, user);
      office.tokens[role] = app_->tokens->Issue(created->id, tenant);
    }
    // A spare member for the membership routes to act on.
    const auto spare = accounts::CreateUser(*app_->db, {tenant,
                                                        "spare@" + slug + ".example",
                                                        "spare",
                                                        Role::kManager,
                                                        "sweep password 123",
                                                        {},
                                                        {}});
    office.ids["membership"] = app_->db->Read([&](soci::session& sql) {
      long long id = 0;
      sql << "SELECT id FROM memberships WHERE user_id = :u", soci::use(spare->id), soci::into(id);
      return static_cast<std::int64_t>(id);
    });
    return office;
  }

  // A kiosk device, a pending registration (legacy flow: the sweep runs
  // with flags off), an announcement and a personal link.
  void AddKioskThings(const Scope& scope, std::int64_t building, std::int64_t apartment,
                      Office& office) {
    // One device for the routes to act on (the sweep revokes it), another
    // to call them with.
    office.ids["device"] = app_->kiosk_devices->Register(scope, building, "lobby", {})->device.id;
    office.device_secret = app_->kiosk_devices->Register(scope, building, "caller", {})->secret;
    ASSERT_TRUE(app_->kiosk_settings->Put(scope, {building, true, "", ""}, {}));
    const auto registration = app_->kiosk_connect->Register(
        {std::nullopt, building}, {"1A", "Sweep Person", "sweep@example.com", "+30 210 0000"}, {});
    ASSERT_TRUE(registration) << registration.error().detail;
    office.ids["registration"] = registration->id;
    kiosk::Announcement announcement;
    announcement.building_id = building;
    announcement.title = "sweep";
    announcement.visibility = kiosk::Visibility::kStaff;
    office.ids["announcement"] = app_->announcements->Create(scope, announcement, {})->id;
    office.ids["personal_link"] = app_->personal_links->Create(scope, apartment, {})->link.id;
  }

  // The kind of thing a route's {id} names, from the route's path.
  static std::optional<std::string> KindOf(const std::string& pattern) {
    static const std::pair<const char*, const char*> kPrefixes[] = {
        {"/api/buildings/{id}/", "building"},
        {"/api/apartments/{id}/", "apartment"},
        {"/api/ledger/entries/{id}/", "entry"},
        {"/api/expense-sheets/{id}/", "sheet"},
        {"/api/memberships/{id}/", "membership"},
        {"/api/online-payments/charges/{id}/", "online_charge"},
        {"/api/votes/{id}/", "vote"},
        {"/api/public/votes/{id}/", "vote"},
        {"/api/todos/{id}/", "todo"},
        {"/api/kiosk/devices/{id}/", "device"},
        {"/api/kiosk/buildings/{id}/", "building"},
        {"/api/kiosk/registrations/{id}/", "registration"},
        {"/api/announcements/{id}/", "announcement"},
        {"/api/personal-links/{id}/", "personal_link"}};
    for (const auto& [prefix, kind] : kPrefixes) {
      if (pattern.rfind(prefix, 0) == 0) {
        return kind;
      }
    }
    return std::nullopt;
  }

  // A body the route would accept, so that a foreign id, not the body, is
  // what the answer is about.
  static std::string ValidBodyFor(const std::string& pattern) {
    static const std::map<std::string, std::string> kBodies = {
        {"/api/apartments/{id}/payments/",
         R"({"amount":"1.00","date":"2025-03-01","method":"cash"})"},
        {"/api/apartments/{id}/charges/",
         R"({"amount":"1.00","date":"2025-03-01","due_date":"2025-03-10","description":"x"})"},
        {"/api/ledger/entries/{id}/reverse/", R"({"reason":"sweep","amount":"0.01"})"},
        {"/api/online-payments/charges/{id}/mark-paid/",
         R"({"method":"cash","date":"2025-03-01"})"},
        {"/api/buildings/{id}/expense-sheets/",
         R"({"period":"2025-03","issue_date":"2025-03-01","due_date":"2025-03-10",)"
         R"("items":[{"category":"general","amount":"1.00"}]})"},
    };
    const auto found = kBodies.find(pattern);
    return found == kBodies.end() ? "{}" : found->second;
  }

  http::Response Call(const http::Route& route, const std::string& path, const std::string& token) {
    http::Request request;
    request.method = route.method;
    request.path = path;
    request.peer_address = "127.0.0.1";
    request.headers.emplace_back("content-type", "application/json");
    if (!token.empty()) {
      // A device secret is sent as itself ("Kiosk ..."), a user's token as a bearer.
      request.headers.emplace_back("authorization",
                                   token.rfind("Kiosk ", 0) == 0 ? token : "Bearer " + token);
    }
    if (route.method != "GET" && route.method != "DELETE") {
      request.body = ValidBodyFor(route.pattern);
    }
    http::Pipeline pipeline(*app_->router, 1 << 20);
    return pipeline.Handle(request);
  }

  std::filesystem::path path_;
  std::unique_ptr<Application> app_;
  Office mine_;
  Office theirs_;
};

TEST_F(PermissionSweep, EveryRouteAnswersAsItsPermissionDeclares) {
  std::size_t swept = 0;
  for (const http::Route& route : app_->router->routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    std::string mine = route.pattern;
    std::string theirs = route.pattern;
    if (const auto at = route.pattern.find("{id}"); at != std::string::npos) {
      const auto kind = KindOf(route.pattern);
      ASSERT_TRUE(kind) << "teach the sweep which kind of id this route takes";
      mine.replace(at, 4, std::to_string(mine_.ids.at(*kind)));
      theirs.replace(at, 4, std::to_string(theirs_.ids.at(*kind)));
    }
    // Public routes named by something other than an id: any value will do,
    // since nobody is refused them.
    for (const auto& [param, value] :
         {std::pair<std::string, std::string>{"{building_id}",
                                              std::to_string(mine_.ids.at("building"))},
          {"{token}", "pl_not_a_real_token"}}) {
      if (const auto at = mine.find(param); at != std::string::npos) {
        ASSERT_TRUE(route.permission.is_public) << "teach the sweep this route's " << param;
        mine.replace(at, param.size(), value);
        theirs = mine;
      }
    }
    ASSERT_EQ(mine.find('{'), std::string::npos) << "teach the sweep this route's path parameters";
    ++swept;

    if (route.permission.is_public) {
      continue;
    }
    EXPECT_EQ(Call(route, mine, "").status, 401) << "anonymous";
    for (const auto& [role, token] : mine_.tokens) {
      const int status = Call(route, mine, token).status;
      if (route.permission.Allows(role)) {
        EXPECT_NE(status, 401) << RoleName(role);
        EXPECT_NE(status, 403) << RoleName(role);
      } else {
        EXPECT_EQ(status, 403) << RoleName(role);
      }
    }
    // A lobby device reaches only the routes that name it.
    const int as_device = Call(route, mine, "Kiosk " + mine_.device_secret).status;
    if (route.permission.Allows(Role::kKiosk)) {
      EXPECT_NE(as_device, 403) << "kiosk device";
    } else {
      EXPECT_EQ(as_device, 403) << "kiosk device";
    }
    if (theirs != route.pattern) {
      // Another office's admin may call every route, and must find nothing.
      EXPECT_EQ(Call(route, theirs, mine_.tokens.at(Role::kAdmin)).status, 404);
    }
  }
  EXPECT_EQ(swept, app_->router->routes().size());
}

}  // namespace
}  // namespace concierge::app
