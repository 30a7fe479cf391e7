#include "todos/repository.hpp"

#include <unordered_map>

#include "storage/database.hpp"
#include "storage/rows.hpp"

namespace concierge::todos {

using storage::Int;
using storage::NullIf;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

constexpr const char* kTodoColumns =
    "SELECT t.id, t.building_id, t.title, t.description, t.due_date, t.assignee_id, t.status,"
    " t.created_by, t.created_at, t.updated_at FROM todos t";

Todo ReadTodo(const soci::row& row) {
  Todo todo;
  todo.id = Int(row, 0);
  todo.building_id = Int(row, 1);
  todo.title = Text(row, 2);
  todo.description = Text(row, 3);
  if (const auto due = OptionalText(row, 4)) {
    todo.due_date = ParseDate(*due).value_or(Date{});
  }
  todo.assignee_id = OptionalInt(row, 5);
  (void)ParseTodoStatus(Text(row, 6), todo.status);
  todo.created_by = OptionalInt(row, 7);
  todo.created_at = ParseTimestamp(Text(row, 8)).value_or(Timestamp{});
  todo.updated_at = ParseTimestamp(Text(row, 9)).value_or(Timestamp{});
  return todo;
}

// Residents never see the office's to-dos; staff see their buildings'.
std::string VisibleTo(const Scope& scope) {
  return " WHERE t.tenant_id = :tenant" + scope.BuildingFilter("t.building_id") +
         (scope.IsResident() ? " AND 1 = 0" : "");
}

std::string FilterWhere(const Scope& scope, const TodoFilter& filter) {
  std::string where = VisibleTo(scope);
  if (filter.building_id) {
    where += " AND t.building_id = " + std::to_string(*filter.building_id);
  }
  if (filter.status) {
    where += std::string(" AND t.status = '") + TodoStatusName(*filter.status) + "'";
  }
  if (filter.assignee_id) {
    where += " AND t.assignee_id = " + std::to_string(*filter.assignee_id);
  }
  return where;
}

// Fills in the links of every item in one query.
std::vector<Todo> Collect(soci::session& sql, soci::rowset<soci::row>& rows) {
  std::vector<Todo> todos;
  for (const auto& row : rows) {
    todos.push_back(ReadTodo(row));
  }
  if (todos.empty()) {
    return todos;
  }
  std::string ids;
  std::unordered_map<std::int64_t, Todo*> by_id;
  for (auto& todo : todos) {
    ids += (ids.empty() ? "" : ",") + std::to_string(todo.id);
    by_id[todo.id] = &todo;
  }
  soci::rowset<soci::row> links =
      (sql.prepare << "SELECT todo_id, kind, source_id FROM todo_links WHERE todo_id IN (" + ids +
                          ") ORDER BY id");
  for (const auto& row : links) {
    by_id.at(Int(row, 0))->links.push_back({Text(row, 1), Int(row, 2)});
  }
  return todos;
}

}  // namespace

std::optional<Todo> SelectTodo(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kTodoColumns) + VisibleTo(scope) + " AND t.id = :id",
       soci::use(tenant), soci::use(id));
  auto todos = Collect(sql, rows);
  if (todos.empty()) {
    return std::nullopt;
  }
  return std::move(todos.front());
}

std::int64_t CountTodos(soci::session& sql, const Scope& scope, const TodoFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT count(*) FROM todos t" + FilterWhere(scope, filter), soci::use(tenant),
      soci::into(count);
  return count;
}

std::vector<Todo> SelectTodos(soci::session& sql, const Scope& scope, const TodoFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kTodoColumns) + FilterWhere(scope, filter) +
                          " ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT " +
                          std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset),
       soci::use(tenant));
  return Collect(sql, rows);
}

