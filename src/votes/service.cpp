#include "votes/service.hpp"

#include <limits>

#include "audit/repository.hpp"
#include "tenancy/repository.hpp"
#include "todos/service.hpp"
#include "votes/task.hpp"
#include "votes/validation.hpp"

namespace concierge::votes {

Error VoteNotFound() {
  return Error::NotFound("vote_not_found", "No such vote.");
}

namespace {

Error NotDraft() {
  return Error::Conflict("vote_not_draft", "Only a draft vote can change or be removed.");
}

void Record(soci::session& sql, const Vote& vote, const audit::Actor& actor, std::string action,
            nlohmann::json detail, const Clock& clock) {
  audit::Event event;
  event.tenant_id = vote.tenant_id;
  event.building_id = vote.draft.building_id;
  event.actor = actor;
  event.action = std::move(action);
  event.target_type = "vote";
  event.target_id = std::to_string(vote.id);
  event.detail = std::move(detail);
  audit::Append(sql, event, clock);
}

// The checks of a draft that need the database: the building is the
// caller's, and some apartment of it has shares in the category.
Status CheckAgainstBuilding(soci::session& sql, const Scope& scope, const VoteDraft& draft) {
  if (!tenancy::SelectBuilding(sql, scope, draft.building_id)) {
    return Fail(Error{ErrorKind::kInvalidInput,
                      "building_not_found",
                      "No such building.",
                      {{"building_id", "No such building."}}});
  }
  if (draft.weighting == Weighting::kShares &&
      tenancy::SelectCategoryShares(sql, scope, draft.building_id, *draft.share_category).empty()) {
    return Fail(Error{
        ErrorKind::kInvalidInput,
        "unknown_category",
        "No apartment of this building has shares in category '" + *draft.share_category + "'.",
        {{"share_category", "Unknown category " + *draft.share_category + "."}}});
  }
  return {};
}

// Who may vote and with what weight, from the building as it is now.
std::vector<Elector> ElectorateOf(soci::session& sql, const Scope& scope, const Vote& vote) {
  const tenancy::ApartmentFilter all{vote.draft.building_id, 0,
                                     std::numeric_limits<std::int64_t>::max()};
  std::vector<Elector> electors;
  for (const auto& apartment : tenancy::SelectApartments(sql, scope, all)) {
    if (vote.draft.weighting == Weighting::kHeadcount) {
      electors.push_back({apartment.id, apartment.number, 1});
    } else if (const auto share = apartment.shares.find(*vote.draft.share_category);
               share != apartment.shares.end() && share->second > 0) {
      // No share in the category, no say in it (docs/votes.md).
      electors.push_back({apartment.id, apartment.number, share->second});
    }
  }
  return electors;
}

Results Count(soci::session& sql, const Vote& vote) {
  const auto [apartments, weight] = ElectorateTotals(sql, vote);
  return Tally(CountByOption(sql, vote), apartments, weight,
               {vote.draft.quorum, vote.draft.threshold, vote.draft.threshold_rule});
}

// Ballots are taken while the vote is open and inside its time window.
Status CheckAcceptsBallots(const Vote& vote, Timestamp now) {
  if (vote.state == VoteState::kDraft) {
    return Fail(Error::Conflict("vote_not_open", "The vote has not been opened."));
  }
  if (vote.state == VoteState::kClosed || vote.draft.closes_at <= now) {
    return Fail(
        Error::Conflict("vote_closed", "The vote is closed; ballots can no longer change."));
  }
  if (vote.draft.opens_at && now < *vote.draft.opens_at) {
    return Fail(
        Error::Conflict("vote_not_started",
                        "Ballots are taken from " + FormatTimestamp(*vote.draft.opens_at) + "."));
  }
  return {};
}

// The elector a ballot is for: an apartment of the caller's, in the vote's
// electorate. A resident's foreign apartment reads as unknown.
Result<Elector> ElectorFor(soci::session& sql, const Scope& scope, const Vote& vote,
                           std::int64_t apartment_id) {
  const Error unknown{ErrorKind::kInvalidInput,
                      "apartment_not_found",
                      "No such apartment in this vote's building.",
                      {{"apartment_id", "No such apartment in this vote's building."}}};
  if (!scope.CanSeeApartment(vote.draft.building_id, apartment_id)) {
    return Fail(unknown);
  }
  if (auto elector = SelectElector(sql, vote, apartment_id)) {
    return *elector;
  }
  const auto apartment = tenancy::SelectApartment(sql, scope, apartment_id);
  if (!apartment || apartment->building_id != vote.draft.building_id) {
    return Fail(unknown);
  }
  return Fail(Error::Conflict("apartment_not_eligible",
                              "Apartment " + apartment->number +
                                  " was not in the electorate when the vote opened (no shares in "
                                  "its category, or added later)."));
}

}  // namespace

Result<Vote> VoteService::Create(const Scope& scope, const VoteDraft& draft,
                                 const audit::Actor& actor) {
  const Timestamp now = clock_.Now();
  CONCIERGE_TRY(valid, ValidateDraft(draft, now));
  return db_.Write([&](soci::session& sql) -> Result<Vote> {
    CONCIERGE_TRY(fits, CheckAgainstBuilding(sql, scope, draft));
    const std::int64_t id = InsertVote(sql, scope, draft, now);
    Vote vote = *SelectVote(sql, scope, id);
    Record(sql, vote, actor, "vote.created", {{"title", draft.title}}, clock_);
    return vote;
  });
}

Result<Vote> VoteService::Get(const Scope& scope, std::int64_t id) {
  CloseExpired(scope.tenant_id(), std::nullopt);
  auto vote = db_.Read([&](soci::session& sql) { return SelectVote(sql, scope, id); });
  if (!vote) {
    return Fail(VoteNotFound());
  }
  return *vote;
}

Result<std::pair<std::int64_t, std::vector<Vote>>> VoteService::List(const Scope& scope,
                                                                     const VoteFilter& filter) {
  CloseExpired(scope.tenant_id(), std::nullopt);
  return db_.Read([&](soci::session& sql) -> Result<std::pair<std::int64_t, std::vector<Vote>>> {
    if (filter.building_id && !tenancy::SelectBuilding(sql, scope, *filter.building_id)) {
      return Fail(Error::NotFound("building_not_found", "No such building."));
    }
    return std::make_pair(CountVotes(sql, scope, filter), SelectVotes(sql, scope, filter));
  });
}

Result<Vote> VoteService::UpdateDraft(const Scope& scope, std::int64_t id,
                                      const std::function<Status(VoteDraft&)>& change,
                                      const audit::Actor& actor) {
  const Timestamp now = clock_.Now();
  return db_.Write([&](soci::session& sql) -> Result<Vote> {
    auto vote = SelectVote(sql, scope, id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    if (vote->state != VoteState::kDraft) {
      return Fail(NotDraft());
    }
    VoteDraft draft = vote->draft;
    CONCIERGE_TRY(changed, change(draft));
    if (draft.building_id != vote->draft.building_id) {
      return Fail(Error::Field("building_id", "A vote cannot move to another building."));
    }
    CONCIERGE_TRY(valid, ValidateDraft(draft, now));
    CONCIERGE_TRY(fits, CheckAgainstBuilding(sql, scope, draft));
    votes::UpdateDraft(sql, *vote, draft);
    Record(sql, *vote, actor, "vote.updated", {{"title", draft.title}}, clock_);
    return *SelectVote(sql, scope, id);
  });
}

Status VoteService::DeleteDraft(const Scope& scope, std::int64_t id, const audit::Actor& actor) {
  return db_.Write([&](soci::session& sql) -> Status {
    auto vote = SelectVote(sql, scope, id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    if (vote->state != VoteState::kDraft) {
      return Fail(NotDraft());
    }
    DeleteVote(sql, *vote);
    Record(sql, *vote, actor, "vote.deleted", {{"title", vote->draft.title}}, clock_);
    return {};
  });
}

Result<Vote> VoteService::Open(const Scope& scope, std::int64_t id, const audit::Actor& actor) {
  const Timestamp now = clock_.Now();
  return db_.Write([&](soci::session& sql) -> Result<Vote> {
    auto vote = SelectVote(sql, scope, id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    if (vote->state != VoteState::kDraft) {
      return Fail(Error::Conflict("vote_not_draft", "The vote has been opened already."));
    }
    if (vote->draft.closes_at <= now) {
      return Fail(Error::Conflict("closing_time_passed",
                                  "The closing time has passed; move it before opening."));
    }
    const std::vector<Elector> electors = ElectorateOf(sql, scope, *vote);
    std::int64_t weight = 0;
    for (const auto& elector : electors) {
      weight += elector.weight;
    }
    if (weight == 0) {
      return Fail(Error::Conflict("empty_electorate",
                                  "No apartment of the building would carry any weight."));
    }
    InsertElectorate(sql, *vote, electors);
    MarkOpened(sql, *vote, now);
    Record(sql, *vote, actor, "vote.opened",
           {{"eligible_apartments", electors.size()}, {"eligible_weight", weight}}, clock_);
    return *SelectVote(sql, scope, id);
  });
}

Result<Vote> VoteService::Close(const Scope& scope, std::int64_t id, const audit::Actor& actor) {
  CloseExpired(scope.tenant_id(), std::nullopt);
  const Timestamp now = clock_.Now();
  return db_.Write([&](soci::session& sql) -> Result<Vote> {
    auto vote = SelectVote(sql, scope, id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    if (vote->state == VoteState::kDraft) {
      return Fail(Error::Conflict("vote_not_open", "A draft is removed, not closed."));
    }
    if (vote->state == VoteState::kOpen) {
      MarkClosed(sql, *vote, now);
      Record(sql, *vote, actor, "vote.closed", {{"automatic", false}}, clock_);
    }
    return *SelectVote(sql, scope, id);
  });
}

Result<std::pair<Ballot, bool>> VoteService::Cast(const Scope& scope, std::int64_t vote_id,
                                                  const BallotInput& input,
                                                  const audit::Actor& actor) {
  if (!scope.IsResident() && !scope.IsOfficeWide()) {
    return Fail(Error::Forbidden("Only residents and office managers cast ballots."));
  }
  CloseExpired(scope.tenant_id(), std::nullopt);
  return db_.Write([&](soci::session& sql) -> Result<std::pair<Ballot, bool>> {
    // Read under the write lock: a ballot that waited for the lock past the
    // closing time is judged by when it is written, not when it arrived.
    const Timestamp now = clock_.Now();
    auto vote = SelectVote(sql, scope, vote_id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    // A resident of one apartment need not name it.
    std::optional<std::int64_t> apartment_id = input.apartment_id;
    if (!apartment_id && scope.IsResident() && scope.apartment_ids().size() == 1) {
      apartment_id = scope.apartment_ids().front();
    }
    if (!apartment_id) {
      return Fail(Error::Field("apartment_id", "Required."));
    }
    if (!input.option_id) {
      return Fail(Error::Field("option_id", "Required."));
    }
    bool known_option = false;
    for (const auto& option : vote->options) {
      known_option = known_option || option.id == *input.option_id;
    }
    if (!known_option) {
      return Fail(Error::Field("option_id", "Not an option of this vote."));
    }
    CONCIERGE_TRY(open, CheckAcceptsBallots(*vote, now));
    CONCIERGE_TRY(elector, ElectorFor(sql, scope, *vote, *apartment_id));

    Ballot ballot;
    ballot.vote_id = vote->id;
    ballot.apartment_id = elector->apartment_id;
    ballot.option_id = *input.option_id;
    ballot.source = scope.IsResident() ? "online" : "paper";
    ballot.cast_by = scope.user_id() > 0 ? std::optional(scope.user_id()) : std::nullopt;
    ballot.cast_at = now;
    const bool replaced = BallotStands(sql, *vote, ballot.apartment_id);
    UpsertBallot(sql, *vote, ballot);
    if (ballot.source == "paper") {
      Record(sql, *vote, actor, "vote.paper_ballot_recorded",
             {{"apartment_id", ballot.apartment_id},
              {"option_id", ballot.option_id},
              {"replaced", replaced},
              {"note", input.note}},
             clock_);
    }
    auto standing = SelectBallots(sql, scope, *vote, ballot.apartment_id);
    return std::make_pair(standing.front(), replaced);
  });
}

Result<std::vector<Ballot>> VoteService::Ballots(const Scope& scope, std::int64_t vote_id) {
  CloseExpired(scope.tenant_id(), std::nullopt);
  return db_.Read([&](soci::session& sql) -> Result<std::vector<Ballot>> {
    auto vote = SelectVote(sql, scope, vote_id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    return SelectBallots(sql, scope, *vote, std::nullopt);
  });
}

Result<VoteResults> VoteService::GetResults(const Scope& scope, std::int64_t vote_id) {
  CloseExpired(scope.tenant_id(), std::nullopt);
  return db_.Read([&](soci::session& sql) -> Result<VoteResults> {
    auto vote = SelectVote(sql, scope, vote_id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    if (vote->state == VoteState::kDraft) {
      return Fail(Error::Conflict("vote_not_open", "A draft has no results."));
    }
    // A running count could sway the owners who have not voted yet.
    if (scope.IsResident() && vote->state != VoteState::kClosed) {
      return Fail(
          Error::Conflict("results_not_published", "Results are published when the vote closes."));
    }
    Results results = Count(sql, *vote);
    return VoteResults{std::move(*vote), std::move(results)};
  });
}

Result<VoteResults> VoteService::GetPublicResults(std::int64_t vote_id) {
  CloseExpired(std::nullopt, vote_id);
  return db_.Read([&](soci::session& sql) -> Result<VoteResults> {
    auto vote = SelectClosedVote(sql, vote_id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    Results results = Count(sql, *vote);
    return VoteResults{std::move(*vote), std::move(results)};
  });
}

Result<std::pair<todos::Todo, bool>> VoteService::CreateTask(const Scope& scope,
                                                             std::int64_t vote_id,
                                                             const TaskInput& input,
                                                             const audit::Actor& actor) {
  CloseExpired(scope.tenant_id(), std::nullopt);
  return db_.Write([&](soci::session& sql) -> Result<std::pair<todos::Todo, bool>> {
    auto vote = SelectVote(sql, scope, vote_id);
    if (!vote) {
      return Fail(VoteNotFound());
    }
    if (vote->state != VoteState::kClosed) {
      return Fail(Error::Conflict("vote_not_closed", "A vote becomes a task once it is closed."));
    }
    const auto building = tenancy::SelectBuilding(sql, scope, vote->draft.building_id);
    if (!building) {
      return Fail(VoteNotFound());
    }
    const Date due = input.due_date.value_or(LocalDate(clock_.Now(), building->timezone) +
                                             std::chrono::days{kDefaultTaskDays});
    todos::Todo todo = TaskFromVote(*vote, Count(sql, *vote), due);
    todo.assignee_id = input.assignee_id;

    CONCIERGE_TRY(outcome, todos::CreateLinkedInTransaction(sql, scope, std::move(todo),
                                                            {"vote", vote->id}, clock_));
    if (outcome->second) {
      Record(sql, *vote, actor, "vote.task_created", {{"todo_id", outcome->first.id}}, clock_);
    }
    return std::move(*outcome);
  });
}

void VoteService::CloseExpired(std::optional<std::int64_t> tenant_id,
                               std::optional<std::int64_t> vote_id) {
  const Timestamp now = clock_.Now();
  // Most reads find nothing to close; only then is the write lock taken.
  const bool any = db_.Read(
      [&](soci::session& sql) { return !SelectExpired(sql, tenant_id, vote_id, now).empty(); });
  if (!any) {
    return;
  }
  db_.Write([&](soci::session& sql) {
    for (const Vote& vote : SelectExpired(sql, tenant_id, vote_id, now)) {
      MarkClosed(sql, vote, vote.draft.closes_at);
      Record(sql, vote, audit::Actor{}, "vote.closed", {{"automatic", true}}, clock_);
    }
  });
}

}  // namespace concierge::votes
