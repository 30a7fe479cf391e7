#include "votes/tally.hpp"

namespace concierge::votes {

namespace {

bool Reaches(std::int64_t weight, const TallyRules& rules, std::int64_t cast_weight) {
  // An option nobody chose never wins, even where "at least" a fraction of
  // nothing would be nothing.
  if (weight == 0) {
    return false;
  }
  return rules.threshold_rule == ThresholdRule::kMoreThan
             ? MoreThan(weight, rules.threshold, cast_weight)
             : AtLeast(weight, rules.threshold, cast_weight);
}

}  // namespace

Results Tally(std::vector<OptionCount> options, std::int64_t eligible_apartments,
              std::int64_t eligible_weight, const TallyRules& rules) {
  Results results;
  results.eligible_apartments = eligible_apartments;
  results.eligible_weight = eligible_weight;
  for (const auto& option : options) {
    results.cast_apartments += option.apartments;
    results.cast_weight += option.weight;
  }
  results.options = std::move(options);

  if (rules.quorum) {
    results.quorum_needed = SmallestAtLeast(*rules.quorum, eligible_weight);
    results.quorum_met = AtLeast(results.cast_weight, *rules.quorum, eligible_weight);
  }
  results.threshold_needed = rules.threshold_rule == ThresholdRule::kMoreThan
                                 ? SmallestMoreThan(rules.threshold, results.cast_weight)
                                 : SmallestAtLeast(rules.threshold, results.cast_weight);
  if (results.threshold_needed == 0) {
    results.threshold_needed = 1;
  }

  if (!results.quorum_met) {
    results.outcome = Outcome::kQuorumNotMet;
    return results;
  }
  const OptionCount* best = nullptr;
  bool tied = false;
  for (const auto& option : results.options) {
    if (!Reaches(option.weight, rules, results.cast_weight)) {
      continue;
    }
    if (best == nullptr || option.weight > best->weight) {
      best = &option;
      tied = false;
    } else if (option.weight == best->weight) {
      tied = true;
    }
  }
  if (best == nullptr) {
    results.outcome = Outcome::kNoMajority;
  } else if (tied) {
    results.outcome = Outcome::kTie;
  } else {
    results.outcome = Outcome::kDecided;
    results.winner_option_id = best->option_id;
  }
  return results;
}

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kDecided:
      return "decided";
    case Outcome::kNoMajority:
      return "no_majority";
    case Outcome::kTie:
      return "tie";
    case Outcome::kQuorumNotMet:
      return "quorum_not_met";
  }
  return "";
}

}  // namespace concierge::votes
