#pragma once

#include <optional>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "todos/model.hpp"

namespace concierge::todos {

// All SQL of the todos module, on the caller's session. Reads filter on the
// Scope: a to-do of a building the caller does not see is reported absent,
// and residents see none.

[[nodiscard]] std::optional<Todo> SelectTodo(soci::session& sql, const Scope& scope,
                                             std::int64_t id);
[[nodiscard]] std::int64_t CountTodos(soci::session& sql, const Scope& scope,
                                      const TodoFilter& filter);
[[nodiscard]] std::vector<Todo> SelectTodos(soci::session& sql, const Scope& scope,
                                            const TodoFilter& filter);
// Items due from `from` to `to` (both included), by due date then id.
[[nodiscard]] std::vector<Todo> SelectDueBetween(soci::session& sql, const Scope& scope, Date from,
                                                 Date to, std::optional<std::int64_t> building_id);

[[nodiscard]] std::int64_t InsertTodo(soci::session& sql, const Scope& scope, const Todo& todo);
void UpdateTodo(soci::session& sql, const Scope& scope, const Todo& todo);

// Links `todo_id` to `link` unless some item is linked to it already;
// true when this call made the link. Decided by the UNIQUE (kind,
// source_id) key, so it holds for concurrent callers too.
[[nodiscard]] bool InsertLinkIfAbsent(soci::session& sql, const Scope& scope, std::int64_t todo_id,
                                      const TodoLink& link);
// The item linked to `link`, if any and in scope.
[[nodiscard]] std::optional<std::int64_t> SelectLinkedTodoId(soci::session& sql, const Scope& scope,
                                                             const TodoLink& link);

}  // namespace concierge::todos
