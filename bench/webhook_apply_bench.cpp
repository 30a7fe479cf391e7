// Server-side cost of one Stripe event, without HTTP or signature: a new
// payment_intent.succeeded (stored, applied, ledger credit posted, committed
// durably) and a replay of one already applied. One thread, so each event
// pays for its own commit; the server shares commits between concurrent
// events (storage::GroupCommit). The database comes from
// bench/run-webhooks.sh (CONCIERGE_BENCH_DB, office 1 seeded by seed-demo).

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/flags.hpp"
#include "payments/webhook.hpp"
#include "storage/database.hpp"

namespace concierge {
namespace {

constexpr int kEvents = 2000;

std::unique_ptr<storage::Database> OpenBenchDatabase() {
  const char* path = std::getenv("CONCIERGE_BENCH_DB");
  if (path == nullptr) {
    throw std::runtime_error("set CONCIERGE_BENCH_DB");
  }
  return std::move(
      *storage::Database::Open(*storage::ParseDatabaseUrl(std::string("sqlite://") + path), 2));
}

// One open charge of 50.00 per event, over the apartments of office 1.
std::vector<std::string> PrepareEvents(storage::Database& db, long long created) {
  const std::string run = RandomToken(6);
  return db.Write([&](soci::session& sql) {
    std::vector<long long> apartments(100000);
    std::vector<long long> buildings(100000);
    std::vector<std::string> currencies(100000);
    sql << "SELECT a.id, a.building_id, b.currency FROM apartments a JOIN buildings b"
           " ON b.id = a.building_id WHERE a.tenant_id = 1 ORDER BY a.id",
        soci::into(apartments), soci::into(buildings), soci::into(currencies);
    std::vector<std::string> payloads;
    for (int i = 0; i < kEvents; ++i) {
      const std::size_t at = i % apartments.size();
      sql << "INSERT INTO online_charges (tenant_id, building_id, apartment_id, amount_cents,"
             " currency, description, created_at) VALUES (1, :b, :a, 5000, :c, 'bench',"
             " '2026-01-01T00:00:00Z')",
          soci::use(buildings[at]), soci::use(apartments[at]), soci::use(currencies[at]);
      const long long charge = storage::LastInsertId(sql);
      const std::string suffix = run + "_" + std::to_string(i);
      const nlohmann::json event = {
          {"id", "evt_apply_" + suffix},
          {"type", "payment_intent.succeeded"},
          {"created", created},
          {"data",
           {{"object",
             {{"id", "pi_apply_" + suffix},
              {"amount", 5000},
              {"amount_received", 5000},
              {"currency", currencies[at]},
              {"metadata", {{"tenant_id", "1"}, {"online_charge_id", std::to_string(charge)}}}}}}}};
      payloads.push_back(event.dump());
    }
    return payloads;
  });
}

// Shared by the threads of one benchmark run.
struct Setup {
  std::unique_ptr<storage::Database> db;
  SystemClock clock;
  FeatureFlags flags;
  std::unique_ptr<payments::WebhookProcessor> webhooks;
  std::vector<std::string> payloads;
  std::atomic<std::size_t> next{0};
};
Setup* setup = nullptr;

void ReceiveEvents(benchmark::State& state, bool replay) {
  if (state.thread_index() == 0) {
    InitCrypto();
    setup = new Setup;
    setup->db = OpenBenchDatabase();
    setup->flags.Set(Flag::kLedgerSync, true);
    setup->webhooks =
        std::make_unique<payments::WebhookProcessor>(*setup->db, setup->clock, setup->flags);
    const auto now = setup->clock.Now().time_since_epoch();
    setup->payloads =
        PrepareEvents(*setup->db, std::chrono::duration_cast<std::chrono::seconds>(now).count());
    if (replay) {
      for (const auto& payload : setup->payloads) {
        (void)setup->webhooks->Receive(payload);
      }
    }
  }

  const auto expected =
      replay ? payments::EventOutcome::kDuplicate : payments::EventOutcome::kProcessed;
  for (auto _ : state) {
    const std::size_t at = setup->next++ % setup->payloads.size();
    auto outcome = setup->webhooks->Receive(setup->payloads[at]);
    if (!outcome || *outcome != expected) {
      state.SkipWithError("an event was not applied as expected");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    delete setup;
  }
}

// Every event is new once: the threads of a run share kEvents events.
BENCHMARK_CAPTURE(ReceiveEvents, new_payment, false)->Iterations(kEvents)->UseRealTime();
BENCHMARK_CAPTURE(ReceiveEvents, new_payment, false)
    ->Iterations(kEvents / 8)
    ->Threads(8)
    ->UseRealTime();
BENCHMARK_CAPTURE(ReceiveEvents, replay, true)->Iterations(kEvents)->UseRealTime();

}  // namespace
}  // namespace concierge

BENCHMARK_MAIN();
