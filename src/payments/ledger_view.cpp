#include "payments/ledger_view.hpp"

#include <map>

#include "finance/ledger_repository.hpp"
#include "finance/model.hpp"
#include "http/json_fields.hpp"
#include "storage/rows.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::payments {

using storage::Int;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

// What links a ledger entry to the online side.
struct EntryLink {
  std::string relation;  // settled_by, card_payment, card_refund, marked_paid
  std::optional<std::int64_t> online_charge_id;
  std::optional<std::int64_t> online_payment_id;
};

std::string IdList(const std::vector<std::int64_t>& ids) {
  std::string list;
  for (std::int64_t id : ids) {
    list += (list.empty() ? "" : ",") + std::to_string(id);
  }
  return list;
}

// The online side of the apartments: charges with their attempts and
// payments, and the entry links, all keyed for the timeline.
struct OnlineSide {
  std::map<std::int64_t, nlohmann::json> charges;  // by charge id
  std::map<std::int64_t, EntryLink> links;         // by ledger entry id
};

void LoadCharges(soci::session& sql, std::int64_t tenant, const std::string& apartments,
                 OnlineSide& side) {
  soci::rowset<soci::row> charges =
      (sql.prepare << "SELECT id, apartment_id, amount_cents, currency, description, status,"
                      " paid_via, paid_at, manual_method, manual_date, manual_ledger_entry_id,"
                      " created_at FROM online_charges WHERE tenant_id = :t AND apartment_id IN (" +
                          apartments + ") ORDER BY id",
       soci::use(tenant));
  for (const auto& row : charges) {
    const std::int64_t id = Int(row, 0);
    side.charges[id] = {{"id", id},
                        {"apartment_id", Int(row, 1)},
                        {"amount", FormatAmount(Int(row, 2))},
                        {"currency", Text(row, 3)},
                        {"description", Text(row, 4)},
                        {"status", Text(row, 5)},
                        {"paid_via", http::OptionalJson(OptionalText(row, 6))},
                        {"paid_at", http::OptionalJson(OptionalText(row, 7))},
                        {"manual_method", http::OptionalJson(OptionalText(row, 8))},
                        {"manual_date", http::OptionalJson(OptionalText(row, 9))},
                        {"created_at", Text(row, 11)},
                        {"settles", nlohmann::json::array()},
                        {"attempts", nlohmann::json::array()},
                        {"payments", nlohmann::json::array()}};
    if (const auto manual = OptionalInt(row, 10)) {
      side.links[*manual] = {"marked_paid", id, std::nullopt};
    }
  }

  soci::rowset<soci::row> settles =
      (sql.prepare << "SELECT s.online_charge_id, s.ledger_entry_id FROM online_charge_settles s"
                      " JOIN online_charges c ON c.id = s.online_charge_id WHERE c.tenant_id = :t"
                      " AND c.apartment_id IN (" +
                          apartments + ")",
       soci::use(tenant));
  for (const auto& row : settles) {
    side.charges[Int(row, 0)]["settles"].push_back(Int(row, 1));
    side.links.emplace(Int(row, 1), EntryLink{"settled_by", Int(row, 0), std::nullopt});
  }

  soci::rowset<soci::row> attempts =
      (sql.prepare
           << "SELECT a.online_charge_id, a.id, a.checkout_session_id, a.status,"
              " a.created_at, a.payment_intent_id FROM payment_attempts a JOIN online_charges c"
              " ON c.id = a.online_charge_id WHERE c.tenant_id = :t AND c.apartment_id IN (" +
                  apartments + ") ORDER BY a.id",
       soci::use(tenant));
  for (const auto& row : attempts) {
    side.charges[Int(row, 0)]["attempts"].push_back(
        {{"id", Int(row, 1)},
         {"checkout_session_id", http::OptionalJson(OptionalText(row, 2))},
         {"status", Text(row, 3)},
         {"created_at", Text(row, 4)},
         {"payment_intent_id", http::OptionalJson(OptionalText(row, 5))}});
  }
}

