#pragma once

#include "todos/model.hpp"
#include "votes/model.hpp"
#include "votes/tally.hpp"

namespace concierge::votes {

// Days from the task's creation to its default due date.
inline constexpr int kDefaultTaskDays = 30;

// The to-do a closed vote becomes: the vote's title with what was decided,
// and a description that quotes the result and the vote's own text, so the
// person doing the work can see why without opening the vote.
[[nodiscard]] todos::Todo TaskFromVote(const Vote& vote, const Results& results, Date due_date);

// "shares" or "apartments": the unit a vote's weights are counted in.
[[nodiscard]] const char* WeightUnit(Weighting weighting);

}  // namespace concierge::votes
