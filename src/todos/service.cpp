#include "todos/service.hpp"

#include <map>

#include "accounts/repository.hpp"
#include "core/text.hpp"
#include "tenancy/repository.hpp"
#include "todos/repository.hpp"

namespace concierge::todos {

Error TodoNotFound() {
  return Error::NotFound("todo_not_found", "No such to-do.");
}

namespace {

// The assignee must be someone who works on the building: the office's
// admins and managers, or staff assigned to it.
bool IsStaffOf(soci::session& sql, std::int64_t tenant_id, std::int64_t user_id,
               std::int64_t building_id) {
  for (const auto& membership : accounts::SelectMemberships(sql, user_id)) {
    if (membership.tenant_id != tenant_id) {
      continue;
    }
    if (membership.role == Role::kAdmin || membership.role == Role::kManager ||
        (membership.role == Role::kStaff && membership.building_id == building_id)) {
      return true;
    }
  }
  return false;
}

// The assignee is checked when it is set or changed: one who later lost their
// place on the building stays named on the item (until someone reassigns it)
// and does not lock every other change of it.
Status Validate(soci::session& sql, const Scope& scope, const Todo& todo,
                bool check_assignee = true) {
  std::map<std::string, std::string> fields;
  if (IsBlank(todo.title) || CharacterCount(todo.title) > kMaxTitleLength) {
    fields["title"] = "Required, at most " + std::to_string(kMaxTitleLength) + " characters.";
  }
  if (CharacterCount(todo.description) > kMaxDescriptionLength) {
    fields["description"] = "At most " + std::to_string(kMaxDescriptionLength) + " characters.";
  }
  if (!tenancy::SelectBuilding(sql, scope, todo.building_id)) {
    fields["building_id"] = "No such building.";
  } else if (check_assignee && todo.assignee_id &&
             !IsStaffOf(sql, scope.tenant_id(), *todo.assignee_id, todo.building_id)) {
    fields["assignee_id"] = "Not an admin, manager or staff member of this building.";
  }
  if (fields.empty()) {
    return {};
  }
  return Fail(Error::Invalid("invalid_input", "The to-do has invalid fields.", std::move(fields)));
}

}  // namespace

Result<Todo> TodoService::Create(const Scope& scope, Todo todo) {
  return db_.Write([&](soci::session& sql) -> Result<Todo> {
    CONCIERGE_TRY(valid, Validate(sql, scope, todo));
    todo.status = TodoStatus::kOpen;
    todo.created_by = scope.user_id() > 0 ? std::optional(scope.user_id()) : std::nullopt;
    todo.created_at = todo.updated_at = clock_.Now();
    const std::int64_t id = InsertTodo(sql, scope, todo);
    return *SelectTodo(sql, scope, id);
  });
}

Result<Todo> TodoService::Get(const Scope& scope, std::int64_t id) {
  auto todo = db_.Read([&](soci::session& sql) { return SelectTodo(sql, scope, id); });
  if (!todo) {
    return Fail(TodoNotFound());
  }
  return *todo;
}

Result<std::pair<std::int64_t, std::vector<Todo>>> TodoService::List(const Scope& scope,
                                                                     const TodoFilter& filter) {
  return db_.Read([&](soci::session& sql) -> Result<std::pair<std::int64_t, std::vector<Todo>>> {
    if (filter.building_id && !tenancy::SelectBuilding(sql, scope, *filter.building_id)) {
      return Fail(Error::NotFound("building_not_found", "No such building."));
    }
    return std::make_pair(CountTodos(sql, scope, filter), SelectTodos(sql, scope, filter));
  });
}

Result<Todo> TodoService::Update(const Scope& scope, std::int64_t id,
                                 const std::function<Status(Todo&)>& change) {
  return db_.Write([&](soci::session& sql) -> Result<Todo> {
    auto todo = SelectTodo(sql, scope, id);
    if (!todo) {
      return Fail(TodoNotFound());
    }
    const std::int64_t building_id = todo->building_id;
    const std::optional<std::int64_t> assignee_before = todo->assignee_id;
    CONCIERGE_TRY(changed, change(*todo));
    if (todo->building_id != building_id) {
      return Fail(Error::Field("building_id", "A to-do cannot move to another building."));
    }
    CONCIERGE_TRY(valid, Validate(sql, scope, *todo, todo->assignee_id != assignee_before));
    todo->updated_at = clock_.Now();
    UpdateTodo(sql, scope, *todo);
    return *SelectTodo(sql, scope, id);
  });
}

Result<std::vector<Todo>> TodoService::Calendar(const Scope& scope, Date from, Date to,
                                                std::optional<std::int64_t> building_id) {
  if (to < from) {
    return Fail(Error::Field("to", "Cannot be before from."));
  }
  if (DaysBetween(from, to) >= kMaxCalendarDays) {
    return Fail(
        Error::Field("to", "At most " + std::to_string(kMaxCalendarDays) + " days at a time."));
  }
  return db_.Read([&](soci::session& sql) -> Result<std::vector<Todo>> {
    if (building_id && !tenancy::SelectBuilding(sql, scope, *building_id)) {
      return Fail(Error::NotFound("building_not_found", "No such building."));
    }
    return SelectDueBetween(sql, scope, from, to, building_id);
  });
}

Result<std::pair<Todo, bool>> CreateLinkedInTransaction(soci::session& sql, const Scope& scope,
                                                        Todo todo, const TodoLink& link,
                                                        const Clock& clock) {
  const auto linked_item = [&]() -> std::optional<Todo> {
    const auto existing = SelectLinkedTodoId(sql, scope, link);
    return existing ? SelectTodo(sql, scope, *existing) : std::nullopt;
  };

  // Only the call that creates the item needs a valid body; once the item
  // exists every call answers it, whatever its body says.
  if (auto valid = Validate(sql, scope, todo); !valid) {
    if (auto existing = linked_item()) {
      return std::make_pair(std::move(*existing), false);
    }
    return Fail(valid.error());
  }
  todo.status = TodoStatus::kOpen;
  todo.created_by = scope.user_id() > 0 ? std::optional(scope.user_id()) : std::nullopt;
  todo.created_at = todo.updated_at = clock.Now();

  // Every call inserts its item and lets the link's UNIQUE key judge, with no
  // look before: a savepoint takes the new item back when another call's link
  // was there first, and that call's item is the answer.
  sql << "SAVEPOINT todo_link";
  const std::int64_t id = InsertTodo(sql, scope, todo);
  if (InsertLinkIfAbsent(sql, scope, id, link)) {
    sql << "RELEASE todo_link";
    return std::make_pair(*SelectTodo(sql, scope, id), true);
  }
  sql << "ROLLBACK TO todo_link";
  sql << "RELEASE todo_link";
  auto existing = linked_item();
  if (!existing) {
    return Fail(Error::Internal());
  }
  return std::make_pair(std::move(*existing), false);
}

}  // namespace concierge::todos
