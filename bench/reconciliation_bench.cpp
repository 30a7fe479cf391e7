// Reconciliation of an office with many online payments, server side.
//
// The office is written straight into a fresh database (a fixture, not a
// scenario): N apartments' charges, each paid online with its ledger credit,
// and one payment in a hundred left without its credit, as if received while
// ledger sync was off.
//
//   reconciliation_bench [--benchmark_...]     (CONCIERGE_BENCH_DB: a path to create)

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <benchmark/benchmark.h>

#include "accounts/scope_factory.hpp"
#include "core/clock.hpp"
#include "payments/reconciliation.hpp"
#include "storage/migrations.hpp"

namespace concierge {
namespace {

constexpr int kPayments = 100'000;
constexpr int kApartments = 2'000;

std::unique_ptr<storage::Database> BuildOffice(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix);
  }
  auto db = std::move(*storage::Database::Open(*storage::ParseDatabaseUrl("sqlite://" + path), 2));
  if (!storage::Migrate(*db)) {
    throw std::runtime_error("migration failed");
  }
  db->Write([](soci::session& sql) {
    sql << "INSERT INTO tenants (id, slug, name) VALUES (1, 'bench', 'Bench')";
    sql << "INSERT INTO buildings (id, tenant_id, code, name, currency, timezone)"
           " VALUES (1, 1, 'B1', 'Bench', 'EUR', 'UTC')";
    for (int a = 1; a <= kApartments; ++a) {
      const std::string number = std::to_string(a);
      sql << "INSERT INTO apartments (id, tenant_id, building_id, number) VALUES (:id, 1, 1, :n)",
          soci::use(a), soci::use(number);
    }

    long long entry = 0;
    for (int p = 1; p <= kPayments; ++p) {
      const int apartment = 1 + p % kApartments;
      const std::string intent = "pi_bench_" + std::to_string(p);
      const long long charge_entry = ++entry;
      sql << "INSERT INTO ledger_entries (id, tenant_id, building_id, apartment_id, kind,"
             " entry_date, due_date, amount_cents) VALUES (:id, 1, 1, :a, 'charge', '2026-01-01',"
             " '2026-01-10', 5000)",
          soci::use(charge_entry), soci::use(apartment);
      sql << "INSERT INTO online_charges (id, tenant_id, building_id, apartment_id, amount_cents,"
             " currency, status, paid_via, created_at) VALUES (:id, 1, 1, :a, 5000, 'EUR', 'paid',"
             " 'online', '2026-01-01T00:00:00Z')",
          soci::use(p), soci::use(apartment);
      sql << "INSERT INTO online_payments (id, tenant_id, building_id, apartment_id,"
             " online_charge_id, payment_intent_id, amount_cents, currency, status,"
             " status_event_created, created_at, updated_at) VALUES (:id, 1, 1, :a, :c, :pi, 5000,"
             " 'EUR', 'succeeded', 1, '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z')",
          soci::use(p), soci::use(apartment), soci::use(p), soci::use(intent);
      if (p % 100 == 0) {
        continue;  // received while ledger sync was off
      }
      const long long credit = ++entry;
      const std::string reference = "stripe:" + intent;
      sql << "INSERT INTO ledger_entries (id, tenant_id, building_id, apartment_id, kind,"
             " entry_date, amount_cents, reference, method, source) VALUES (:id, 1, 1, :a,"
             " 'payment', '2026-01-02', -5000, :r, 'card', 'online')",
          soci::use(credit), soci::use(apartment), soci::use(reference);
      sql << "INSERT INTO online_payment_credits (tenant_id, online_payment_id, ledger_entry_id)"
             " VALUES (1, :p, :e)",
          soci::use(p), soci::use(credit);
    }
  });
  return db;
}

void ReconcileOffice(benchmark::State& state) {
  const char* path = std::getenv("CONCIERGE_BENCH_DB");
  if (path == nullptr) {
    state.SkipWithError("set CONCIERGE_BENCH_DB to a path the benchmark may create");
    return;
  }
  static auto db = BuildOffice(path);
  SystemClock clock;
  payments::ReconciliationService reconciliation(*db, clock);
  const Scope scope = accounts::ScopeFactory::ForOperator(1);

  std::size_t mismatches = 0;
  for (auto _ : state) {
    auto report = reconciliation.Reconcile(scope, std::nullopt);
    mismatches = report->mismatches.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["payments"] = kPayments;
  state.counters["mismatches"] = static_cast<double>(mismatches);
}

BENCHMARK(ReconcileOffice)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace concierge

BENCHMARK_MAIN();
