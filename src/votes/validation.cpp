#include "votes/validation.hpp"

#include <map>
#include <set>

#include "core/text.hpp"
#include "tenancy/validation.hpp"

namespace concierge::votes {

namespace {

std::string OptionsProblem(const std::vector<std::string>& options) {
  if (options.size() < 2 || options.size() > kMaxOptions) {
    return "List 2 to " + std::to_string(kMaxOptions) + " options.";
  }
  std::set<std::string> seen;
  for (const auto& label : options) {
    if (IsBlank(label) || CharacterCount(label) > kMaxOptionLength) {
      return "Each option has 1 to " + std::to_string(kMaxOptionLength) + " characters.";
    }
    // "Yes" and " yes" are one option to whoever reads the ballot.
    if (!seen.insert(ComparableLabel(label)).second) {
      return "Option '" + label + "' is listed twice.";
    }
  }
  return {};
}

}  // namespace

Status ValidateDraft(const VoteDraft& draft, Timestamp now) {
  std::map<std::string, std::string> fields;
  if (IsBlank(draft.title) || CharacterCount(draft.title) > kMaxTitleLength) {
    fields["title"] = "Required, at most " + std::to_string(kMaxTitleLength) + " characters.";
  }
  if (CharacterCount(draft.description) > kMaxDescriptionLength) {
    fields["description"] = "At most " + std::to_string(kMaxDescriptionLength) + " characters.";
  }
  if (const std::string problem = OptionsProblem(draft.options); !problem.empty()) {
    fields["options"] = problem;
  }
  if (draft.weighting == Weighting::kShares) {
    if (!draft.share_category || !tenancy::IsCategoryName(*draft.share_category)) {
      fields["share_category"] = "The expense category whose shares weigh the ballots.";
    }
  } else if (draft.share_category) {
    fields["share_category"] = "Only a vote weighted by shares names a category.";
  }
  if (draft.threshold_rule == ThresholdRule::kMoreThan && draft.threshold == Fraction{1, 1}) {
    fields["threshold"] = "No option can get more than all of the weight; use at_least.";
  }
  if (draft.closes_at <= now) {
    fields["closes_at"] = "Must be in the future.";
  } else if (draft.opens_at && *draft.opens_at >= draft.closes_at) {
    fields["closes_at"] = "Must be after opens_at.";
  }
  if (fields.empty()) {
    return {};
  }
  return Fail(Error::Invalid("invalid_input", "The vote has invalid fields.", std::move(fields)));
}

}  // namespace concierge::votes
