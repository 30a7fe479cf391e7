#pragma once

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "todos/service.hpp"

namespace concierge::todos {

// /api/todos/...; `service` must outlive `router`.
void AddRoutes(http::Router& router, TodoService& service);

// The JSON shape of an item, shared with modules that answer with one.
[[nodiscard]] nlohmann::json TodoJson(const Todo& todo);

}  // namespace concierge::todos
