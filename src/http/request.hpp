#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace concierge::http {

// An HTTP request as the modules see it: no RESTinio type leaks past the
// server, so modules compile without its heavy headers.
struct Request {
  std::string method;
  std::string path;
  std::string query;
  // Header names in lower case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string peer_address;
  // Who the request is from for throttles and the audit trail: the peer, or
  // what a trusted proxy reported (http/client_address.hpp). Set by the
  // Pipeline; empty before it ran.
  std::string client_address;
  std::string request_id;
  // Filled by the router from the matched pattern ("{id}" -> "id").
  std::map<std::string, std::string> path_params;

  [[nodiscard]] std::optional<std::string_view> Header(std::string_view lower_name) const;
  // The first value of a query parameter, percent-decoded.
  [[nodiscard]] std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, const nlohmann::json& body);
  static Response Text(int status, std::string content_type, std::string body);
};

// Decodes %XX escapes and '+' (as a space). Fails on a malformed escape.
[[nodiscard]] std::optional<std::string> PercentDecode(std::string_view text);

// The body as a JSON object; 415 unless it is declared application/json, 400
// when it does not parse or is not an object.
[[nodiscard]] Result<nlohmann::json> JsonBody(const Request& request);

// A positive integer path parameter; 404 (not 400) when it is not one, since
// the path names no such thing.
[[nodiscard]] Result<std::int64_t> IdParam(const Request& request, const std::string& name);

// An optional positive integer query parameter; 400 when present but malformed.
[[nodiscard]] Result<std::optional<std::int64_t>> IdQuery(const Request& request,
                                                          const std::string& name);

}  // namespace concierge::http
