#include "votes/model.hpp"

namespace concierge::votes {

namespace {

template <typename Enum, std::size_t N>
bool ParseName(const std::string& text, Enum& value, const Enum (&all)[N],
               const char* (*name)(Enum)) {
  for (Enum candidate : all) {
    if (text == name(candidate)) {
      value = candidate;
      return true;
    }
  }
  return false;
}

}  // namespace

const char* VoteStateName(VoteState state) {
  switch (state) {
    case VoteState::kDraft:
      return "draft";
    case VoteState::kOpen:
      return "open";
    case VoteState::kClosed:
      return "closed";
  }
  return "";
}

const char* WeightingName(Weighting weighting) {
  return weighting == Weighting::kShares ? "shares" : "headcount";
}

const char* ThresholdRuleName(ThresholdRule rule) {
  return rule == ThresholdRule::kMoreThan ? "more_than" : "at_least";
}

bool ParseWeighting(const std::string& text, Weighting& weighting) {
  static const Weighting kAll[] = {Weighting::kShares, Weighting::kHeadcount};
  return ParseName(text, weighting, kAll, WeightingName);
}

bool ParseThresholdRule(const std::string& text, ThresholdRule& rule) {
  static const ThresholdRule kAll[] = {ThresholdRule::kMoreThan, ThresholdRule::kAtLeast};
  return ParseName(text, rule, kAll, ThresholdRuleName);
}

bool ParseVoteState(const std::string& text, VoteState& state) {
  static const VoteState kAll[] = {VoteState::kDraft, VoteState::kOpen, VoteState::kClosed};
  return ParseName(text, state, kAll, VoteStateName);
}

}  // namespace concierge::votes
