#include "kiosk/routes.hpp"

#include "audit/routes.hpp"
#include "http/json_fields.hpp"
#include "http/pagination.hpp"
#include "kiosk/device_authenticator.hpp"

namespace concierge::kiosk {

namespace {

using http::Call;
using http::Permission;
using http::Response;

nlohmann::json DeviceJson(const Device& device) {
  return {{"id", device.id},
          {"building_id", device.building_id},
          {"name", device.name},
          {"created_at", device.created_at},
          {"last_seen_at", http::OptionalJson(device.last_seen_at)},
          {"revoked_at", http::OptionalJson(device.revoked_at)},
          {"active", !device.revoked_at}};
}

nlohmann::json SettingsJson(const KioskSettings& settings) {
  return {{"building_id", settings.building_id},
          {"registration_open", settings.registration_open},
          {"public_contact", settings.public_contact},
          {"payment_instructions", settings.payment_instructions}};
}

nlohmann::json RegistrationJson(const Registration& registration) {
  return {{"id", registration.id},
          {"building_id", registration.building_id},
          {"apartment_id", registration.apartment_id},
          {"apartment_number", registration.apartment_number},
          {"name", registration.name},
          {"email", registration.email},
          {"phone", registration.phone},
          {"state", RegistrationStateName(registration.state)},
          {"device_id", http::OptionalJson(registration.device_id)},
          {"created_at", registration.created_at},
          {"decided_at", http::OptionalJson(registration.decided_at)},
          {"user_id", http::OptionalJson(registration.user_id)}};
}

Result<bool> BoolField(const nlohmann::json& body, const char* name, bool fallback) {
  if (!body.contains(name)) {
    return fallback;
  }
  if (!body[name].is_boolean()) {
    return Fail(Error::Field(name, "true or false."));
  }
  return body[name].get<bool>();
}

Result<KioskCredential> CredentialOf(const nlohmann::json& body) {
  CONCIERGE_TRY(token, http::OptionalStringField(body, "token", 1024));
  CONCIERGE_TRY(building_id, http::OptionalIdField(body, "building_id"));
  return KioskCredential{*token, *building_id};
}

Result<Response> RegisterDevice(DeviceService& devices, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(building_id, http::OptionalIdField(*body, "building_id"));
  if (!building_id->has_value()) {
    return Fail(Error::Field("building_id", "The building's id is required."));
  }
  CONCIERGE_TRY(name, http::StringField(*body, "name", 100));
  CONCIERGE_TRY(registered,
                devices.Register(call.scope(), **building_id, *name, audit::ActorOf(call)));
  nlohmann::json answer = DeviceJson(registered->device);
  answer["secret"] = registered->secret;
  return Response::Json(201, answer);
}

Result<Response> ListDevices(DeviceService& devices, const Call& call) {
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& device : devices.List(call.scope(), *building_id)) {
    results.push_back(DeviceJson(device));
  }
  return Response::Json(200, {{"results", results}});
}

Result<Response> RevokeDevice(DeviceService& devices, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(device, devices.Revoke(call.scope(), *id, audit::ActorOf(call)));
  return Response::Json(200, DeviceJson(*device));
}

Result<Response> GetSettings(SettingsService& settings, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(found, settings.Get(call.scope(), *id));
  return Response::Json(200, SettingsJson(*found));
}

// A PUT replaces what it names; fields it leaves out keep their value.
Result<Response> PutSettings(SettingsService& settings, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(current, settings.Get(call.scope(), *id));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  KioskSettings changed = *current;
  CONCIERGE_TRY(open, BoolField(*body, "registration_open", changed.registration_open));
  changed.registration_open = *open;
  CONCIERGE_TRY(contact, http::OptionalStringField(*body, "public_contact", 500));
  changed.public_contact = contact->value_or(changed.public_contact);
  CONCIERGE_TRY(how_to_pay, http::OptionalStringField(*body, "payment_instructions", 2000));
  changed.payment_instructions = how_to_pay->value_or(changed.payment_instructions);
  CONCIERGE_TRY(saved, settings.Put(call.scope(), changed, audit::ActorOf(call)));
  return Response::Json(200, SettingsJson(*saved));
}

Result<Response> IssueToken(ConnectService& connect, const Call& call) {
  const auto device_id = DeviceIdOf(*call.principal);
  if (!device_id) {
    return Fail(Error::Forbidden("Only a kiosk device may ask for a kiosk code."));
  }
  const IssuedCode code =
      connect.IssueCode(call.scope().tenant_id(), call.scope().building_ids().front(), *device_id);
  return Response::Json(
      200, {{"token", http::OptionalJson(code.token)},
            {"expires_at", code.expires_at ? nlohmann::json(FormatTimestamp(*code.expires_at))
                                           : nlohmann::json(nullptr)},
            {"connect_url", code.connect_url},
            {"qr_svg", code.qr_svg}});
}

Result<Response> Connect(ConnectService& connect, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(credential, CredentialOf(*body));
  CONCIERGE_TRY(connected, connect.Connect(*credential, audit::ActorOf(call)));
  return Response::Json(
      200, {{"building", {{"id", connected->building_id}, {"name", connected->building_name}}},
            {"registration_open", connected->registration_open},
            {"expires_at", connected->expires_at
                               ? nlohmann::json(FormatTimestamp(*connected->expires_at))
                               : nlohmann::json(nullptr)}});
}

// The answer repeats nothing the caller sent: a registration's personal
// data is for the office.
Result<Response> Register(ConnectService& connect, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(credential, CredentialOf(*body));
  CONCIERGE_TRY(apartment, http::StringField(*body, "apartment_number", 20));
  CONCIERGE_TRY(name, http::StringField(*body, "name", 200));
  CONCIERGE_TRY(email, http::StringField(*body, "email", 254));
  CONCIERGE_TRY(phone, http::StringField(*body, "phone", 30));
  CONCIERGE_TRY(registration, connect.Register(*credential, {*apartment, *name, *email, *phone},
                                               audit::ActorOf(call)));
  return Response::Json(
      202, {{"id", registration->id}, {"state", RegistrationStateName(registration->state)}});
}

Result<Response> ListRegistrations(ConnectService& connect, const Call& call) {
  std::optional<RegistrationState> state;
  if (const auto text = call.request.QueryParam("state")) {
    RegistrationState parsed{};
    if (!ParseRegistrationState(*text, parsed)) {
      return Fail(Error::Field("state", "One of pending, approved, rejected."));
    }
    state = parsed;
  }
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& registration :
       connect.List(call.scope(), state, page->offset(), page->page_size)) {
    results.push_back(RegistrationJson(registration));
  }
  return Response::Json(200, http::PageBody(call.request, *page, connect.Count(call.scope(), state),
                                            std::move(results)));
}

