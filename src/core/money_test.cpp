#include "core/money.hpp"

#include <gtest/gtest.h>

namespace concierge {
namespace {

struct AmountCase {
  const char* text;
  Cents cents;
};

TEST(ParseAmount, AcceptsPlainDecimals) {
  const AmountCase cases[] = {
      {"0", 0}, {"1", 100}, {"1.5", 150}, {"1.05", 105}, {"123.45", 12345}, {"0.01", 1},
  };
  for (const auto& c : cases) {
    auto parsed = ParseAmount(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(*parsed, c.cents) << c.text;
  }
}

TEST(ParseAmount, RefusesEverythingElse) {
  for (const char* text : {"", "1.234", "-1", "+1", "1,5", "1e3", ".5", "5.", "1.2.3", " 1", "abc",
                           "99999999999999"}) {
    EXPECT_FALSE(ParseAmount(text)) << text;
  }
}

TEST(ParseAmount, AcceptsNegativeOnlyWhenAllowed) {
  EXPECT_FALSE(ParseAmount("-1.00"));
  EXPECT_EQ(*ParseAmount("-1.00", true), -100);
}

TEST(HasCents, OnlyCurrenciesWithAHundredthAsMinorUnit) {
  EXPECT_TRUE(HasCents("EUR"));
  EXPECT_TRUE(HasCents("USD"));
  EXPECT_FALSE(HasCents("JPY"));
  EXPECT_FALSE(HasCents("KWD"));
  EXPECT_FALSE(HasCents("eur"));
  EXPECT_FALSE(HasCents("EURO"));
}

TEST(FormatAmount, WritesTwoDecimals) {
  EXPECT_EQ(FormatAmount(0), "0.00");
  EXPECT_EQ(FormatAmount(1), "0.01");
  EXPECT_EQ(FormatAmount(10), "0.10");
  EXPECT_EQ(FormatAmount(12345), "123.45");
  EXPECT_EQ(FormatAmount(-15000), "-150.00");
  EXPECT_EQ(FormatAmount(-5), "-0.05");
}

}  // namespace
}  // namespace concierge
