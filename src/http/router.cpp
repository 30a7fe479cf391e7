#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "http/problem.hpp"

namespace concierge::http {

bool Permission::Allows(Role role) const {
  // A lobby device is not a person: "any signed-in caller" means any user,
  // and a device may call only the routes that name Role::kKiosk. Otherwise
  // a secret lifted from a lobby screen would read its building's
  // apartments, owners and statements.
  if (roles.empty()) {
    return role != Role::kKiosk;
  }
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string Permission::Describe() const {
  if (is_public) {
    return "public";
  }
  if (roles.empty()) {
    return "authenticated";
  }
  std::string text;
  for (Role role : roles) {
    text += (text.empty() ? "" : ",") + std::string(RoleName(role));
  }
  return text;
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      segments.emplace_back(path.substr(start));
      break;
    }
    segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

void Router::Add(Route route) {
  if (!route.handler || route.pattern.empty() || route.pattern.front() != '/') {
    throw std::logic_error("route " + route.pattern + " is incomplete");
  }
  CompiledRoute compiled{{}, routes_.size()};
  for (std::string& text : SplitPath(route.pattern)) {
    const bool is_param = text.size() > 2 && text.front() == '{' && text.back() == '}';
    compiled.segments.push_back({is_param ? text.substr(1, text.size() - 2) : text, is_param});
  }
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::logic_error("route " + route.method + " " + route.pattern + " added twice");
    }
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

Response Router::Dispatch(Request& request) const {
  const std::vector<std::string> parts = SplitPath(request.path);
  std::vector<std::string> allowed;

  for (const CompiledRoute& compiled : compiled_) {
    if (compiled.segments.size() != parts.size()) {
      continue;
    }
    std::map<std::string, std::string> params;
    bool matches = true;
    for (std::size_t i = 0; i < parts.size() && matches; ++i) {
      const Segment& segment = compiled.segments[i];
      if (segment.is_param) {
        matches = !parts[i].empty();
        params[segment.text] = parts[i];
      } else {
        matches = segment.text == parts[i];
      }
    }
    if (!matches) {
      continue;
    }
    const Route& route = routes_[compiled.route_index];
    if (route.method != request.method) {
      allowed.push_back(route.method);
      continue;
    }

    request.path_params = std::move(params);
    auto response = Run(route, request);
    return response ? std::move(*response) : ProblemResponse(response.error(), request.request_id);
  }

  if (!allowed.empty()) {
    std::string allow;
    for (const auto& method : allowed) {
      allow += (allow.empty() ? "" : ", ") + method;
    }
    Response response = ProblemResponse(Error{ErrorKind::kMethodNotAllowed,
                                              "method_not_allowed",
                                              "This address accepts " + allow + ".",
                                              {}},
                                        request.request_id);
    response.headers.emplace_back("Allow", allow);
    return response;
  }
  return ProblemResponse(Error::NotFound("not_found", "Nothing exists at this address."),
                         request.request_id);
}

Result<Response> Router::Run(const Route& route, Request& request) const {
  if (route.permission.is_public) {
    return route.handler(Call{request, nullptr});
  }

  auto principal = authenticator_->Authenticate(request);
  if (!principal) {
    return Fail(principal.error());
  }
  if (!principal->has_value()) {
    return Fail(Error::Unauthenticated("Sign in to use this address."));
  }
  if (!route.permission.Allows((*principal)->scope.role())) {
    return Fail(Error::Forbidden("Your role may not do this."));
  }
  return route.handler(Call{request, &principal->value()});
}

}  // namespace concierge::http
