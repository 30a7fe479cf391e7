#include "importer/csv_reader.hpp"

#include <gtest/gtest.h>

#include "importer/temp_folder.hpp"

namespace concierge::importer {
namespace {

using Fields = std::vector<std::string>;

class CsvReaderTest : public ::testing::Test {
 protected:
  CsvTable Read(const std::string& content) {
    auto table = ReadCsvFile(folder_.Write("data.csv", content));
    EXPECT_TRUE(table) << (table ? "" : table.error().reason);
    return table ? *table : CsvTable{};
  }

  CsvError Refuse(const std::string& content) {
    auto table = ReadCsvFile(folder_.Write("data.csv", content));
    EXPECT_FALSE(table);
    return table ? CsvError{} : table.error();
  }

  TempFolder folder_;
};

TEST_F(CsvReaderTest, ReadsTheHeaderAndEachRecordWithItsLine) {
  const CsvTable table = Read("code,name\nB1,One\nB2,Two\n");

  EXPECT_EQ(table.header, (Fields{"code", "name"}));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].line, 2);
  EXPECT_EQ(table.records[0].fields, (Fields{"B1", "One"}));
  EXPECT_EQ(table.records[1].line, 3);
  EXPECT_EQ(table.records[1].fields, (Fields{"B2", "Two"}));
}

TEST_F(CsvReaderTest, AcceptsCrlfLineEndings) {
  const CsvTable table = Read("code,name\r\nB1,One\r\nB2,\"Two\"\r\n");

  EXPECT_EQ(table.header, (Fields{"code", "name"}));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{"B1", "One"}));
  EXPECT_EQ(table.records[1].fields, (Fields{"B2", "Two"}));
  EXPECT_EQ(table.records[1].line, 3);
}

TEST_F(CsvReaderTest, DropsTheByteOrderMark) {
  const CsvTable table = Read(
      "\xEF\xBB\xBF"
      "code,name\nB1,Ermou 5\n");

  EXPECT_EQ(table.header, (Fields{"code", "name"}));
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields, (Fields{"B1", "Ermou 5"}));
}

TEST_F(CsvReaderTest, QuotedFieldsKeepCommasAndDoubledQuotes) {
  const CsvTable table = Read("a,b,c\n\"Repairs, roof\",\"say \"\"hi\"\"\",\"\"\n");

  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields, (Fields{"Repairs, roof", "say \"hi\"", ""}));
}

TEST_F(CsvReaderTest, QuotedLineBreakKeepsTheRecordOnItsFirstLine) {
  const CsvTable table = Read("a,b\n\"first\r\nsecond\",1\nx,2\n");

  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].line, 2);
  EXPECT_EQ(table.records[0].fields, (Fields{"first\nsecond", "1"}));
  EXPECT_EQ(table.records[1].line, 4);
  EXPECT_EQ(table.records[1].fields, (Fields{"x", "2"}));
}

TEST_F(CsvReaderTest, SkipsBlankLinesAndCountsThem) {
  const CsvTable table = Read("a,b\n\n1,2\n  \n3,4\n\n\r\n\n");

  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].line, 3);
  EXPECT_EQ(table.records[1].line, 5);
}

TEST_F(CsvReaderTest, ReadsALastLineWithoutLineEnding) {
  const CsvTable table = Read("a,b\n1,2\n3,\"4\"");

  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[1].fields, (Fields{"3", "4"}));
  EXPECT_EQ(table.records[1].line, 3);
}

TEST_F(CsvReaderTest, EmptyFieldsAndCellsOfUnicodeText) {
  const CsvTable table = Read("a,b,c\n,Παπαδόπουλος,€\n");

  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields, (Fields{"", "Παπαδόπουλος", "€"}));
}

TEST_F(CsvReaderTest, EmptyFileHasNoHeader) {
  const CsvTable table = Read("\n\n");

  EXPECT_TRUE(table.header.empty());
  EXPECT_TRUE(table.records.empty());
}

TEST_F(CsvReaderTest, UnterminatedQuoteNamesTheLineWhereItsRecordStarts) {
  const CsvError error = Refuse("a,b\n1,2\n3,\"never closed\n4,5\n");

  EXPECT_EQ(error.file, "data.csv");
  EXPECT_EQ(error.line, 3);
  EXPECT_NE(error.reason.find("never closed"), std::string::npos) << error.reason;
}

TEST_F(CsvReaderTest, QuoteInsideAnUnquotedFieldIsRefused) {
  const CsvError error = Refuse("a,b\n1,2\n3,4 \"inch\"\n");

  EXPECT_EQ(error.file, "data.csv");
  EXPECT_EQ(error.line, 3);
  EXPECT_NE(error.reason.find("malformed quoting"), std::string::npos) << error.reason;
}

TEST_F(CsvReaderTest, TextAfterAClosingQuoteIsRefusedOnItsOwnLine) {
  const CsvError error = Refuse("a,b\n\"multi\nline\"x,2\n");

  EXPECT_EQ(error.line, 3);
  EXPECT_NE(error.reason.find("starting on line 2"), std::string::npos) << error.reason;
}

TEST_F(CsvReaderTest, InvalidUtf8NamesTheLine) {
  const CsvError error = Refuse("a,b\n1,2\n3,caf\xE9\n");

  EXPECT_EQ(error.file, "data.csv");
  EXPECT_EQ(error.line, 3);
  EXPECT_NE(error.reason.find("UTF-8"), std::string::npos) << error.reason;
}

TEST_F(CsvReaderTest, MissingFileIsAnError) {
  auto table = ReadCsvFile(folder_.path() + "/absent.csv");

  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().file, "absent.csv");
  EXPECT_EQ(table.error().line, 0);
}

TEST_F(CsvReaderTest, StreamsRecordsToTheHandler) {
  std::vector<long> lines;
  auto header = ReadCsv(folder_.Write("data.csv", "h\n1\n2\n3\n"),
                        [&](CsvRecord& record) { lines.push_back(record.line); });

  ASSERT_TRUE(header);
  EXPECT_EQ(*header, (Fields{"h"}));
  EXPECT_EQ(lines, (std::vector<long>{2, 3, 4}));
}

TEST(Utf8, AcceptsWellFormedText) {
  for (const char* text : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                           "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(IsValidUtf8(text)) << text;
  }
}

TEST(Utf8, RefusesMalformedSequences) {
  struct Case {
    const char* name;
    const char* text;
  };
  const Case cases[] = {
      {"lone continuation byte", "\x80"},       {"Latin-1 byte", "caf\xE9"},
      {"truncated sequence", "\xE2\x82"},       {"overlong slash", "\xC0\xAF"},
      {"overlong three bytes", "\xE0\x80\xAF"}, {"UTF-16 surrogate", "\xED\xA0\x80"},
      {"past U+10FFFF", "\xF4\x90\x80\x80"},    {"five-byte lead", "\xF8\x88\x80\x80\x80"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(IsValidUtf8(c.text)) << c.name;
  }
}

}  // namespace
}  // namespace concierge::importer
