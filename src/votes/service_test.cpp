#include "votes/service.hpp"

#include <gtest/gtest.h>

#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"
#include "todos/service.hpp"

namespace concierge::votes {
namespace {

Timestamp At(const char* text) {
  return *ParseTimestamp(text);
}

class VoteServiceTest : public ::testing::Test {
 protected:
  VoteServiceTest()
      : clock_(At("2026-03-01T09:00:00Z")),
        tenancy_(database_.db()),
        votes_(database_.db(), clock_),
        tenant_(database_.AddTenant("office")),
        office_(ScopeForTesting::Office(tenant_)) {
    tenancy::Building building;
    building.code = "B1";
    building.name = "Building One";
    building_ = tenancy_.CreateBuilding(office_, building)->id;
  }

  std::int64_t AddApartment(const std::string& number, tenancy::Shares shares) {
    tenancy::Apartment apartment;
    apartment.building_id = building_;
    apartment.number = number;
    apartment.shares = std::move(shares);
    auto created = tenancy_.CreateApartment(office_, apartment);
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return created->id;
  }

  VoteDraft Draft(Weighting weighting = Weighting::kShares) {
    VoteDraft draft;
    draft.building_id = building_;
    draft.title = "Repaint the stairwell";
    draft.weighting = weighting;
    if (weighting == Weighting::kShares) {
      draft.share_category = "general";
    }
    draft.closes_at = At("2026-03-15T18:00:00Z");
    return draft;
  }

  Vote OpenVote(const VoteDraft& draft) {
    auto created = votes_.Create(office_, draft, {});
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    auto opened = votes_.Open(office_, created->id, {});
    EXPECT_TRUE(opened) << (opened ? "" : opened.error().detail);
    return *opened;
  }

  static std::int64_t OptionId(const Vote& vote, const std::string& label) {
    for (const auto& option : vote.options) {
      if (option.label == label) {
        return option.id;
      }
    }
    ADD_FAILURE() << "no option " << label;
    return 0;
  }

  void Cast(const Vote& vote, std::int64_t apartment, const std::string& label) {
    auto cast = votes_.Cast(office_, vote.id, {apartment, OptionId(vote, label), ""}, {});
    ASSERT_TRUE(cast) << cast.error().detail;
  }

  Results Counted(const Vote& vote) {
    auto counted = votes_.GetResults(office_, vote.id);
    EXPECT_TRUE(counted) << (counted ? "" : counted.error().detail);
    return counted->results;
  }

