#include "app/ops_routes.hpp"

#include "app/application.hpp"
#include "core/log.hpp"
#include "storage/migrations.hpp"

namespace concierge::app {

namespace {

using http::Call;
using http::Permission;
using http::Response;

std::string HomePage() {
  return std::string("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">") +
         "<title>Concierge</title></head><body>\n<h1>Concierge " + kVersion + "</h1>\n" +
         "<p>The back office of apartment buildings is running.</p>\n" +
         "<p>API description: <a href=\"/api/schema/\">/api/schema/</a></p>\n</body></html>\n";
}

}  // namespace

void AddOpsRoutes(http::Router& router, storage::Database& db) {
  router.Add({"GET", "/", Permission::Public(),
              [](const Call&) -> Result<Response> {
                return Response::Text(200, "text/html; charset=utf-8", HomePage());
              },
              "A page naming the running version"});
  router.Add({"GET", "/healthz", Permission::Public(),
              [](const Call&) -> Result<Response> {
                return Response::Json(200, {{"status", "ok"}, {"version", kVersion}});
              },
              "Liveness: the process answers"});
  router.Add({"GET", "/readyz", Permission::Public(),
              [&db](const Call& call) -> Result<Response> {
                try {
                  if (auto current = storage::CheckSchemaCurrent(db); !current) {
                    return Response::Json(
                        503, {{"status", "unavailable"}, {"reason", current.error().code}});
                  }
                } catch (const std::exception& error) {
                  log::Error("readiness check failed",
                             {{"request_id", call.request.request_id}, {"error", error.what()}});
                  return Response::Json(503, {{"status", "unavailable"}, {"reason", "database"}});
                }
                return Response::Json(200, {{"status", "ready"}});
              },
              "Readiness: the database answers and its schema is current"});
  router.Add({"GET", "/api/schema/", Permission::Public(),
              [](const Call&) -> Result<Response> {
                return Response::Text(200, "application/json", std::string(OpenApiDocument()));
              },
              "This OpenAPI 3.1 description"});
}

}  // namespace concierge::app
