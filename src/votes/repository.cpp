#include "votes/repository.hpp"

#include <unordered_map>

#include "storage/database.hpp"
#include "storage/rows.hpp"

namespace concierge::votes {

using storage::Int;
using storage::NullIf;
using storage::OptionalInt;
using storage::OptionalText;
using storage::Text;

namespace {

constexpr const char* kVoteColumns =
    "SELECT v.id, v.tenant_id, v.building_id, v.title, v.description, v.weighting,"
    " v.share_category, v.quorum_num, v.quorum_den, v.threshold_num, v.threshold_den,"
    " v.threshold_rule, v.state, v.opens_at, v.closes_at, v.opened_at, v.closed_at,"
    " v.created_at FROM votes v";

std::optional<Timestamp> OptionalTime(const soci::row& row, std::size_t column) {
  const auto text = OptionalText(row, column);
  if (!text) {
    return std::nullopt;
  }
  return ParseTimestamp(*text).value_or(Timestamp{});
}

Vote ReadVote(const soci::row& row) {
  Vote vote;
  vote.id = Int(row, 0);
  vote.tenant_id = Int(row, 1);
  VoteDraft& draft = vote.draft;
  draft.building_id = Int(row, 2);
  draft.title = Text(row, 3);
  draft.description = Text(row, 4);
  (void)ParseWeighting(Text(row, 5), draft.weighting);
  draft.share_category = OptionalText(row, 6);
  if (const auto num = OptionalInt(row, 7)) {
    draft.quorum = Fraction{*num, Int(row, 8)};
  }
  draft.threshold = Fraction{Int(row, 9), Int(row, 10)};
  (void)ParseThresholdRule(Text(row, 11), draft.threshold_rule);
  (void)ParseVoteState(Text(row, 12), vote.state);
  draft.opens_at = OptionalTime(row, 13);
  draft.closes_at = OptionalTime(row, 14).value_or(Timestamp{});
  vote.opened_at = OptionalTime(row, 15);
  vote.closed_at = OptionalTime(row, 16);
  vote.created_at = OptionalTime(row, 17).value_or(Timestamp{});
  return vote;
}

// Fills in the options of every vote in one query.
void LoadOptions(soci::session& sql, std::vector<Vote>& votes) {
  if (votes.empty()) {
    return;
  }
  std::string ids;
  std::unordered_map<std::int64_t, Vote*> by_id;
  for (auto& vote : votes) {
    ids += (ids.empty() ? "" : ",") + std::to_string(vote.id);
    by_id[vote.id] = &vote;
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT vote_id, id, label FROM vote_options WHERE vote_id IN (" + ids +
                          ") ORDER BY vote_id, position");
  for (const auto& row : rows) {
    Vote& vote = *by_id.at(Int(row, 0));
    vote.options.push_back({Int(row, 1), Text(row, 2)});
  }
  for (auto& vote : votes) {
    vote.draft.options.clear();
    for (const auto& option : vote.options) {
      vote.draft.options.push_back(option.label);
    }
  }
}

std::vector<Vote> Collect(soci::session& sql, soci::rowset<soci::row>& rows) {
  std::vector<Vote> votes;
  for (const auto& row : rows) {
    votes.push_back(ReadVote(row));
  }
  LoadOptions(sql, votes);
  return votes;
}

// Residents see a building's votes once they are opened.
std::string VisibleTo(const Scope& scope) {
  return " WHERE v.tenant_id = :tenant" + scope.BuildingFilter("v.building_id") +
         (scope.IsResident() ? " AND v.state <> 'draft'" : "");
}

std::string FilterWhere(const Scope& scope, const VoteFilter& filter) {
  std::string where = VisibleTo(scope);
  if (filter.building_id) {
    where += " AND v.building_id = " + std::to_string(*filter.building_id);
  }
  if (filter.state) {
    where += std::string(" AND v.state = '") + VoteStateName(*filter.state) + "'";
  }
  return where;
}

void InsertOptions(soci::session& sql, const Vote& vote, const std::vector<std::string>& labels) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const int position = static_cast<int>(i);
    sql << "INSERT INTO vote_options (tenant_id, vote_id, position, label)"
           " VALUES (:t, :v, :p, :l)",
        soci::use(vote.tenant_id), soci::use(vote.id), soci::use(position), soci::use(labels[i]);
  }
}

// The columns a draft writes, bound in the order of kDraftColumns.
struct DraftRow {
  explicit DraftRow(const VoteDraft& draft)
      : weighting(WeightingName(draft.weighting)),
        category(draft.share_category.value_or("")),
        category_null(NullIf(draft.share_category)),
        quorum_num(draft.quorum ? draft.quorum->num : 0),
        quorum_den(draft.quorum ? draft.quorum->den : 0),
        quorum_null(NullIf(draft.quorum)),
        rule(ThresholdRuleName(draft.threshold_rule)),
        opens_at(draft.opens_at ? FormatTimestamp(*draft.opens_at) : ""),
        opens_null(NullIf(draft.opens_at)),
        closes_at(FormatTimestamp(draft.closes_at)) {}

