#include "audit/service.hpp"

#include <gtest/gtest.h>

#include "scope_for_testing.hpp"
#include "test_database.hpp"

namespace concierge::audit {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  AuditTest()
      : clock_(*ParseTimestamp("2026-01-01T10:00:00Z")),
        service_(database_.db(), clock_),
        office_(database_.AddTenant("office")),
        other_(database_.AddTenant("other")) {}

  Event Make(std::int64_t tenant, const std::string& action, const std::string& target) {
    Event event;
    event.tenant_id = tenant;
    event.actor = {7, "maria@example.com", "req-1", "127.0.0.1"};
    event.action = action;
    event.target_type = "ledger_entry";
    event.target_id = target;
    event.detail = {{"amount", "10.00"}};
    return event;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  AuditService service_;
  std::int64_t office_;
  std::int64_t other_;
};

TEST_F(AuditTest, EventsAreListedNewestFirstAndFilteredWithinTheOffice) {
  service_.Record(Make(office_, "ledger.payment_recorded", "1"));
  service_.Record(Make(office_, "ledger.entry_reversed", "1"));
  service_.Record(Make(office_, "ledger.payment_recorded", "2"));
  service_.Record(Make(other_, "ledger.payment_recorded", "3"));

  const Scope scope = ScopeForTesting::Office(office_);
  const auto [count, events] = service_.List(scope, {});
  EXPECT_EQ(count, 3);
  EXPECT_EQ(events.front().target_id, "2");
  EXPECT_EQ(events.front().actor.request_id, "req-1");
  EXPECT_EQ(events.front().detail["amount"], "10.00");
  EXPECT_EQ(events.front().created_at, "2026-01-01T10:00:00Z");

  EventFilter by_target;
  by_target.target_type = "ledger_entry";
  by_target.target_id = "1";
  EXPECT_EQ(service_.List(scope, by_target).first, 2);
  EventFilter by_action;
  by_action.action = "ledger.entry_reversed";
  EXPECT_EQ(service_.List(scope, by_action).first, 1);
}

TEST_F(AuditTest, EventsCannotBeChangedOrRemoved) {
  service_.Record(Make(office_, "ledger.payment_recorded", "1"));
  EXPECT_THROW(database_.db().Write(
                   [](soci::session& sql) { sql << "UPDATE audit_events SET action = 'nothing'"; }),
               soci::soci_error);
  EXPECT_THROW(database_.db().Write([](soci::session& sql) { sql << "DELETE FROM audit_events"; }),
               soci::soci_error);
}

}  // namespace
}  // namespace concierge::audit
