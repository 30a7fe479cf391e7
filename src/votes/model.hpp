#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "votes/fraction.hpp"

namespace concierge::votes {

enum class VoteState { kDraft, kOpen, kClosed };
enum class Weighting { kShares, kHeadcount };
// How an option's weight is held against the threshold: "more than half"
// or "at least two thirds".
enum class ThresholdRule { kMoreThan, kAtLeast };

struct VoteOption {
  std::int64_t id = 0;
  std::string label;
};

// What a manager writes when creating or editing a draft.
struct VoteDraft {
  std::int64_t building_id = 0;
  std::string title;
  std::string description;
  std::vector<std::string> options{"yes", "no"};
  Weighting weighting = Weighting::kShares;
  std::optional<std::string> share_category;  // shares weighting only
  std::optional<Fraction> quorum;
  Fraction threshold{1, 2};
  ThresholdRule threshold_rule = ThresholdRule::kMoreThan;
  std::optional<Timestamp> opens_at;
  Timestamp closes_at{};
};

struct Vote {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  VoteDraft draft;
  std::vector<VoteOption> options;
  VoteState state = VoteState::kDraft;
  std::optional<Timestamp> opened_at;
  std::optional<Timestamp> closed_at;
  Timestamp created_at{};
};

// The standing ballot of one apartment.
struct Ballot {
  std::int64_t vote_id = 0;
  std::int64_t apartment_id = 0;
  std::string apartment_number;
  std::int64_t option_id = 0;
  std::int64_t weight = 0;
  std::string source;  // online, paper
  std::optional<std::int64_t> cast_by;
  Timestamp cast_at{};
};

struct BallotInput {
  std::optional<std::int64_t> apartment_id;
  std::optional<std::int64_t> option_id;
  std::string note;  // paper ballots: where the paper is kept, who brought it
};

[[nodiscard]] const char* VoteStateName(VoteState state);
[[nodiscard]] const char* WeightingName(Weighting weighting);
[[nodiscard]] const char* ThresholdRuleName(ThresholdRule rule);
[[nodiscard]] bool ParseWeighting(const std::string& text, Weighting& weighting);
[[nodiscard]] bool ParseThresholdRule(const std::string& text, ThresholdRule& rule);
[[nodiscard]] bool ParseVoteState(const std::string& text, VoteState& state);

}  // namespace concierge::votes
