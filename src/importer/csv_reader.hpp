#pragma once

#include <functional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace concierge::importer {

// One data row of a CSV file.
struct CsvRecord {
  long line = 0;  // physical line where the record starts, from 1 (the header is line 1)
  std::vector<std::string> fields;
};

// Why a file could not be read; the file's contents are then unusable.
struct CsvError {
  std::string file;  // the file's name without its folder: "ledger.csv"
  long line = 0;     // 0 when the whole file is at fault (cannot be opened)
  std::string reason;
};

struct CsvTable {
  std::vector<std::string> header;  // empty when the file holds no record at all
  std::vector<CsvRecord> records;
};

// Receives each data record (not the header) in file order; may move from it.
using CsvRecordHandler = std::function<void(CsvRecord& record)>;

// Reads a UTF-8 CSV file whose first record is a header (RFC 4180 quoting,
// parsed by libcsv in strict mode). Accepts a UTF-8 byte order mark and
// "\n" or "\r\n" line endings; a line break inside a quoted field is kept
// as "\n". Blank lines are skipped, and spaces around an unquoted field are
// dropped (libcsv's rule). Fails on the first line that is not UTF-8, on
// malformed quoting, and on a quoted field that is never closed.
//
// The file is read into memory whole; `on_record` then sees the records one
// by one (moving from them is fine), so a caller may keep a compact form of
// a large file instead of its text. Returns the header. On a failure, the
// records already handed out are to be discarded.
[[nodiscard]] tl::expected<std::vector<std::string>, CsvError> ReadCsv(
    const std::string& path, const CsvRecordHandler& on_record);

// ReadCsv collecting every record: for files that fit comfortably in memory.
[[nodiscard]] tl::expected<CsvTable, CsvError> ReadCsvFile(const std::string& path);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
[[nodiscard]] bool IsValidUtf8(std::string_view text);

}  // namespace concierge::importer
