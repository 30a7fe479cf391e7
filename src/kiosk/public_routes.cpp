#include "kiosk/public_routes.hpp"

#include "audit/routes.hpp"
#include "http/json_fields.hpp"

namespace concierge::kiosk {

namespace {

using http::Call;
using http::Permission;
using http::Response;

nlohmann::json AnnouncementJson(const Announcement& announcement) {
  return {
      {"id", announcement.id},
      {"building_id", announcement.building_id},
      {"title", announcement.title},
      {"body", announcement.body},
      {"visibility", VisibilityName(announcement.visibility)},
      {"event_date", announcement.event_date ? nlohmann::json(FormatDate(*announcement.event_date))
                                             : nlohmann::json(nullptr)},
      {"created_at", announcement.created_at}};
}

// Below this many apartments in debt a stranger sees no totals: with one
// debtor the total is that apartment's amount, with two each owner could
// work out the other's.
constexpr int kMinDebtorsForTotals = 3;

const char* AudienceName(Audience audience) {
  switch (audience) {
    case Audience::kStranger:
      return "public";
    case Audience::kVisitor:
      return "visitor";
    case Audience::kKiosk:
      return "kiosk";
    case Audience::kLegacy:
      return "legacy";
  }
  return "public";
}

// Totals only: the same shape as the public vote results, minus nothing
// personal (they hold none).
nlohmann::json VoteSummaryJson(const votes::VoteResults& counted) {
  nlohmann::json options = nlohmann::json::array();
  for (const auto& option : counted.results.options) {
    options.push_back(
        {{"label", option.label}, {"apartments", option.apartments}, {"weight", option.weight}});
  }
  const auto& winner = counted.results.winner_option_id;
  nlohmann::json winner_label = nullptr;
  for (const auto& option : counted.results.options) {
    if (winner && *winner == option.option_id) {
      winner_label = option.label;
    }
  }
  return {{"vote_id", counted.vote.id},
          {"title", counted.vote.draft.title},
          {"closed_at", counted.vote.closed_at
                            ? nlohmann::json(FormatTimestamp(*counted.vote.closed_at))
                            : nlohmann::json(nullptr)},
          {"outcome", votes::OutcomeName(counted.results.outcome)},
          {"winner", winner_label},
          {"options", options}};
}

// What each audience may see is decided here and in PublicInfoService only.
nlohmann::json PublicInfoJson(const PublicInfo& info) {
  nlohmann::json announcements = nlohmann::json::array();
  for (const auto& item : info.announcements) {
    announcements.push_back({{"id", item.id},
                             {"title", item.title},
                             {"body", item.body},
                             {"created_at", item.created_at}});
  }
  nlohmann::json events = nlohmann::json::array();
  for (const auto& item : info.events) {
    events.push_back({{"id", item.id},
                      {"title", item.title},
                      {"body", item.body},
                      {"date", FormatDate(*item.event_date)}});
  }
  nlohmann::json closed_votes = nlohmann::json::array();
  for (const auto& vote : info.closed_votes) {
    closed_votes.push_back(VoteSummaryJson(vote));
  }
  // A stranger gets counts per bucket but no bucket amounts, and each total
  // only when enough apartments make it up that no one's amount can be read
  // off it.
  const bool stranger = !SeesApartments(info.audience);
  const bool totals_withheld =
      stranger && info.debt->rows.size() < static_cast<std::size_t>(kMinDebtorsForTotals);
  const bool not_due_withheld = stranger && info.debt->apartments_not_due < kMinDebtorsForTotals;
  nlohmann::json buckets = nlohmann::json::object();
  for (std::size_t i = 0; i < finance::kBuckets.size(); ++i) {
    nlohmann::json bucket = {{"apartments", info.debt->buckets[i].apartments}};
    if (!stranger) {
      bucket["amount"] = FormatAmount(info.debt->buckets[i].amount);
    }
    buckets[finance::BucketName(finance::kBuckets[i])] = std::move(bucket);
  }
  auto total = [](Cents cents, bool withheld) {
    return withheld ? nlohmann::json(nullptr) : nlohmann::json(FormatAmount(cents));
  };
  nlohmann::json answer = {{"audience", AudienceName(info.audience)},
                           {"building",
                            {{"id", info.building_id},
                             {"name", info.name},
                             {"address", info.address},
                             {"city", info.city}}},
                           {"office_contact", info.office_contact},
                           {"announcements", announcements},
                           {"events", events},
                           {"closed_votes", closed_votes},
                           {"debt_summary",
                            {{"currency", info.currency},
                             {"total_debt", total(info.debt->total_debt, totals_withheld)},
                             {"not_due", total(info.debt->not_due, not_due_withheld)},
                             {"totals_withheld", totals_withheld},
                             {"not_due_withheld", not_due_withheld},
                             {"apartments_in_debt", info.debt->rows.size()},
                             {"buckets", buckets}}}};
  if (SeesApartments(info.audience)) {
    nlohmann::json debtors = nlohmann::json::array();
    for (const auto& row : info.debtors) {
      nlohmann::json item = {{"apartment_number", row.apartment_number},
                             {"amount", FormatAmount(row.amount)},
                             {"days_overdue", row.days_overdue}};
      if (info.audience == Audience::kLegacy) {
        item["owner_name"] = row.owner_name;
      }
      debtors.push_back(std::move(item));
    }
    answer["debtors"] = std::move(debtors);
  }
  return answer;
}

Result<Response> GetPublicInfo(PublicInfoService& service, const Call& call) {
  CONCIERGE_TRY(building_id, http::IdParam(call.request, "building_id"));
  CONCIERGE_TRY(audience, service.AudienceOf(call.request, *building_id));
  CONCIERGE_TRY(info, service.Get(*building_id, *audience));
  return Response::Json(200, PublicInfoJson(*info));
}

Result<Response> ListAnnouncements(AnnouncementService& service, const Call& call) {
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& item : service.List(call.scope(), *building_id)) {
    results.push_back(AnnouncementJson(item));
  }
  return Response::Json(200, {{"results", results}});
}

Result<Response> CreateAnnouncement(AnnouncementService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  Announcement announcement;
  CONCIERGE_TRY(building_id, http::OptionalIdField(*body, "building_id"));
  if (!building_id->has_value()) {
    return Fail(Error::Field("building_id", "The building's id is required."));
  }
  announcement.building_id = **building_id;
  CONCIERGE_TRY(title, http::StringField(*body, "title", 200));
  announcement.title = *title;
  CONCIERGE_TRY(text, http::OptionalStringField(*body, "body", 5000));
  announcement.body = text->value_or("");
  CONCIERGE_TRY(visibility, http::StringField(*body, "visibility", 20));
  if (!ParseVisibility(*visibility, announcement.visibility)) {
    return Fail(Error::Field("visibility", "One of public, residents, staff."));
  }
  CONCIERGE_TRY(event_date, http::OptionalDateField(*body, "event_date"));
  announcement.event_date = *event_date;
  CONCIERGE_TRY(created, service.Create(call.scope(), announcement, audit::ActorOf(call)));
  return Response::Json(201, AnnouncementJson(*created));
}

Result<Response> RemoveAnnouncement(AnnouncementService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(removed, service.Remove(call.scope(), *id, audit::ActorOf(call)));
  return Response::Text(204, "application/json", "");
}

nlohmann::json LinkJson(const PersonalLink& link) {
  return {{"id", link.id},
          {"building_id", link.building_id},
          {"apartment_id", link.apartment_id},
          {"created_at", link.created_at},
          {"revoked_at", http::OptionalJson(link.revoked_at)},
          {"last_used_at", http::OptionalJson(link.last_used_at)},
          {"active", !link.revoked_at}};
}

Result<Response> CreateLink(PersonalLinkService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(issued, service.Create(call.scope(), *id, audit::ActorOf(call)));
  nlohmann::json answer = LinkJson(issued->link);
  answer["token"] = issued->token;
  answer["url"] = issued->url;
  return Response::Json(201, answer);
}

Result<Response> ListLinks(PersonalLinkService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(links, service.List(call.scope(), *id));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& link : *links) {
    results.push_back(LinkJson(link));
  }
  return Response::Json(200, {{"results", results}});
}

