#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/scope.hpp"
#include "votes/model.hpp"
#include "votes/tally.hpp"

namespace concierge::votes {

// All SQL of the votes module. Functions run on the caller's session so a
// service can compose them inside one transaction. Scoped reads report a
// vote outside the caller's scope as absent; residents never see drafts.
// Functions taking a Vote act on a vote already found under a scope.

struct VoteFilter {
  std::optional<std::int64_t> building_id;
  std::optional<VoteState> state;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

[[nodiscard]] std::optional<Vote> SelectVote(soci::session& sql, const Scope& scope,
                                             std::int64_t id);
[[nodiscard]] std::int64_t CountVotes(soci::session& sql, const Scope& scope,
                                      const VoteFilter& filter);
[[nodiscard]] std::vector<Vote> SelectVotes(soci::session& sql, const Scope& scope,
                                            const VoteFilter& filter);
// Unscoped, for the public results: a closed vote by id, whoever owns it.
[[nodiscard]] std::optional<Vote> SelectClosedVote(soci::session& sql, std::int64_t id);

[[nodiscard]] std::int64_t InsertVote(soci::session& sql, const Scope& scope,
                                      const VoteDraft& draft, Timestamp now);
// Rewrites a draft and its options.
void UpdateDraft(soci::session& sql, const Vote& vote, const VoteDraft& draft);
void DeleteVote(soci::session& sql, const Vote& vote);
void MarkOpened(soci::session& sql, const Vote& vote, Timestamp now);
void MarkClosed(soci::session& sql, const Vote& vote, Timestamp closed_at);

// Open votes whose closing time is at or before `now`, of one office (or of
// any office when `tenant_id` is absent), optionally only vote `vote_id`.
[[nodiscard]] std::vector<Vote> SelectExpired(soci::session& sql,
                                              std::optional<std::int64_t> tenant_id,
                                              std::optional<std::int64_t> vote_id, Timestamp now);

// One member of a vote's electorate, with its frozen weight.
struct Elector {
  std::int64_t apartment_id = 0;
  std::string apartment_number;
  std::int64_t weight = 0;
};

void InsertElectorate(soci::session& sql, const Vote& vote, const std::vector<Elector>& electors);
[[nodiscard]] std::optional<Elector> SelectElector(soci::session& sql, const Vote& vote,
                                                   std::int64_t apartment_id);
// Apartments and total weight of the electorate.
[[nodiscard]] std::pair<std::int64_t, std::int64_t> ElectorateTotals(soci::session& sql,
                                                                     const Vote& vote);

[[nodiscard]] bool BallotStands(soci::session& sql, const Vote& vote, std::int64_t apartment_id);
// Inserts the apartment's ballot or replaces its standing one, in one
// statement on the UNIQUE (vote_id, apartment_id) key.
void UpsertBallot(soci::session& sql, const Vote& vote, const Ballot& ballot);
// The standing ballots the scope may see (residents: their apartments').
[[nodiscard]] std::vector<Ballot> SelectBallots(soci::session& sql, const Scope& scope,
                                                const Vote& vote,
                                                std::optional<std::int64_t> apartment_id);
// Ballots and weight per option, in the options' order.
[[nodiscard]] std::vector<OptionCount> CountByOption(soci::session& sql, const Vote& vote);

}  // namespace concierge::votes
