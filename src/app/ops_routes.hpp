#pragma once

#include <string_view>

#include "http/router.hpp"
#include "storage/database.hpp"

namespace concierge::app {

// /healthz, /readyz, /api/schema/ and the small page at /.
void AddOpsRoutes(http::Router& router, storage::Database& db);

// The OpenAPI 3.1 description (docs/openapi.json, embedded at build time).
[[nodiscard]] std::string_view OpenApiDocument();

}  // namespace concierge::app
