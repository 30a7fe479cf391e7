#include "todos/model.hpp"

namespace concierge::todos {

const char* TodoStatusName(TodoStatus status) {
  switch (status) {
    case TodoStatus::kOpen:
      return "open";
    case TodoStatus::kInProgress:
      return "in_progress";
    case TodoStatus::kDone:
      return "done";
  }
  return "";
}

bool ParseTodoStatus(const std::string& text, TodoStatus& status) {
  for (TodoStatus candidate : {TodoStatus::kOpen, TodoStatus::kInProgress, TodoStatus::kDone}) {
    if (text == TodoStatusName(candidate)) {
      status = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace concierge::todos
