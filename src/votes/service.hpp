#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "audit/model.hpp"
#include "core/clock.hpp"
#include "core/scope.hpp"
#include "storage/database.hpp"
#include "todos/model.hpp"
#include "votes/model.hpp"
#include "votes/repository.hpp"
#include "votes/tally.hpp"

namespace concierge::votes {

struct VoteResults {
  Vote vote;
  Results results;
};

struct TaskInput {
  std::optional<Date> due_date;  // default: kDefaultTaskDays from today
  std::optional<std::int64_t> assignee_id;
};

// Owners' votes: drafts, opening (which freezes the electorate and its
// weights), ballots, closing and results, and the task a closed vote
// becomes. Open votes past their closing time are closed by whichever call
// reads them next. Changes are audited. Thread-safe.
class VoteService {
 public:
  VoteService(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  [[nodiscard]] Result<Vote> Create(const Scope& scope, const VoteDraft& draft,
                                    const audit::Actor& actor);
  [[nodiscard]] Result<Vote> Get(const Scope& scope, std::int64_t id);
  // The page of votes and the total count.
  [[nodiscard]] Result<std::pair<std::int64_t, std::vector<Vote>>> List(const Scope& scope,
                                                                        const VoteFilter& filter);
  // `change` edits a copy of the stored draft; only drafts change.
  [[nodiscard]] Result<Vote> UpdateDraft(const Scope& scope, std::int64_t id,
                                         const std::function<Status(VoteDraft&)>& change,
                                         const audit::Actor& actor);
  [[nodiscard]] Status DeleteDraft(const Scope& scope, std::int64_t id, const audit::Actor& actor);

  // Draft to open: the electorate and each apartment's weight are taken
  // from the building now and do not move afterwards.
  [[nodiscard]] Result<Vote> Open(const Scope& scope, std::int64_t id, const audit::Actor& actor);
  // Open to closed now; closing a closed vote changes nothing.
  [[nodiscard]] Result<Vote> Close(const Scope& scope, std::int64_t id, const audit::Actor& actor);

  // Casts or replaces the apartment's standing ballot. A resident votes for
  // their own apartment; an admin or manager records a paper ballot, which
  // is audited. Returns the standing ballot and whether it replaced one.
  [[nodiscard]] Result<std::pair<Ballot, bool>> Cast(const Scope& scope, std::int64_t vote_id,
                                                     const BallotInput& input,
                                                     const audit::Actor& actor);
  // Standing ballots the scope may see (residents: their apartments').
  [[nodiscard]] Result<std::vector<Ballot>> Ballots(const Scope& scope, std::int64_t vote_id);

  // Office staff see results from the opening on; residents once the vote
  // is closed.
  [[nodiscard]] Result<VoteResults> GetResults(const Scope& scope, std::int64_t vote_id);
  // Totals of a closed vote, for anyone who knows its id.
  [[nodiscard]] Result<VoteResults> GetPublicResults(std::int64_t vote_id);

  // The to-do that carries out a closed vote: created by the first call,
  // returned unchanged to every later one (second: false).
  [[nodiscard]] Result<std::pair<todos::Todo, bool>> CreateTask(const Scope& scope,
                                                                std::int64_t vote_id,
                                                                const TaskInput& input,
                                                                const audit::Actor& actor);

 private:
  // Closes open votes whose closing time has passed: of one office, or the
  // one vote `vote_id` whoever owns it.
  void CloseExpired(std::optional<std::int64_t> tenant_id, std::optional<std::int64_t> vote_id);

  storage::Database& db_;
  const Clock& clock_;
};

[[nodiscard]] Error VoteNotFound();

}  // namespace concierge::votes
