// The lobby kiosk against the real binary: devices and their signed codes,
// connect and register, and managers deciding registrations.

#include <future>
#include <latch>

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "harness.hpp"

namespace concierge::blackbox {
namespace {

constexpr const char* kPassword = "kiosk password 123";
const std::string kSigningSecret(40, 'q');
const nlohmann::json kEmpty = nlohmann::json::object();

void WriteOffice(const std::string& directory, const std::string& code) {
  WriteOfficeCsv(
      directory, code, "Kiosk House " + code,
      {"1A,1,Olga Owner,olga@example.com,600", "1B,1,Petros Tenant,petros@example.com,300",
       "1C,2,Irini Third,irini@example.com,100"},
      {"1A,2026-01-01,charge,125.50,2026-01-10,January,jan-1a",
       "1B,2026-01-01,charge,40.25,2026-01-10,January,jan-1b",
       "1C,2026-01-01,charge,10.00,2026-01-10,January,jan-1c"});
}

class Kiosk : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    env_ = workspace_.Environment();
    env_["ENABLE_KIOSK_SIGNED_QR"] = "true";
    env_["ENABLE_SECURE_PUBLIC_INFO"] = "true";
    env_["CONCIERGE_KIOSK_SIGNING_KEYS"] = "k1:" + kSigningSecret;
    // These tests are about behaviour, not limits (throttle_test.cpp is).
    env_["CONCIERGE_THROTTLE_KIOSK_REGISTER"] = "1000/60";
    for (const auto& [slug, code] : {std::pair{"office-a", "A1"}, {"office-b", "B1"}}) {
      WriteOffice(workspace_.path() + "/" + slug, code);
      const auto imported =
          RunConcierge({"import", workspace_.path() + "/" + slug, "--tenant", slug}, env_);
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
    AddUser("office-a", "manager@a.example");
    AddUser("office-b", "manager@b.example");
  }

  void AddUser(const std::string& tenant, const std::string& email) {
    const auto created =
        RunConcierge({"create-user", "--tenant", tenant, "--email", email, "--role", "manager"},
                     env_, std::string(kPassword) + "\n");
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  void Start() {
    server_ = std::make_unique<ServerProcess>(env_);
    client_ = std::make_unique<HttpClient>(server_->Client());
    manager_ = Login(*client_, "manager@a.example", kPassword);
    other_manager_ = Login(*client_, "manager@b.example", kPassword);
    building_ = client_->Get("/api/buildings/", manager_).Json()[0]["id"].get<long>();
  }

  // Registers a device of building A1 and returns its secret.
  std::string DeviceSecret() {
    const auto device = client_->SendJson(
        "POST", "/api/kiosk/devices/", {{"building_id", building_}, {"name", "Lobby"}}, manager_);
    EXPECT_EQ(device.status, 201) << device.body;
    device_id_ = device.Json()["id"].get<long>();
    return device.Json()["secret"].get<std::string>();
  }

  HttpResponse IssueToken(const std::string& secret) {
    return client_->Send("POST", "/api/kiosk/token/", "", {"Authorization: Kiosk " + secret});
  }

  void OpenRegistration() {
    const auto path = "/api/kiosk/buildings/" + std::to_string(building_) + "/settings/";
    const auto put = client_->SendJson("PUT", path, {{"registration_open", true}}, manager_);
    ASSERT_EQ(put.status, 200) << put.body;
  }

  static nlohmann::json Registration(const std::string& token) {
    return {{"token", token},
            {"apartment_number", "1B"},
            {"name", "Nikos Newcomer"},
            {"email", "nikos@example.com"},
            {"phone", "+30 210 555 0101"}};
  }

  nlohmann::json AuditOf(const std::string& action) {
    return client_->Get("/api/audit/?action=" + action, manager_).Json()["results"];
  }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
  std::string manager_;
  std::string other_manager_;
  long building_ = 0;
  long device_id_ = 0;
};

// A token as the server issued it, re-signed with the configured key after
// moving its issue and expiry times `by` seconds: how a test makes a token
// that expired without waiting for it to.
std::string Shifted(const std::string& token, long by) {
  const auto dot = token.find('.');
  auto payload = nlohmann::json::parse(*Base64UrlDecode(token.substr(0, dot)));
  payload["iat"] = payload["iat"].get<long>() + by;
  payload["exp"] = payload["exp"].get<long>() + by;
  const std::string encoded = Base64UrlEncode(payload.dump());
  return encoded + "." + Base64UrlEncode(HmacSha256(kSigningSecret, encoded));
}

TEST_F(Kiosk, ADeviceGetsASignedCodeAndAPhoneConnectsWithIt) {
  Start();
  const std::string secret = DeviceSecret();
  const auto issued = IssueToken(secret);
  ASSERT_EQ(issued.status, 200) << issued.body;
  const auto code = issued.Json();
  const std::string token = code["token"].get<std::string>();
  EXPECT_NE(code["connect_url"].get<std::string>().find(token), std::string::npos);
  EXPECT_EQ(code["qr_svg"].get<std::string>().rfind("<svg", 0), 0u);
  EXPECT_TRUE(code["expires_at"].is_string());

  const auto connected = client_->SendJson("POST", "/api/kiosk/connect/", {{"token", token}});
  ASSERT_EQ(connected.status, 200) << connected.body;
  EXPECT_EQ(connected.Json()["building"]["name"], "Kiosk House A1");
  EXPECT_EQ(connected.Json()["registration_open"], false);

  const auto audited = AuditOf("kiosk.connected");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0]["detail"]["device_id"], device_id_);
  EXPECT_EQ(audited[0]["client_address"], "127.0.0.1");