  std::int64_t Weight(const Results& results, const std::string& label) {
    for (const auto& option : results.options) {
      if (option.label == label) {
        return option.weight;
      }
    }
    return -1;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  tenancy::TenancyService tenancy_;
  VoteService votes_;
  std::int64_t tenant_;
  Scope office_;
  std::int64_t building_ = 0;
};

TEST_F(VoteServiceTest, FiveThreeTwoHundredSharesYesNoNoIsNoMajorityAtMoreThanHalf) {
  const auto a = AddApartment("1A", {{"general", 500}});
  const auto b = AddApartment("1B", {{"general", 300}});
  const auto c = AddApartment("1C", {{"general", 200}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  Cast(vote, b, "no");
  Cast(vote, c, "no");

  const Results results = Counted(vote);
  EXPECT_EQ(Weight(results, "yes"), 500);
  EXPECT_EQ(Weight(results, "no"), 500);
  EXPECT_EQ(results.eligible_weight, 1000);
  EXPECT_EQ(results.outcome, Outcome::kNoMajority);
}

TEST_F(VoteServiceTest, TwoOwnersOfSixHundredSharesMeetAShareQuorumButNotAHeadcountOne) {
  std::vector<std::int64_t> flats;
  for (int i = 0; i < 10; ++i) {
    flats.push_back(AddApartment("F" + std::to_string(i), {{"general", i < 2 ? 300 : 50}}));
  }
  VoteDraft by_shares = Draft(Weighting::kShares);
  by_shares.quorum = Fraction{1, 2};
  VoteDraft by_head = Draft(Weighting::kHeadcount);
  by_head.quorum = Fraction{1, 2};
  const Vote shares_vote = OpenVote(by_shares);
  const Vote head_vote = OpenVote(by_head);
  for (const Vote* vote : {&shares_vote, &head_vote}) {
    Cast(*vote, flats[0], "yes");
    Cast(*vote, flats[1], "yes");
  }

  const Results shares = Counted(shares_vote);
  EXPECT_EQ(shares.cast_weight, 600);
  EXPECT_EQ(shares.quorum_needed, 500);
  EXPECT_TRUE(shares.quorum_met);
  EXPECT_EQ(shares.outcome, Outcome::kDecided);

  const Results head = Counted(head_vote);
  EXPECT_EQ(head.eligible_weight, 10);
  EXPECT_EQ(head.cast_weight, 2);
  EXPECT_EQ(head.quorum_needed, 5);
  EXPECT_FALSE(head.quorum_met);
  EXPECT_EQ(head.outcome, Outcome::kQuorumNotMet);
}

TEST_F(VoteServiceTest, AQuorumOfThreeQuartersOverThreeSharesIsNotMetByTwo) {
  const auto a = AddApartment("1A", {{"garden", 1}});
  const auto b = AddApartment("1B", {{"garden", 1}});
  const auto c = AddApartment("1C", {{"garden", 1}});
  VoteDraft draft = Draft();
  draft.share_category = "garden";
  draft.quorum = *ParseFraction("0.75");
  const Vote vote = OpenVote(draft);
  Cast(vote, a, "yes");
  Cast(vote, b, "yes");
  EXPECT_FALSE(Counted(vote).quorum_met);
  EXPECT_EQ(Counted(vote).quorum_needed, 3);
  Cast(vote, c, "no");
  EXPECT_TRUE(Counted(vote).quorum_met);
}

TEST_F(VoteServiceTest, AnApartmentWithNoShareInTheCategoryIsNotAnElector) {
  const auto a = AddApartment("1A", {{"general", 600}});
  const auto b = AddApartment("1B", {{"general", 0}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");

  auto refused = votes_.Cast(office_, vote.id, {b, OptionId(vote, "no"), ""}, {});
  EXPECT_FALSE(refused);
  const Results results = Counted(vote);
  EXPECT_EQ(results.eligible_apartments, 1);
  EXPECT_EQ(Weight(results, "yes"), 600);
}

TEST_F(VoteServiceTest, TheLastBallotOfAnApartmentStands) {
  const auto a = AddApartment("1A", {{"general", 40}});
  AddApartment("1B", {{"general", 960}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  auto second = votes_.Cast(office_, vote.id, {a, OptionId(vote, "no"), "box 3"}, {});
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->second);

  const Results results = Counted(vote);
  EXPECT_EQ(Weight(results, "yes"), 0);
  EXPECT_EQ(Weight(results, "no"), 40);
  EXPECT_EQ(results.cast_apartments, 1);
  EXPECT_EQ(votes_.Ballots(office_, vote.id)->size(), 1u);
}

TEST_F(VoteServiceTest, WeightsAreFrozenWhenTheVoteOpens) {
  const auto a = AddApartment("1A", {{"general", 600}});
  AddApartment("1B", {{"general", 400}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  ASSERT_TRUE(tenancy_.UpdateApartment(office_, a, [](tenancy::Apartment& apartment) {
    apartment.shares["general"] = 100;
    return Status{};
  }));
  EXPECT_EQ(Weight(Counted(vote), "yes"), 600);
  // An apartment added after the opening is not in the electorate.
  const auto late = AddApartment("2A", {{"general", 0}});
  auto refused = votes_.Cast(office_, vote.id, {late, OptionId(vote, "yes"), ""}, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "apartment_not_eligible");
}

TEST_F(VoteServiceTest, AVotePastItsClosingTimeIsClosedWhenNextRead) {
  const auto a = AddApartment("1A", {{"general", 1000}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  clock_.Set(At("2026-03-15T18:00:00Z"));

  const auto read = votes_.Get(office_, vote.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->state, VoteState::kClosed);
  EXPECT_EQ(read->closed_at, At("2026-03-15T18:00:00Z"));
  auto late = votes_.Cast(office_, vote.id, {a, OptionId(vote, "no"), ""}, {});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, "vote_closed");
  EXPECT_EQ(Weight(Counted(vote), "yes"), 1000);
}

TEST_F(VoteServiceTest, PublicResultsAnswerOnlyForClosedVotes) {
  const auto a = AddApartment("1A", {{"general", 1000}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  auto open = votes_.GetPublicResults(vote.id);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().kind, ErrorKind::kNotFound);

  clock_.Advance(std::chrono::days{30});  // past the closing time: closed on this read
  auto closed = votes_.GetPublicResults(vote.id);
  ASSERT_TRUE(closed) << closed.error().detail;
  EXPECT_EQ(closed->results.outcome, Outcome::kDecided);
}

TEST_F(VoteServiceTest, AResidentVotesForTheirOwnApartmentOnlyAndSeesNoDrafts) {
  const auto mine = AddApartment("1A", {{"general", 500}});
  const auto theirs = AddApartment("1B", {{"general", 500}});
  const Scope resident = ScopeForTesting::Resident(tenant_, {building_}, {mine});
  auto draft = votes_.Create(office_, Draft(), {});
  ASSERT_TRUE(draft);
  EXPECT_FALSE(votes_.Get(resident, draft->id));

  const Vote vote = *votes_.Open(office_, draft->id, {});
  auto foreign = votes_.Cast(resident, vote.id, {theirs, OptionId(vote, "yes"), ""}, {});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().fields.count("apartment_id"), 1u);
  // One apartment: it need not be named.
  auto own = votes_.Cast(resident, vote.id, {std::nullopt, OptionId(vote, "yes"), ""}, {});
  ASSERT_TRUE(own) << own.error().detail;
  EXPECT_EQ(own->first.apartment_id, mine);
  EXPECT_EQ(own->first.source, "online");

  auto running = votes_.GetResults(resident, vote.id);
  ASSERT_FALSE(running);
  EXPECT_EQ(running.error().code, "results_not_published");
  ASSERT_TRUE(votes_.Close(office_, vote.id, {}));
  EXPECT_TRUE(votes_.GetResults(resident, vote.id));
}

TEST_F(VoteServiceTest, BadBallotsChangeNothing) {
  const auto a = AddApartment("1A", {{"general", 1000}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  const BallotInput bad[] = {
      {a, 999'999, ""},
      {a, std::nullopt, ""},
      {std::nullopt, OptionId(vote, "no"), ""},
      {999'999, OptionId(vote, "no"), ""},
  };
  for (const auto& input : bad) {
    EXPECT_FALSE(votes_.Cast(office_, vote.id, input, {}));
  }
  EXPECT_EQ(Weight(Counted(vote), "yes"), 1000);
}

TEST_F(VoteServiceTest, ADraftNeedsAKnownCategoryAFutureClosingTimeAndAReachableThreshold) {
  AddApartment("1A", {{"general", 1000}});
  VoteDraft unknown = Draft();
  unknown.share_category = "elevator";
  auto refused = votes_.Create(office_, unknown, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "unknown_category");

  VoteDraft past = Draft();
  past.closes_at = At("2026-02-01T00:00:00Z");
  refused = votes_.Create(office_, past, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.count("closes_at"), 1u);

  VoteDraft unreachable = Draft();
  unreachable.threshold = Fraction{1, 1};
  refused = votes_.Create(office_, unreachable, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.count("threshold"), 1u);
  unreachable.threshold_rule = ThresholdRule::kAtLeast;  // unanimity
  EXPECT_TRUE(votes_.Create(office_, unreachable, {}));

  VoteDraft one_option = Draft();
  one_option.options = {"yes"};
  EXPECT_FALSE(votes_.Create(office_, one_option, {}));
  EXPECT_EQ(votes_.List(office_, {})->first, 1);
}

TEST_F(VoteServiceTest, OnlyDraftsChangeAndOpenVotesCannotBeRemoved) {
  AddApartment("1A", {{"general", 1000}});
  const Vote vote = OpenVote(Draft());
  auto change = votes_.UpdateDraft(office_, vote.id,
                                   [](VoteDraft& draft) {
                                     draft.title = "Other";
                                     return Status{};
                                   },
                                   {});
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code, "vote_not_draft");
  EXPECT_FALSE(votes_.DeleteDraft(office_, vote.id, {}));
  EXPECT_EQ(votes_.Get(office_, vote.id)->draft.title, "Repaint the stairwell");
}

TEST_F(VoteServiceTest, ATaskIsCreatedOnceAndOnlyFromAClosedVote) {
  const auto a = AddApartment("1A", {{"general", 1000}});
  const Vote vote = OpenVote(Draft());
  Cast(vote, a, "yes");
  auto early = votes_.CreateTask(office_, vote.id, {}, {});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "vote_not_closed");

  ASSERT_TRUE(votes_.Close(office_, vote.id, {}));
  auto first = votes_.CreateTask(office_, vote.id, {}, {});
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(first->second);
  EXPECT_EQ(first->first.title, "Repaint the stairwell (decided: yes)");
  EXPECT_EQ(first->first.due_date, *ParseDate("2026-03-31"));  // 30 days from today in Athens
  ASSERT_EQ(first->first.links.size(), 1u);
  EXPECT_EQ(first->first.links[0].kind, "vote");
  EXPECT_EQ(first->first.links[0].source_id, vote.id);

  auto again = votes_.CreateTask(office_, vote.id, {*ParseDate("2027-01-01"), std::nullopt}, {});
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->second);
  EXPECT_EQ(again->first.id, first->first.id);
  EXPECT_EQ(again->first.due_date, first->first.due_date);

  todos::TodoService todos(database_.db(), clock_);
  EXPECT_EQ(todos.List(office_, {})->first, 1);
  const Scope other_staff = ScopeForTesting::Staff(tenant_, {building_ + 1});
  auto hidden = votes_.CreateTask(other_staff, vote.id, {}, {});
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace concierge::votes
