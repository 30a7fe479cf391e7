// Owners' votes and the vote-to-task pipeline against the real binary:
// concurrent ballots and create-task calls, who may do what, and what the
// public results show.

#include <future>
#include <latch>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace concierge::blackbox {
namespace {

constexpr const char* kPassword = "votes password 123";
const nlohmann::json kEmpty = nlohmann::json::object();

// One building per office; in office A, apartment 1A holds 40 of the 1000
// general shares.
void WriteOffice(const std::string& directory, const std::string& code) {
  WriteOfficeCsv(directory, code, "Building " + code,
                 {"1A,1,Owner One,one@example.com,40", "1B,1,Owner Two,two@example.com,560",
                  "1C,2,Owner Three,three@example.com,400"},
                 {});
}

class Votes : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = workspace_.Environment();
    for (const auto& [slug, code] : {std::pair{"office-a", "A1"}, {"office-b", "B1"}}) {
      WriteOffice(workspace_.path() + "/" + slug, code);
      const auto imported =
          RunConcierge({"import", workspace_.path() + "/" + slug, "--tenant", slug}, env_);
      ASSERT_EQ(imported.exit_code, 0) << imported.err;
    }
    AddUser("office-a", "manager@a.example", {"--role", "manager"});
    AddUser("office-a", "staff@a.example", {"--role", "staff", "--building", "A1"});
    AddUser("office-a", "resident@a.example", {"--role", "resident", "--apartment", "A1/1A"});
    AddUser("office-b", "manager@b.example", {"--role", "manager"});

    server_ = std::make_unique<ServerProcess>(env_);
    client_ = std::make_unique<HttpClient>(server_->Client());
    manager_ = Login(*client_, "manager@a.example", kPassword);
    staff_ = Login(*client_, "staff@a.example", kPassword);
    resident_ = Login(*client_, "resident@a.example", kPassword);
    other_manager_ = Login(*client_, "manager@b.example", kPassword);

    const auto buildings = client_->Get("/api/buildings/", manager_).Json();
    building_ = buildings[0]["id"].get<long>();
    const auto listed = client_->Get("/api/apartments/", manager_).Json();
    for (const auto& apartment : listed["results"]) {
      apartments_[apartment["number"].get<std::string>()] = apartment["id"].get<long>();
    }
  }

  void AddUser(const std::string& tenant, const std::string& email,
               const std::vector<std::string>& role) {
    std::vector<std::string> args = {"create-user", "--tenant", tenant, "--email", email};
    args.insert(args.end(), role.begin(), role.end());
    const auto created = RunConcierge(args, env_, std::string(kPassword) + "\n");
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  // A vote of building A1 weighted by general shares, opened.
  nlohmann::json OpenVote(nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json body = {{"building_id", building_},
                           {"title", "Replace the boiler"},
                           {"description", "Two offers attached."},
                           {"closes_at", "2099-01-01T00:00:00Z"}};
    body.update(extra);
    const auto created = client_->SendJson("POST", "/api/votes/", body, manager_);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string id = std::to_string(created.Json()["id"].get<long>());
    const auto opened = client_->SendJson("POST", "/api/votes/" + id + "/open/", kEmpty, manager_);
    EXPECT_EQ(opened.status, 200) << opened.body;
    return opened.Json();
  }

  static long OptionId(const nlohmann::json& vote, const std::string& label) {
    for (const auto& option : vote["options"]) {
      if (option["label"] == label) {
        return option["id"].get<long>();
      }
    }
    ADD_FAILURE() << "no option " << label;
    return 0;
  }

  static std::string PathOf(const nlohmann::json& vote, const std::string& rest = "") {
    return "/api/votes/" + std::to_string(vote["id"].get<long>()) + "/" + rest;
  }

  Workspace workspace_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
  std::string manager_;
  std::string staff_;
  std::string resident_;
  std::string other_manager_;
  long building_ = 0;
  std::map<std::string, long> apartments_;
};

