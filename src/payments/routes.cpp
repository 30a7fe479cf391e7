#include "payments/routes.hpp"

#include "audit/routes.hpp"
#include "http/json_fields.hpp"
#include "http/pagination.hpp"
#include "payments/stripe_signature.hpp"

namespace concierge::payments {

namespace {

using http::Call;
using http::Permission;
using http::Response;

const Permission kOffice = Permission::Office();
const Permission kOfficeAndStaff = Permission::OfficeAndStaff();

nlohmann::json ChargeJson(const OnlineCharge& charge) {
  return {{"id", charge.id},
          {"building_id", charge.building_id},
          {"apartment_id", charge.apartment_id},
          {"amount", FormatAmount(charge.amount)},
          {"currency", charge.currency},
          {"description", charge.description},
          {"status", charge.status},
          {"paid_via", http::OptionalJson(charge.paid_via)},
          {"paid_at", http::OptionalJson(charge.paid_at)},
          {"settles", charge.settles}};
}

nlohmann::json PaymentJson(const OnlinePayment& payment) {
  return {{"id", payment.id},
          {"apartment_id", payment.apartment_id},
          {"online_charge_id", payment.online_charge_id},
          {"payment_intent_id", payment.payment_intent_id},
          {"checkout_session_id", http::OptionalJson(payment.checkout_session_id)},
          {"amount", FormatAmount(payment.amount)},
          {"currency", payment.currency},
          {"status", payment.status},
          {"amount_refunded", FormatAmount(payment.refunded)},
          {"mismatch", http::OptionalJson(payment.mismatch)},
          {"ledger_entry_id", http::OptionalJson(payment.ledger_entry_id)},
          {"created_at", payment.created_at}};
}

nlohmann::json EventJson(const StripeEvent& event) {
  return {{"id", event.id},
          {"type", event.type},
          {"created", event.created},
          {"received_at", event.received_at},
          {"processed_at", http::OptionalJson(event.processed_at)},
          {"outcome", event.outcome},
          {"error", http::OptionalJson(event.error)},
          {"attempts", event.attempts},
          {"payload_hash", event.payload_hash}};
}

Result<Response> ReceiveWebhook(const PaymentsRoutes& routes, const Call& call) {
  if (routes.webhook_secrets.empty()) {
    return Fail(Error{ErrorKind::kUnavailable,
                      "webhook_not_configured",
                      "Stripe webhooks are not configured (CONCIERGE_STRIPE_WEBHOOK_SECRETS).",
                      {}});
  }
  const auto header = call.request.Header("stripe-signature");
  CONCIERGE_TRY(verified, VerifyStripeSignature(header.value_or(""), call.request.body,
                                                routes.webhook_secrets, routes.clock));
  CONCIERGE_TRY(outcome, routes.webhooks.Receive(call.request.body, call.request.request_id));
  return Response::Json(200, {{"received", true}, {"outcome", EventOutcomeName(*outcome)}});
}

Result<Response> ListCharges(PaymentsService& service, const Call& call) {
  CONCIERGE_TRY(apartment_id, http::IdQuery(call.request, "apartment_id"));
  const auto status = call.request.QueryParam("status");
  if (status && *status != "open" && *status != "paid") {
    return Fail(Error::Field("status", "Either open or paid."));
  }
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  const auto listed =
      service.ListCharges(call.scope(), *apartment_id, status, {page->offset(), page->page_size});
  nlohmann::json results = nlohmann::json::array();
  for (const auto& charge : listed.items) {
    results.push_back(ChargeJson(charge));
  }
  return Response::Json(200, http::PageBody(call.request, *page, listed.count, std::move(results)));
}

Result<Response> CreateCharge(PaymentsService& service, const Call& call) {
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  if (!body->contains("apartment_id") || !(*body)["apartment_id"].is_number_integer()) {
    return Fail(Error::Field("apartment_id", "The apartment's id is required."));
  }
  CONCIERGE_TRY(amount, http::AmountField(*body, "amount"));
  CONCIERGE_TRY(description, http::OptionalStringField(*body, "description", 300));
  std::vector<std::int64_t> settles;
  if (body->contains("settles")) {
    if (!(*body)["settles"].is_array()) {
      return Fail(Error::Field("settles", "A list of ledger charge ids."));
    }
    for (const auto& id : (*body)["settles"]) {
      if (!id.is_number_integer()) {
        return Fail(Error::Field("settles", "A list of ledger charge ids."));
      }
      settles.push_back(id.get<std::int64_t>());
    }
  }
  CONCIERGE_TRY(charge, service.CreateCharge(call.scope(),
                                             {(*body)["apartment_id"].get<std::int64_t>(), *amount,
                                              description->value_or(""), settles},
                                             audit::ActorOf(call)));
  return Response::Json(201, ChargeJson(*charge));
}

Result<Response> GetCharge(PaymentsService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(charge, service.GetCharge(call.scope(), *id));
  return Response::Json(200, ChargeJson(*charge));
}

Result<Response> MarkPaid(PaymentsService& service, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(method, http::StringField(*body, "method", 20));
  CONCIERGE_TRY(date, http::DateField(*body, "date"));
  CONCIERGE_TRY(reference, http::OptionalStringField(*body, "reference", 100));
  CONCIERGE_TRY(note, http::OptionalStringField(*body, "note", 500));
  CONCIERGE_TRY(marked,
                service.MarkPaid(call.scope(), *id,
                                 {*method, *date, reference->value_or(""), note->value_or("")},
                                 audit::ActorOf(call)));
  nlohmann::json answer = ChargeJson(marked->first);
  answer["changed"] = marked->second;
  return Response::Json(200, answer);
}

Result<Response> StartCheckout(CheckoutService& checkout, const Call& call) {
  CONCIERGE_TRY(id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(started, checkout.Start(call.scope(), *id, audit::ActorOf(call)));
  return Response::Json(201, {{"attempt_id", started->attempt_id},
                              {"checkout_session_id", started->session_id},
                              {"url", started->url}});
}

Result<Response> ListPayments(PaymentsService& service, const Call& call) {
  CONCIERGE_TRY(apartment_id, http::IdQuery(call.request, "apartment_id"));
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  const auto listed =
      service.ListPayments(call.scope(), *apartment_id, {page->offset(), page->page_size});
  nlohmann::json results = nlohmann::json::array();
  for (const auto& payment : listed.items) {
    results.push_back(PaymentJson(payment));
  }
  return Response::Json(200, http::PageBody(call.request, *page, listed.count, std::move(results)));
}

Result<Response> ListEvents(PaymentsService& service, const Call& call) {
  const auto outcome = call.request.QueryParam("outcome");
  if (outcome && *outcome != "received" && *outcome != "processed" && *outcome != "ignored" &&
      *outcome != "failed") {
    return Fail(Error::Field("outcome", "One of received, processed, ignored, failed."));
  }
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  const auto listed = service.ListEvents(call.scope(), outcome, {page->offset(), page->page_size});
  nlohmann::json results = nlohmann::json::array();
  for (const auto& event : listed.items) {
    results.push_back(EventJson(event));
  }
  return Response::Json(200, http::PageBody(call.request, *page, listed.count, std::move(results)));
}

}  // namespace

void AddRoutes(http::Router& router, PaymentsRoutes routes) {
  auto& service = routes.service;
  router.Add({"POST", "/api/online-payments/webhooks/stripe/", Permission::Public(),
              [routes](const Call& call) { return ReceiveWebhook(routes, call); },
              "Stripe's webhook (signature-verified)"});
  router.Add({"GET", "/api/online-payments/webhooks/events/", kOffice,
              [&service](const Call& call) { return ListEvents(service, call); },
              "The Stripe events that named this office"});
  router.Add({"GET", "/api/online-payments/charges/", Permission::Authenticated(),
              [&service](const Call& call) { return ListCharges(service, call); },
              "Online charges (residents: their own)"});
  router.Add({"POST", "/api/online-payments/charges/", kOffice,
              [&service](const Call& call) { return CreateCharge(service, call); },
              "Offer an amount for online payment"});
  router.Add({"GET", "/api/online-payments/charges/{id}/", Permission::Authenticated(),
              [&service](const Call& call) { return GetCharge(service, call); },
              "One online charge"});
  router.Add({"POST", "/api/online-payments/charges/{id}/mark-paid/", kOffice,
              [&service](const Call& call) { return MarkPaid(service, call); },
              "Mark a charge paid by other means (audited)"});
  auto& checkout = routes.checkout;
  router.Add({"POST", "/api/online-payments/charges/{id}/checkout/",
              Permission::Roles({Role::kAdmin, Role::kManager, Role::kResident}),
              [&checkout](const Call& call) { return StartCheckout(checkout, call); },
              "Start a Stripe Checkout Session for an open charge"});
  router.Add({"GET", "/api/online-payments/payments/", kOfficeAndStaff,
              [&service](const Call& call) { return ListPayments(service, call); },
              "Online payments, per apartment"});
  AddReconciliationRoutes(router, routes);
}

}  // namespace concierge::payments
