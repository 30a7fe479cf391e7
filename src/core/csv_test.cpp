#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace concierge {
namespace {

TEST(Csv, NeutralisesEveryFormulaTrigger) {
  EXPECT_EQ(CsvText(R"x(=HYPERLINK("http://x","y"))x"), R"x("'=HYPERLINK(""http://x"",""y"")")x");
  EXPECT_EQ(CsvText("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvText("+30"), "'+30");
  EXPECT_EQ(CsvText("-2+3"), "'-2+3");
  EXPECT_EQ(CsvText("\tcmd"), "'\tcmd");
  EXPECT_EQ(CsvText("\rcmd"), "\"'\rcmd\"");
}

TEST(Csv, LeavesOrdinaryTextAndNumbersAlone) {
  EXPECT_EQ(CsvText("Maria Papadopoulou"), "Maria Papadopoulou");
  EXPECT_EQ(CsvText("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvNumber("-150.00"), "-150.00");
  EXPECT_EQ(CsvLine({"a", "b"}), "a,b\r\n");
}

}  // namespace
}  // namespace concierge
