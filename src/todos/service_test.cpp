#include "todos/service.hpp"

#include <gtest/gtest.h>

#include "accounts/service.hpp"
#include "scope_for_testing.hpp"
#include "tenancy/service.hpp"
#include "test_database.hpp"

namespace concierge::todos {
namespace {

Date D(const char* text) {
  return *ParseDate(text);
}

class TodoServiceTest : public ::testing::Test {
 protected:
  TodoServiceTest()
      : clock_(*ParseTimestamp("2026-03-01T09:00:00Z")),
        tenancy_(database_.db()),
        todos_(database_.db(), clock_),
        tenant_(database_.AddTenant("office")),
        office_(ScopeForTesting::Office(tenant_)) {
    for (const char* code : {"B1", "B2"}) {
      tenancy::Building building;
      building.code = code;
      building.name = code;
      buildings_.push_back(tenancy_.CreateBuilding(office_, building)->id);
    }
  }

  Todo Make(const std::string& title, std::optional<Date> due, int building = 0) {
    Todo todo;
    todo.building_id = buildings_[building];
    todo.title = title;
    todo.due_date = due;
    auto created = todos_.Create(office_, todo);
    EXPECT_TRUE(created) << (created ? "" : created.error().detail);
    return *created;
  }

  std::int64_t AddUser(const std::string& email, Role role, std::vector<std::int64_t> buildings,
                       std::optional<std::int64_t> apartment = std::nullopt) {
    auto user = accounts::CreateUser(
        database_.db(), {tenant_, email, email, role, "todo password 123", buildings, apartment});
    EXPECT_TRUE(user) << (user ? "" : user.error().detail);
    return user->id;
  }

  testing::TestDatabase database_;
  ManualClock clock_;
  tenancy::TenancyService tenancy_;
  TodoService todos_;
  std::int64_t tenant_;
  Scope office_;
  std::vector<std::int64_t> buildings_;
};

TEST_F(TodoServiceTest, TheCalendarListsItemsDueInTheRangeByDate) {
  Make("later", D("2026-03-20"));
  Make("first", D("2026-03-02"));
  Make("same day", D("2026-03-02"));
  Make("outside", D("2026-04-01"));
  Make("no date", std::nullopt);

  auto items = todos_.Calendar(office_, D("2026-03-01"), D("2026-03-31"), std::nullopt);
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 3u);
  EXPECT_EQ((*items)[0].title, "first");
  EXPECT_EQ((*items)[1].title, "same day");
  EXPECT_EQ((*items)[2].title, "later");
}

TEST_F(TodoServiceTest, TheCalendarRefusesBackwardsAndOverlongRanges) {
  EXPECT_FALSE(todos_.Calendar(office_, D("2026-03-02"), D("2026-03-01"), std::nullopt));
  EXPECT_FALSE(todos_.Calendar(office_, D("2026-01-01"), D("2027-01-02"), std::nullopt));
  EXPECT_TRUE(todos_.Calendar(office_, D("2026-01-01"), D("2027-01-01"), std::nullopt));
}

TEST_F(TodoServiceTest, StaffSeeOnlyTheirBuildingsItems) {
  const Todo mine = Make("mine", D("2026-03-05"), 0);
  const Todo other = Make("other", D("2026-03-05"), 1);
  const Scope staff = ScopeForTesting::Staff(tenant_, {buildings_[0]});
  EXPECT_TRUE(todos_.Get(staff, mine.id));
  EXPECT_FALSE(todos_.Get(staff, other.id));
  EXPECT_EQ(todos_.List(staff, {})->first, 1);
  EXPECT_EQ(todos_.Calendar(staff, D("2026-03-01"), D("2026-03-31"), std::nullopt)->size(), 1u);

  Todo foreign;
  foreign.building_id = buildings_[1];
  foreign.title = "sneaky";
  auto refused = todos_.Create(staff, foreign);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.count("building_id"), 1u);
}

