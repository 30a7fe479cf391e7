#include "finance/routes.hpp"

#include "audit/routes.hpp"
#include "finance/report_format.hpp"
#include "http/json_fields.hpp"

namespace concierge::finance {

namespace {

using http::Call;
using http::Permission;
using http::Response;

const Permission kOffice = Permission::Office();
const Permission kOfficeAndStaff = Permission::OfficeAndStaff();

nlohmann::json EntryJson(const LedgerEntry& entry) {
  return {{"id", entry.id},
          {"apartment_id", entry.apartment_id},
          {"building_id", entry.building_id},
          {"kind", EntryKindName(entry.kind)},
          {"entry_date", FormatDate(entry.entry_date)},
          {"due_date",
           entry.due_date ? nlohmann::json(FormatDate(*entry.due_date)) : nlohmann::json(nullptr)},
          {"amount", FormatAmount(entry.amount)},
          {"description", entry.description},
          {"reference", http::OptionalJson(entry.reference)},
          {"method", http::OptionalJson(entry.method)},
          {"source", entry.source},
          {"reverses_entry_id", http::OptionalJson(entry.reverses_entry_id)},
          {"expense_sheet_id", http::OptionalJson(entry.expense_sheet_id)}};
}

nlohmann::json SheetJson(const ExpenseSheet& sheet) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : sheet.items) {
    items.push_back({{"category", item.category},
                     {"description", item.description},
                     {"amount", FormatAmount(item.amount)}});
  }
  nlohmann::json charges = nlohmann::json::array();
  for (const auto& charge : sheet.charges) {
    charges.push_back({{"apartment_id", charge.apartment_id},
                       {"entry_id", charge.entry_id},
                       {"amount", FormatAmount(charge.amount)}});
  }
  return {{"id", sheet.id},
          {"building_id", sheet.building_id},
          {"period", sheet.period},
          {"title", sheet.title},
          {"issue_date", FormatDate(sheet.issue_date)},
          {"due_date", FormatDate(sheet.due_date)},
          {"total", FormatAmount(sheet.total)},
          {"items", std::move(items)},
          {"charges", std::move(charges)}};
}

