#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#include <soci/soci.h>

namespace concierge::storage {

// Statements prepared once per session and run many times.
//
// SOCI prepares a statement afresh on every `sql << ...`; for the short
// statements of a hot path (a Stripe event runs about twenty), preparing costs
// as much as running them. A Database gives each of its sessions a cache;
// Execute() finds it by the session.
class StatementCache {
 public:
  explicit StatementCache(soci::session& sql) : sql_(sql) {}

  // The prepared statement for `query`, bound to nothing; nullptr when the
  // cache is full and `query` is not in it (the caller runs it uncached).
  soci::statement* Get(const std::string& query);

 private:
  // Text built with varying ids would grow the cache without bound; past this
  // many statements new text is not kept (and the hot ones stay).
  static constexpr std::size_t kMaxStatements = 256;

  soci::session& sql_;
  std::unordered_map<std::string, std::unique_ptr<soci::statement>> statements_;
};

// Which cache belongs to a session (Database registers and forgets its own).
void RegisterStatementCache(const soci::session& sql, StatementCache* cache);
void ForgetStatementCache(const soci::session& sql);
[[nodiscard]] StatementCache* StatementCacheOf(const soci::session& sql);

// Frees a cached statement's bindings and resets it, so that it holds no read
// snapshot open and can be bound again. SQLite sessions only (Database serves
// no other dialect yet).
void ReleaseStatement(soci::statement& statement);

// Runs `query` like `sql << query, exchanges...` (soci::use / soci::into,
// fetching at most one row) on a statement prepared once per session.
// Returns whether a row was fetched. Use it for fixed query text only.
template <typename... Exchanges>
bool Execute(soci::session& sql, const std::string& query, Exchanges&&... exchanges) {
  StatementCache* cache = StatementCacheOf(sql);
  soci::statement* cached = cache != nullptr ? cache->Get(query) : nullptr;
  if (cached == nullptr) {
    soci::statement once(sql);
    once.alloc();
    once.prepare(query);
    (once.exchange(std::forward<Exchanges>(exchanges)), ...);
    once.define_and_bind();
    return once.execute(true);
  }

  soci::statement& statement = *cached;
  struct Release {
    soci::statement& statement;
    ~Release() { ReleaseStatement(statement); }
  } release{statement};
  (statement.exchange(std::forward<Exchanges>(exchanges)), ...);
  statement.define_and_bind();
  return statement.execute(true);
}

}  // namespace concierge::storage