Result<Response> RevokeLink(PersonalLinkService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(link, service.Revoke(call.scope(), *id, audit::ActorOf(call)));
  return Response::Json(200, LinkJson(*link));
}

Result<Response> OpenPage(PersonalLinkService& service, const Call& call) {
  const auto token = call.request.path_params.find("token");
  CONCIERGE_TRY(page, service.Open(token == call.request.path_params.end() ? "" : token->second));
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& line : page->statement.lines) {
    const auto& entry = line.entry;
    lines.push_back({{"date", FormatDate(entry.entry_date)},
                     {"kind", finance::EntryKindName(entry.kind)},
                     {"description", entry.description},
                     {"due_date", entry.due_date ? nlohmann::json(FormatDate(*entry.due_date))
                                                 : nlohmann::json(nullptr)},
                     {"amount", FormatAmount(entry.amount)},
                     {"running_balance", FormatAmount(line.running_balance)}});
  }
  nlohmann::json charges = nlohmann::json::array();
  for (const auto& charge : page->open_charges) {
    charges.push_back({{"id", charge.id},
                       {"description", charge.description},
                       {"amount", FormatAmount(charge.amount)},
                       {"currency", charge.currency}});
  }
  return Response::Json(200, {{"building", page->building_name},
                              {"apartment_number", page->apartment_number},
                              {"currency", page->currency},
                              {"balance", FormatAmount(page->statement.closing_balance)},
                              {"statement", lines},
                              {"open_charges", charges},
                              {"how_to_pay", page->payment_instructions}});
}

}  // namespace