void LoadPayments(soci::session& sql, std::int64_t tenant, const std::string& apartments,
                  OnlineSide& side) {
  soci::rowset<soci::row> payments =
      (sql.prepare << "SELECT p.id, p.online_charge_id, p.payment_intent_id, p.amount_cents,"
                      " p.currency, p.status, p.amount_refunded_cents, p.mismatch,"
                      " pc.ledger_entry_id, p.created_at FROM online_payments p"
                      " LEFT JOIN online_payment_credits pc ON pc.online_payment_id = p.id"
                      " WHERE p.tenant_id = :t AND p.apartment_id IN (" +
                          apartments + ") ORDER BY p.id",
       soci::use(tenant));
  for (const auto& row : payments) {
    const std::int64_t id = Int(row, 0);
    const auto credit = OptionalInt(row, 8);
    side.charges[Int(row, 1)]["payments"].push_back(
        {{"id", id},
         {"payment_intent_id", Text(row, 2)},
         {"amount", FormatAmount(Int(row, 3))},
         {"currency", Text(row, 4)},
         {"status", Text(row, 5)},
         {"amount_refunded", FormatAmount(Int(row, 6))},
         {"mismatch", http::OptionalJson(OptionalText(row, 7))},
         {"ledger_entry_id", http::OptionalJson(credit)},
         {"created_at", Text(row, 9)}});
    if (credit) {
      side.links[*credit] = {"card_payment", Int(row, 1), id};
    }
  }

  soci::rowset<soci::row> refunds =
      (sql.prepare << "SELECT r.ledger_entry_id, p.online_charge_id, p.id"
                      " FROM online_refund_entries r JOIN online_payments p"
                      " ON p.id = r.online_payment_id WHERE p.tenant_id = :t"
                      " AND p.apartment_id IN (" +
                          apartments + ")",
       soci::use(tenant));
  for (const auto& row : refunds) {
    side.links[Int(row, 0)] = {"card_refund", Int(row, 1), Int(row, 2)};
  }
}

Cents AmountOf(const nlohmann::json& amount) {
  return ParseAmount(amount.get<std::string>(), true).value_or(0);
}

// A manager's one-line answer to "did they pay this?". A payment refunded in
// full no longer pays anything; the others count for what Stripe still holds.
std::string Verdict(const nlohmann::json& charge) {
  std::vector<const nlohmann::json*> standing;
  bool refunded_in_full = false;
  for (const auto& payment : charge["payments"]) {
    if (payment["status"] != "succeeded") {
      continue;
    }
    if (AmountOf(payment["amount_refunded"]) >= AmountOf(payment["amount"])) {
      refunded_in_full = true;
    } else {
      standing.push_back(&payment);
    }
  }
  if (charge["paid_via"] == "manual") {
    return standing.empty() ? "paid by hand" : "paid by hand, and also paid online: refund one";
  }
  if (standing.size() > 1) {
    return "paid online " + std::to_string(standing.size()) + " times: refund the extra";
  }
  if (!standing.empty()) {
    const nlohmann::json& payment = *standing.front();
    // As reconciliation sees it: the charge's amount was paid, perhaps with
    // an overpayment refunded since.
    const Cents paid = AmountOf(payment["amount"]);
    const Cents held = paid - AmountOf(payment["amount_refunded"]);
    const Cents owed = AmountOf(charge["amount"]);
    if (payment["currency"] != charge["currency"] || (paid != owed && held != owed)) {
      return "paid online " + FormatAmount(held) + " " + payment["currency"].get<std::string>() +
             " for " + charge["amount"].get<std::string>() + " " +
             charge["currency"].get<std::string>() + ": a person decides";
    }
    if (payment["ledger_entry_id"].is_null()) {
      return "paid online, not in the ledger";
    }
    if (payment["amount_refunded"] != "0.00") {
      return "paid online, refunded " + payment["amount_refunded"].get<std::string>();
    }
    return charge["status"] == "paid" ? "paid online and posted" : "paid online, charge still open";
  }
  if (charge["status"] == "paid") {
    return refunded_in_full ? "refunded in full, still marked paid: resync reopens it"
                            : "marked paid without a payment";
  }
  const std::string attempts =
      charge["attempts"].empty()
          ? "no attempt"
          : std::to_string(charge["attempts"].size()) + " checkout attempt(s)";
  return refunded_in_full ? "not paid: the payment was refunded in full, " + attempts
                          : "not paid, " + attempts;
}