  std::string weighting;
  std::string category;
  soci::indicator category_null;
  std::int64_t quorum_num;
  std::int64_t quorum_den;
  soci::indicator quorum_null;
  std::string rule;
  std::string opens_at;
  soci::indicator opens_null;
  std::string closes_at;
};

}  // namespace

std::optional<Vote> SelectVote(soci::session& sql, const Scope& scope, std::int64_t id) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kVoteColumns) + VisibleTo(scope) + " AND v.id = :id",
       soci::use(tenant), soci::use(id));
  auto votes = Collect(sql, rows);
  if (votes.empty()) {
    return std::nullopt;
  }
  return std::move(votes.front());
}

std::int64_t CountVotes(soci::session& sql, const Scope& scope, const VoteFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  long long count = 0;
  sql << "SELECT count(*) FROM votes v" + FilterWhere(scope, filter), soci::use(tenant),
      soci::into(count);
  return count;
}

std::vector<Vote> SelectVotes(soci::session& sql, const Scope& scope, const VoteFilter& filter) {
  const std::int64_t tenant = scope.tenant_id();
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kVoteColumns) + FilterWhere(scope, filter) +
                          " ORDER BY v.closes_at DESC, v.id DESC LIMIT " +
                          std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset),
       soci::use(tenant));
  return Collect(sql, rows);
}

std::optional<Vote> SelectClosedVote(soci::session& sql, std::int64_t id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kVoteColumns) + " WHERE v.id = :id AND v.state = 'closed'",
       soci::use(id));
  auto votes = Collect(sql, rows);
  if (votes.empty()) {
    return std::nullopt;
  }
  return std::move(votes.front());
}

std::int64_t InsertVote(soci::session& sql, const Scope& scope, const VoteDraft& draft,
                        Timestamp now) {
  DraftRow row(draft);
  const std::int64_t tenant = scope.tenant_id();
  const std::int64_t created_by = scope.user_id();
  soci::indicator by_null = created_by > 0 ? soci::i_ok : soci::i_null;
  const std::string created_at = FormatTimestamp(now);
  sql << "INSERT INTO votes (tenant_id, building_id, title, description, weighting,"
         " share_category, quorum_num, quorum_den, threshold_num, threshold_den, threshold_rule,"
         " opens_at, closes_at, created_by, created_at) VALUES (:t, :b, :title, :d, :w, :c,"
         " :qn, :qd, :tn, :td, :r, :o, :cl, :by, :at)",
      soci::use(tenant), soci::use(draft.building_id), soci::use(draft.title),
      soci::use(draft.description), soci::use(row.weighting),
      soci::use(row.category, row.category_null), soci::use(row.quorum_num, row.quorum_null),
      soci::use(row.quorum_den, row.quorum_null), soci::use(draft.threshold.num),
      soci::use(draft.threshold.den), soci::use(row.rule), soci::use(row.opens_at, row.opens_null),
      soci::use(row.closes_at), soci::use(created_by, by_null), soci::use(created_at);
  Vote vote;
  vote.id = storage::LastInsertId(sql);
  vote.tenant_id = tenant;
  InsertOptions(sql, vote, draft.options);
  return vote.id;
}

