#include "harness.hpp"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace concierge::blackbox {

namespace {

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

std::size_t AppendHeader(char* data, std::size_t size, std::size_t count, void* target) {
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}

int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

std::string ReadAll(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& text : strings) {
    pointers.push_back(text.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

// The parent's environment (PATH, TZ, ...) with `extra` on top.
std::vector<std::string> EnvironmentStrings(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    if (!extra.count(name) && name.rfind("CONCIERGE_", 0) != 0 && name.rfind("ENABLE_", 0) != 0) {
      strings.push_back(text);
    }
  }
  for (const auto& [name, value] : extra) {
    strings.push_back(name + "=" + value);
  }
  return strings;
}

}  // namespace

HttpResponse HttpClient::Send(const std::string& method, const std::string& path,
                              const std::string& body,
                              const std::vector<std::string>& headers) const {
  CURL* curl = curl_easy_init();
  HttpResponse response;
  curl_slist* list = nullptr;
  for (const auto& header : headers) {
    list = curl_slist_append(list, header.c_str());
  }
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (!body.empty() || method == "POST" || method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  const CURLcode code = curl_easy_perform(curl);
  response.transport_error = static_cast<int>(code);
  if (code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return response;
}

HttpResponse HttpClient::Get(const std::string& path, const std::string& token) const {
  std::vector<std::string> headers;
  if (!token.empty()) {
    headers.push_back("Authorization: Bearer " + token);
  }
  return Send("GET", path, "", headers);
}

HttpResponse HttpClient::SendJson(const std::string& method, const std::string& path,
                                  const nlohmann::json& body, const std::string& token) const {
  std::vector<std::string> headers = {"Content-Type: application/json"};
  if (!token.empty()) {
    headers.push_back("Authorization: Bearer " + token);
  }
  return Send(method, path, body.dump(), headers);
}

CommandResult RunConcierge(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& environment,
                           const std::string& input) {
  int in[2];
  int out[2];
  int err[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0) {
    throw std::runtime_error("pipe failed");
  }
  std::vector<std::string> argv_strings = {CONCIERGE_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = EnvironmentStrings(environment);

  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) {
      ::close(fd);
    }
    auto argv = Pointers(argv_strings);
    auto envp = Pointers(env_strings);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!input.empty()) {
    (void)::write(in[1], input.data(), input.size());
  }
  ::close(in[1]);

  CommandResult result;
  std::thread error_reader([&] { result.err = ReadAll(err[0]); });
  result.out = ReadAll(out[0]);
  error_reader.join();
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

Workspace::Workspace() {
  static std::mt19937_64 random(std::random_device{}());
  path_ = (std::filesystem::temp_directory_path() /
           ("concierge-blackbox-" + std::to_string(::getpid()) + "-" + std::to_string(random())))
              .string();
  std::filesystem::create_directories(path_);
}

Workspace::~Workspace() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::map<std::string, std::string> Workspace::Environment() const {
  return {{"CONCIERGE_DATABASE_URL", "sqlite://" + path_ + "/concierge.db"},
          {"CONCIERGE_DATA_DIR", path_},
          {"CONCIERGE_SECRET_KEY", "black-box-tests-secret-key-0123456789abcdef"},
          {"CONCIERGE_LOG_LEVEL", "warn"}};
}

ServerProcess::ServerProcess(std::map<std::string, std::string> environment) {
  const int port = FreePort();
  environment["CONCIERGE_LISTEN"] = "127.0.0.1:" + std::to_string(port);
  base_url_ = "http://127.0.0.1:" + std::to_string(port);

  std::vector<std::string> argv_strings = {CONCIERGE_BINARY, "serve"};
  std::vector<std::string> env_strings = EnvironmentStrings(environment);
  pid_ = ::fork();
  if (pid_ == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    auto argv = Pointers(argv_strings);
    auto envp = Pointers(env_strings);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }

  const HttpClient client(base_url_);
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (client.Get("/healthz").status == 200) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  throw std::runtime_error("the server did not start on " + base_url_);
}

ServerProcess::~ServerProcess() {
  Stop();
}

int ServerProcess::Stop() {
  if (pid_ <= 0) {
    return 0;
  }
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Login(const HttpClient& client, const std::string& email, const std::string& password) {
  const auto response =
      client.SendJson("POST", "/api/auth/login/", {{"email", email}, {"password", password}});
  EXPECT_EQ(response.status, 200) << response.body;
  if (response.status != 200) {
    return "";
  }
  return response.Json()["access"].get<std::string>();
}

void WriteOfficeCsv(const std::string& directory, const std::string& code, const std::string& name,
                    const std::vector<std::string>& apartments,
                    const std::vector<std::string>& ledger) {
  std::filesystem::create_directories(directory);
  std::ofstream(directory + "/buildings.csv")
      << "building_code,name,address,city,timezone,currency\n"
      << code << "," << name << ",Street 1,Athens,Europe/Athens,EUR\n";
  std::ofstream apartment_file(directory + "/apartments.csv");
  apartment_file << "building_code,apartment_number,floor,owner_name,owner_email,occupant_name,"
                    "shares_general,shares_elevator,shares_heating\n";
  for (const auto& apartment : apartments) {
    // number,floor,owner,email,shares -> ...,owner,email,owner (occupant),shares,,
    std::stringstream fields(apartment);
    std::string number, floor, owner, email, shares;
    std::getline(fields, number, ',');
    std::getline(fields, floor, ',');
    std::getline(fields, owner, ',');
    std::getline(fields, email, ',');
    std::getline(fields, shares, ',');
    apartment_file << code << "," << number << "," << floor << "," << owner << "," << email << ","
                   << owner << "," << shares << ",,\n";
  }
  std::ofstream ledger_file(directory + "/ledger.csv");
  ledger_file
      << "building_code,apartment_number,entry_date,kind,amount,due_date,description,reference\n";
  for (const auto& row : ledger) {
    ledger_file << code << "," << row << "\n";
  }
}

void SeedDemoWithManager(const std::map<std::string, std::string>& environment,
                         const std::string& email, const std::string& password) {
  const auto seeded = RunConcierge({"seed-demo"}, environment);
  ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
  const auto created =
      RunConcierge({"create-user", "--tenant", "demo", "--email", email, "--role", "manager"},
                   environment, password + "\n");
  ASSERT_EQ(created.exit_code, 0) << created.err;
}

std::string SharedDataDir() {
  return CONCIERGE_SHARED_DATA_DIR;
}

}  // namespace concierge::blackbox
