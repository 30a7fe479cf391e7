#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.hpp"
#include "http/request.hpp"

namespace concierge::http {

// Who is calling, as established by an Authenticator.
struct Principal {
  Scope scope;
  std::string email;
};

// Turns a request's credentials into a Principal. Returns nullopt when the
// request carries none, an error (401) when it carries bad ones.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  [[nodiscard]] virtual Result<std::optional<Principal>> Authenticate(const Request& request) = 0;
};

// What a route demands of its caller. Every route declares one: there is no
// default constructor, so a Route written without a permission does not
// compile, and no route can be open by accident.
struct Permission {
  bool is_public;
  // Empty: any signed-in user (not a kiosk device). Otherwise the caller's
  // role must be listed; kiosk devices reach only routes that list kKiosk.
  std::vector<Role> roles;

  static Permission Public() { return Permission(true, {}); }
  static Permission Authenticated() { return Permission(false, {}); }
  static Permission Roles(std::initializer_list<Role> roles) { return Permission(false, roles); }
  // Office staff: admins and managers, who see every building of the office.
  static Permission Office() { return Roles({Role::kAdmin, Role::kManager}); }
  // Office staff and building staff (limited to their buildings by scope).
  static Permission OfficeAndStaff() { return Roles({Role::kAdmin, Role::kManager, Role::kStaff}); }

  [[nodiscard]] bool Allows(Role role) const;
  // "public", "authenticated" or "admin,manager": for the schema and tests.
  [[nodiscard]] std::string Describe() const;

 private:
  Permission(bool open, std::vector<Role> allowed) : is_public(open), roles(std::move(allowed)) {}
};

// What a handler receives. `principal` is set on every non-public route.
struct Call {
  const Request& request;
  const Principal* principal;

  [[nodiscard]] const Scope& scope() const { return principal->scope; }
};

using Handler = std::function<Result<Response>(const Call&)>;

struct Route {
  std::string method;
  // "/api/buildings/{id}/": literal segments and {name} parameters.
  std::string pattern;
  Permission permission;
  Handler handler;
  std::string summary;
};

// The route table and its dispatcher. Routes are added at start-up, before
// Dispatch is called from many threads; Dispatch itself is thread-safe.
class Router {
 public:
  explicit Router(std::shared_ptr<Authenticator> authenticator)
      : authenticator_(std::move(authenticator)) {}

  void Add(Route route);
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

  // Matches the path, checks the permission, runs the handler. Failures come
  // back as problem+json responses (404, 405, 401, 403, or the handler's).
  [[nodiscard]] Response Dispatch(Request& request) const;

 private:
  struct Segment {
    std::string text;
    bool is_param;
  };
  struct CompiledRoute {
    std::vector<Segment> segments;
    std::size_t route_index;
  };

  [[nodiscard]] Result<Response> Run(const Route& route, Request& request) const;

  std::shared_ptr<Authenticator> authenticator_;
  std::vector<Route> routes_;
  std::vector<CompiledRoute> compiled_;
};

// Splits "/a/{b}/c/" into its segments; the trailing slash is significant.
[[nodiscard]] std::vector<std::string> SplitPath(std::string_view path);

}  // namespace concierge::http
