#include "votes/routes.hpp"

#include "audit/routes.hpp"
#include "http/json_fields.hpp"
#include "http/pagination.hpp"
#include "todos/routes.hpp"
#include "votes/task.hpp"
#include "votes/validation.hpp"

namespace concierge::votes {

namespace {

using http::Call;
using http::Permission;
using http::Response;

const Permission kOffice = Permission::Office();

// Fractions travel as strings ("0.75", "2/3"), like amounts, so that no
// binary fraction reaches a quorum.
Result<std::optional<Fraction>> FractionField(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::optional<Fraction>{};
  }
  if (!body[name].is_string()) {
    return Fail(Error::Field(name, "Send a fraction as a string, like \"0.75\" or \"2/3\"."));
  }
  auto fraction = ParseFraction(body[name].get<std::string>());
  if (!fraction) {
    return Fail(Error::Field(name, fraction.error().detail));
  }
  return std::optional<Fraction>{*fraction};
}

Result<std::optional<Timestamp>> TimeField(const nlohmann::json& body, const char* name) {
  if (!body.contains(name) || body[name].is_null()) {
    return std::optional<Timestamp>{};
  }
  const Error malformed = Error::Field(name, "A time in UTC, written as YYYY-MM-DDTHH:MM:SSZ.");
  if (!body[name].is_string()) {
    return Fail(malformed);
  }
  auto at = ParseTimestamp(body[name].get<std::string>());
  if (!at) {
    return Fail(malformed);
  }
  return std::optional<Timestamp>{*at};
}

Result<std::optional<std::vector<std::string>>> OptionsField(const nlohmann::json& body) {
  if (!body.contains("options")) {
    return std::optional<std::vector<std::string>>{};
  }
  std::vector<std::string> labels;
  if (!body["options"].is_array()) {
    return Fail(Error::Field("options", "A list of option labels, like [\"yes\", \"no\"]."));
  }
  for (const auto& label : body["options"]) {
    if (!label.is_string()) {
      return Fail(Error::Field("options", "A list of option labels, like [\"yes\", \"no\"]."));
    }
    labels.push_back(label.get<std::string>());
  }
  return std::optional<std::vector<std::string>>{std::move(labels)};
}

// Applies the fields the body has to `draft`; fields it lacks stay as they
// are. A vote weighted by shares without a category counts "general".
Status Apply(const nlohmann::json& body, VoteDraft& draft) {
  // A misspelt "quorom" must not leave a vote without its quorum in silence.
  CONCIERGE_TRY(known, http::KnownFields(body,
                                         {"building_id", "title", "description", "options",
                                          "weighting", "share_category", "quorum", "threshold",
                                          "threshold_rule", "opens_at", "closes_at"},
                                         {"share_category", "quorum", "opens_at"}));
  CONCIERGE_TRY(title, http::OptionalStringField(body, "title", kMaxTitleLength));
  if (title->has_value()) {
    draft.title = std::move(**title);
  }
  CONCIERGE_TRY(description, http::OptionalStringField(body, "description", kMaxDescriptionLength));
  if (description->has_value()) {
    draft.description = std::move(**description);
  }
  CONCIERGE_TRY(options, OptionsField(body));
  if (options->has_value()) {
    draft.options = std::move(**options);
  }
  CONCIERGE_TRY(weighting, http::OptionalStringField(body, "weighting", 20));
  if (weighting->has_value() && !ParseWeighting(**weighting, draft.weighting)) {
    return Fail(Error::Field("weighting", "Either shares or headcount."));
  }
  CONCIERGE_TRY(category, http::OptionalStringField(body, "share_category", 32));
  if (body.contains("share_category")) {
    draft.share_category = *category;
  } else if (draft.weighting == Weighting::kHeadcount) {
    draft.share_category.reset();
  }
  if (draft.weighting == Weighting::kShares && !draft.share_category) {
    draft.share_category = "general";
  }
  CONCIERGE_TRY(quorum, FractionField(body, "quorum"));
  if (body.contains("quorum")) {
    draft.quorum = *quorum;
  }
  CONCIERGE_TRY(threshold, FractionField(body, "threshold"));
  if (threshold->has_value()) {
    draft.threshold = **threshold;
  }
  CONCIERGE_TRY(rule, http::OptionalStringField(body, "threshold_rule", 20));
  if (rule->has_value() && !ParseThresholdRule(**rule, draft.threshold_rule)) {
    return Fail(Error::Field("threshold_rule", "Either more_than or at_least."));
  }
  CONCIERGE_TRY(opens_at, TimeField(body, "opens_at"));
  if (body.contains("opens_at")) {
    draft.opens_at = *opens_at;
  }
  CONCIERGE_TRY(closes_at, TimeField(body, "closes_at"));
  if (closes_at->has_value()) {
    draft.closes_at = **closes_at;
  }
  return {};
}

nlohmann::json TimeJson(const std::optional<Timestamp>& at) {
  return at ? nlohmann::json(FormatTimestamp(*at)) : nlohmann::json(nullptr);
}

nlohmann::json VoteJson(const Vote& vote) {
  const VoteDraft& draft = vote.draft;
  nlohmann::json options = nlohmann::json::array();
  for (const auto& option : vote.options) {
    options.push_back({{"id", option.id}, {"label", option.label}});
  }
  return {{"id", vote.id},
          {"building_id", draft.building_id},
          {"title", draft.title},
          {"description", draft.description},
          {"state", VoteStateName(vote.state)},
          {"options", std::move(options)},
          {"weighting", WeightingName(draft.weighting)},
          {"share_category", http::OptionalJson(draft.share_category)},
          {"quorum", draft.quorum ? nlohmann::json(FormatFraction(*draft.quorum)) : nullptr},
          {"threshold", FormatFraction(draft.threshold)},
          {"threshold_rule", ThresholdRuleName(draft.threshold_rule)},
          {"opens_at", TimeJson(draft.opens_at)},
          {"closes_at", FormatTimestamp(draft.closes_at)},
          {"opened_at", TimeJson(vote.opened_at)},
          {"closed_at", TimeJson(vote.closed_at)},
          {"created_at", FormatTimestamp(vote.created_at)}};
}

// Totals only: nothing here names an apartment or a person, so the same
// shape serves the lobby screen.
nlohmann::json ResultsJson(const VoteResults& counted) {
  const Vote& vote = counted.vote;
  const Results& results = counted.results;
  nlohmann::json options = nlohmann::json::array();
  nlohmann::json winner = nullptr;
  for (const auto& option : results.options) {
    options.push_back({{"id", option.option_id},
                       {"label", option.label},
                       {"apartments", option.apartments},
                       {"weight", option.weight}});
    if (results.winner_option_id == option.option_id) {
      winner = {{"id", option.option_id}, {"label", option.label}};
    }
  }
  return {
      {"vote_id", vote.id},
      {"title", vote.draft.title},
      {"state", VoteStateName(vote.state)},
      {"final", vote.state == VoteState::kClosed},
      {"closed_at", TimeJson(vote.closed_at)},
      {"weighting", WeightingName(vote.draft.weighting)},
      {"share_category", http::OptionalJson(vote.draft.share_category)},
      {"unit", WeightUnit(vote.draft.weighting)},
      {"eligible",
       {{"apartments", results.eligible_apartments}, {"weight", results.eligible_weight}}},
      {"participation", {{"apartments", results.cast_apartments}, {"weight", results.cast_weight}}},
      {"quorum", vote.draft.quorum ? nlohmann::json(FormatFraction(*vote.draft.quorum)) : nullptr},
      {"quorum_needed", http::OptionalJson(results.quorum_needed)},
      {"quorum_met", results.quorum_met},
      {"threshold", FormatFraction(vote.draft.threshold)},
      {"threshold_rule", ThresholdRuleName(vote.draft.threshold_rule)},
      {"threshold_needed", results.threshold_needed},
      {"options", std::move(options)},
      {"outcome", OutcomeName(results.outcome)},
      {"winner", std::move(winner)},
  };
}

nlohmann::json BallotJson(const Ballot& ballot) {
  return {{"vote_id", ballot.vote_id},
          {"apartment_id", ballot.apartment_id},
          {"apartment_number", ballot.apartment_number},
          {"option_id", ballot.option_id},
          {"weight", ballot.weight},
          {"source", ballot.source},
          {"cast_by", http::OptionalJson(ballot.cast_by)},
          {"cast_at", FormatTimestamp(ballot.cast_at)}};
}

Result<Response> ListVotes(VoteService& service, const Call& call) {
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  VoteFilter filter{*building_id, std::nullopt, page->offset(), page->page_size};
  if (const auto state = call.request.QueryParam("state")) {
    VoteState parsed{};
    if (!ParseVoteState(*state, parsed)) {
      return Fail(Error::Field("state", "One of draft, open, closed."));
    }
    filter.state = parsed;
  }
  CONCIERGE_TRY(listed, service.List(call.scope(), filter));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& vote : listed->second) {
    results.push_back(VoteJson(vote));
  }
  return Response::Json(200,
                        http::PageBody(call.request, *page, listed->first, std::move(results)));
}

