#include "audit/routes.hpp"

#include "http/json_fields.hpp"
#include "http/pagination.hpp"

namespace concierge::audit {

Actor ActorOf(const http::Call& call) {
  Actor actor;
  if (call.principal != nullptr) {
    actor.user_id = call.principal->scope.user_id();
    actor.name = call.principal->email;
  } else {
    actor.name = "anonymous";
  }
  actor.request_id = call.request.request_id;
  actor.client_address =
      call.request.client_address.empty() ? call.request.peer_address : call.request.client_address;
  return actor;
}

namespace {

nlohmann::json EventJson(const Event& event) {
  return {{"id", event.id},
          {"building_id", http::OptionalJson(event.building_id)},
          {"actor", event.actor.name},
          {"actor_user_id", http::OptionalJson(event.actor.user_id)},
          {"action", event.action},
          {"target_type", event.target_type},
          {"target_id", event.target_id},
          {"request_id", event.actor.request_id},
          {"client_address", event.actor.client_address},
          {"detail", event.detail},
          {"created_at", event.created_at}};
}

Result<http::Response> ListEvents(AuditService& service, const http::Call& call) {
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  EventFilter filter;
  filter.target_type = call.request.QueryParam("target_type");
  filter.target_id = call.request.QueryParam("target_id");
  filter.action = call.request.QueryParam("action");
  filter.offset = page->offset();
  filter.limit = page->page_size;

  const auto [count, events] = service.List(call.scope(), filter);
  nlohmann::json results = nlohmann::json::array();
  for (const auto& event : events) {
    results.push_back(EventJson(event));
  }
  return http::Response::Json(200, http::PageBody(call.request, *page, count, std::move(results)));
}

}  // namespace

void AddRoutes(http::Router& router, AuditService& service) {
  router.Add({"GET", "/api/audit/", http::Permission::Roles({Role::kAdmin, Role::kManager}),
              [&service](const http::Call& call) { return ListEvents(service, call); },
              "The office's audit trail, newest first"});
}

}  // namespace concierge::audit
