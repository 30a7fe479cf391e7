#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "votes/fraction.hpp"
#include "votes/model.hpp"

namespace concierge::votes {

// Ballots counted for one option: how many apartments chose it and their
// weight (shares, or one per apartment).
struct OptionCount {
  std::int64_t option_id = 0;
  std::string label;
  std::int64_t apartments = 0;
  std::int64_t weight = 0;
};

struct TallyRules {
  std::optional<Fraction> quorum;
  Fraction threshold{1, 2};
  ThresholdRule threshold_rule = ThresholdRule::kMoreThan;
};

enum class Outcome {
  kDecided,       // one option reached the threshold ahead of all others
  kNoMajority,    // no option reached the threshold
  kTie,           // several options reached it with the same weight
  kQuorumNotMet,  // too little of the electorate took part
};

struct Results {
  std::int64_t eligible_apartments = 0;
  std::int64_t eligible_weight = 0;
  std::int64_t cast_apartments = 0;
  std::int64_t cast_weight = 0;
  std::vector<OptionCount> options;
  // The participation (in weight) the quorum asks for; absent without one.
  std::optional<std::int64_t> quorum_needed;
  bool quorum_met = true;
  // The weight an option needs, given the weight cast.
  std::int64_t threshold_needed = 0;
  Outcome outcome = Outcome::kNoMajority;
  std::optional<std::int64_t> winner_option_id;
};

// Counts a vote. Quorum is participation against the whole electorate;
// the threshold is an option's weight against the weight cast; both are in
// the vote's own unit (shares or apartments) and compared exactly.
// Preconditions: weights are non-negative and at most kMaxWeight in total.
[[nodiscard]] Results Tally(std::vector<OptionCount> options, std::int64_t eligible_apartments,
                            std::int64_t eligible_weight, const TallyRules& rules);

[[nodiscard]] const char* OutcomeName(Outcome outcome);

}  // namespace concierge::votes