// The status of the Stripe payment an entry belongs to, if any.
nlohmann::json PaymentStatus(const OnlineSide& side, const EntryLink& link) {
  if (!link.online_charge_id || !link.online_payment_id) {
    return nullptr;
  }
  const auto charge = side.charges.find(*link.online_charge_id);
  if (charge == side.charges.end()) {
    return nullptr;
  }
  for (const auto& payment : charge->second["payments"]) {
    if (payment["id"] == *link.online_payment_id) {
      return payment["status"];
    }
  }
  return nullptr;
}

nlohmann::json Timeline(const std::vector<finance::LedgerEntry>& entries, const OnlineSide& side) {
  nlohmann::json timeline = nlohmann::json::array();
  Cents balance = 0;
  for (const auto& entry : entries) {
    balance += entry.amount;
    nlohmann::json item = {{"ledger_entry_id", entry.id},
                           {"date", FormatDate(entry.entry_date)},
                           {"kind", finance::EntryKindName(entry.kind)},
                           {"amount", FormatAmount(entry.amount)},
                           {"balance", FormatAmount(balance)},
                           {"description", entry.description},
                           {"reference", http::OptionalJson(entry.reference)},
                           {"source", entry.source},
                           {"online", nullptr}};
    if (auto link = side.links.find(entry.id); link != side.links.end()) {
      nlohmann::json online = {
          {"relation", link->second.relation},
          {"online_charge_id", http::OptionalJson(link->second.online_charge_id)},
          {"online_payment_id", http::OptionalJson(link->second.online_payment_id)}};
      online["payment_status"] = PaymentStatus(side, link->second);
      if (link->second.online_charge_id) {
        if (auto charge = side.charges.find(*link->second.online_charge_id);
            charge != side.charges.end()) {
          online["charge_status"] = charge->second["status"];
        }
      }
      item["online"] = std::move(online);
    }
    timeline.push_back(std::move(item));
  }
  return timeline;
}

}  // namespace

Result<LedgerViewPage> LedgerView::Build(const Scope& scope, const LedgerViewQuery& query) {
  if (query.apartment_id.has_value() == query.building_id.has_value()) {
    return Fail(Error::Field("apartment_id", "Give either apartment_id or building_id."));
  }
  return db_.Read([&](soci::session& sql) -> Result<LedgerViewPage> {
    LedgerViewPage page;
    std::vector<tenancy::Apartment> apartments;
    if (query.apartment_id) {
      auto apartment = tenancy::SelectApartment(sql, scope, *query.apartment_id);
      if (!apartment) {
        return Fail(tenancy::ApartmentNotFound());
      }
      apartments.push_back(std::move(*apartment));
      page.count = 1;
    } else {
      if (!tenancy::SelectBuilding(sql, scope, *query.building_id)) {
        return Fail(tenancy::BuildingNotFound());
      }
      const tenancy::ApartmentFilter filter{query.building_id, query.offset, query.limit};
      page.count = tenancy::CountApartments(sql, scope, filter);
      apartments = tenancy::SelectApartments(sql, scope, filter);
    }
    if (apartments.empty()) {
      return page;
    }

    std::vector<std::int64_t> ids;
    for (const auto& apartment : apartments) {
      ids.push_back(apartment.id);
    }
    OnlineSide side;
    LoadCharges(sql, scope.tenant_id(), IdList(ids), side);
    LoadPayments(sql, scope.tenant_id(), IdList(ids), side);

    for (const auto& apartment : apartments) {
      const auto entries = finance::SelectApartmentEntries(sql, scope, apartment.id);
      nlohmann::json charges = nlohmann::json::array();
      for (auto& [id, charge] : side.charges) {
        if (charge["apartment_id"] == apartment.id) {
          charge["answer"] = Verdict(charge);
          charges.push_back(charge);
        }
      }
      nlohmann::json timeline = Timeline(entries, side);
      const nlohmann::json balance =
          timeline.empty() ? nlohmann::json("0.00") : timeline.back()["balance"];
      page.apartments.push_back({{"apartment_id", apartment.id},
                                 {"building_id", apartment.building_id},
                                 {"number", apartment.number},
                                 {"balance", balance},
                                 {"timeline", std::move(timeline)},
                                 {"online_charges", std::move(charges)}});
    }
    return page;
  });
}

}  // namespace concierge::payments
