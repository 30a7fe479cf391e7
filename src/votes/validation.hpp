#pragma once

#include "core/date.hpp"
#include "core/error.hpp"
#include "votes/model.hpp"

namespace concierge::votes {

inline constexpr std::size_t kMaxTitleLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 5000;
inline constexpr std::size_t kMaxOptionLength = 100;
inline constexpr std::size_t kMaxOptions = 20;

// Field rules of a draft that need no database: lengths, two or more
// distinct options, a share category exactly when weighting by shares, and
// a closing time after the opening time and after `now`. On failure the
// error's `fields` name every offending field.
[[nodiscard]] Status ValidateDraft(const VoteDraft& draft, Timestamp now);

}  // namespace concierge::votes
