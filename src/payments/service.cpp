#include "payments/service.hpp"

#include "audit/repository.hpp"
#include "finance/ledger_repository.hpp"
#include "finance/ledger_service.hpp"
#include "payments/charge_audit.hpp"
#include "storage/rows.hpp"
#include "tenancy/repository.hpp"
#include "tenancy/service.hpp"

namespace concierge::payments {

using storage::Int;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

Error ChargeNotFound() {
  return Error::NotFound("online_charge_not_found", "No such online charge.");
}

constexpr const char* kChargeColumns =
    "SELECT c.id, c.building_id, c.apartment_id, c.amount_cents, c.currency, c.description,"
    " c.status, c.paid_via, c.paid_at FROM online_charges c";

std::string ChargeWhere(const Scope& scope, const std::string& extra_where) {
  return " WHERE c.tenant_id = :t" + scope.BuildingFilter("c.building_id") +
         scope.ApartmentFilter("c.apartment_id") + extra_where;
}

std::vector<OnlineCharge> SelectCharges(soci::session& sql, const Scope& scope,
                                        const std::string& extra_where, ListWindow window = {}) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kChargeColumns) + ChargeWhere(scope, extra_where) +
                          " ORDER BY c.id DESC LIMIT :l OFFSET :o",
       soci::use(tenant), soci::use(window.limit), soci::use(window.offset));
  std::vector<OnlineCharge> charges;
  for (const auto& row : rows) {
    OnlineCharge charge;
    charge.id = Int(row, 0);
    charge.building_id = Int(row, 1);
    charge.apartment_id = Int(row, 2);
    charge.amount = Int(row, 3);
    charge.currency = Text(row, 4);
    charge.description = Text(row, 5);
    charge.status = Text(row, 6);
    charge.paid_via = OptionalText(row, 7);
    charge.paid_at = OptionalText(row, 8);
    charges.push_back(std::move(charge));
  }
  for (auto& charge : charges) {
    soci::rowset<soci::row> settles =
        (sql.prepare << "SELECT ledger_entry_id FROM online_charge_settles"
                        " WHERE online_charge_id = :c ORDER BY ledger_entry_id",
         soci::use(charge.id));
    for (const auto& row : settles) {
      charge.settles.push_back(Int(row, 0));
    }
  }
  return charges;
}

std::optional<OnlineCharge> SelectCharge(soci::session& sql, const Scope& scope, std::int64_t id) {
  auto found = SelectCharges(sql, scope, " AND c.id = " + std::to_string(id));
  if (found.empty()) {
    return std::nullopt;
  }
  return found.front();
}

}  // namespace