Result<Response> CreateVote(VoteService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  VoteDraft draft;
  CONCIERGE_TRY(building_id, http::OptionalIdField(*body, "building_id"));
  if (!building_id->has_value()) {
    return Fail(Error::Field("building_id", "The building's id is required."));
  }
  draft.building_id = **building_id;
  if (!body->contains("closes_at") || (*body)["closes_at"].is_null()) {
    return Fail(Error::Field("closes_at", "Required."));
  }
  CONCIERGE_TRY(applied, Apply(*body, draft));
  CONCIERGE_TRY(created, service.Create(call.scope(), draft, audit::ActorOf(call)));
  return Response::Json(201, VoteJson(*created));
}

Result<Response> GetVote(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(vote, service.Get(call.scope(), *id));
  return Response::Json(200, VoteJson(*vote));
}

Result<Response> PatchVote(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(
      updated,
      service.UpdateDraft(
          call.scope(), *id,
          [&](VoteDraft& draft) -> Status {
            if (body->contains("building_id") && (*body)["building_id"] != draft.building_id) {
              return Fail(Error::Field("building_id", "A vote cannot move to another building."));
            }
            return Apply(*body, draft);
          },
          audit::ActorOf(call)));
  return Response::Json(200, VoteJson(*updated));
}

Result<Response> RemoveVote(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(deleted, service.DeleteDraft(call.scope(), *id, audit::ActorOf(call)));
  return Response::Text(204, "application/json", "");
}

