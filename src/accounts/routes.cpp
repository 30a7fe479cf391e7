#include "accounts/routes.hpp"

#include "audit/routes.hpp"

namespace concierge::accounts {

namespace {

using http::Call;
using http::Response;

nlohmann::json UserJson(const User& user, const std::vector<Membership>& memberships) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : memberships) {
    list.push_back({{"tenant_id", m.tenant_id},
                    {"tenant", m.tenant_slug},
                    {"role", RoleName(m.role)},
                    {"building_id", m.building_id ? nlohmann::json(*m.building_id) : nullptr},
                    {"apartment_id", m.apartment_id ? nlohmann::json(*m.apartment_id) : nullptr}});
  }
  return {{"id", user.id}, {"email", user.email}, {"name", user.name}, {"memberships", list}};
}

Result<Response> Login(AccountsService& service, const Call& call) {
  auto body = http::JsonBody(call.request);
  if (!body) {
    return Fail(body.error());
  }
  std::map<std::string, std::string> fields;
  for (const char* name : {"email", "password"}) {
    if (!body->contains(name) || !(*body)[name].is_string() || (*body)[name].empty()) {
      fields[name] = "Required.";
    }
  }
  if (body->contains("tenant") && !(*body)["tenant"].is_string()) {
    fields["tenant"] = "Must be an office's slug.";
  }
  if (!fields.empty()) {
    return Fail(Error::Invalid("invalid_input", "E-mail and password are required.", fields));
  }

  auto login =
      service.Login((*body)["email"].get<std::string>(), (*body)["password"].get<std::string>(),
                    body->value("tenant", std::string()));
  if (!login) {
    return Fail(login.error());
  }
  return Response::Json(200, {{"access", login->access_token},
                              {"expires_in", service.tokens().ttl().count()},
                              {"user", UserJson(login->user, login->memberships)}});
}

Result<Response> Me(AccountsService& service, const Call& call) {
  auto me = service.Me(call.scope());
  if (!me) {
    return Fail(me.error());
  }
  nlohmann::json body = UserJson(me->first, me->second);
  body["tenant_id"] = call.scope().tenant_id();
  body["role"] = RoleName(call.scope().role());
  return Response::Json(200, body);
}

}  // namespace

void AddRoutes(http::Router& router, AccountsService& service) {
  router.Add({"POST", "/api/auth/login/", http::Permission::Public(),
              [&service](const Call& call) { return Login(service, call); },
              "Sign in with e-mail and password"});
  router.Add({"GET", "/api/auth/me/", http::Permission::Authenticated(),
              [&service](const Call& call) { return Me(service, call); },
              "The signed-in user and their memberships"});
}

}  // namespace concierge::accounts
