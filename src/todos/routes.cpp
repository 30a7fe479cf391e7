#include "todos/routes.hpp"

#include "http/json_fields.hpp"
#include "http/pagination.hpp"

namespace concierge::todos {

namespace {

using http::Call;
using http::Permission;
using http::Response;

// Office work: admins and managers, and staff in their own buildings.
const Permission kOfficeAndStaff = Permission::OfficeAndStaff();

// Applies the fields the body has to `todo`; fields it lacks stay as they are.
Status Apply(const nlohmann::json& body, Todo& todo) {
  CONCIERGE_TRY(title, http::OptionalStringField(body, "title", kMaxTitleLength));
  if (title->has_value()) {
    todo.title = std::move(**title);
  }
  CONCIERGE_TRY(description, http::OptionalStringField(body, "description", kMaxDescriptionLength));
  if (description->has_value()) {
    todo.description = std::move(**description);
  }
  CONCIERGE_TRY(due, http::OptionalDateField(body, "due_date"));
  if (body.contains("due_date")) {
    todo.due_date = *due;
  }
  CONCIERGE_TRY(assignee, http::OptionalIdField(body, "assignee_id"));
  if (body.contains("assignee_id")) {
    todo.assignee_id = *assignee;  // null unassigns
  }
  CONCIERGE_TRY(status, http::OptionalStringField(body, "status", 20));
  if (status->has_value() && !ParseTodoStatus(**status, todo.status)) {
    return Fail(Error::Field("status", "One of open, in_progress, done."));
  }
  return {};
}

Result<std::optional<TodoStatus>> StatusQuery(const http::Request& request) {
  const auto text = request.QueryParam("status");
  if (!text) {
    return std::optional<TodoStatus>{};
  }
  TodoStatus status{};
  if (!ParseTodoStatus(*text, status)) {
    return Fail(Error::Field("status", "One of open, in_progress, done."));
  }
  return std::optional<TodoStatus>{status};
}

Result<Response> ListTodos(TodoService& service, const Call& call) {
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  CONCIERGE_TRY(assignee_id, http::IdQuery(call.request, "assignee_id"));
  CONCIERGE_TRY(status, StatusQuery(call.request));
  TodoFilter filter{*building_id, *status, *assignee_id, page->offset(), page->page_size};
  CONCIERGE_TRY(listed, service.List(call.scope(), filter));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& todo : listed->second) {
    results.push_back(TodoJson(todo));
  }
  return Response::Json(200,
                        http::PageBody(call.request, *page, listed->first, std::move(results)));
}

Result<Response> CreateTodo(TodoService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(known, http::KnownFields(*body,
                                         {"building_id", "title", "description", "due_date",
                                          "assignee_id", "status"},
                                         {"due_date", "assignee_id"}));
  CONCIERGE_TRY(building_id, http::OptionalIdField(*body, "building_id"));
  if (!building_id->has_value()) {
    return Fail(Error::Field("building_id", "The building's id is required."));
  }
  Todo todo;
  todo.building_id = **building_id;
  if (body->contains("status")) {
    return Fail(Error::Field("status", "A new to-do is open; change its status later."));
  }
  CONCIERGE_TRY(applied, Apply(*body, todo));
  CONCIERGE_TRY(created, service.Create(call.scope(), std::move(todo)));
  return Response::Json(201, TodoJson(*created));
}

Result<Response> GetTodo(TodoService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(todo, service.Get(call.scope(), *id));
  return Response::Json(200, TodoJson(*todo));
}

Result<Response> PatchTodo(TodoService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(known, http::KnownFields(*body,
                                         {"building_id", "title", "description", "due_date",
                                          "assignee_id", "status"},
                                         {"due_date", "assignee_id"}));
  CONCIERGE_TRY(building_id, http::OptionalIdField(*body, "building_id"));
  CONCIERGE_TRY(updated, service.Update(call.scope(), *id, [&](Todo& todo) -> Status {
    if (building_id->has_value() && **building_id != todo.building_id) {
      return Fail(Error::Field("building_id", "A to-do cannot move to another building."));
    }
    return Apply(*body, todo);
  }));
  return Response::Json(200, TodoJson(*updated));
}

Result<Response> GetCalendar(TodoService& service, const Call& call) {
  CONCIERGE_TRY(from, http::DateQuery(call.request, "from"));
  CONCIERGE_TRY(to, http::DateQuery(call.request, "to"));
  if (!from->has_value()) {
    return Fail(Error::Field("from", "Required, as YYYY-MM-DD."));
  }
  if (!to->has_value()) {
    return Fail(Error::Field("to", "Required, as YYYY-MM-DD."));
  }
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  CONCIERGE_TRY(items, service.Calendar(call.scope(), **from, **to, *building_id));

  // One entry per day that has something due, in date order.
  nlohmann::json days = nlohmann::json::array();
  for (const auto& todo : *items) {
    const std::string date = FormatDate(*todo.due_date);
    if (days.empty() || days.back()["date"] != date) {
      days.push_back({{"date", date}, {"items", nlohmann::json::array()}});
    }
    days.back()["items"].push_back(TodoJson(todo));
  }
  return Response::Json(200, {{"from", FormatDate(**from)},
                              {"to", FormatDate(**to)},
                              {"count", items->size()},
                              {"days", std::move(days)}});
}

}  // namespace

nlohmann::json TodoJson(const Todo& todo) {
  nlohmann::json links = nlohmann::json::array();
  for (const auto& link : todo.links) {
    links.push_back({{"kind", link.kind}, {"id", link.source_id}});
  }
  return {{"id", todo.id},
          {"building_id", todo.building_id},
          {"title", todo.title},
          {"description", todo.description},
          {"due_date",
           todo.due_date ? nlohmann::json(FormatDate(*todo.due_date)) : nlohmann::json(nullptr)},
          {"assignee_id", http::OptionalJson(todo.assignee_id)},
          {"status", TodoStatusName(todo.status)},
          {"created_by", http::OptionalJson(todo.created_by)},
          {"created_at", FormatTimestamp(todo.created_at)},
          {"updated_at", FormatTimestamp(todo.updated_at)},
          {"links", std::move(links)}};
}

void AddRoutes(http::Router& router, TodoService& service) {
  auto bind = [&service](auto handler) {
    return [&service, handler](const Call& call) { return handler(service, call); };
  };
  router.Add({"GET", "/api/todos/", kOfficeAndStaff, bind(ListTodos), "List to-dos"});
  router.Add({"POST", "/api/todos/", kOfficeAndStaff, bind(CreateTodo), "Create a to-do"});
  // Before /api/todos/{id}/, which would otherwise take "calendar" for an id.
  router.Add({"GET", "/api/todos/calendar/", kOfficeAndStaff, bind(GetCalendar),
              "To-dos by due date, for a calendar"});
  router.Add({"GET", "/api/todos/{id}/", kOfficeAndStaff, bind(GetTodo), "Read a to-do"});
  router.Add({"PATCH", "/api/todos/{id}/", kOfficeAndStaff, bind(PatchTodo),
              "Change a to-do (status, assignee, due date, ...)"});
}

}  // namespace concierge::todos