Result<OnlineCharge> PaymentsService::CreateCharge(const Scope& scope, const NewOnlineCharge& input,
                                                   const audit::Actor& actor) {
  if (input.amount <= 0) {
    return Fail(Error::Field("amount", "Must be more than zero."));
  }
  if (input.description.size() > 300) {
    return Fail(Error::Field("description", "At most 300 characters."));
  }
  return db_.Write([&](soci::session& sql) -> Result<OnlineCharge> {
    const auto apartment = tenancy::SelectApartment(sql, scope, input.apartment_id);
    if (!apartment) {
      return Fail(Error{ErrorKind::kInvalidInput,
                        "apartment_not_found",
                        "No such apartment.",
                        {{"apartment_id", "No such apartment."}}});
    }
    const auto building = tenancy::SelectBuilding(sql, scope, apartment->building_id);
    for (std::int64_t entry_id : input.settles) {
      const auto entry = finance::SelectEntry(sql, scope, entry_id);
      if (!entry || entry->apartment_id != apartment->id ||
          entry->kind != finance::EntryKind::kCharge) {
        return Fail(Error::Field("settles", "Entry " + std::to_string(entry_id) +
                                                " is not a charge of this apartment."));
      }
    }

    std::int64_t tenant = scope.tenant_id();
    const std::string now = FormatTimestamp(clock_.Now());
    std::int64_t created_by = scope.user_id();
    soci::indicator by_null = created_by > 0 ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO online_charges (tenant_id, building_id, apartment_id, amount_cents,"
           " currency, description, created_by, created_at)"
           " VALUES (:t, :b, :a, :amt, :cur, :d, :by, :now)",
        soci::use(tenant), soci::use(apartment->building_id), soci::use(apartment->id),
        soci::use(input.amount), soci::use(building->currency), soci::use(input.description),
        soci::use(created_by, by_null), soci::use(now);
    const std::int64_t id = storage::LastInsertId(sql);
    for (std::int64_t entry_id : input.settles) {
      sql << "INSERT OR IGNORE INTO online_charge_settles (tenant_id, online_charge_id,"
             " ledger_entry_id) VALUES (:t, :c, :e)",
          soci::use(tenant), soci::use(id), soci::use(entry_id);
    }

    AuditCharge(sql, clock_, actor, tenant, apartment->building_id, id, "online_charge.created",
                {{"apartment_id", apartment->id}, {"amount", FormatAmount(input.amount)}});
    return *SelectCharge(sql, scope, id);
  });
}

Result<OnlineCharge> PaymentsService::GetCharge(const Scope& scope, std::int64_t id) {
  auto charge = db_.Read([&](soci::session& sql) { return SelectCharge(sql, scope, id); });
  if (!charge) {
    return Fail(ChargeNotFound());
  }
  return *charge;
}

Listed<OnlineCharge> PaymentsService::ListCharges(const Scope& scope,
                                                  std::optional<std::int64_t> apartment_id,
                                                  std::optional<std::string> status,
                                                  ListWindow window) {
  std::string where;
  if (apartment_id) {
    where += " AND c.apartment_id = " + std::to_string(*apartment_id);
  }
  if (status == "open" || status == "paid") {
    where += " AND c.status = '" + *status + "'";
  }
  return db_.Read([&](soci::session& sql) {
    Listed<OnlineCharge> listed;
    const std::int64_t tenant = scope.tenant_id();
    long long count = 0;
    sql << "SELECT count(*) FROM online_charges c" + ChargeWhere(scope, where), soci::use(tenant),
        soci::into(count);
    listed.count = count;
    listed.items = SelectCharges(sql, scope, where, window);
    return listed;
  });
}

Result<std::pair<OnlineCharge, bool>> PaymentsService::MarkPaid(const Scope& scope, std::int64_t id,
                                                                const MarkPaidInput& input,
                                                                const audit::Actor& actor) {
  if (!finance::IsPaymentMethod(input.method)) {
    return Fail(Error::Field("method", "One of cash, bank_transfer, card, other."));
  }
  if (input.reference.size() > 100 || input.note.size() > 500) {
    return Fail(Error::Field("note", "Reference up to 100 and note up to 500 characters."));
  }
  return db_.Write([&](soci::session& sql) -> Result<std::pair<OnlineCharge, bool>> {
    auto charge = SelectCharge(sql, scope, id);
    if (!charge) {
      return Fail(ChargeNotFound());
    }
    if (charge->paid_via == "online") {
      return Fail(Error::Conflict("already_paid_online",
                                  "The charge was paid online; it cannot be marked paid."));
    }

    audit::Event event;
    event.tenant_id = scope.tenant_id();
    event.building_id = charge->building_id;
    event.actor = actor;
    event.action = "online_charge.marked_paid";
    event.target_type = "online_charge";
    event.target_id = std::to_string(id);
    event.detail = {{"amount", FormatAmount(charge->amount)},
                    {"method", input.method},
                    {"date", FormatDate(input.date)},
                    {"reference", input.reference},
                    {"note", input.note}};
    if (charge->status == "paid") {
      event.detail["changed"] = false;
      audit::Append(sql, event, clock_);
      return std::make_pair(*charge, false);
    }

    std::optional<std::int64_t> entry_id;
    if (flags_.IsOn(Flag::kLedgerSync)) {
      finance::LedgerEntry credit;
      credit.apartment_id = charge->apartment_id;
      credit.kind = finance::EntryKind::kPayment;
      credit.entry_date = input.date;
      credit.amount = -charge->amount;
      credit.method = input.method;
      credit.description = input.note.empty() ? "Marked paid" : input.note;
      credit.reference = "online-charge:" + std::to_string(id);
      credit.source = "manual";
      CONCIERGE_TRY(posted, finance::PostInTransaction(sql, scope, std::move(credit), actor,
                                                       "ledger.payment_recorded", clock_));
      entry_id = posted->id;
      event.detail["ledger_entry_id"] = posted->id;
    }
    const std::string now = FormatTimestamp(clock_.Now());
    const std::string date = FormatDate(input.date);
    std::int64_t entry = entry_id.value_or(0);
    soci::indicator entry_null = entry_id ? soci::i_ok : soci::i_null;
    sql << "UPDATE online_charges SET status = 'paid', paid_via = 'manual', paid_at = :now,"
           " manual_method = :m, manual_date = :d, manual_reference = :r, manual_note = :n,"
           " manual_ledger_entry_id = :e WHERE id = :id",
        soci::use(now), soci::use(input.method), soci::use(date), soci::use(input.reference),
        soci::use(input.note), soci::use(entry, entry_null), soci::use(id);
    event.detail["changed"] = true;
    audit::Append(sql, event, clock_);
    return std::make_pair(*SelectCharge(sql, scope, id), true);
  });
}

Listed<OnlinePayment> PaymentsService::ListPayments(const Scope& scope,
                                                    std::optional<std::int64_t> apartment_id,
                                                    ListWindow window) {
  return db_.Read([&](soci::session& sql) {
    const std::int64_t tenant = scope.tenant_id();
    std::string where = " WHERE p.tenant_id = :t" + scope.BuildingFilter("p.building_id") +
                        scope.ApartmentFilter("p.apartment_id");
    if (apartment_id) {
      where += " AND p.apartment_id = " + std::to_string(*apartment_id);
    }
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT p.id, p.apartment_id, p.online_charge_id, p.payment_intent_id,"
                        " p.checkout_session_id, p.amount_cents, p.currency, p.status,"
                        " p.amount_refunded_cents, p.mismatch, c.ledger_entry_id, p.created_at"
                        " FROM online_payments p LEFT JOIN online_payment_credits c"
                        " ON c.online_payment_id = p.id" +
                            where + " ORDER BY p.id DESC LIMIT :l OFFSET :o",
         soci::use(tenant), soci::use(window.limit), soci::use(window.offset));
    Listed<OnlinePayment> listed;
    for (const auto& row : rows) {
      listed.items.push_back({Int(row, 0), Int(row, 1), Int(row, 2), Text(row, 3),
                              OptionalText(row, 4), Int(row, 5), Text(row, 6), Text(row, 7),
                              Int(row, 8), OptionalText(row, 9), OptionalInt(row, 10),
                              Text(row, 11)});
    }
    long long count = 0;
    sql << "SELECT count(*) FROM online_payments p" + where, soci::use(tenant), soci::into(count);
    listed.count = count;
    return listed;
  });
}

