#include "votes/task.hpp"

namespace concierge::votes {

namespace {

std::string LabelOf(const Results& results, std::int64_t option_id) {
  for (const auto& option : results.options) {
    if (option.option_id == option_id) {
      return option.label;
    }
  }
  return {};
}

std::string Verdict(const Results& results) {
  switch (results.outcome) {
    case Outcome::kDecided:
      return "decided: " + LabelOf(results, *results.winner_option_id);
    case Outcome::kNoMajority:
      return "no majority";
    case Outcome::kTie:
      return "tie";
    case Outcome::kQuorumNotMet:
      return "quorum not met";
  }
  return {};
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 character.
std::string Truncated(std::string text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  text.resize(end);
  return text;
}

}  // namespace

const char* WeightUnit(Weighting weighting) {
  return weighting == Weighting::kShares ? "shares" : "apartments";
}

todos::Todo TaskFromVote(const Vote& vote, const Results& results, Date due_date) {
  const std::string unit = WeightUnit(vote.draft.weighting);
  todos::Todo todo;
  todo.building_id = vote.draft.building_id;
  todo.title = Truncated(vote.draft.title + " (" + Verdict(results) + ")", todos::kMaxTitleLength);
  todo.due_date = due_date;

  std::string text = "From vote #" + std::to_string(vote.id) + ", closed " +
                     (vote.closed_at ? FormatTimestamp(*vote.closed_at) : std::string("-")) + ": " +
                     Verdict(results) + ".\n";
  for (const auto& option : results.options) {
    text += "- " + option.label + ": " + std::to_string(option.weight) + " " + unit + ", " +
            std::to_string(option.apartments) + " apartments\n";
  }
  text += "Participation: " + std::to_string(results.cast_weight) + " of " +
          std::to_string(results.eligible_weight) + " " + unit + ".\n";
  if (!vote.draft.description.empty()) {
    text += "\n" + vote.draft.description;
  }
  todo.description = Truncated(std::move(text), todos::kMaxDescriptionLength);
  return todo;
}

}  // namespace concierge::votes