Result<Response> Approve(ConnectService& connect, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(approval, connect.Approve(call.scope(), *id, audit::ActorOf(call)));
  nlohmann::json answer = RegistrationJson(approval->registration);
  answer["invitation"] = nullptr;
  if (approval->invitation_token) {
    answer["invitation"] = {{"token", *approval->invitation_token},
                            {"url", *approval->invitation_url}};
  }
  return Response::Json(200, answer);
}

Result<Response> Reject(ConnectService& connect, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(registration, connect.Reject(call.scope(), *id, audit::ActorOf(call)));
  return Response::Json(200, RegistrationJson(*registration));
}

Result<Response> AcceptInvitation(InvitationService& invitations, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(token, http::StringField(*body, "token", 100));
  CONCIERGE_TRY(password, http::StringField(*body, "password", 1024));
  CONCIERGE_TRY(accepted, invitations.Accept(*token, *password, audit::ActorOf(call)));
  return Response::Text(204, "application/json", "");
}

}  // namespace

void AddRoutes(http::Router& router, const KioskRoutes& services) {
  auto with = [](auto& service, auto handler) {
    return [&service, handler](const Call& call) { return handler(service, call); };
  };
  const Permission office = Permission::Office();
  const http::RateLimiter& limiter = services.limiter;

  router.Add({"GET", "/api/kiosk/devices/", office, with(services.devices, ListDevices),
              "Kiosk devices of the office (?building_id=)"});
  router.Add({"POST", "/api/kiosk/devices/", office, with(services.devices, RegisterDevice),
              "Register a kiosk device; its secret is shown once"});
  router.Add({"POST", "/api/kiosk/devices/{id}/revoke/", office,
              with(services.devices, RevokeDevice), "Revoke a kiosk device"});
  router.Add({"GET", "/api/kiosk/buildings/{id}/settings/", office,
              with(services.settings, GetSettings), "A building's kiosk settings"});
  router.Add({"PUT", "/api/kiosk/buildings/{id}/settings/", office,
              with(services.settings, PutSettings), "Change a building's kiosk settings"});
  router.Add({"POST", "/api/kiosk/token/", Permission::Roles({Role::kKiosk}),
              limiter.Guard("kiosk_token", with(services.connect, IssueToken)),
              "A kiosk device's QR code: signed short-lived token, connect URL, SVG"});
  router.Add({"POST", "/api/kiosk/connect/", Permission::Public(),
              limiter.Guard("kiosk_connect", with(services.connect, Connect)),
              "Connect a phone to the building named by a kiosk code"});
  router.Add({"POST", "/api/kiosk/register/", Permission::Public(),
              limiter.Guard("kiosk_register", with(services.connect, Register)),
              "Ask to be connected to an apartment (pending a manager's approval)"});
  router.Add({"GET", "/api/kiosk/registrations/", office, with(services.connect, ListRegistrations),
              "Registrations (?state=pending)"});
  router.Add({"POST", "/api/kiosk/registrations/{id}/approve/", office,
              with(services.connect, Approve),
              "Approve: the resident's account, membership and invitation, once"});
  router.Add({"POST", "/api/kiosk/registrations/{id}/reject/", office,
              with(services.connect, Reject), "Reject a pending registration"});
  router.Add({"POST", "/api/kiosk/invitations/accept/", Permission::Public(),
              limiter.Guard("invitation", with(services.invitations, AcceptInvitation)),
              "Set the password of an approved resident with their invitation"});
}

}  // namespace concierge::kiosk
