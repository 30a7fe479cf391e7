#include "finance/aging.hpp"

namespace concierge::finance {

Bucket BucketFor(long days_past_due) {
  if (days_past_due <= 30) {
    return Bucket::k0To30;
  }
  if (days_past_due <= 60) {
    return Bucket::k31To60;
  }
  if (days_past_due <= 90) {
    return Bucket::k61To90;
  }
  return Bucket::kOver90;
}

Aging AgeOpenItems(std::span<const OpenItem> items, Date as_of) {
  Aging aging;
  for (const OpenItem& item : items) {
    if (item.due_date > as_of) {
      aging.not_due += item.open;
      continue;
    }
    aging.buckets[static_cast<std::size_t>(BucketFor(DaysBetween(item.due_date, as_of)))] +=
        item.open;
    if (!aging.oldest_overdue_due_date || item.due_date < *aging.oldest_overdue_due_date) {
      aging.oldest_overdue_due_date = item.due_date;
    }
  }
  return aging;
}

}  // namespace concierge::finance
