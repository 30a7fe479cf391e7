#include "storage/prepared.hpp"

#include <mutex>
#include <shared_mutex>

#include <soci/sqlite3/soci-sqlite3.h>

namespace concierge::storage {

namespace {

struct Registry {
  std::shared_mutex mutex;
  std::unordered_map<const soci::session*, StatementCache*> caches;
};

Registry& TheRegistry() {
  static Registry registry;
  return registry;
}

}  // namespace

soci::statement* StatementCache::Get(const std::string& query) {
  auto found = statements_.find(query);
  if (found != statements_.end()) {
    return found->second.get();
  }
  if (statements_.size() >= kMaxStatements) {
    return nullptr;
  }
  auto statement = std::make_unique<soci::statement>(sql_);
  statement->alloc();
  statement->prepare(query);
  return statements_.emplace(query, std::move(statement)).first->second.get();
}

void RegisterStatementCache(const soci::session& sql, StatementCache* cache) {
  Registry& registry = TheRegistry();
  std::unique_lock lock(registry.mutex);
  registry.caches[&sql] = cache;
}

void ForgetStatementCache(const soci::session& sql) {
  Registry& registry = TheRegistry();
  std::unique_lock lock(registry.mutex);
  registry.caches.erase(&sql);
}

StatementCache* StatementCacheOf(const soci::session& sql) {
  Registry& registry = TheRegistry();
  std::shared_lock lock(registry.mutex);
  const auto found = registry.caches.find(&sql);
  return found == registry.caches.end() ? nullptr : found->second;
}

void ReleaseStatement(soci::statement& statement) {
  statement.bind_clean_up();
  // A SELECT stepped once is still running in SQLite and would keep its read
  // snapshot (and block checkpoints) until reset.
  // (SOCI's back-end classes are not exported: reach SQLite's handle directly.)
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement.get_backend());
  if (backend != nullptr && backend->stmt_ != nullptr) {
    sqlite_api::sqlite3_reset(backend->stmt_);
  }
}

}  // namespace concierge::storage
