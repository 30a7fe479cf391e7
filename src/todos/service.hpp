#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"
#include "todos/model.hpp"

namespace concierge::todos {

// To-do items of the office: validation, scope, links to their source.
// Thread-safe.
class TodoService {
 public:
  TodoService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // `todo.building_id` must be a building the scope sees; an assignee must
  // be an admin or manager of the office, or staff of that building.
  [[nodiscard]] Result<Todo> Create(const Scope& scope, Todo todo);
  [[nodiscard]] Result<Todo> Get(const Scope& scope, std::int64_t id);
  // The page of items and the total count.
  [[nodiscard]] Result<std::pair<std::int64_t, std::vector<Todo>>> List(const Scope& scope,
                                                                        const TodoFilter& filter);
  // `change` receives the stored item and edits it in place; the result is
  // validated as a whole. A to-do cannot move to another building.
  [[nodiscard]] Result<Todo> Update(const Scope& scope, std::int64_t id,
                                    const std::function<Status(Todo&)>& change);
  // Items due from `from` to `to` (both included, at most kMaxCalendarDays).
  [[nodiscard]] Result<std::vector<Todo>> Calendar(const Scope& scope, Date from, Date to,
                                                   std::optional<std::int64_t> building_id);

 private:
  storage::Database& db_;
  const Clock& clock_;
};

// Creates `todo` linked to `link` on the caller's transaction, unless an
// item is linked to `link` already: then nothing is created and that item
// comes back. Returns the item and whether this call created it. The
// UNIQUE key on the link decides, so concurrent callers all name one item.
[[nodiscard]] Result<std::pair<Todo, bool>> CreateLinkedInTransaction(soci::session& sql,
                                                                      const Scope& scope, Todo todo,
                                                                      const TodoLink& link,
                                                                      const Clock& clock);

[[nodiscard]] Error TodoNotFound();

}  // namespace concierge::todos