void UpdateDraft(soci::session& sql, const Vote& vote, const VoteDraft& draft) {
  DraftRow row(draft);
  sql << "UPDATE votes SET title = :title, description = :d, weighting = :w,"
         " share_category = :c, quorum_num = :qn, quorum_den = :qd, threshold_num = :tn,"
         " threshold_den = :td, threshold_rule = :r, opens_at = :o, closes_at = :cl"
         " WHERE id = :id AND tenant_id = :t AND state = 'draft'",
      soci::use(draft.title), soci::use(draft.description), soci::use(row.weighting),
      soci::use(row.category, row.category_null), soci::use(row.quorum_num, row.quorum_null),
      soci::use(row.quorum_den, row.quorum_null), soci::use(draft.threshold.num),
      soci::use(draft.threshold.den), soci::use(row.rule), soci::use(row.opens_at, row.opens_null),
      soci::use(row.closes_at), soci::use(vote.id), soci::use(vote.tenant_id);
  sql << "DELETE FROM vote_options WHERE vote_id = :v AND tenant_id = :t", soci::use(vote.id),
      soci::use(vote.tenant_id);
  InsertOptions(sql, vote, draft.options);
}

void DeleteVote(soci::session& sql, const Vote& vote) {
  sql << "DELETE FROM votes WHERE id = :id AND tenant_id = :t AND state = 'draft'",
      soci::use(vote.id), soci::use(vote.tenant_id);
}

void MarkOpened(soci::session& sql, const Vote& vote, Timestamp now) {
  const std::string at = FormatTimestamp(now);
  sql << "UPDATE votes SET state = 'open', opened_at = :at"
         " WHERE id = :id AND tenant_id = :t AND state = 'draft'",
      soci::use(at), soci::use(vote.id), soci::use(vote.tenant_id);
}

void MarkClosed(soci::session& sql, const Vote& vote, Timestamp closed_at) {
  const std::string at = FormatTimestamp(closed_at);
  sql << "UPDATE votes SET state = 'closed', closed_at = :at"
         " WHERE id = :id AND tenant_id = :t AND state = 'open'",
      soci::use(at), soci::use(vote.id), soci::use(vote.tenant_id);
}

std::vector<Vote> SelectExpired(soci::session& sql, std::optional<std::int64_t> tenant_id,
                                std::optional<std::int64_t> vote_id, Timestamp now) {
  std::string where = " WHERE v.state = 'open' AND v.closes_at <= :now";
  if (tenant_id) {
    where += " AND v.tenant_id = " + std::to_string(*tenant_id);
  }
  if (vote_id) {
    where += " AND v.id = " + std::to_string(*vote_id);
  }
  const std::string at = FormatTimestamp(now);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kVoteColumns) + where + " ORDER BY v.id", soci::use(at));
  return Collect(sql, rows);
}

void InsertElectorate(soci::session& sql, const Vote& vote, const std::vector<Elector>& electors) {
  for (const auto& elector : electors) {
    sql << "INSERT INTO vote_electorate (tenant_id, vote_id, apartment_id, apartment_number,"
           " weight) VALUES (:t, :v, :a, :n, :w)",
        soci::use(vote.tenant_id), soci::use(vote.id), soci::use(elector.apartment_id),
        soci::use(elector.apartment_number), soci::use(elector.weight);
  }
}

std::optional<Elector> SelectElector(soci::session& sql, const Vote& vote,
                                     std::int64_t apartment_id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT apartment_id, apartment_number, weight FROM vote_electorate"
                      " WHERE tenant_id = :t AND vote_id = :v AND apartment_id = :a",
       soci::use(vote.tenant_id), soci::use(vote.id), soci::use(apartment_id));
  for (const auto& row : rows) {
    return Elector{Int(row, 0), Text(row, 1), Int(row, 2)};
  }
  return std::nullopt;
}

