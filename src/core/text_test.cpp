#include "core/text.hpp"

#include <gtest/gtest.h>

namespace concierge {
namespace {

TEST(CharacterCount, CountsCodePointsNotBytes) {
  EXPECT_EQ(CharacterCount(""), 0u);
  EXPECT_EQ(CharacterCount("abc"), 3u);
  EXPECT_EQ(CharacterCount("\xC3\xA9t\xC3\xA9"), 3u);                 // "été"
  EXPECT_EQ(CharacterCount("\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xAE"), 4u);  // "Καλή"
  EXPECT_EQ(CharacterCount("\xF0\x9F\x8F\xA0"), 1u);                  // a house emoji
}

TEST(IsBlank, OnlyWhitespaceIsBlank) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n"));
  EXPECT_FALSE(IsBlank(" x "));
}

TEST(ComparableLabel, IgnoresSurroundingSpaceAndAsciiCase) {
  EXPECT_EQ(ComparableLabel("  Yes "), "yes");
  EXPECT_EQ(ComparableLabel("yes"), ComparableLabel("YES"));
  EXPECT_NE(ComparableLabel("yes"), ComparableLabel("y es"));
}

}  // namespace
}  // namespace concierge
