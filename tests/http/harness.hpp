#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace concierge::blackbox {

// What a black-box test sees of an HTTP answer.
struct HttpResponse {
  long status = 0;  // 0 when no answer came
  // libcurl's outcome: 0 when an answer came, 7 (CURLE_COULDNT_CONNECT) when
  // nobody accepted the connection, others when it broke off.
  int transport_error = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  [[nodiscard]] nlohmann::json Json() const { return nlohmann::json::parse(body); }
  // The header's value, or "" when absent.
  [[nodiscard]] std::string Header(const std::string& lower_name) const {
    const auto found = headers.find(lower_name);
    return found == headers.end() ? "" : found->second;
  }
};

// A plain libcurl client for one server.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url) : base_url_(std::move(base_url)) {}

  HttpResponse Send(const std::string& method, const std::string& path,
                    const std::string& body = "",
                    const std::vector<std::string>& headers = {}) const;
  HttpResponse Get(const std::string& path, const std::string& token = "") const;
  HttpResponse SendJson(const std::string& method, const std::string& path,
                        const nlohmann::json& body, const std::string& token = "") const;

 private:
  std::string base_url_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the real concierge binary with `args`, the given extra environment and
// `input` on standard input.
CommandResult RunConcierge(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& environment,
                           const std::string& input = "");

// A fresh data folder and SQLite file for one test, removed afterwards.
class Workspace {
 public:
  Workspace();
  ~Workspace();
  [[nodiscard]] std::map<std::string, std::string> Environment() const;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// `concierge serve` on a free port against a workspace, stopped (SIGTERM) at
// destruction.
class ServerProcess {
 public:
  explicit ServerProcess(std::map<std::string, std::string> environment);
  ~ServerProcess();

  [[nodiscard]] HttpClient Client() const { return HttpClient(base_url_); }
  [[nodiscard]] const std::string& base_url() const { return base_url_; }
  // Sends SIGTERM and returns the exit code.
  int Stop();

 private:
  int pid_ = -1;
  std::string base_url_;
};

// Seeds the demo office and adds a manager with a known password. Fails the
// test when either command fails: call it inside ASSERT_NO_FATAL_FAILURE.
void SeedDemoWithManager(const std::map<std::string, std::string>& environment,
                         const std::string& email, const std::string& password);

// Logs in and returns the access token (fails the test when it cannot).
std::string Login(const HttpClient& client, const std::string& email, const std::string& password);

// Writes one office's import files (docs/import.md) into `directory`: one
// building `code` named `name`, apartments as "number,floor,owner,e-mail,
// general shares" and ledger rows as "number,date,kind,amount,due,
// description,reference" (the building code is added to each).
void WriteOfficeCsv(const std::string& directory, const std::string& code, const std::string& name,
                    const std::vector<std::string>& apartments,
                    const std::vector<std::string>& ledger);

// Where the shared sample data lives (../shared/data beside the repository).
std::string SharedDataDir();

}  // namespace concierge::blackbox
