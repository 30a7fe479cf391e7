// Load generator for the Stripe webhook: distinct signed
// payment_intent.succeeded events posted over HTTP by several threads, each
// event optionally sent several times at once (a replay storm). Afterwards it
// counts ledger credits in the database: exactly one per distinct event.
//
//   webhook_load DB_PATH BASE_URL WHSEC EVENTS THREADS COPIES
//
// bench/run-webhooks.sh prepares the server and runs it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "payments/stripe_signature.hpp"
#include "storage/database.hpp"

namespace {

std::size_t Discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

struct Delivery {
  const std::string* payload;
  const std::string* signature;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace concierge;
  if (argc != 7) {
    std::fprintf(stderr, "usage: webhook_load DB_PATH BASE_URL WHSEC EVENTS THREADS COPIES\n");
    return 2;
  }
  const std::string db_path = argv[1];
  const std::string url = std::string(argv[2]) + "/api/online-payments/webhooks/stripe/";
  const std::string secret = argv[3];
  const int events = std::stoi(argv[4]);
  const int threads = std::stoi(argv[5]);
  const int copies = std::stoi(argv[6]);
  InitCrypto();
  curl_global_init(CURL_GLOBAL_DEFAULT);

  // One open charge of 50.00 per event, spread over the apartments of office 1
  // as real payments are.
  auto db =
      std::move(*storage::Database::Open(*storage::ParseDatabaseUrl("sqlite://" + db_path), 1));
  const std::string run = RandomToken(6);
  std::vector<long long> charges = db->Write([&](soci::session& sql) {
    std::vector<long long> apartments(100000);
    std::vector<long long> buildings(100000);
    std::vector<std::string> currencies(100000);
    sql << "SELECT a.id, a.building_id, b.currency FROM apartments a JOIN buildings b"
           " ON b.id = a.building_id WHERE a.tenant_id = 1 ORDER BY a.id",
        soci::into(apartments), soci::into(buildings), soci::into(currencies);
    std::vector<long long> ids;
    for (int i = 0; i < events; ++i) {
      long long apartment = apartments[i % apartments.size()];
      long long building = buildings[i % apartments.size()];
      std::string currency = currencies[i % apartments.size()];
      sql << "INSERT INTO online_charges (tenant_id, building_id, apartment_id, amount_cents,"
             " currency, description, created_at) VALUES (1, :b, :a, 5000, :c, 'bench',"
             " '2026-01-01T00:00:00Z')",
          soci::use(building), soci::use(apartment), soci::use(currency);
      ids.push_back(storage::LastInsertId(sql));
    }
    return ids;
  });

  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  std::vector<std::string> payloads;
  std::vector<std::string> signatures;
  for (int i = 0; i < events; ++i) {
    const nlohmann::json event = {
        {"id", "evt_bench_" + run + "_" + std::to_string(i)},
        {"type", "payment_intent.succeeded"},
        {"created", now},
        {"data",
         {{"object",
           {{"id", "pi_bench_" + run + "_" + std::to_string(i)},
            {"amount", 5000},
            {"amount_received", 5000},
            {"currency", "eur"},
            {"metadata",
             {{"tenant_id", "1"}, {"online_charge_id", std::to_string(charges[i])}}}}}}}};
    payloads.push_back(event.dump());
    signatures.push_back("Stripe-Signature: " +
                         payments::SignStripePayload(payloads.back(), secret, now));
  }

  // Copies of one event sit next to each other, so they race on the server.
  std::vector<Delivery> work;
  for (int i = 0; i < events; ++i) {
    for (int c = 0; c < copies; ++c) {
      work.push_back({&payloads[i], &signatures[i]});
    }
  }

  std::atomic<std::size_t> next{0};
  std::atomic<int> non_2xx{0};
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      CURL* curl = curl_easy_init();
      curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
      curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
      for (std::size_t i = next++; i < work.size(); i = next++) {
        curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
        headers = curl_slist_append(headers, work[i].signature->c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, work[i].payload->c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(work[i].payload->size()));
        long status = 0;
        if (curl_easy_perform(curl) == CURLE_OK) {
          curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        }
        if (status < 200 || status >= 300) {
          ++non_2xx;
        }
        curl_slist_free_all(headers);
      }
      curl_easy_cleanup(curl);
    });
  }
  for (auto& thread : pool) {
    thread.join();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const auto [credits, duplicates] = db->Read([&](soci::session& sql) {
    const std::string pattern = "stripe:pi_bench_" + run + "_%";
    long long count = 0;
    long long repeated = 0;
    sql << "SELECT count(*) FROM ledger_entries WHERE reference LIKE :p", soci::use(pattern),
        soci::into(count);
    sql << "SELECT count(*) FROM (SELECT reference FROM ledger_entries WHERE reference LIKE :p"
           " GROUP BY apartment_id, reference HAVING count(*) > 1)",
        soci::use(pattern), soci::into(repeated);
    return std::make_pair(count, repeated);
  });
  std::printf(
      "%d distinct events x %d copies, %d threads: %.0f distinct events/s, %.0f"
      " requests/s, %d non-2xx, %lld ledger credits, %lld duplicated\n",
      events, copies, threads, events / seconds, work.size() / seconds, non_2xx.load(), credits,
      duplicates);
  return credits == events && duplicates == 0 && non_2xx == 0 ? 0 : 1;
}