  const auto devices = client_->Get("/api/kiosk/devices/", manager_).Json()["results"];
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_TRUE(devices[0]["last_seen_at"].is_string());
  EXPECT_FALSE(devices[0].contains("secret"));
}

TEST_F(Kiosk, BadCredentialsAndBadTokensAreRefusedClearly) {
  Start();
  const std::string secret = DeviceSecret();
  EXPECT_EQ(IssueToken("kd_wrong").status, 401);
  EXPECT_EQ(client_->Send("POST", "/api/kiosk/token/").status, 401);
  // A manager is not a device.
  EXPECT_EQ(client_->SendJson("POST", "/api/kiosk/token/", kEmpty, manager_).status, 403);

  std::string token = IssueToken(secret).Json()["token"].get<std::string>();
  token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
  const auto flipped = client_->SendJson("POST", "/api/kiosk/connect/", {{"token", token}});
  EXPECT_EQ(flipped.status, 400);
  EXPECT_EQ(flipped.Json()["code"], "kiosk_token_invalid");
  EXPECT_EQ(flipped.Header("content-type"), "application/problem+json");

  const auto missing = client_->SendJson("POST", "/api/kiosk/connect/", {{"building_id", 1}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(missing.Json()["errors"].contains("token"));
}

TEST_F(Kiosk, ADeviceSecretOpensNothingButTheKioskRoutes) {
  Start();
  const std::string device = "Authorization: Kiosk " + DeviceSecret();
  for (const char* path : {"/api/apartments/", "/api/buildings/", "/api/votes/", "/api/auth/me/",
                           "/api/announcements/", "/api/kiosk/registrations/"}) {
    EXPECT_EQ(client_->Send("GET", path, "", {device}).status, 403) << path;
  }
}

TEST_F(Kiosk, ARevokedDeviceGetsNoCodesAndItsCodesStopWorking) {
  Start();
  const std::string secret = DeviceSecret();
  const std::string token = IssueToken(secret).Json()["token"].get<std::string>();
  const std::string revoke = "/api/kiosk/devices/" + std::to_string(device_id_) + "/revoke/";
  EXPECT_EQ(client_->SendJson("POST", revoke, kEmpty, other_manager_).status, 404);
  ASSERT_EQ(client_->SendJson("POST", revoke, kEmpty, manager_).status, 200);

  EXPECT_EQ(IssueToken(secret).status, 401);
  EXPECT_EQ(client_->SendJson("POST", "/api/kiosk/connect/", {{"token", token}}).status, 400);
}

TEST_F(Kiosk, RegisterWithAnExpiredTokenIsRefusedAndAudited) {
  Start();
  OpenRegistration();
  const std::string token = IssueToken(DeviceSecret()).Json()["token"].get<std::string>();
  const std::string expired = Shifted(token, -3600);

  const auto refused = client_->SendJson("POST", "/api/kiosk/register/", Registration(expired));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["code"], "kiosk_token_expired");

  EXPECT_TRUE(client_->Get("/api/kiosk/registrations/", manager_).Json()["results"].empty());
  const auto audited = AuditOf("kiosk.register_refused");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(audited[0]["detail"]["reason"], "kiosk_token_expired");
  EXPECT_EQ(audited[0]["detail"]["device_id"], device_id_);
  EXPECT_EQ(audited[0]["client_address"], "127.0.0.1");
}

TEST_F(Kiosk, RegistrationIsRefusedWhileClosedAndForBadInputNothingIsCreated) {
  Start();
  const std::string token = IssueToken(DeviceSecret()).Json()["token"].get<std::string>();
  const auto closed = client_->SendJson("POST", "/api/kiosk/register/", Registration(token));
  EXPECT_EQ(closed.status, 403);
  EXPECT_EQ(closed.Json()["code"], "registration_closed");

  OpenRegistration();
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, nlohmann::json>>{{"email", "not-an-address"},
                                                           {"phone", "call me"},
                                                           {"apartment_number", "9Z"},
                                                           {"name", ""},
                                                           {"email", 42}}) {
    nlohmann::json body = Registration(token);
    body[field] = value;
    const auto bad = client_->SendJson("POST", "/api/kiosk/register/", body);
    EXPECT_EQ(bad.status, 400) << field << " " << bad.body;
    EXPECT_TRUE(bad.Json()["errors"].contains(field)) << bad.body;
  }
  EXPECT_TRUE(client_->Get("/api/kiosk/registrations/", manager_).Json()["results"].empty());
}

