// The real office of ../shared/data/office-sample, imported with the real
// binary and asked for its debt report over HTTP, must match the figures
// computed independently in EXPECTED.json.

#include <fstream>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace concierge::blackbox {
namespace {

nlohmann::json ReadExpected() {
  std::ifstream file(SharedDataDir() + "/office-sample/EXPECTED.json");
  if (!file) {
    ADD_FAILURE() << "missing " << SharedDataDir() << "/office-sample/EXPECTED.json";
    return nlohmann::json::object();
  }
  return nlohmann::json::parse(file);
}

void ExpectReportMatches(const nlohmann::json& report, const nlohmann::json& expected,
                         const std::string& label) {
  EXPECT_EQ(report["total_debt"], expected["total_debt"]) << label;
  EXPECT_EQ(report["not_due"], expected["not_due"]) << label;
  for (const char* bucket : {"0-30", "31-60", "61-90", "90+"}) {
    EXPECT_EQ(report["buckets"][bucket]["amount"], expected[bucket]) << label << " " << bucket;
  }
  EXPECT_EQ(report["apartments"].size(), expected["indebted_apartments"].get<std::size_t>())
      << label;
}

class OfficeSample : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = workspace_.Environment();
    const auto imported =
        RunConcierge({"import", SharedDataDir() + "/office-sample", "--tenant", "sample"}, env_);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    const auto user = RunConcierge({"create-user", "--tenant", "sample", "--email",
                                    "manager@sample.example", "--role", "manager"},
                                   env_, "sample office password\n");
    ASSERT_EQ(user.exit_code, 0) << user.err;
  }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
};

TEST_F(OfficeSample, DebtReportOverHttpMatchesTheIndependentFigures) {
  const nlohmann::json expected = ReadExpected();
  const std::string as_of = expected["as_of"];
  ServerProcess server(env_);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "manager@sample.example", "sample office password");

  const auto buildings = client.Get("/api/buildings/", token);
  ASSERT_EQ(buildings.status, 200);
  ASSERT_EQ(buildings.Json().size(), expected["buildings"].size());
  for (const auto& building : buildings.Json()) {
    const std::string code = building["code"];
    const auto report =
        client.Get("/api/financial/dashboard/debt-report/?building_id=" +
                       std::to_string(building["id"].get<long>()) + "&as_of=" + as_of,
                   token);
    ASSERT_EQ(report.status, 200) << report.body;
    EXPECT_EQ(report.Json()["as_of"], as_of);
    ExpectReportMatches(report.Json(), expected["buildings"][code], code);
  }

  const auto office = client.Get("/api/financial/dashboard/debt-report/?as_of=" + as_of, token);
  ASSERT_EQ(office.status, 200);
  EXPECT_TRUE(office.Json()["building_id"].is_null());
  ExpectReportMatches(office.Json(), expected["office"], "whole office");

  const auto csv =
      client.Get("/api/financial/dashboard/debt-report/?format=csv&as_of=" + as_of, token);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type").rfind("text/csv", 0), 0u);
  const auto lines = std::count(csv.body.begin(), csv.body.end(), '\n');
  EXPECT_EQ(lines, expected["office"]["indebted_apartments"].get<long>() + 1);
}

TEST_F(OfficeSample, SecondImportChangesNothing) {
  const auto again =
      RunConcierge({"import", SharedDataDir() + "/office-sample", "--tenant", "sample"}, env_);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("ledger entries 0 new, 13686 already present"), std::string::npos)
      << again.out;

  const nlohmann::json expected = ReadExpected();
  ServerProcess server(env_);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "manager@sample.example", "sample office password");
  const auto office = client.Get(
      "/api/financial/dashboard/debt-report/?as_of=" + expected["as_of"].get<std::string>(), token);
  ExpectReportMatches(office.Json(), expected["office"], "after re-import");
}

}  // namespace
}  // namespace concierge::blackbox
