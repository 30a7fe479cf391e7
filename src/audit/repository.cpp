#include "audit/repository.hpp"

#include "storage/prepared.hpp"
#include "storage/rows.hpp"

namespace concierge::audit {

using storage::Int;
using storage::NullIf;
using storage::OptionalInt;
using storage::Text;

namespace {

// Filters are bound as parameters; only their presence shapes the SQL.
std::string Where(const EventFilter& filter) {
  std::string where = " WHERE tenant_id = :tenant";
  if (filter.target_type) {
    where += " AND target_type = :target_type";
  }
  if (filter.target_id) {
    where += " AND target_id = :target_id";
  }
  if (filter.action) {
    where += " AND action = :action";
  }
  return where;
}

template <typename Statement>
void BindFilter(Statement& statement, const std::int64_t& tenant, const EventFilter& filter) {
  statement.exchange(soci::use(tenant, "tenant"));
  if (filter.target_type) {
    statement.exchange(soci::use(*filter.target_type, "target_type"));
  }
  if (filter.target_id) {
    statement.exchange(soci::use(*filter.target_id, "target_id"));
  }
  if (filter.action) {
    statement.exchange(soci::use(*filter.action, "action"));
  }
}

}  // namespace

void Append(soci::session& sql, const Event& event, const Clock& clock) {
  std::int64_t tenant = event.tenant_id.value_or(0);
  std::int64_t building = event.building_id.value_or(0);
  std::int64_t user = event.actor.user_id.value_or(0);
  soci::indicator tenant_null = NullIf(event.tenant_id);
  soci::indicator building_null = NullIf(event.building_id);
  soci::indicator user_null = NullIf(event.actor.user_id);
  const std::string detail = event.detail.dump();
  const std::string now = FormatTimestamp(clock.Now());
  storage::Execute(sql,
                   "INSERT INTO audit_events (tenant_id, building_id, actor_user_id, actor, action,"
                   " target_type, target_id, request_id, client_address, detail, created_at)"
                   " VALUES (:t, :b, :u, :actor, :action, :tt, :tid, :rid, :addr, :detail, :at)",
                   soci::use(tenant, tenant_null), soci::use(building, building_null),
                   soci::use(user, user_null), soci::use(event.actor.name), soci::use(event.action),
                   soci::use(event.target_type), soci::use(event.target_id),
                   soci::use(event.actor.request_id), soci::use(event.actor.client_address),
                   soci::use(detail), soci::use(now));
}

std::int64_t CountEvents(soci::session& sql, const Scope& scope, const EventFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  soci::statement statement(sql);
  statement.alloc();
  BindFilter(statement, tenant, filter);
  statement.exchange(soci::into(count));
  statement.prepare("SELECT count(*) FROM audit_events" + Where(filter));
  statement.define_and_bind();
  statement.execute(true);
  return count;
}

std::vector<Event> SelectEvents(soci::session& sql, const Scope& scope, const EventFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  soci::row row;
  soci::statement statement(sql);
  statement.alloc();
  BindFilter(statement, tenant, filter);
  statement.exchange(soci::into(row));
  statement.prepare(
      "SELECT id, tenant_id, building_id, actor_user_id, actor, action, target_type, target_id,"
      " request_id, client_address, detail, created_at FROM audit_events" +
      Where(filter) + " ORDER BY id DESC LIMIT " + std::to_string(filter.limit) + " OFFSET " +
      std::to_string(filter.offset));
  statement.define_and_bind();
  statement.execute(false);

  std::vector<Event> events;
  while (statement.fetch()) {
    Event event;
    event.id = Int(row, 0);
    event.tenant_id = OptionalInt(row, 1);
    event.building_id = OptionalInt(row, 2);
    event.actor.user_id = OptionalInt(row, 3);
    event.actor.name = Text(row, 4);
    event.action = Text(row, 5);
    event.target_type = Text(row, 6);
    event.target_id = Text(row, 7);
    event.actor.request_id = Text(row, 8);
    event.actor.client_address = Text(row, 9);
    event.detail = nlohmann::json::parse(Text(row, 10), nullptr, false);
    event.created_at = Text(row, 11);
    events.push_back(std::move(event));
  }
  return events;
}

}  // namespace concierge::audit
