#pragma once

// An office with one building and apartment, the payments services on a
// real database, and builders of Stripe events, for the payments tests.

#include <gtest/gtest.h>

#include "audit/repository.hpp"
#include "finance/ledger_service.hpp"
#include "payments/service.hpp"
#include "payments/webhook.hpp"
#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::payments {

class PaymentsFixture : public ::testing::Test {
 protected:
  PaymentsFixture()
      : clock_(*ParseTimestamp("2026-03-01T12:00:00Z")),
        office_(ScopeForTesting::Office(database_.AddTenant("office"))),
        tenancy_(database_.db()),
        ledger_(database_.db(), clock_),
        payments_(database_.db(), clock_, flags_),
        webhooks_(database_.db(), clock_, flags_) {
    flags_.Set(Flag::kLedgerSync, true);
    tenancy::Building building;
    building.code = "B1";
    building.name = "B1";
    building_ = tenancy_.CreateBuilding(office_, building)->id;
    tenancy::Apartment apartment;
    apartment.building_id = building_;
    apartment.number = "1A";
    apartment_ = tenancy_.CreateApartment(office_, apartment)->id;
  }

  std::int64_t Charge(Cents amount) {
    const auto posted = ledger_.PostCharge(
        office_, apartment_, {amount, *ParseDate("2026-02-01"), *ParseDate("2026-02-10"), "x", {}});
    return payments_.CreateCharge(office_, {apartment_, amount, "February", {posted->id}}, {})->id;
  }

  std::string Event(const std::string& id, const std::string& type, long long created,
                    nlohmann::json object) {
    return nlohmann::json{
        {"id", id}, {"type", type}, {"created", created}, {"data", {{"object", std::move(object)}}}}
        .dump();
  }

  nlohmann::json Metadata(std::int64_t charge) {
    return {{"tenant_id", std::to_string(office_.tenant_id())},
            {"online_charge_id", std::to_string(charge)}};
  }

  std::string Succeeded(const std::string& event, std::int64_t charge, const std::string& pi,
                        Cents amount, long long created = 1'772'366'400) {
    return Event(event, "payment_intent.succeeded", created,
                 {{"id", pi},
                  {"amount", amount},
                  {"amount_received", amount},
                  {"currency", "eur"},
                  {"metadata", Metadata(charge)}});
  }

  std::string Completed(const std::string& event, std::int64_t charge, const std::string& cs,
                        const std::string& pi, Cents amount) {
    return Event(event, "checkout.session.completed", 1'772'366'300,
                 {{"id", cs},
                  {"payment_intent", pi},
                  {"amount_total", amount},
                  {"currency", "eur"},
                  {"payment_status", "paid"},
                  {"metadata", Metadata(charge)}});
  }

  std::string Refunded(const std::string& event, const std::string& pi, Cents refunded) {
    return Event(event, "charge.refunded", 1'772'370'000,
                 {{"id", "ch_" + pi}, {"payment_intent", pi}, {"amount_refunded", refunded}});
  }

  // The apartment's online credits and refund reversals, in posting order.
  std::vector<Cents> OnlineEntries() {
    std::vector<Cents> amounts;
    auto statement = ledger_.GetStatement(office_, apartment_, std::nullopt, std::nullopt);
    for (const auto& line : statement->lines) {
      if (line.entry.source == "online") {
        amounts.push_back(line.entry.amount);
      }
    }
    return amounts;
  }

  Cents Balance() {
    return ledger_.GetStatement(office_, apartment_, std::nullopt, std::nullopt)->closing_balance;
  }

  std::vector<audit::Event> AuditEvents(const std::string& action) {
    return database_.db().Read([&](soci::session& sql) {
      audit::EventFilter filter;
      filter.action = action;
      return audit::SelectEvents(sql, office_, filter);
    });
  }
  std::int64_t AuditCount(const std::string& action) {
    return static_cast<std::int64_t>(AuditEvents(action).size());
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  FeatureFlags flags_;
  Scope office_;
  tenancy::TenancyService tenancy_;
  finance::LedgerService ledger_;
  PaymentsService payments_;
  WebhookProcessor webhooks_;
  std::int64_t building_ = 0;
  std::int64_t apartment_ = 0;
};

}  // namespace concierge::payments
