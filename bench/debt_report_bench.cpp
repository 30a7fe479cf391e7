// Server-side time of the debt report on an imported office, without HTTP.
// The database comes from bench/run-debt-report.sh (CONCIERGE_BENCH_DB).

#include <cstdlib>
#include <stdexcept>

#include <benchmark/benchmark.h>

#include "accounts/scope_factory.hpp"
#include "core/clock.hpp"
#include "finance/debt_report.hpp"
#include "finance/report_format.hpp"
#include "storage/database.hpp"
#include "tenancy/repository.hpp"

namespace concierge {
namespace {

struct Office {
  std::unique_ptr<storage::Database> db;
  std::int64_t tenant_id = 0;
  std::int64_t building_id = 0;
};

Office& TheOffice() {
  static Office office = [] {
    const char* path = std::getenv("CONCIERGE_BENCH_DB");
    const char* slug = std::getenv("CONCIERGE_BENCH_TENANT");
    if (path == nullptr || slug == nullptr) {
      throw std::runtime_error("set CONCIERGE_BENCH_DB and CONCIERGE_BENCH_TENANT");
    }
    Office opened;
    opened.db = std::move(
        *storage::Database::Open(*storage::ParseDatabaseUrl(std::string("sqlite://") + path), 2));
    auto tenant =
        opened.db->Read([&](soci::session& sql) { return tenancy::FindTenantBySlug(sql, slug); });
    opened.tenant_id = tenant->id;
    const Scope scope = accounts::ScopeFactory::ForOperator(opened.tenant_id);
    opened.building_id = opened.db->Read(
        [&](soci::session& sql) { return tenancy::SelectBuildings(sql, scope).front().id; });
    return opened;
  }();
  return office;
}

// `cached`: the service keeps its reports between iterations, as the server
// does between requests; otherwise every iteration builds from the database.
void RunReport(benchmark::State& state, bool one_building, const char* as_of, bool cached) {
  Office& office = TheOffice();
  ManualClock clock(*ParseTimestamp("2025-12-05T12:00:00Z"));
  auto reports = std::make_unique<finance::DebtReportService>(*office.db, clock);
  const Scope scope = accounts::ScopeFactory::ForOperator(office.tenant_id);
  const auto building =
      one_building ? std::optional<std::int64_t>(office.building_id) : std::nullopt;
  std::size_t bytes = 0;
  for (auto _ : state) {
    if (!cached) {
      reports = std::make_unique<finance::DebtReportService>(*office.db, clock);
    }
    auto report = reports->Build(scope, building, *ParseDate(as_of));
    const std::string body = finance::DebtReportJson(**report).dump();
    bytes = body.size();
    benchmark::DoNotOptimize(body.data());
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}

void BM_DebtReportOneBuildingToday(benchmark::State& state) {
  RunReport(state, true, "2025-12-05", true);
}
void BM_DebtReportOneBuildingTodayUncached(benchmark::State& state) {
  RunReport(state, true, "2025-12-05", false);
}
void BM_DebtReportWholeOfficeToday(benchmark::State& state) {
  RunReport(state, false, "2025-12-05", true);
}
void BM_DebtReportWholeOfficeTodayUncached(benchmark::State& state) {
  RunReport(state, false, "2025-12-05", false);
}
// An as_of in the past replays every entry up to it.
void BM_DebtReportOneBuildingInThePastUncached(benchmark::State& state) {
  RunReport(state, true, "2025-06-30", false);
}
void BM_DebtReportWholeOfficeInThePastUncached(benchmark::State& state) {
  RunReport(state, false, "2025-06-30", false);
}

BENCHMARK(BM_DebtReportOneBuildingToday)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DebtReportOneBuildingTodayUncached)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DebtReportWholeOfficeToday)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DebtReportWholeOfficeTodayUncached)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DebtReportOneBuildingInThePastUncached)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DebtReportWholeOfficeInThePastUncached)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace concierge

BENCHMARK_MAIN();
