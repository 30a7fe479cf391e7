#include "importer/csv_reader.hpp"

#include <csv.h>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <string_view>
#include <utility>

namespace concierge::importer {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr unsigned char kParserOptions = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL;

// Records may end only at "\n". The reader strips the "\r" of "\r\n" itself,
// so that a stray carriage return inside a line stays data instead of
// silently splitting the record (and the line numbers with it).
int IsLineFeed(unsigned char c) {
  return c == '\n';
}

// libcsv skips lines of nothing but spaces and tabs between records.
bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// A multi-byte UTF-8 sequence as its lead byte announces it.
struct Sequence {
  std::size_t continuation_bytes = 0;
  std::uint32_t lead_bits = 0;
  std::uint32_t smallest = 0;  // anything below is an overlong form
};

std::optional<Sequence> SequenceFor(unsigned char lead) {
  if ((lead & 0xE0) == 0xC0) {
    return Sequence{1, lead & 0x1Fu, 0x80};
  }
  if ((lead & 0xF0) == 0xE0) {
    return Sequence{2, lead & 0x0Fu, 0x800};
  }
  if ((lead & 0xF8) == 0xF0) {
    return Sequence{3, lead & 0x07u, 0x10000};
  }
  return std::nullopt;
}

bool ReadWholeFile(const std::string& path, std::string& content) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    return false;
  }
  const std::streamoff size = in.tellg();
  if (size < 0) {
    return false;
  }
  content.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(content.data(), size);
  return static_cast<std::streamoff>(in.gcount()) == size;
}

// Feeds libcsv one physical line at a time, which is how every record learns
// the line it starts on. Records complete within a line are handed to the
// caller after libcsv returns, so the caller's code never runs (or throws)
// inside the C library's frames.
class LineParser {
 public:
  LineParser(std::string file, const CsvRecordHandler& on_record)
      : file_(std::move(file)), on_record_(on_record) {
    if (csv_init(&parser_, kParserOptions) != 0) {
      throw std::bad_alloc();
    }
    csv_set_term_func(&parser_, IsLineFeed);
  }
  ~LineParser() { csv_free(&parser_); }
  LineParser(const LineParser&) = delete;
  LineParser& operator=(const LineParser&) = delete;

  // `line` comes without its line ending. False when the line is malformed.
  [[nodiscard]] bool Feed(std::string_view line, long number) {
    line_ = number;
    if (!record_open_ && !IsBlank(line)) {
      OpenRecord();
    }
    const bool parsed = Parse(line) && Parse("\n");
    HandOut();
    return parsed;
  }

  // Ends the last record. False when a quoted field was never closed.
  [[nodiscard]] bool Finish() {
    const bool finished = csv_fini(&parser_, OnField, OnRecordEnd, this) == 0;
    RethrowCallbackFailure();
    HandOut();
    return finished;
  }

  [[nodiscard]] CsvError ParseError() {
    if (csv_error(&parser_) == CSV_EPARSE) {
      return {file_, line_, QuotingProblem()};
    }
    return {file_, line_, "the record is too large to read"};
  }

  [[nodiscard]] CsvError UnclosedQuoteError() const {
    return {file_, record_line_,
            "a quoted field in the record starting on this line is never closed"};
  }

  [[nodiscard]] std::vector<std::string> TakeHeader() { return std::move(header_); }

 private:
  [[nodiscard]] bool Parse(std::string_view bytes) {
    const std::size_t parsed =
        csv_parse(&parser_, bytes.data(), bytes.size(), OnField, OnRecordEnd, this);
    RethrowCallbackFailure();
    return parsed == bytes.size();
  }

  [[nodiscard]] std::string QuotingProblem() const {
    const std::string what =
        "malformed quoting (a quote inside an unquoted field, or text after a closing quote)";
    if (record_line_ != line_) {
      return what + " in the record starting on line " + std::to_string(record_line_);
    }
    return what;
  }

  void OpenRecord() {
    record_open_ = true;
    record_line_ = line_;
  }

  // libcsv callbacks: they only record what happened, and never let an
  // exception unwind through C code.
  static void OnField(void* data, std::size_t size, void* self) {
    auto& parser = *static_cast<LineParser*>(self);
    try {
      if (!parser.record_open_) {
        parser.OpenRecord();
      }
      parser.fields_.emplace_back(data == nullptr ? "" : static_cast<const char*>(data), size);
    } catch (...) {
      parser.failure_ = std::current_exception();
    }
  }

  static void OnRecordEnd(int /*terminator*/, void* self) {
    auto& parser = *static_cast<LineParser*>(self);
    try {
      parser.done_.push_back({parser.record_line_, std::move(parser.fields_)});
      parser.fields_.clear();
      parser.record_open_ = false;
    } catch (...) {
      parser.failure_ = std::current_exception();
    }
  }

  void RethrowCallbackFailure() {
    if (failure_) {
      std::rethrow_exception(std::exchange(failure_, nullptr));
    }
  }

  // The first record is the header; the rest go to the caller.
  void HandOut() {
    for (CsvRecord& record : done_) {
      if (!header_taken_) {
        header_ = std::move(record.fields);
        header_taken_ = true;
      } else {
        on_record_(record);
      }
    }
    done_.clear();
  }

  std::string file_;
  const CsvRecordHandler& on_record_;
  csv_parser parser_{};
  long line_ = 0;
  long record_line_ = 0;
  bool record_open_ = false;
  std::vector<std::string> fields_;
  std::vector<CsvRecord> done_;
  bool header_taken_ = false;
  std::vector<std::string> header_;
  std::exception_ptr failure_;
};

}  // namespace

tl::expected<std::vector<std::string>, CsvError> ReadCsv(const std::string& path,
                                                         const CsvRecordHandler& on_record) {
  const std::string file = std::filesystem::path(path).filename().string();
  std::string content;
  if (!ReadWholeFile(path, content)) {
    return tl::unexpected(CsvError{file, 0, "the file cannot be read"});
  }

  std::string_view rest = content;
  if (rest.starts_with(kByteOrderMark)) {
    rest.remove_prefix(kByteOrderMark.size());
  }

  LineParser parser(file, on_record);
  long number = 0;
  while (!rest.empty()) {
    ++number;
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }

    // Checked per line: a multi-byte sequence never contains a '\n' byte.
    if (!IsValidUtf8(line)) {
      return tl::unexpected(CsvError{file, number, "the line is not valid UTF-8"});
    }
    if (!parser.Feed(line, number)) {
      return tl::unexpected(parser.ParseError());
    }
  }

  if (!parser.Finish()) {
    return tl::unexpected(parser.UnclosedQuoteError());
  }
  return parser.TakeHeader();
}

tl::expected<CsvTable, CsvError> ReadCsvFile(const std::string& path) {
  CsvTable table;
  auto header =
      ReadCsv(path, [&table](CsvRecord& record) { table.records.push_back(std::move(record)); });
  if (!header) {
    return tl::unexpected(std::move(header).error());
  }
  table.header = std::move(*header);
  return table;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }

    const std::optional<Sequence> sequence = SequenceFor(lead);
    if (!sequence || text.size() - i <= sequence->continuation_bytes) {
      return false;
    }
    std::uint32_t code = sequence->lead_bits;
    for (std::size_t k = 1; k <= sequence->continuation_bytes; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        return false;
      }
      code = (code << 6) | (next & 0x3F);
    }

    // Overlong forms, UTF-16 surrogates and code points past Unicode's end.
    if (code < sequence->smallest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += sequence->continuation_bytes + 1;
  }
  return true;
}

}  // namespace concierge::importer
