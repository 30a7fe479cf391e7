#include "finance/model.hpp"

namespace concierge::finance {

const char* EntryKindName(EntryKind kind) {
  switch (kind) {
    case EntryKind::kCharge:
      return "charge";
    case EntryKind::kPayment:
      return "payment";
    case EntryKind::kReversal:
      return "reversal";
  }
  return "";
}

std::optional<EntryKind> ParseEntryKind(std::string_view text) {
  for (EntryKind kind : {EntryKind::kCharge, EntryKind::kPayment, EntryKind::kReversal}) {
    if (text == EntryKindName(kind)) {
      return kind;
    }
  }
  return std::nullopt;
}

const char* BucketName(Bucket bucket) {
  switch (bucket) {
    case Bucket::k0To30:
      return "0-30";
    case Bucket::k31To60:
      return "31-60";
    case Bucket::k61To90:
      return "61-90";
    case Bucket::kOver90:
      return "90+";
  }
  return "";
}

}  // namespace concierge::finance