TEST_F(Votes, TwoConcurrentBallotsFromOneApartmentLeaveOneStandingAndCountItsSharesOnce) {
  const nlohmann::json vote = OpenVote();
  const long yes = OptionId(vote, "yes");
  const long no = OptionId(vote, "no");

  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::latch start(2);
    auto cast = [&](long option) {
      return std::async(std::launch::async, [&, option] {
        start.arrive_and_wait();
        return client_->SendJson("POST", PathOf(vote, "ballots/"),
                                 {{"apartment_id", apartments_["1A"]}, {"option_id", option}},
                                 resident_);
      });
    };
    auto first = cast(yes);
    auto second = cast(no);
    const HttpResponse answers[] = {first.get(), second.get()};
    for (const auto& answer : answers) {
      EXPECT_TRUE(answer.status == 200 || answer.status == 201)
          << answer.status << " " << answer.transport_error << " " << answer.body;
    }

    const auto ballots = client_->Get(PathOf(vote, "ballots/"), manager_).Json();
    ASSERT_EQ(ballots.size(), 1u) << ballots.dump();
    EXPECT_EQ(ballots[0]["apartment_id"], apartments_["1A"]);
    EXPECT_EQ(ballots[0]["weight"], 40);

    const auto results = client_->Get(PathOf(vote, "results/"), manager_).Json();
    EXPECT_EQ(results["participation"]["apartments"], 1);
    EXPECT_EQ(results["participation"]["weight"], 40);
    EXPECT_EQ(
        results["options"][0]["weight"].get<long>() + results["options"][1]["weight"].get<long>(),
        40);
    EXPECT_EQ(results["eligible"]["weight"], 1000);
  }
}

TEST_F(Votes, ConcurrentCreateTaskCallsMakeOneItemThatEveryAnswerNames) {
  const nlohmann::json vote = OpenVote({{"quorum", "0.5"}});
  for (const auto& [number, label] : {std::pair{"1B", "yes"}, {"1C", "no"}}) {
    const auto paper = client_->SendJson(
        "POST", PathOf(vote, "ballots/"),
        {{"apartment_id", apartments_[number]}, {"option_id", OptionId(vote, label)}}, manager_);
    ASSERT_EQ(paper.status, 201) << paper.body;
    EXPECT_EQ(paper.Json()["source"], "paper");
  }
  const auto early = client_->SendJson("POST", PathOf(vote, "create-task/"), kEmpty, manager_);
  EXPECT_EQ(early.status, 409) << early.body;
  ASSERT_EQ(client_->SendJson("POST", PathOf(vote, "close/"), kEmpty, manager_).status, 200);

  std::latch start(2);
  auto create = [&](const std::string& token) {
    return std::async(std::launch::async, [&, token] {
      start.arrive_and_wait();
      return client_->SendJson("POST", PathOf(vote, "create-task/"), {{"due_date", "2099-02-01"}},
                               token);
    });
  };
  auto by_manager = create(manager_);
  auto by_staff = create(staff_);
  const HttpResponse first = by_manager.get();
  const HttpResponse second = by_staff.get();
  ASSERT_TRUE(first.status == 201 || first.status == 200) << first.body;
  ASSERT_TRUE(second.status == 201 || second.status == 200) << second.body;
  EXPECT_EQ(first.status + second.status, 401) << "one 201 and one 200";
  const long item = first.Json()["id"].get<long>();
  EXPECT_EQ(second.Json()["id"], item);
  EXPECT_EQ(first.Json()["title"], "Replace the boiler (decided: yes)");
  EXPECT_EQ(first.Json()["due_date"], "2099-02-01");
  EXPECT_EQ(first.Json()["links"],
            nlohmann::json::parse(R"([{"kind":"vote","id":)" + vote["id"].dump() + "}]"));

  const auto third = client_->SendJson("POST", PathOf(vote, "create-task/"), kEmpty, manager_);
  EXPECT_EQ(third.status, 200) << third.body;
  EXPECT_EQ(third.Json()["id"], item);
  EXPECT_EQ(third.Json()["due_date"], "2099-02-01");

  EXPECT_EQ(client_->SendJson("POST", PathOf(vote, "create-task/"), kEmpty, resident_).status, 403);
  EXPECT_EQ(client_->SendJson("POST", PathOf(vote, "create-task/"), kEmpty, other_manager_).status,
            404);

  const auto todos = client_->Get("/api/todos/", manager_).Json();
  EXPECT_EQ(todos["count"], 1);
  const auto calendar =
      client_->Get("/api/todos/calendar/?from=2099-01-01&to=2099-12-31", staff_).Json();
  ASSERT_EQ(calendar["days"].size(), 1u) << calendar.dump();
  EXPECT_EQ(calendar["days"][0]["date"], "2099-02-01");
  EXPECT_EQ(calendar["days"][0]["items"][0]["id"], item);
}

