// Throttling of public endpoints against the real binary: a limit holds under
// concurrent requests, X-Forwarded-For counts only behind trusted proxies,
// and with Redis two server processes share one limit.

#include <filesystem>
#include <fstream>
#include <future>
#include <latch>

#include <gtest/gtest.h>

#include "harness.hpp"
#include "redis_server.hpp"

namespace concierge::blackbox {
namespace {

constexpr const char* kPassword = "throttle password 123";
constexpr int kRequests = 20;

struct Tally {
  int ok = 0;
  int refused = 0;
  int other = 0;
  bool retry_after_on_every_refusal = true;
};

class Throttling : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = workspace_.Environment();
    env_["CONCIERGE_THROTTLE_PUBLIC_VOTES"] = "5/60";
    const std::string folder = workspace_.path() + "/office";
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/buildings.csv")
        << "building_code,name,address,city,timezone,currency\n"
        << "T1,Throttle House,Street 1,Athens,Europe/Athens,EUR\n";
    std::ofstream(folder + "/apartments.csv")
        << "building_code,apartment_number,floor,owner_name,owner_email,occupant_name,"
           "shares_general,shares_elevator,shares_heating\n"
        << "T1,1A,1,Owner One,one@example.com,Owner One,1000,,\n";
    std::ofstream(folder + "/ledger.csv")
        << "building_code,apartment_number,entry_date,kind,amount,due_date,description,"
           "reference\n";
    ASSERT_EQ(RunConcierge({"import", folder, "--tenant", "office"}, env_).exit_code, 0);
    const auto created = RunConcierge(
        {"create-user", "--tenant", "office", "--email", "manager@t.example", "--role", "manager"},
        env_, std::string(kPassword) + "\n");
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  // Closes a vote through `server` so its public results answer 200.
  std::string ClosedVotePath(const ServerProcess& server) {
    const HttpClient client = server.Client();
    const std::string token = Login(client, "manager@t.example", kPassword);
    const long building = client.Get("/api/buildings/", token).Json()[0]["id"].get<long>();
    const auto vote = client.SendJson("POST", "/api/votes/",
                                      {{"building_id", building},
                                       {"title", "Paint the hall"},
                                       {"closes_at", "2099-01-01T00:00:00Z"}},
                                      token);
    EXPECT_EQ(vote.status, 201) << vote.body;
    const std::string path = "/api/votes/" + std::to_string(vote.Json()["id"].get<long>()) + "/";
    EXPECT_EQ(client.SendJson("POST", path + "open/", nlohmann::json::object(), token).status, 200);
    EXPECT_EQ(client.SendJson("POST", path + "close/", nlohmann::json::object(), token).status,
              200);
    return "/api/public" + path.substr(4) + "results/";
  }

  // Sends kRequests at once, request i to clients[i % size] with the headers
  // headers_of(i), and counts the answers.
  static Tally Burst(const std::vector<HttpClient>& clients, const std::string& path,
                     const std::function<std::vector<std::string>(int)>& headers_of) {
    std::latch start(kRequests);
    std::vector<std::future<HttpResponse>> answers;
    for (int i = 0; i < kRequests; ++i) {
      answers.push_back(std::async(std::launch::async, [&, i] {
        start.arrive_and_wait();
        return clients[static_cast<std::size_t>(i) % clients.size()].Send("GET", path, "",
                                                                          headers_of(i));
      }));
    }
    Tally tally;
    for (auto& answer : answers) {
      const HttpResponse response = answer.get();
      if (response.status == 200) {
        ++tally.ok;
      } else if (response.status == 429) {
        ++tally.refused;
        tally.retry_after_on_every_refusal &=
            !response.Header("retry-after").empty() && response.Json()["status"] == 429;
      } else {
        ++tally.other;
      }
    }
    return tally;
  }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
};

std::vector<std::string> NoHeaders(int) {
  return {};
}

TEST_F(Throttling, TwentyConcurrentRequestsAgainstALimitOfFiveGetFiveAnswers) {
  const ServerProcess server(env_);
  const std::string path = ClosedVotePath(server);

  const Tally tally = Burst({server.Client()}, path, NoHeaders);
  EXPECT_EQ(tally.ok, 5);
  EXPECT_EQ(tally.refused, 15);
  EXPECT_EQ(tally.other, 0);
  EXPECT_TRUE(tally.retry_after_on_every_refusal);
}

TEST_F(Throttling, WithoutTrustedProxiesForwardedForIsIgnored) {
  const ServerProcess server(env_);
  const std::string path = ClosedVotePath(server);

  const Tally tally = Burst({server.Client()}, path, [](int i) {
    return std::vector<std::string>{"X-Forwarded-For: 198.51.100." + std::to_string(i + 1)};
  });
  EXPECT_EQ(tally.ok, 5);
  EXPECT_EQ(tally.refused, 15);
}

TEST_F(Throttling, BehindTwoTrustedProxiesAClientVaryingTheLeftmostEntryIsStillLimited) {
  // The test connects from 127.0.0.1 (the outer proxy); 10.0.0.2 is the inner one.
  env_["CONCIERGE_TRUSTED_PROXIES"] = "127.0.0.1, 10.0.0.2";
  const ServerProcess server(env_);
  const std::string path = ClosedVotePath(server);

  const Tally tally = Burst({server.Client()}, path, [](int i) {
    return std::vector<std::string>{"X-Forwarded-For: 203.0.113." + std::to_string(i + 1) +
                                    ", 198.51.100.7, 10.0.0.2"};
  });
  EXPECT_EQ(tally.ok, 5);
  EXPECT_EQ(tally.refused, 15);

  // The address the proxies report is believed: another client has its own bucket.
  const auto other =
      server.Client().Send("GET", path, "", {"X-Forwarded-For: 198.51.100.8, 10.0.0.2"});
  EXPECT_EQ(other.status, 200) << other.body;
}

TEST_F(Throttling, PublicInfoIsThrottledPerClientToo) {
  env_["CONCIERGE_THROTTLE_PUBLIC_INFO"] = "5/60";
  const ServerProcess server(env_);
  const HttpClient client = server.Client();
  const std::string token = Login(client, "manager@t.example", kPassword);
  const long building = client.Get("/api/buildings/", token).Json()[0]["id"].get<long>();

  const Tally tally =
      Burst({client}, "/api/public-info/" + std::to_string(building) + "/", NoHeaders);
  EXPECT_EQ(tally.ok, 5);
  EXPECT_EQ(tally.refused, 15);
  EXPECT_TRUE(tally.retry_after_on_every_refusal);
}

TEST_F(Throttling, TwoServerProcessesSharingRedisShareOneLimit) {
  const RedisServer redis;
  ASSERT_TRUE(redis.ready()) << "redis-server did not start (scripts/install-deps.sh installs it)";
  env_["CONCIERGE_REDIS_URL"] = redis.Url();
  const ServerProcess first(env_);
  const ServerProcess second(env_);
  const std::string path = ClosedVotePath(first);

  const Tally tally = Burst({first.Client(), second.Client()}, path, NoHeaders);
  EXPECT_EQ(tally.ok, 5);
  EXPECT_EQ(tally.refused, 15);
  EXPECT_EQ(tally.other, 0);
  EXPECT_TRUE(tally.retry_after_on_every_refusal);
}

}  // namespace
}  // namespace concierge::blackbox