TEST_F(Kiosk, ConcurrentApprovalsCreateExactlyOneMembership) {
  Start();
  OpenRegistration();
  const std::string token = IssueToken(DeviceSecret()).Json()["token"].get<std::string>();
  const auto registered = client_->SendJson("POST", "/api/kiosk/register/", Registration(token));
  ASSERT_EQ(registered.status, 202) << registered.body;
  EXPECT_FALSE(registered.Json().contains("email"));
  const std::string approve = "/api/kiosk/registrations/" +
                              std::to_string(registered.Json()["id"].get<long>()) + "/approve/";
  EXPECT_EQ(client_->SendJson("POST", approve, kEmpty, other_manager_).status, 404);

  constexpr int kCalls = 6;
  std::latch start(kCalls);
  std::vector<std::future<HttpResponse>> answers;
  for (int i = 0; i < kCalls; ++i) {
    answers.push_back(std::async(std::launch::async, [&] {
      start.arrive_and_wait();
      return client_->SendJson("POST", approve, kEmpty, manager_);
    }));
  }
  int approved = 0;
  int conflicts = 0;
  std::string invitation;
  for (auto& answer : answers) {
    const HttpResponse response = answer.get();
    if (response.status == 200) {
      ++approved;
      invitation = response.Json()["invitation"]["token"].get<std::string>();
    } else {
      EXPECT_EQ(response.status, 409) << response.body;
      ++conflicts;
    }
  }
  EXPECT_EQ(approved, 1);
  EXPECT_EQ(conflicts, kCalls - 1);

  int memberships = 0;
  const nlohmann::json listed_memberships = client_->Get("/api/memberships/", manager_).Json();
  EXPECT_EQ(listed_memberships["count"], listed_memberships["results"].size());
  for (const auto& membership : listed_memberships["results"]) {
    memberships += membership.dump().find("nikos@example.com") != std::string::npos ? 1 : 0;
  }
  EXPECT_EQ(memberships, 1);
  EXPECT_EQ(AuditOf("kiosk.registration_approved").size(), 1u);
  const auto listed = client_->Get("/api/kiosk/registrations/?state=approved", manager_).Json();
  EXPECT_EQ(listed["count"], 1);
  ASSERT_EQ(listed["results"].size(), 1u);
  EXPECT_EQ(client_->Get("/api/kiosk/registrations/?page_size=0", manager_).status, 400);
  EXPECT_EQ(listed["results"][0]["state"], "approved");

  // The new resident sets a password with the invitation, once, and signs in.
  const nlohmann::json accept = {{"token", invitation}, {"password", "a new resident's pass"}};
  EXPECT_EQ(client_->SendJson("POST", "/api/kiosk/invitations/accept/", accept).status, 204);
  EXPECT_EQ(client_->SendJson("POST", "/api/kiosk/invitations/accept/", accept).status, 400);
  const std::string resident = Login(*client_, "nikos@example.com", "a new resident's pass");
  EXPECT_EQ(client_->Get("/api/apartments/", resident).Json()["results"].size(), 1u);
}