TEST_F(Votes, PublicResultsShowAClosedVotesTotalsAndNothingElse) {
  const nlohmann::json vote = OpenVote();
  const auto ballot = client_->SendJson("POST", PathOf(vote, "ballots/"),
                                        {{"option_id", OptionId(vote, "yes")}}, resident_);
  ASSERT_EQ(ballot.status, 201) << ballot.body;
  const std::string path = "/api/public/votes/" + vote["id"].dump() + "/results/";

  const auto open = client_->Get(path);
  EXPECT_EQ(open.status, 404) << open.body;
  EXPECT_EQ(client_->Get("/api/public/votes/999999/results/").status, 404);

  ASSERT_EQ(client_->SendJson("POST", PathOf(vote, "close/"), kEmpty, manager_).status, 200);
  const auto closed = client_->Get(path);
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto results = closed.Json();
  EXPECT_EQ(results["participation"]["weight"], 40);
  EXPECT_EQ(results["options"][0]["label"], "yes");
  EXPECT_EQ(results["options"][0]["weight"], 40);
  EXPECT_EQ(results["options"][0]["apartments"], 1);
  EXPECT_EQ(results["outcome"], "decided");
  for (const char* secret :
       {"apartment_id", "apartment_number", "cast_by", "resident@a.example", "Owner", "1A"}) {
    EXPECT_EQ(closed.body.find(secret), std::string::npos) << secret;
  }
}

TEST_F(Votes, ResidentsSeeTheirBuildingsVotesButNotDraftsOrRunningCounts) {
  const nlohmann::json vote = OpenVote();
  const auto draft = client_->SendJson(
      "POST", "/api/votes/",
      {{"building_id", building_}, {"title", "Draft"}, {"closes_at", "2099-01-01T00:00:00Z"}},
      manager_);
  ASSERT_EQ(draft.status, 201) << draft.body;

  const auto listed = client_->Get("/api/votes/", resident_).Json();
  EXPECT_EQ(listed["count"], 1);
  EXPECT_EQ(client_->Get(PathOf(draft.Json()), resident_).status, 404);
  EXPECT_EQ(client_->Get(PathOf(vote, "results/"), resident_).status, 409);
  const auto other_flat = client_->SendJson(
      "POST", PathOf(vote, "ballots/"),
      {{"apartment_id", apartments_["1B"]}, {"option_id", OptionId(vote, "yes")}}, resident_);
  EXPECT_EQ(other_flat.status, 400) << other_flat.body;
  EXPECT_EQ(
      client_->SendJson("POST", "/api/votes/", {{"building_id", building_}}, resident_).status,
      403);
  EXPECT_EQ(client_->Get("/api/todos/", resident_).status, 403);
}

TEST_F(Votes, BadInputIsRefusedClearlyAndChangesNothing) {
  const nlohmann::json base = {
      {"building_id", building_}, {"title", "Repaint"}, {"closes_at", "2099-01-01T00:00:00Z"}};
  const std::pair<nlohmann::json, const char*> cases[] = {
      {{{"quorum", 0.75}}, "quorum"},
      {{{"quorum", "1.5"}}, "quorum"},
      {{{"threshold", "0"}}, "threshold"},
      {{{"threshold", "2/3x"}}, "threshold"},
      {{{"options", {"yes"}}}, "options"},
      {{{"options", {"yes", "yes"}}}, "options"},
      {{{"closes_at", "2099-01-01 00:00"}}, "closes_at"},
      {{{"closes_at", "2000-01-01T00:00:00Z"}}, "closes_at"},
      {{{"weighting", "money"}}, "weighting"},
      {{{"share_category", "elevator"}}, "share_category"},
      {{{"building_id", 999999}}, "building_id"},
      // A misspelt field would otherwise leave the vote without its quorum.
      {{{"quorom", "0.75"}}, "quorom"},
      {{{"title", "   "}}, "title"},
      {{{"options", {"Yes", " yes"}}}, "options"},
      {{{"options", {"   ", "no"}}}, "options"},
      {{{"title", nullptr}}, "title"},
  };
  for (const auto& [change, field] : cases) {
    nlohmann::json body = base;
    body.update(change);
    const auto response = client_->SendJson("POST", "/api/votes/", body, manager_);
    EXPECT_EQ(response.status, 400) << body.dump() << ": " << response.body;
    EXPECT_EQ(response.Header("content-type"), "application/problem+json");
    EXPECT_TRUE(response.Json()["errors"].contains(field)) << response.body;
  }
  EXPECT_EQ(client_->Get("/api/votes/", manager_).Json()["count"], 0);

  // Limits count characters: 200 Greek letters are a title of 200.
  std::string greek;
  for (int i = 0; i < 200; ++i) {
    greek += "\xCE\xB1";  // alpha, two bytes
  }
  nlohmann::json long_title = base;
  long_title["title"] = greek;
  const auto accepted = client_->SendJson("POST", "/api/votes/", long_title, manager_);
  EXPECT_EQ(accepted.status, 201) << accepted.body;
  long_title["title"] = greek + "\xCE\xB1";
  EXPECT_EQ(client_->SendJson("POST", "/api/votes/", long_title, manager_).status, 400);
  ASSERT_EQ(
      client_->Send("DELETE", PathOf(accepted.Json()), "", {"Authorization: Bearer " + manager_})
          .status,
      204);

  const nlohmann::json vote = OpenVote();
  const nlohmann::json other = OpenVote();
  const auto foreign_option = client_->SendJson(
      "POST", PathOf(vote, "ballots/"),
      {{"apartment_id", apartments_["1A"]}, {"option_id", OptionId(other, "yes")}}, manager_);
  EXPECT_EQ(foreign_option.status, 400) << foreign_option.body;
  EXPECT_EQ(client_->Get(PathOf(vote, "ballots/"), manager_).Json().size(), 0u);
  EXPECT_EQ(client_->Get("/api/todos/calendar/?from=2099-01-02&to=2099-01-01", manager_).status,
            400);
  EXPECT_EQ(client_->Get("/api/todos/calendar/?from=2099-01-01", manager_).status, 400);
}

