#include "accounts/routes.hpp"

#include "audit/routes.hpp"
#include "http/cookies.hpp"
#include "http/json_fields.hpp"
#include "http/pagination.hpp"

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
                    {"building_id", http::OptionalJson(m.building_id)},
                    {"apartment_id", http::OptionalJson(m.apartment_id)}});
  }
  return {{"id", user.id}, {"email", user.email}, {"name", user.name}, {"memberships", list}};
}

constexpr const char* kCookiePath = "/api/auth/";
// The header the web app sends on cookie-authenticated calls; a cross-site
// form cannot set it.
constexpr const char* kClientHeader = "x-concierge-client";

std::string RefreshCookie(const CookieSettings& cookies, const IssuedRefresh& refresh) {
  return http::SetCookie(RefreshCookieName(cookies.secure), refresh.token,
                         {kCookiePath, cookies.secure, refresh.lifetime});
}

std::string ClearedCookie(const CookieSettings& cookies) {
  return http::SetCookie(RefreshCookieName(cookies.secure), "",
                         {kCookiePath, cookies.secure, std::chrono::seconds(0)});
}

// Cookie-authenticated routes accept only the site's own Origin, and, from
// clients that send no Origin, only calls carrying the web app's header.
Status CheckSameSite(const Call& call, const CookieSettings& cookies) {
  const auto origin = call.request.Header("origin");
  if (origin ? *origin == cookies.site_origin : call.request.Header(kClientHeader).has_value()) {
    return {};
  }
  return Fail(Error::Forbidden("This call is accepted only from the Concierge web app."));
}

Result<Response> Login(AccountsService& service, SessionService& sessions,
                       const CookieSettings& cookies, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
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
  const IssuedRefresh refresh = sessions.Start(login->user.id, login->tenant_id);
  Response response = Response::Json(200, {{"access", login->access_token},
                                           {"expires_in", service.tokens().ttl().count()},
                                           {"user", UserJson(login->user, login->memberships)}});
  response.headers.emplace_back("Set-Cookie", RefreshCookie(cookies, refresh));
  return response;
}

Result<Response> Refresh(AccountsService& service, SessionService& sessions,
                         const CookieSettings& cookies, const Call& call) {
  CONCIERGE_TRY(same_site, CheckSameSite(call, cookies));
  const auto token = http::CookieValue(call.request, RefreshCookieName(cookies.secure));
  CONCIERGE_TRY(refreshed, sessions.Refresh(token.value_or(""), audit::ActorOf(call)));
  Response response = Response::Json(
      200, {{"access", refreshed->access_token}, {"expires_in", service.tokens().ttl().count()}});
  response.headers.emplace_back("Set-Cookie", RefreshCookie(cookies, refreshed->refresh));
  return response;
}

Result<Response> Logout(SessionService& sessions, const CookieSettings& cookies, const Call& call) {
  CONCIERGE_TRY(same_site, CheckSameSite(call, cookies));
  const auto token = http::CookieValue(call.request, RefreshCookieName(cookies.secure));
  sessions.EndFamilyOf(token.value_or(""), audit::ActorOf(call));
  Response response = Response::Text(204, "application/json", "");
  response.headers.emplace_back("Set-Cookie", ClearedCookie(cookies));
  return response;
}

Result<Response> ChangePassword(AccountsService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(current, http::StringField(*body, "current_password", 1024));
  CONCIERGE_TRY(replacement, http::StringField(*body, "new_password", 1024));
  CONCIERGE_TRY(changed,
                service.ChangePassword(call.scope(), *current, *replacement, audit::ActorOf(call)));
  return Response::Text(204, "application/json", "");
}

Result<Response> ListMemberships(AccountsService& service, const Call& call) {
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  const auto [count, memberships] =
      service.ListMemberships(call.scope(), page->offset(), page->page_size);
  nlohmann::json results = nlohmann::json::array();
  for (const auto& [m, email] : memberships) {
    results.push_back({{"id", m.id},
                       {"user_id", m.user_id},
                       {"email", email},
                       {"role", RoleName(m.role)},
                       {"building_id", http::OptionalJson(m.building_id)},
                       {"apartment_id", http::OptionalJson(m.apartment_id)}});
  }
  return Response::Json(200, http::PageBody(call.request, *page, count, std::move(results)));
}

Result<Response> RemoveMembership(AccountsService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(removed, service.RemoveMembership(call.scope(), *id, audit::ActorOf(call)));
  return Response::Text(204, "application/json", "");
}

Result<Response> Me(AccountsService& service, const Call& call) {
  CONCIERGE_TRY(me, service.Me(call.scope()));
  nlohmann::json body = UserJson(me->first, me->second);
  body["tenant_id"] = call.scope().tenant_id();
  body["role"] = RoleName(call.scope().role());
  return Response::Json(200, body);
}

}  // namespace

std::string RefreshCookieName(bool secure) {
  return secure ? "__Secure-concierge_refresh" : "concierge_refresh";
}

void AddRoutes(http::Router& router, AccountsService& service, SessionService& sessions,
               CookieSettings cookies) {
  router.Add({"POST", "/api/auth/login/", http::Permission::Public(),
              [&service, &sessions, cookies](const Call& call) {
                return Login(service, sessions, cookies, call);
              },
              "Sign in with e-mail and password"});
  router.Add({"POST", "/api/auth/refresh/", http::Permission::Public(),
              [&service, &sessions, cookies](const Call& call) {
                return Refresh(service, sessions, cookies, call);
              },
              "Rotate the refresh cookie and get a new access token"});
  router.Add({"POST", "/api/auth/logout/", http::Permission::Public(),
              [&sessions, cookies](const Call& call) { return Logout(sessions, cookies, call); },
              "End the session (the refresh family) and clear the cookie"});
  router.Add({"POST", "/api/auth/password/", http::Permission::Authenticated(),
              [&service](const Call& call) { return ChangePassword(service, call); },
              "Change one's own password; ends every session"});
  router.Add({"GET", "/api/memberships/", http::Permission::Roles({Role::kAdmin, Role::kManager}),
              [&service](const Call& call) { return ListMemberships(service, call); },
              "The office's memberships"});
  router.Add({"DELETE", "/api/memberships/{id}/", http::Permission::Roles({Role::kAdmin}),
              [&service](const Call& call) { return RemoveMembership(service, call); },
              "Remove a membership; ends that user's sessions"});
  router.Add({"GET", "/api/auth/me/", http::Permission::Authenticated(),
              [&service](const Call& call) { return Me(service, call); },
              "The signed-in user and their memberships"});
}

}  // namespace concierge::accounts