Result<Response> GetStatement(LedgerService& ledger, const Call& call) {
  CONCIERGE_TRY(apartment_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(from, http::DateQuery(call.request, "from"));
  CONCIERGE_TRY(to, http::DateQuery(call.request, "to"));
  CONCIERGE_TRY(statement, ledger.GetStatement(call.scope(), *apartment_id, *from, *to));

  nlohmann::json lines = nlohmann::json::array();
  for (const auto& line : statement->lines) {
    nlohmann::json json = EntryJson(line.entry);
    json["running_balance"] = FormatAmount(line.running_balance);
    lines.push_back(std::move(json));
  }
  return Response::Json(200, {{"apartment_id", statement->apartment_id},
                              {"opening_balance", FormatAmount(statement->opening_balance)},
                              {"closing_balance", FormatAmount(statement->closing_balance)},
                              {"entries", std::move(lines)}});
}

Result<Response> RecordPayment(LedgerService& ledger, const Call& call) {
  CONCIERGE_TRY(apartment_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(amount, http::AmountField(*body, "amount"));
  CONCIERGE_TRY(date, http::DateField(*body, "date"));
  CONCIERGE_TRY(method, http::StringField(*body, "method", 20));
  CONCIERGE_TRY(description, http::OptionalStringField(*body, "description"));
  CONCIERGE_TRY(reference, http::OptionalStringField(*body, "reference", 100));

  CONCIERGE_TRY(
      entry, ledger.RecordPayment(call.scope(), *apartment_id,
                                  {*amount, *date, *method, description->value_or(""), *reference},
                                  audit::ActorOf(call)));
  return Response::Json(201, EntryJson(*entry));
}

Result<Response> PostCharge(LedgerService& ledger, const Call& call) {
  CONCIERGE_TRY(apartment_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(amount, http::AmountField(*body, "amount"));
  CONCIERGE_TRY(date, http::DateField(*body, "date"));
  CONCIERGE_TRY(due_date, http::DateField(*body, "due_date"));
  CONCIERGE_TRY(description, http::StringField(*body, "description"));
  CONCIERGE_TRY(reference, http::OptionalStringField(*body, "reference", 100));

  CONCIERGE_TRY(entry, ledger.PostCharge(call.scope(), *apartment_id,
                                         {*amount, *date, *due_date, *description, *reference},
                                         audit::ActorOf(call)));
  return Response::Json(201, EntryJson(*entry));
}

Result<Response> ReverseEntry(LedgerService& ledger, const Call& call) {
  CONCIERGE_TRY(entry_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(date, http::OptionalDateField(*body, "date"));
  CONCIERGE_TRY(amount, http::OptionalAmountField(*body, "amount"));
  CONCIERGE_TRY(reason, http::StringField(*body, "reason"));

  CONCIERGE_TRY(entry, ledger.Reverse(call.scope(), *entry_id, {*date, *amount, *reason},
                                      audit::ActorOf(call)));
  return Response::Json(201, EntryJson(*entry));
}

Result<ExpenseItem> ReadItem(const nlohmann::json& item) {
  if (!item.is_object()) {
    return Fail(Error::Field("items", "Each expense is an object."));
  }
  CONCIERGE_TRY(category, http::StringField(item, "category", 32));
  CONCIERGE_TRY(description, http::OptionalStringField(item, "description", 200));
  CONCIERGE_TRY(amount, http::AmountField(item, "amount"));
  return ExpenseItem{*category, description->value_or(""), *amount};
}

Result<Response> CreateSheet(ExpenseSheetService& sheets, const Call& call) {
  CONCIERGE_TRY(building_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(body, http::JsonBody(call.request));
  CONCIERGE_TRY(period, http::StringField(*body, "period", 7));
  CONCIERGE_TRY(title, http::OptionalStringField(*body, "title", 200));
  CONCIERGE_TRY(issue_date, http::DateField(*body, "issue_date"));
  CONCIERGE_TRY(due_date, http::DateField(*body, "due_date"));
  if (!body->contains("items") || !(*body)["items"].is_array()) {
    return Fail(Error::Field("items", "A list of expenses is required."));
  }
  SheetInput input{*period, title->value_or(""), *issue_date, *due_date, {}};
  for (const auto& item : (*body)["items"]) {
    CONCIERGE_TRY(read, ReadItem(item));
    input.items.push_back(std::move(*read));
  }

  CONCIERGE_TRY(sheet, sheets.Create(call.scope(), *building_id, input, audit::ActorOf(call)));
  return Response::Json(201, SheetJson(*sheet));
}

Result<Response> ListSheets(ExpenseSheetService& sheets, const Call& call) {
  CONCIERGE_TRY(building_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(listed, sheets.List(call.scope(), *building_id));
  nlohmann::json results = nlohmann::json::array();
  for (const auto& sheet : *listed) {
    nlohmann::json summary = SheetJson(sheet);
    summary.erase("items");  // the list carries totals; GET /api/expense-sheets/{id}/ the rest
    summary.erase("charges");
    results.push_back(std::move(summary));
  }
  return Response::Json(200, results);
}

Result<Response> GetSheet(ExpenseSheetService& sheets, const Call& call) {
  CONCIERGE_TRY(sheet_id, http::IdParam(call.request, "id"));
  CONCIERGE_TRY(sheet, sheets.Get(call.scope(), *sheet_id));
  return Response::Json(200, SheetJson(*sheet));
}

Result<Response> GetDebtReport(DebtReportService& reports, const Call& call) {
  CONCIERGE_TRY(building_id, http::IdQuery(call.request, "building_id"));
  CONCIERGE_TRY(as_of, http::DateQuery(call.request, "as_of"));
  const auto format = call.request.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv") {
    return Fail(Error::Field("format", "Either json or csv."));
  }

  CONCIERGE_TRY(built, reports.Build(call.scope(), *building_id, *as_of));
  const DebtReport& report = **built;
  if (format == "csv") {
    Response response = Response::Text(200, "text/csv; charset=utf-8", DebtReportCsv(report));
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"debt-report-" +
                                                             FormatDate(report.as_of) + ".csv\"");
    return response;
  }
  return Response::Json(200, DebtReportJson(report));
}

}  // namespace

void AddRoutes(http::Router& router, FinanceServices services) {
  auto& ledger = services.ledger;
  auto& sheets = services.sheets;
  auto& reports = services.debt_report;
  router.Add({"GET", "/api/apartments/{id}/statement/", Permission::Authenticated(),
              [&ledger](const Call& call) { return GetStatement(ledger, call); },
              "An apartment's statement with running balance"});
  router.Add({"POST", "/api/apartments/{id}/payments/", kOfficeAndStaff,
              [&ledger](const Call& call) { return RecordPayment(ledger, call); },
              "Record a payment (cash, bank transfer, ...)"});
  router.Add({"POST", "/api/apartments/{id}/charges/", kOffice,
              [&ledger](const Call& call) { return PostCharge(ledger, call); },
              "Post a one-off charge"});
  router.Add({"POST", "/api/ledger/entries/{id}/reverse/", kOffice,
              [&ledger](const Call& call) { return ReverseEntry(ledger, call); },
              "Reverse (part of) a ledger entry"});
  router.Add({"GET", "/api/buildings/{id}/expense-sheets/", kOfficeAndStaff,
              [&sheets](const Call& call) { return ListSheets(sheets, call); },
              "A building's expense sheets"});
  router.Add({"POST", "/api/buildings/{id}/expense-sheets/", kOffice,
              [&sheets](const Call& call) { return CreateSheet(sheets, call); },
              "Distribute a month's expenses into charges by shares"});
  router.Add({"GET", "/api/expense-sheets/{id}/", kOfficeAndStaff,
              [&sheets](const Call& call) { return GetSheet(sheets, call); },
              "One expense sheet with its charges"});
  router.Add({"GET", "/api/financial/dashboard/debt-report/", kOfficeAndStaff,
              [&reports](const Call& call) { return GetDebtReport(reports, call); },
              "Debt aged into buckets, per building or office-wide (JSON or CSV)"});
}

}  // namespace concierge::finance