TEST_F(TodoServiceTest, AnAssigneeWorksOnTheBuilding) {
  tenancy::Apartment apartment;
  apartment.building_id = buildings_[0];
  apartment.number = "1A";
  const auto flat = tenancy_.CreateApartment(office_, apartment)->id;
  const auto manager = AddUser("m@office.example", Role::kManager, {});
  const auto staff_b2 = AddUser("s@office.example", Role::kStaff, {buildings_[1]});
  const auto resident = AddUser("r@office.example", Role::kResident, {}, flat);

  Todo todo = Make("fix the door", D("2026-03-05"), 0);
  for (const auto& [assignee, accepted] :
       {std::pair{manager, true}, {staff_b2, false}, {resident, false}, {999'999, false}}) {
    auto changed = todos_.Update(office_, todo.id, [&](Todo& stored) {
      stored.assignee_id = assignee;
      return Status{};
    });
    EXPECT_EQ(changed.has_value(), accepted) << assignee;
  }
  EXPECT_EQ(todos_.Get(office_, todo.id)->assignee_id, manager);
}

TEST_F(TodoServiceTest, AnAssigneeWhoLeftTheBuildingDoesNotLockTheItem) {
  const auto staff = AddUser("s@office.example", Role::kStaff, {buildings_[0]});
  Todo todo = Make("fix the door", D("2026-03-05"), 0);
  ASSERT_TRUE(todos_.Update(office_, todo.id, [&](Todo& stored) {
    stored.assignee_id = staff;
    return Status{};
  }));
  database_.db().Write([&](soci::session& sql) {
    sql << "DELETE FROM memberships WHERE user_id = :u", soci::use(staff);
  });

  auto done = todos_.Update(office_, todo.id, [](Todo& stored) {
    stored.status = TodoStatus::kDone;
    return Status{};
  });
  EXPECT_TRUE(done) << (done ? "" : done.error().detail);
  auto unassigned = todos_.Update(office_, todo.id, [&](Todo& stored) {
    stored.assignee_id = std::nullopt;
    return Status{};
  });
  EXPECT_TRUE(unassigned);
  auto back = todos_.Update(office_, todo.id, [&](Todo& stored) {
    stored.assignee_id = staff;
    return Status{};
  });
  EXPECT_FALSE(back) << "assigning someone who left is refused";
}

TEST_F(TodoServiceTest, AnItemCannotMoveToAnotherBuilding) {
  const Todo todo = Make("fix the door", D("2026-03-05"), 0);
  auto moved = todos_.Update(office_, todo.id, [&](Todo& stored) {
    stored.building_id = buildings_[1];
    return Status{};
  });
  ASSERT_FALSE(moved);
  EXPECT_EQ(todos_.Get(office_, todo.id)->building_id, buildings_[0]);
}

TEST_F(TodoServiceTest, ASecondItemForTheSameSourceIsNotCreated) {
  Todo todo;
  todo.building_id = buildings_[0];
  todo.title = "from vote 7";
  const TodoLink link{"vote", 7};
  auto create = [&](const std::string& title) {
    return database_.db().Write([&](soci::session& sql) {
      Todo copy = todo;
      copy.title = title;
      return CreateLinkedInTransaction(sql, office_, copy, link, clock_);
    });
  };
  auto first = create("first");
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_TRUE(first->second);
  auto second = create("second");
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_FALSE(second->second);
  EXPECT_EQ(second->first.id, first->first.id);
  EXPECT_EQ(second->first.title, "first");
  EXPECT_EQ(todos_.List(office_, {})->first, 1);

  // Once it exists, even a call whose item would be refused answers it.
  auto invalid = create("");
  ASSERT_TRUE(invalid) << invalid.error().detail;
  EXPECT_EQ(invalid->first.id, first->first.id);

  // The database holds the rule, not a look before the insert: a second link
  // for the source is refused whoever writes it.
  const bool refused = database_.db().Write([&](soci::session& sql) {
    try {
      sql << "INSERT INTO todo_links (tenant_id, todo_id, kind, source_id)"
             " VALUES (:t, :i, 'vote', 7)",
          soci::use(tenant_), soci::use(first->first.id);
      return false;
    } catch (const soci::soci_error& error) {
      return storage::IsUniqueViolation(error);
    }
  });
  EXPECT_TRUE(refused);
}

TEST_F(TodoServiceTest, AnInvalidItemIsRefusedWithItsFieldsNamed) {
  Todo todo;
  todo.building_id = buildings_[0];
  todo.title = "";
  todo.description = std::string(kMaxDescriptionLength + 1, 'x');
  auto refused = todos_.Create(office_, todo);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.count("title"), 1u);
  EXPECT_EQ(refused.error().fields.count("description"), 1u);
  EXPECT_EQ(todos_.List(office_, {})->first, 0);
}

}  // namespace
}  // namespace concierge::todos
