// The command line's contract: exit codes, flags, passwords never on argv.

#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "harness.hpp"

namespace concierge::blackbox {
namespace {

TEST(Cli, UnparsableFlagStopsStartUpNamingTheVariable) {
  Workspace workspace;
  auto env = workspace.Environment();
  env["ENABLE_LEDGER_SYNC"] = "maybe";
  const auto result = RunConcierge({"serve"}, env);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("ENABLE_LEDGER_SYNC"), std::string::npos) << result.err;
}

TEST(Cli, FlagsPrintsEffectiveValuesWithUnsetMeaningOff) {
  Workspace workspace;
  auto env = workspace.Environment();
  env["ENABLE_KIOSK_SIGNED_QR"] = "on";
  const auto result = RunConcierge({"flags"}, env);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("ENABLE_KIOSK_SIGNED_QR=true"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("ENABLE_LEDGER_SYNC=false"), std::string::npos);
  EXPECT_NE(result.out.find("ENABLE_CELERY_BEAT=false"), std::string::npos);
  EXPECT_NE(result.out.find("ENABLE_SECURE_PUBLIC_INFO=false"), std::string::npos);
}

TEST(Cli, BadUsageExitsWithTwoAndHelpWithZero) {
  Workspace workspace;
  EXPECT_EQ(RunConcierge({"no-such-command"}, workspace.Environment()).exit_code, 2);
  EXPECT_EQ(RunConcierge({"import"}, workspace.Environment()).exit_code, 2);
  EXPECT_EQ(RunConcierge({"create-user", "--tenant", "x", "--email", "a@b.c", "--role", "king"},
                         workspace.Environment())
                .exit_code,
            2);
  for (const char* command : {"serve", "migrate", "import", "seed-demo", "create-user", "flags"}) {
    const auto help = RunConcierge({command, "--help"}, workspace.Environment());
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_FALSE(help.out.empty()) << command;
  }
}

TEST(Cli, CreateUserReadsThePasswordFromStandardInput) {
  Workspace workspace;
  const auto env = workspace.Environment();
  ASSERT_EQ(RunConcierge({"seed-demo"}, env).exit_code, 0);

  const auto created = RunConcierge(
      {"create-user", "--tenant", "demo", "--email", "new@demo.example", "--role", "manager"}, env,
      "a long enough password\n");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const auto weak = RunConcierge(
      {"create-user", "--tenant", "demo", "--email", "weak@demo.example", "--role", "manager"}, env,
      "short\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_EQ(std::count(weak.err.begin(), weak.err.end(), '\n'), 1) << weak.err;

  ServerProcess server(env);
  EXPECT_FALSE(Login(server.Client(), "new@demo.example", "a long enough password").empty());
}

TEST(Cli, SeedDemoPrintsLoginsThatWorkAndPopulatesEveryBucket) {
  Workspace workspace;
  const auto env = workspace.Environment();
  const auto seeded = RunConcierge({"seed-demo"}, env);
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  const auto at = seeded.out.find("manager@demo.example");
  ASSERT_NE(at, std::string::npos) << seeded.out;
  std::string rest = seeded.out.substr(at + std::string("manager@demo.example").size());
  rest.erase(0, rest.find_first_not_of(' '));
  const std::string password = rest.substr(0, rest.find('\n'));

  ServerProcess server(env);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "manager@demo.example", password);
  const auto report = client.Get("/api/financial/dashboard/debt-report/", token);
  ASSERT_EQ(report.status, 200) << report.body;
  for (const char* bucket : {"0-30", "31-60", "61-90", "90+"}) {
    EXPECT_GT(report.Json()["buckets"][bucket]["apartments"].get<int>(), 0) << bucket;
  }
  EXPECT_EQ(client.Get("/api/buildings/", token).Json().size(), 2u);

  // Every screen has something to show, and the printed lobby secret works.
  EXPECT_EQ(client.Get("/api/votes/", token).Json()["count"], 1);
  EXPECT_EQ(client.Get("/api/todos/", token).Json()["count"], 1);
  EXPECT_EQ(client.Get("/api/online-payments/charges/", token).Json()["count"], 1);
  const auto lobby = seeded.out.find("kd_");
  ASSERT_NE(lobby, std::string::npos) << seeded.out;
  const std::string secret = seeded.out.substr(lobby, seeded.out.find('\n', lobby) - lobby);
  const auto code =
      client.Send("POST", "/api/kiosk/token/", "{}",
                  {"Content-Type: application/json", "Authorization: Kiosk " + secret});
  EXPECT_EQ(code.status, 200) << code.body;

  const auto again = RunConcierge({"seed-demo"}, env);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already exists"), std::string::npos);
}

TEST(Cli, ImportRefusesABadSlugAndCreateUserRefusesMismatchedTargets) {
  Workspace workspace;
  const auto env = workspace.Environment();
  EXPECT_EQ(RunConcierge({"import", workspace.path(), "--tenant", "BAD SLUG!"}, env).exit_code, 2);
  ASSERT_EQ(RunConcierge({"seed-demo"}, env).exit_code, 0);
  const auto manager_with_building =
      RunConcierge({"create-user", "--tenant", "demo", "--email", "x@demo.example", "--role",
                    "manager", "--building", "ATH-KIF112"},
                   env, "long enough password\n");
  EXPECT_EQ(manager_with_building.exit_code, 1);
  EXPECT_NE(manager_with_building.err.find("--building"), std::string::npos);
}

TEST(Cli, WebhooksRetryRunsOnAFreshDatabase) {
  Workspace workspace;
  ASSERT_EQ(RunConcierge({"migrate"}, workspace.Environment()).exit_code, 0);
  const auto retried = RunConcierge({"webhooks", "retry"}, workspace.Environment());
  EXPECT_EQ(retried.exit_code, 0) << retried.err;
  EXPECT_NE(retried.out.find("Applied 0"), std::string::npos) << retried.out;
  EXPECT_EQ(RunConcierge({"webhooks"}, workspace.Environment()).exit_code, 2);
}

// A refund of a payment never seen fails (Stripe will send it again); the
// retry command must not report success while it still fails.
TEST(Cli, WebhooksRetryExitsNonZeroWhileAnEventStillFails) {
  Workspace workspace;
  auto env = workspace.Environment();
  env["CONCIERGE_STRIPE_WEBHOOK_SECRETS"] = "whsec_cli";
  env["ENABLE_LEDGER_SYNC"] = "true";
  {
    ServerProcess server(env);
    const std::string t = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count());
    // Created now: its payment may still come, so it fails and waits.
    const std::string body =
        R"({"id":"evt_cli_refund","type":"charge.refunded","created":)" + t +
        R"(,"data":{"object":{"payment_intent":"pi_never_seen","amount_refunded":100}}})";
    const std::string v1 = HexEncode(HmacSha256("whsec_cli", t + "." + body));
    const auto posted = server.Client().Send(
        "POST", "/api/online-payments/webhooks/stripe/", body,
        {"Content-Type: application/json", "Stripe-Signature: t=" + t + ",v1=" + v1});
    ASSERT_EQ(posted.status, 500) << posted.body;
  }

  const auto retried = RunConcierge({"webhooks", "retry"}, env);
  EXPECT_EQ(retried.exit_code, 1) << retried.out;
  EXPECT_NE(retried.out.find("1 still failing"), std::string::npos) << retried.out;
  EXPECT_NE(retried.out.find("ENABLE_LEDGER_SYNC=true"), std::string::npos) << retried.out;
}

TEST(Cli, MigrateIsRepeatable) {
  Workspace workspace;
  EXPECT_EQ(RunConcierge({"migrate"}, workspace.Environment()).exit_code, 0);
  const auto again = RunConcierge({"migrate"}, workspace.Environment());
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 migration(s) applied"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace concierge::blackbox