void AddPublicRoutes(http::Router& router, const PublicRoutes& services) {
  auto with = [](auto& service, auto handler) {
    return [&service, handler](const Call& call) { return handler(service, call); };
  };
  const Permission office = Permission::Office();
  const http::RateLimiter& limiter = services.limiter;

  router.Add({"GET", "/api/public-info/{building_id}/", Permission::Public(),
              limiter.Guard("public_info", with(services.public_info, GetPublicInfo)),
              "A building's public info: sanitised for strangers (ENABLE_SECURE_PUBLIC_INFO)"});
  router.Add({"GET", "/api/announcements/", Permission::Authenticated(),
              with(services.announcements, ListAnnouncements),
              "Announcements the caller may read (?building_id=)"});
  router.Add({"POST", "/api/announcements/", office,
              with(services.announcements, CreateAnnouncement),
              "Post an announcement: public, residents or staff"});
  router.Add({"DELETE", "/api/announcements/{id}/", office,
              with(services.announcements, RemoveAnnouncement), "Remove an announcement"});
  router.Add({"GET", "/api/apartments/{id}/personal-links/", office,
              with(services.personal_links, ListLinks), "An apartment's personal links"});
  router.Add({"POST", "/api/apartments/{id}/personal-links/", office,
              with(services.personal_links, CreateLink),
              "Make a personal link; its token is shown once"});
  router.Add({"POST", "/api/personal-links/{id}/revoke/", office,
              with(services.personal_links, RevokeLink), "Revoke a personal link"});
  router.Add({"GET", "/api/apartments/personal/{token}/", Permission::Public(),
              limiter.Guard("personal_page", with(services.personal_links, OpenPage)),
              "An apartment's read-only page through its personal link"});
}

}  // namespace concierge::kiosk