std::vector<Todo> SelectDueBetween(soci::session& sql, const Scope& scope, Date from, Date to,
                                   std::optional<std::int64_t> building_id) {
  const std::int64_t tenant = scope.tenant_id();
  const std::string first = FormatDate(from);
  const std::string last = FormatDate(to);
  std::string where = VisibleTo(scope) + " AND t.due_date >= :first AND t.due_date <= :last";
  if (building_id) {
    where += " AND t.building_id = " + std::to_string(*building_id);
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kTodoColumns) + where + " ORDER BY t.due_date, t.id",
       soci::use(tenant), soci::use(first), soci::use(last));
  return Collect(sql, rows);
}

std::int64_t InsertTodo(soci::session& sql, const Scope& scope, const Todo& todo) {
  const std::int64_t tenant = scope.tenant_id();
  const std::string due = todo.due_date ? FormatDate(*todo.due_date) : "";
  soci::indicator due_null = NullIf(todo.due_date);
  const std::int64_t assignee = todo.assignee_id.value_or(0);
  soci::indicator assignee_null = NullIf(todo.assignee_id);
  const std::int64_t created_by = todo.created_by.value_or(0);
  soci::indicator by_null = NullIf(todo.created_by);
  const std::string status = TodoStatusName(todo.status);
  const std::string created = FormatTimestamp(todo.created_at);
  const std::string updated = FormatTimestamp(todo.updated_at);
  sql << "INSERT INTO todos (tenant_id, building_id, title, description, due_date, assignee_id,"
         " status, created_by, created_at, updated_at)"
         " VALUES (:t, :b, :title, :d, :due, :who, :s, :by, :c, :u)",
      soci::use(tenant), soci::use(todo.building_id), soci::use(todo.title),
      soci::use(todo.description), soci::use(due, due_null), soci::use(assignee, assignee_null),
      soci::use(status), soci::use(created_by, by_null), soci::use(created), soci::use(updated);
  return storage::LastInsertId(sql);
}

void UpdateTodo(soci::session& sql, const Scope& scope, const Todo& todo) {
  const std::int64_t tenant = scope.tenant_id();
  const std::string due = todo.due_date ? FormatDate(*todo.due_date) : "";
  soci::indicator due_null = NullIf(todo.due_date);
  const std::int64_t assignee = todo.assignee_id.value_or(0);
  soci::indicator assignee_null = NullIf(todo.assignee_id);
  const std::string status = TodoStatusName(todo.status);
  const std::string updated = FormatTimestamp(todo.updated_at);
  sql << "UPDATE todos SET title = :title, description = :d, due_date = :due,"
         " assignee_id = :who, status = :s, updated_at = :u WHERE id = :id AND tenant_id = :t",
      soci::use(todo.title), soci::use(todo.description), soci::use(due, due_null),
      soci::use(assignee, assignee_null), soci::use(status), soci::use(updated), soci::use(todo.id),
      soci::use(tenant);
}

bool InsertLinkIfAbsent(soci::session& sql, const Scope& scope, std::int64_t todo_id,
                        const TodoLink& link) {
  const std::int64_t tenant = scope.tenant_id();
  sql << "INSERT INTO todo_links (tenant_id, todo_id, kind, source_id) VALUES (:t, :todo, :k, :s)"
         " ON CONFLICT (kind, source_id) DO NOTHING",
      soci::use(tenant), soci::use(todo_id), soci::use(link.kind), soci::use(link.source_id);
  long long changed = 0;
  sql << "SELECT changes()", soci::into(changed);
  return changed == 1;
}

std::optional<std::int64_t> SelectLinkedTodoId(soci::session& sql, const Scope& scope,
                                               const TodoLink& link) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT todo_id FROM todo_links"
                      " WHERE tenant_id = :t AND kind = :k AND source_id = :s",
       soci::use(tenant), soci::use(link.kind), soci::use(link.source_id));
  for (const auto& row : rows) {
    return Int(row, 0);
  }
  return std::nullopt;
}

}  // namespace concierge::todos
