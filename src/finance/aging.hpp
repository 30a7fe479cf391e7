#pragma once

#include <array>
#include <span>

#include "finance/model.hpp"

namespace concierge::finance {

// Open items aged as of a date: overdue amounts by bucket, and what is not
// yet due (due after `as_of`), which is not debt.
struct Aging {
  std::array<Cents, 4> buckets{};
  Cents not_due = 0;
  std::optional<Date> oldest_overdue_due_date;

  [[nodiscard]] Cents overdue() const { return buckets[0] + buckets[1] + buckets[2] + buckets[3]; }
};

// Days past due: 0-30 (due today counts as 0), 31-60, 61-90, 91 and more.
[[nodiscard]] Bucket BucketFor(long days_past_due);

[[nodiscard]] Aging AgeOpenItems(std::span<const OpenItem> items, Date as_of);

}  // namespace concierge::finance
