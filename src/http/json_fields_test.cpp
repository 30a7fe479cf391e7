#include "http/json_fields.hpp"

#include <gtest/gtest.h>

namespace concierge::http {
namespace {

TEST(KnownFields, AcceptsKnownFieldsAndNullWhereAFieldCanBeCleared) {
  const auto body = nlohmann::json::parse(R"({"title": "x", "due_date": null})");
  EXPECT_TRUE(KnownFields(body, {"title", "due_date"}, {"due_date"}));
  EXPECT_TRUE(KnownFields(nlohmann::json::object(), {"title"}));
}

TEST(KnownFields, NamesEveryUnknownOrWronglyNullField) {
  const struct {
    const char* body;
    std::vector<std::string> named;
  } cases[] = {
      {R"({"titel": "x"})", {"titel"}},
      {R"({"title": null})", {"title"}},
      {R"({"title": null, "extra": 1, "due_date": null})", {"extra", "title"}},
  };
  for (const auto& [text, named] : cases) {
    const auto checked =
        KnownFields(nlohmann::json::parse(text), {"title", "due_date"}, {"due_date"});
    ASSERT_FALSE(checked) << text;
    EXPECT_EQ(checked.error().kind, ErrorKind::kInvalidInput);
    std::vector<std::string> fields;
    for (const auto& [name, message] : checked.error().fields) {
      fields.push_back(name);
    }
    EXPECT_EQ(fields, named) << text;
  }
}

}  // namespace
}  // namespace concierge::http