TEST_F(Votes, AToDoChangeWithAnUnknownNullOrMistypedFieldIsRefusedAndChangesNothing) {
  const auto created = client_->SendJson(
      "POST", "/api/todos/", {{"building_id", building_}, {"title", "Fix the door"}}, manager_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/todos/" + std::to_string(created.Json()["id"].get<long>()) + "/";

  const std::pair<nlohmann::json, const char*> cases[] = {
      {{{"title", nullptr}}, "title"},
      {{{"status", nullptr}}, "status"},
      {{{"description", nullptr}}, "description"},
      {{{"stauts", "done"}}, "stauts"},
      {{{"created_by", 1}}, "created_by"},
      {{{"building_id", std::to_string(building_)}}, "building_id"},
      {{{"status", "done"}, {"links", nlohmann::json::array()}}, "links"},
  };
  for (const auto& [body, field] : cases) {
    const auto response = client_->SendJson("PATCH", path, body, manager_);
    EXPECT_EQ(response.status, 400) << body.dump() << ": " << response.body;
    EXPECT_TRUE(response.Json()["errors"].contains(field)) << response.body;
  }
  EXPECT_EQ(client_->Get(path, manager_).body, created.body);

  const auto misspelt = client_->SendJson(
      "POST", "/api/todos/", {{"building_id", building_}, {"title", "x"}, {"due", "2099-01-01"}},
      manager_);
  EXPECT_EQ(misspelt.status, 400) << misspelt.body;
  EXPECT_EQ(client_->Get("/api/todos/", manager_).Json()["count"], 1);

  const auto cleared = client_->SendJson("PATCH", path,
                                         {{"due_date", nullptr},
                                          {"assignee_id", nullptr},
                                          {"building_id", building_},
                                          {"status", "in_progress"}},
                                         manager_);
  EXPECT_EQ(cleared.status, 200) << cleared.body;
}

TEST_F(Votes, AnotherOfficesVoteAnswersNotFoundEverywhere) {
  const nlohmann::json vote = OpenVote();
  const nlohmann::json ballot = {{"apartment_id", apartments_["1A"]},
                                 {"option_id", OptionId(vote, "yes")}};
  const struct {
    const char* method;
    std::string path;
    nlohmann::json body;
  } probes[] = {
      {"GET", PathOf(vote), nullptr},
      {"PATCH", PathOf(vote), {{"title", "Mine now"}}},
      {"DELETE", PathOf(vote), nullptr},
      {"POST", PathOf(vote, "open/"), nlohmann::json::object()},
      {"POST", PathOf(vote, "close/"), nlohmann::json::object()},
      {"GET", PathOf(vote, "ballots/"), nullptr},
      {"POST", PathOf(vote, "ballots/"), ballot},
      {"GET", PathOf(vote, "results/"), nullptr},
      {"POST", PathOf(vote, "create-task/"), nlohmann::json::object()},
      {"GET", "/api/votes/?building_id=" + std::to_string(building_), nullptr},
  };
  for (const auto& probe : probes) {
    const auto response =
        probe.body.is_null()
            ? client_->Send(probe.method, probe.path, "",
                            {"Authorization: Bearer " + other_manager_})
            : client_->SendJson(probe.method, probe.path, probe.body, other_manager_);
    EXPECT_EQ(response.status, 404) << probe.method << " " << probe.path << ": " << response.body;
  }
  const auto still = client_->Get(PathOf(vote), manager_).Json();
  EXPECT_EQ(still["state"], "open");
  EXPECT_EQ(still["title"], "Replace the boiler");
}

}  // namespace
}  // namespace concierge::blackbox
