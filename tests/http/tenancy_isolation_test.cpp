// A manager of office A asks for office B's things by id, in every endpoint
// that takes one: each answer is 404, and nothing of B changes.

#include <gtest/gtest.h>

#include "harness.hpp"

namespace concierge::blackbox {
namespace {

void WriteOffice(const std::string& directory, const std::string& code) {
  WriteOfficeCsv(directory, code, "Building " + code,
                 {"1A,1,Owner One,one@example.com,600", "1B,1,Owner Two,two@example.com,400"},
                 {"1A,2025-01-01,charge,100.00,2025-01-10,January,C-1",
                  "1A,2025-01-05,payment,40.00,,Cash,P-1"});
}

TEST(TenancyIsolation, AnotherOfficesIdsAnswerNotFoundEverywhere) {
  Workspace workspace;
  auto env = workspace.Environment();
  env["ENABLE_LEDGER_SYNC"] = "true";  // so that reconciliation answers at all
  for (const auto& [slug, code] : {std::pair{"office-a", "A1"}, {"office-b", "B1"}}) {
    WriteOffice(workspace.path() + "/" + slug, code);
    const auto imported =
        RunConcierge({"import", workspace.path() + "/" + slug, "--tenant", slug}, env);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto user =
        RunConcierge({"create-user", "--tenant", slug, "--email",
                      std::string("manager@") + slug + ".example", "--role", "manager"},
                     env, "manager password\n");
    ASSERT_EQ(user.exit_code, 0) << user.err;
  }

  ServerProcess server(env);
  const HttpClient client = server.Client();
  const std::string a = Login(client, "manager@office-a.example", "manager password");
  const std::string b = Login(client, "manager@office-b.example", "manager password");

  const auto their_building = client.Get("/api/buildings/", b).Json()[0];
  const std::string building = std::to_string(their_building["id"].get<long>());
  const auto their_flat = client.Get("/api/apartments/", b).Json()["results"][0];
  const std::string apartment = std::to_string(their_flat["id"].get<long>());
  const auto sheet = client.SendJson("POST", "/api/buildings/" + building + "/expense-sheets/",
                                     {{"period", "2025-02"},
                                      {"issue_date", "2025-02-01"},
                                      {"due_date", "2025-02-10"},
                                      {"items", {{{"category", "general"}, {"amount", "50.00"}}}}},
                                     b);
  ASSERT_EQ(sheet.status, 201) << sheet.body;
  const std::string sheet_id = std::to_string(sheet.Json()["id"].get<long>());
  const auto statement = client.Get("/api/apartments/" + apartment + "/statement/", b).Json();
  const std::string entry = std::to_string(statement["entries"][0]["id"].get<long>());

  const auto online = client.SendJson("POST", "/api/online-payments/charges/",
                                      {{"apartment_id", their_flat["id"]}, {"amount", "5.00"}}, b);
  ASSERT_EQ(online.status, 201) << online.body;
  const std::string online_charge = std::to_string(online.Json()["id"].get<long>());

  const nlohmann::json payment = {{"amount", "1.00"}, {"date", "2025-02-01"}, {"method", "cash"}};
  const nlohmann::json charge = {
      {"amount", "1.00"}, {"date", "2025-02-01"}, {"due_date", "2025-02-10"}, {"description", "x"}};
  const struct {
    const char* method;
    std::string path;
    nlohmann::json body;
  } probes[] = {
      {"GET", "/api/buildings/" + building + "/", nullptr},
      {"PATCH", "/api/buildings/" + building + "/", {{"name", "Taken over"}}},
      {"DELETE", "/api/buildings/" + building + "/", nullptr},
      {"GET", "/api/apartments/?building_id=" + building, nullptr},
      {"GET", "/api/apartments/" + apartment + "/", nullptr},
      {"PATCH", "/api/apartments/" + apartment + "/", {{"owner_name", "Mallory"}}},
      {"DELETE", "/api/apartments/" + apartment + "/", nullptr},
      {"GET", "/api/apartments/" + apartment + "/statement/", nullptr},
      {"POST", "/api/apartments/" + apartment + "/payments/", payment},
      {"POST", "/api/apartments/" + apartment + "/charges/", charge},
      {"POST", "/api/ledger/entries/" + entry + "/reverse/", {{"reason", "mine now"}}},
      {"GET", "/api/buildings/" + building + "/expense-sheets/", nullptr},
      {"POST", "/api/buildings/" + building + "/expense-sheets/", sheet.Json()},
      {"GET", "/api/expense-sheets/" + sheet_id + "/", nullptr},
      {"GET", "/api/financial/dashboard/debt-report/?building_id=" + building, nullptr},
      {"GET", "/api/online-payments/charges/" + online_charge + "/", nullptr},
      {"POST",
       "/api/online-payments/charges/" + online_charge + "/mark-paid/",
       {{"method", "cash"}, {"date", "2025-02-01"}}},
      {"GET", "/api/online-payments/reconciliation/ledger/?building_id=" + building, nullptr},
      {"POST",
       "/api/online-payments/reconciliation/ledger/resync/",
       {{"building_id", their_building["id"]}}},
      {"GET", "/api/online-payments/ledger-view/?apartment_id=" + apartment, nullptr},
      {"GET", "/api/online-payments/ledger-view/?building_id=" + building, nullptr},
  };
  for (const auto& probe : probes) {
    const auto response =
        probe.body.is_null()
            ? client.Send(probe.method, probe.path, "", {"Authorization: Bearer " + a})
            : client.SendJson(probe.method, probe.path, probe.body, a);
    EXPECT_EQ(response.status, 404) << probe.method << " " << probe.path << ": " << response.body;
  }

  EXPECT_EQ(client.Get("/api/buildings/" + building + "/", b).Json()["name"], "Building B1");
  EXPECT_EQ(client.Get("/api/apartments/" + apartment + "/statement/", b).Json()["entries"].size(),
            statement["entries"].size());
  EXPECT_EQ(client.Get("/api/apartments/", a).Json()["count"], 2);
  EXPECT_EQ(client.Get("/api/online-payments/charges/" + online_charge + "/", b).Json()["status"],
            "open");
  EXPECT_EQ(client.Get("/api/online-payments/charges/", a).Json()["count"], 0);
  // An id in a body is checked like any field: no such apartment, for A.
  const auto foreign_charge =
      client.SendJson("POST", "/api/online-payments/charges/",
                      {{"apartment_id", their_flat["id"]}, {"amount", "5.00"}}, a);
  EXPECT_EQ(foreign_charge.status, 400);
  EXPECT_EQ(foreign_charge.Json()["code"], "apartment_not_found");
}

}  // namespace
}  // namespace concierge::blackbox