std::pair<std::int64_t, std::int64_t> ElectorateTotals(soci::session& sql, const Vote& vote) {
  long long apartments = 0;
  long long weight = 0;
  sql << "SELECT count(*), coalesce(sum(weight), 0) FROM vote_electorate"
         " WHERE tenant_id = :t AND vote_id = :v",
      soci::use(vote.tenant_id), soci::use(vote.id), soci::into(apartments), soci::into(weight);
  return {apartments, weight};
}

bool BallotStands(soci::session& sql, const Vote& vote, std::int64_t apartment_id) {
  long long count = 0;
  sql << "SELECT count(*) FROM ballots WHERE tenant_id = :t AND vote_id = :v"
         " AND apartment_id = :a",
      soci::use(vote.tenant_id), soci::use(vote.id), soci::use(apartment_id), soci::into(count);
  return count > 0;
}

void UpsertBallot(soci::session& sql, const Vote& vote, const Ballot& ballot) {
  const std::int64_t cast_by = ballot.cast_by.value_or(0);
  soci::indicator by_null = NullIf(ballot.cast_by);
  const std::string cast_at = FormatTimestamp(ballot.cast_at);
  sql << "INSERT INTO ballots (tenant_id, vote_id, apartment_id, option_id, source, cast_by,"
         " cast_at) VALUES (:t, :v, :a, :o, :s, :by, :at)"
         " ON CONFLICT (vote_id, apartment_id) DO UPDATE SET option_id = excluded.option_id,"
         " source = excluded.source, cast_by = excluded.cast_by, cast_at = excluded.cast_at",
      soci::use(vote.tenant_id), soci::use(vote.id), soci::use(ballot.apartment_id),
      soci::use(ballot.option_id), soci::use(ballot.source), soci::use(cast_by, by_null),
      soci::use(cast_at);
}

std::vector<Ballot> SelectBallots(soci::session& sql, const Scope& scope, const Vote& vote,
                                  std::optional<std::int64_t> apartment_id) {
  std::string where =
      " WHERE b.tenant_id = :t AND b.vote_id = :v" + scope.ApartmentFilter("b.apartment_id");
  if (apartment_id) {
    where += " AND b.apartment_id = " + std::to_string(*apartment_id);
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT b.vote_id, b.apartment_id, e.apartment_number, b.option_id,"
                      " e.weight, b.source, b.cast_by, b.cast_at FROM ballots b"
                      " JOIN vote_electorate e ON e.vote_id = b.vote_id"
                      " AND e.apartment_id = b.apartment_id" +
                          where + " ORDER BY e.apartment_number, b.apartment_id",
       soci::use(vote.tenant_id), soci::use(vote.id));
  std::vector<Ballot> ballots;
  for (const auto& row : rows) {
    ballots.push_back({Int(row, 0), Int(row, 1), Text(row, 2), Int(row, 3), Int(row, 4),
                       Text(row, 5), OptionalInt(row, 6),
                       OptionalTime(row, 7).value_or(Timestamp{})});
  }
  return ballots;
}

std::vector<OptionCount> CountByOption(soci::session& sql, const Vote& vote) {
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT o.id, o.label, count(b.id), coalesce(sum(e.weight), 0)"
                      " FROM vote_options o"
                      " LEFT JOIN ballots b ON b.option_id = o.id AND b.vote_id = o.vote_id"
                      " LEFT JOIN vote_electorate e ON e.vote_id = b.vote_id"
                      " AND e.apartment_id = b.apartment_id"
                      " WHERE o.tenant_id = :t AND o.vote_id = :v"
                      " GROUP BY o.id, o.label, o.position ORDER BY o.position",
       soci::use(vote.tenant_id), soci::use(vote.id));
  std::vector<OptionCount> counts;
  for (const auto& row : rows) {
    counts.push_back({Int(row, 0), Text(row, 1), Int(row, 2), Int(row, 3)});
  }
  return counts;
}

}  // namespace concierge::votes