Result<Response> OpenVote(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(vote, service.Open(call.scope(), *id, audit::ActorOf(call)));
  return Response::Json(200, VoteJson(*vote));
}

Result<Response> CloseVote(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(vote, service.Close(call.scope(), *id, audit::ActorOf(call)));
  return Response::Json(200, VoteJson(*vote));
}

// The vote is looked up before the body's ids are judged, so that another
// office's vote answers 404 whatever the body says.
Result<Response> CastBallot(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(known, http::KnownFields(*body, {"apartment_id", "option_id", "note"},
                                         {"apartment_id", "note"}));
  CONCIERGE_TRY(apartment_id, http::OptionalIdField(*body, "apartment_id"));
  CONCIERGE_TRY(option_id, http::OptionalIdField(*body, "option_id"));
  CONCIERGE_TRY(note, http::OptionalStringField(*body, "note", 500));
  CONCIERGE_TRY(cast,
                service.Cast(call.scope(), *id, {*apartment_id, *option_id, note->value_or("")},
                             audit::ActorOf(call)));
  nlohmann::json answer = BallotJson(cast->first);
  answer["replaced"] = cast->second;
  return Response::Json(cast->second ? 200 : 201, answer);
}

Result<Response> ListBallots(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(ballots, service.Ballots(call.scope(), *id));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& ballot : *ballots) {
    results.push_back(BallotJson(ballot));
  }
  return Response::Json(200, results);
}

Result<Response> GetResults(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(counted, service.GetResults(call.scope(), *id));
  return Response::Json(200, ResultsJson(*counted));
}

Result<Response> GetPublicResults(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(counted, service.GetPublicResults(*id));
  return Response::Json(200, ResultsJson(*counted));
}

// An empty body is allowed: every field has a default.
Result<Response> CreateTask(VoteService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  nlohmann::json body = nlohmann::json::object();
  if (!call.request.body.empty()) {
    CONCIERGE_TRY(parsed, http::JsonBody(call.request));
    body = std::move(*parsed);
  }
  CONCIERGE_TRY(known,
                http::KnownFields(body, {"due_date", "assignee_id"}, {"due_date", "assignee_id"}));
  CONCIERGE_TRY(due_date, http::OptionalDateField(body, "due_date"));
  CONCIERGE_TRY(assignee_id, http::OptionalIdField(body, "assignee_id"));
  CONCIERGE_TRY(
      task, service.CreateTask(call.scope(), *id, {*due_date, *assignee_id}, audit::ActorOf(call)));
  return Response::Json(task->second ? 201 : 200, todos::TodoJson(task->first));
}

}  // namespace

void AddRoutes(http::Router& router, VoteService& service, const http::RateLimiter& limiter) {
  auto bind = [&service](auto handler) {
    return [&service, handler](const Call& call) { return handler(service, call); };
  };
  const Permission any = Permission::Authenticated();
  router.Add({"GET", "/api/votes/", any, bind(ListVotes),
              "List votes (residents: their buildings' open and closed ones)"});
  router.Add({"POST", "/api/votes/", kOffice, bind(CreateVote), "Create a draft vote"});
  router.Add({"GET", "/api/votes/{id}/", any, bind(GetVote), "Read a vote"});
  router.Add({"PATCH", "/api/votes/{id}/", kOffice, bind(PatchVote), "Change a draft vote"});
  router.Add({"DELETE", "/api/votes/{id}/", kOffice, bind(RemoveVote), "Remove a draft vote"});
  router.Add({"POST", "/api/votes/{id}/open/", kOffice, bind(OpenVote),
              "Open a draft vote, freezing its electorate"});
  router.Add({"POST", "/api/votes/{id}/close/", kOffice, bind(CloseVote), "Close an open vote"});
  router.Add({"GET", "/api/votes/{id}/ballots/", any, bind(ListBallots),
              "Standing ballots (residents: their own)"});
  router.Add({"POST", "/api/votes/{id}/ballots/",
              Permission::Roles({Role::kAdmin, Role::kManager, Role::kResident}), bind(CastBallot),
              "Cast or replace an apartment's ballot (managers: a paper ballot, audited)"});
  router.Add({"GET", "/api/votes/{id}/results/", any, bind(GetResults),
              "Counted results (residents: once closed)"});
  router.Add({"POST", "/api/votes/{id}/create-task/", Permission::OfficeAndStaff(),
              bind(CreateTask), "Turn a closed vote into a to-do, once"});
  // Public, so throttled per client: ids are small integers, easy to walk.
  router.Add({"GET", "/api/public/votes/{id}/results/", Permission::Public(),
              limiter.Guard("public_votes", bind(GetPublicResults)),
              "Totals of a closed vote, for the lobby"});
}

}  // namespace concierge::votes