TEST_F(Kiosk, ApprovingSomeoneWithAnAccountAddsTheMembershipButNeverAnInvitation) {
  Start();
  OpenRegistration();
  const std::string token = IssueToken(DeviceSecret()).Json()["token"].get<std::string>();
  nlohmann::json body = Registration(token);
  body["email"] = "manager@b.example";  // someone else's existing account
  const auto registered = client_->SendJson("POST", "/api/kiosk/register/", body);
  ASSERT_EQ(registered.status, 202) << registered.body;
  const auto approved =
      client_->SendJson("POST",
                        "/api/kiosk/registrations/" +
                            std::to_string(registered.Json()["id"].get<long>()) + "/approve/",
                        kEmpty, manager_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  // No way to set that account's password: its owner keeps it.
  EXPECT_TRUE(approved.Json()["invitation"].is_null());
  EXPECT_FALSE(Login(*client_, "manager@b.example", kPassword).empty());
}

TEST_F(Kiosk, WithTheFlagOffTheLegacyFlowNamesTheBuilding) {
  env_["ENABLE_KIOSK_SIGNED_QR"] = "false";
  Start();
  const auto code = IssueToken(DeviceSecret());
  ASSERT_EQ(code.status, 200) << code.body;
  EXPECT_TRUE(code.Json()["token"].is_null());
  EXPECT_NE(
      code.Json()["connect_url"].get<std::string>().find("building=" + std::to_string(building_)),
      std::string::npos);
  const auto connected =
      client_->SendJson("POST", "/api/kiosk/connect/", {{"building_id", building_}});
  EXPECT_EQ(connected.status, 200) << connected.body;
  EXPECT_EQ(client_->SendJson("POST", "/api/kiosk/connect/", {{"building_id", 999999}}).status,
            404);
}

// Everything personal the office holds about building A1: owners, and a
// registered (and approved) resident with a phone number.
const char* const kPersonalData[] = {"Olga",  "Owner",         "@example", "Petros",   "Irini",
                                     "Nikos", "nikos@example", "555 0101", "manager@a"};

TEST_F(Kiosk, WithTheSecureFlagAStrangerSeesNoPersonalDataAndNoPerApartmentAmount) {
  Start();
  OpenRegistration();
  const std::string secret = DeviceSecret();
  const std::string token = IssueToken(secret).Json()["token"].get<std::string>();
  const auto registered = client_->SendJson("POST", "/api/kiosk/register/", Registration(token));
  ASSERT_EQ(registered.status, 202) << registered.body;
  const std::string approve = "/api/kiosk/registrations/" +
                              std::to_string(registered.Json()["id"].get<long>()) + "/approve/";
  ASSERT_EQ(client_->SendJson("POST", approve, kEmpty, manager_).status, 200);
  const auto posted = client_->SendJson(
      "POST", "/api/announcements/",
      {{"building_id", building_}, {"title", "Water off on Monday"}, {"visibility", "public"}},
      manager_);
  ASSERT_EQ(posted.status, 201) << posted.body;
  ASSERT_EQ(client_
                ->SendJson("POST", "/api/announcements/",
                           {{"building_id", building_},
                            {"title", "Residents only: the new door code"},
                            {"visibility", "residents"}},
                           manager_)
                .status,
            201);

  const std::string path = "/api/public-info/" + std::to_string(building_) + "/";
  const auto stranger = client_->Get(path);
  ASSERT_EQ(stranger.status, 200) << stranger.body;
  for (const char* personal : kPersonalData) {
    EXPECT_EQ(stranger.body.find(personal), std::string::npos) << personal;
  }
  // Three apartments owe 125.50, 40.25 and 10.00; only their total may show.
  for (const char* amount : {"125.50", "40.25", "10.00"}) {
    EXPECT_EQ(stranger.body.find(amount), std::string::npos) << amount;
  }
  EXPECT_EQ(stranger.body.find("door code"), std::string::npos);
  const auto info = stranger.Json();
  EXPECT_EQ(info["audience"], "public");
  EXPECT_EQ(info["building"]["name"], "Kiosk House A1");
  EXPECT_EQ(info["debt_summary"]["total_debt"], "175.75");
  EXPECT_EQ(info["debt_summary"]["apartments_in_debt"], 3);
  EXPECT_EQ(info["debt_summary"]["buckets"]["90+"]["apartments"], 3);
  EXPECT_FALSE(info.contains("debtors"));
  ASSERT_EQ(info["announcements"].size(), 1u);
  EXPECT_EQ(info["announcements"][0]["title"], "Water off on Monday");

  // The lobby screen itself gets per-apartment amounts, still no names.
  const auto screen = client_->Send("GET", path, "", {"Authorization: Kiosk " + secret});
  ASSERT_EQ(screen.status, 200) << screen.body;
  EXPECT_EQ(screen.Json()["audience"], "kiosk");
  EXPECT_NE(screen.body.find("125.50"), std::string::npos);
  for (const char* personal : kPersonalData) {
    EXPECT_EQ(screen.body.find(personal), std::string::npos) << personal;
  }
  // The signed code is on that screen for anyone in the lobby to scan: it
  // unlocks nothing about any apartment.
  const auto phone = client_->Send("GET", path, "", {"X-Kiosk-Token: " + token});
  EXPECT_EQ(phone.status, 200) << phone.body;
  EXPECT_EQ(phone.Json()["audience"], "visitor");
  EXPECT_FALSE(phone.Json().contains("debtors"));
  for (const char* amount : {"125.50", "40.25", "10.00"}) {
    EXPECT_EQ(phone.body.find(amount), std::string::npos) << amount;
  }
  const auto scanned = client_->Get(path + "?token=" + token);
  EXPECT_EQ(scanned.Json()["audience"], "visitor");
  EXPECT_EQ(scanned.body.find("125.50"), std::string::npos);
}

// The not-yet-due total is withheld on its own count: one apartment's coming
// charge must not show because three others owe overdue amounts.
TEST_F(Kiosk, AStrangerSeesNoNotYetDueTotalThatOneApartmentMakesUp) {
  Start();
  const nlohmann::json apartments =
      client_->Get("/api/apartments/?building_id=" + std::to_string(building_), manager_).Json();
  const long apartment = apartments["results"][0]["id"];
  const auto charged =
      client_->SendJson("POST", "/api/apartments/" + std::to_string(apartment) + "/charges/",
                        {{"amount", "777.77"},
                         {"date", "2026-02-01"},
                         {"due_date", "2099-01-01"},
                         {"description", "Roof, next year"}},
                        manager_);
  ASSERT_EQ(charged.status, 201) << charged.body;

  const std::string path = "/api/public-info/" + std::to_string(building_) + "/";
  const auto stranger = client_->Get(path);
  ASSERT_EQ(stranger.status, 200) << stranger.body;
  const auto summary = stranger.Json()["debt_summary"];
  EXPECT_TRUE(summary["not_due"].is_null());
  EXPECT_EQ(summary["not_due_withheld"], true);
  EXPECT_EQ(summary["totals_withheld"], false);  // three apartments owe overdue
  EXPECT_EQ(stranger.body.find("777.77"), std::string::npos);

  const auto screen = client_->Send("GET", path, "", {"Authorization: Kiosk " + DeviceSecret()});
  EXPECT_EQ(screen.Json()["debt_summary"]["not_due"], "777.77");
}

TEST_F(Kiosk, AStrangerSeesNoTotalsWhileFewerThanThreeApartmentsOwe) {
  Start();
  const nlohmann::json apartments =
      client_->Get("/api/apartments/?building_id=" + std::to_string(building_), manager_).Json();
  for (const auto& apartment : apartments["results"]) {
    if (apartment["number"] == "1C") {
      const auto paid = client_->SendJson(
          "POST", "/api/apartments/" + std::to_string(apartment["id"].get<long>()) + "/payments/",
          {{"amount", "10.00"}, {"date", "2026-02-01"}, {"method", "cash"}}, manager_);
      ASSERT_EQ(paid.status, 201) << paid.body;
    }
  }
  const auto stranger = client_->Get("/api/public-info/" + std::to_string(building_) + "/");
  ASSERT_EQ(stranger.status, 200) << stranger.body;
  const auto summary = stranger.Json()["debt_summary"];
  EXPECT_EQ(summary["apartments_in_debt"], 2);
  EXPECT_TRUE(summary["total_debt"].is_null());
  EXPECT_EQ(summary["totals_withheld"], true);
  EXPECT_EQ(stranger.body.find("165.75"), std::string::npos);
}

TEST_F(Kiosk, PublicInfoRefusesAnotherBuildingsCredentialsAndUnknownBuildings) {
  Start();
  const std::string secret = DeviceSecret();
  const std::string token = IssueToken(secret).Json()["token"].get<std::string>();
  const long other_building =
      client_->Get("/api/buildings/", other_manager_).Json()[0]["id"].get<long>();
  const std::string other = "/api/public-info/" + std::to_string(other_building) + "/";
  EXPECT_EQ(client_->Send("GET", other, "", {"X-Kiosk-Token: " + token}).status, 401);
  EXPECT_EQ(client_->Send("GET", other, "", {"Authorization: Kiosk " + secret}).status, 401);
  EXPECT_EQ(client_->Get("/api/public-info/999999/").status, 404);
  EXPECT_EQ(client_->Get("/api/public-info/abc/").status, 404);
}

TEST_F(Kiosk, WithTheSecureFlagOffPublicInfoIsTheLegacyFullView) {
  env_["ENABLE_SECURE_PUBLIC_INFO"] = "false";
  Start();
  const auto legacy = client_->Get("/api/public-info/" + std::to_string(building_) + "/");
  ASSERT_EQ(legacy.status, 200) << legacy.body;
  EXPECT_EQ(legacy.Json()["audience"], "legacy");
  EXPECT_NE(legacy.body.find("Olga Owner"), std::string::npos);
}

TEST_F(Kiosk, APersonalLinkOpensOneApartmentReadOnlyUntilRevoked) {
  Start();
  const long apartment =
      client_->Get("/api/apartments/?building_id=" + std::to_string(building_), manager_)
          .Json()["results"][0]["id"]
          .get<long>();
  const std::string links = "/api/apartments/" + std::to_string(apartment) + "/personal-links/";
  EXPECT_EQ(client_->SendJson("POST", links, kEmpty, other_manager_).status, 404);
  const auto created = client_->SendJson("POST", links, kEmpty, manager_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.Json()["token"].get<std::string>();
  EXPECT_NE(created.Json()["url"].get<std::string>().find(token), std::string::npos);

  const auto page = client_->Get("/api/apartments/personal/" + token + "/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.Json()["apartment_number"], "1A");
  EXPECT_EQ(page.Json()["balance"], "125.50");
  EXPECT_EQ(page.Json()["statement"].size(), 1u);
  EXPECT_EQ(client_->Get(links, manager_).Json()["results"][0].count("token"), 0u);

  const std::string revoke =
      "/api/personal-links/" + std::to_string(created.Json()["id"].get<long>()) + "/revoke/";
  EXPECT_EQ(client_->SendJson("POST", revoke, kEmpty, other_manager_).status, 404);
  ASSERT_EQ(client_->SendJson("POST", revoke, kEmpty, manager_).status, 200);
  EXPECT_EQ(client_->Get("/api/apartments/personal/" + token + "/").status, 404);
  EXPECT_EQ(client_->Get("/api/apartments/personal/pl_guess/").status, 404);
}

}  // namespace
}  // namespace concierge::blackbox
