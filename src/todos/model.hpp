#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace concierge::todos {

enum class TodoStatus { kOpen, kInProgress, kDone };

[[nodiscard]] const char* TodoStatusName(TodoStatus status);
[[nodiscard]] bool ParseTodoStatus(const std::string& text, TodoStatus& status);

// The thing a to-do came from: ("vote", 12). Other kinds arrive later.
struct TodoLink {
  std::string kind;
  std::int64_t source_id = 0;
};

struct Todo {
  std::int64_t id = 0;
  std::int64_t building_id = 0;
  std::string title;
  std::string description;
  std::optional<Date> due_date;
  std::optional<std::int64_t> assignee_id;  // a user of the office's staff
  TodoStatus status = TodoStatus::kOpen;
  std::optional<std::int64_t> created_by;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::vector<TodoLink> links;
};

struct TodoFilter {
  std::optional<std::int64_t> building_id;
  std::optional<TodoStatus> status;
  std::optional<std::int64_t> assignee_id;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

inline constexpr std::size_t kMaxTitleLength = 300;
inline constexpr std::size_t kMaxDescriptionLength = 5000;
// The longest calendar range one request may ask for.
inline constexpr long kMaxCalendarDays = 366;

}  // namespace concierge::todos