Listed<StripeEvent> PaymentsService::ListEvents(const Scope& scope,
                                                std::optional<std::string> outcome,
                                                ListWindow window) {
  return db_.Read([&](soci::session& sql) {
    const std::int64_t tenant = scope.tenant_id();
    const std::string wanted = outcome.value_or("");
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT event_id, type, stripe_created, received_at, processed_at,"
                        " outcome, error, attempts, payload_hash FROM stripe_events"
                        " WHERE tenant_id = :t AND (:o = '' OR outcome = :o2)"
                        " ORDER BY received_at DESC, event_id DESC LIMIT :l OFFSET :off",
         soci::use(tenant), soci::use(wanted), soci::use(wanted), soci::use(window.limit),
         soci::use(window.offset));
    Listed<StripeEvent> listed;
    for (const auto& row : rows) {
      listed.items.push_back({Text(row, 0), Text(row, 1), Int(row, 2), Text(row, 3),
                              OptionalText(row, 4), Text(row, 5), OptionalText(row, 6),
                              static_cast<int>(Int(row, 7)), Text(row, 8)});
    }
    long long count = 0;
    sql << "SELECT count(*) FROM stripe_events WHERE tenant_id = :t AND (:o = '' OR outcome = :o2)",
        soci::use(tenant), soci::use(wanted), soci::use(wanted), soci::into(count);
    listed.count = count;
    return listed;
  });
}

}  // namespace concierge::payments
