// /api/online-payments/reconciliation/... and /api/online-payments/ledger-view/.

#include "audit/routes.hpp"
#include "core/csv.hpp"
#include "http/json_fields.hpp"
#include "http/pagination.hpp"
#include "payments/routes.hpp"

namespace concierge::payments {

namespace {

using http::Call;
using http::Permission;
using http::Response;

// Reconciliation exists only with ledger sync on: without it nothing is
// expected in the ledger, so every payment would be a "mismatch".
Status RequireLedgerSync(const FeatureFlags& flags) {
  if (!flags.IsOn(Flag::kLedgerSync)) {
    return Fail(Error::NotFound("not_found", "Reconciliation needs ENABLE_LEDGER_SYNC."));
  }
  return {};
}

nlohmann::json TotalsJson(const std::map<std::string, Cents>& totals) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [currency, cents] : totals) {
    json[currency] = FormatAmount(cents);
  }
  return json;
}

nlohmann::json MismatchJson(const Mismatch& m) {
  return {{"kind", MismatchKindName(m.kind)},
          {"building_id", m.building_id},
          {"apartment_id", m.apartment_id},
          {"online_charge_id", http::OptionalJson(m.online_charge_id)},
          {"online_payment_id", http::OptionalJson(m.online_payment_id)},
          {"payment_intent_id", http::OptionalJson(m.payment_intent_id)},
          {"ledger_entry_id", http::OptionalJson(m.ledger_entry_id)},
          {"amount", FormatAmount(m.amount)},
          {"currency", m.currency},
          {"stripe_says", m.stripe_says},
          {"books_say", m.books_say},
          {"repairable", m.repairable}};
}

std::string OptionalId(const std::optional<std::int64_t>& id) {
  return id ? std::to_string(*id) : "";
}

std::string MismatchesCsv(const std::vector<Mismatch>& mismatches) {
  std::string csv = CsvLine({"kind", "building_id", "apartment_id", "online_charge_id",
                             "online_payment_id", "payment_intent_id", "ledger_entry_id", "amount",
                             "currency", "stripe_says", "books_say", "repairable"});
  for (const auto& m : mismatches) {
    csv += CsvLine({MismatchKindName(m.kind), std::to_string(m.building_id),
                    std::to_string(m.apartment_id), OptionalId(m.online_charge_id),
                    OptionalId(m.online_payment_id), CsvText(m.payment_intent_id.value_or("")),
                    OptionalId(m.ledger_entry_id), CsvNumber(FormatAmount(m.amount)),
                    CsvText(m.currency), CsvText(m.stripe_says), CsvText(m.books_say),
                    m.repairable ? "yes" : "no"});
  }
  return csv;
}

Result<Response> GetReconciliation(const PaymentsRoutes& routes, const Call& call) {
  CONCIERGE_TRY(enabled, RequireLedgerSync(routes.flags));
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  const auto kind_name = call.request.QueryParam("kind");
  std::optional<MismatchKind> kind;
  if (kind_name) {
    kind = ParseMismatchKind(*kind_name);
    if (!kind) {
      return Fail(Error::Field("kind", "Not a mismatch kind (see docs/payments.md)."));
    }
  }
  const auto format = call.request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return Fail(Error::Field("format", "Either json or csv."));
  }

  CONCIERGE_TRY(report, routes.reconciliation.Reconcile(call.scope(), *building_id));
  std::vector<Mismatch> rows;
  for (auto& m : report->mismatches) {
    if (!kind || m.kind == *kind) {
      rows.push_back(std::move(m));
    }
  }
  if (format == "csv") {
    Response response = Response::Text(200, "text/csv; charset=utf-8", MismatchesCsv(rows));
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"reconciliation.csv\"");
    return response;
  }

  nlohmann::json summary = nlohmann::json::array();
  for (const auto& s : report->summary) {
    summary.push_back(
        {{"kind", MismatchKindName(s.kind)}, {"count", s.count}, {"totals", TotalsJson(s.totals)}});
  }
  nlohmann::json results = nlohmann::json::array();
  const auto end = std::min<std::int64_t>(page->offset() + page->page_size,
                                          static_cast<std::int64_t>(rows.size()));
  for (std::int64_t i = page->offset(); i < end; ++i) {
    results.push_back(MismatchJson(rows[i]));
  }
  nlohmann::json body = http::PageBody(call.request, *page, static_cast<std::int64_t>(rows.size()),
                                       std::move(results));
  body["summary"] = std::move(summary);
  return Response::Json(200, body);
}

Result<Response> Resync(const PaymentsRoutes& routes, const Call& call) {
  CONCIERGE_TRY(enabled, RequireLedgerSync(routes.flags));
  std::optional<std::int64_t> building_id;
  if (!call.request.body.empty()) {
    CONCIERGE_TRY(body, http::JsonBody(call.request));
    // A misspelt building_id must not widen the repair to the whole office.
    CONCIERGE_TRY(known, http::KnownFields(*body, {"building_id"}, {"building_id"}));
    CONCIERGE_TRY(building, http::OptionalIdField(*body, "building_id"));
    building_id = *building;
  }
  CONCIERGE_TRY(repairs,
                routes.reconciliation.Resync(call.scope(), building_id, audit::ActorOf(call)));
  nlohmann::json repaired = nlohmann::json::array();
  for (const auto& repair : *repairs) {
    repaired.push_back(
        nlohmann::json{{"kind", MismatchKindName(repair.kind)},
                       {"online_payment_id", http::OptionalJson(repair.online_payment_id)},
                       {"online_charge_id", repair.online_charge_id},
                       {"charge_reopened", repair.charge_reopened},
                       {"ledger_entry_ids", nlohmann::json(repair.ledger_entry_ids)},
                       {"linked_entry_id", http::OptionalJson(repair.linked_entry_id)},
                       {"charge_marked_paid", repair.charge_marked_paid}});
  }
  return Response::Json(200, {{"repaired", std::move(repaired)}});
}

Result<Response> GetLedgerView(const PaymentsRoutes& routes, const Call& call) {
  CONCIERGE_TRY(apartment_id, http::IdQuery(call.request, "apartment_id"));
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  CONCIERGE_TRY(page, http::ParsePage(call.request));
  CONCIERGE_TRY(view, routes.ledger_view.Build(call.scope(), {*apartment_id, *building_id,
                                                              page->offset(), page->page_size}));
  return Response::Json(
      200, http::PageBody(call.request, *page, view->count, std::move(view->apartments)));
}

}  // namespace

void AddReconciliationRoutes(http::Router& router, const PaymentsRoutes& routes) {
  const Permission office = Permission::Office();
  router.Add({"GET", "/api/online-payments/reconciliation/ledger/", office,
              [routes](const Call& call) { return GetReconciliation(routes, call); },
              "Where Stripe and the ledger disagree (ENABLE_LEDGER_SYNC)"});
  router.Add({"POST", "/api/online-payments/reconciliation/ledger/resync/", office,
              [routes](const Call& call) { return Resync(routes, call); },
              "Repair what reconciliation can repair, audited (ENABLE_LEDGER_SYNC)"});
  router.Add({"GET", "/api/online-payments/ledger-view/", office,
              [routes](const Call& call) { return GetLedgerView(routes, call); },
              "Ledger entries next to online charges, attempts and payments"});
}

}  // namespace concierge::payments
