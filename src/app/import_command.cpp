#include <chrono>
#include <cstdio>
#include <iostream>

#include <unistd.h>

#include "app/application.hpp"
#include "app/commands.hpp"
#include "importer/office_import.hpp"
#include "storage/migrations.hpp"

namespace concierge::app {

namespace {

// On a terminal, one self-overwriting line per phase: percent and rows/s.
class TerminalProgress {
 public:
  TerminalProgress() : enabled_(::isatty(STDERR_FILENO) != 0) {}

  void Update(const std::string& phase, long done, long total) {
    if (!enabled_) {
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (phase != phase_) {
      Finish();
      phase_ = phase;
      started_ = now;
    }
    const double seconds = std::chrono::duration<double>(now - started_).count();
    const double rate = seconds > 0 ? done / seconds : 0;
    const int percent = total > 0 ? static_cast<int>(100.0 * done / total) : 100;
    std::fprintf(stderr, "\r%-22s %3d%%  %9ld/%ld rows  %8.0f rows/s", phase.c_str(), percent, done,
                 total, rate);
    std::fflush(stderr);
  }

  void Finish() {
    if (enabled_ && !phase_.empty()) {
      std::fputc('\n', stderr);
      phase_.clear();
    }
  }

 private:
  bool enabled_;
  std::string phase_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace

int RunImport(const Config& config, const std::string& directory, const std::string& tenant_slug,
              const std::string& tenant_name) {
  auto db = OpenDatabase(config);
  if (!db) {
    return Failure(db.error().detail);
  }
  if (auto migrated = storage::Migrate(**db); !migrated) {
    return Failure(migrated.error().detail);
  }

  TerminalProgress progress;
  importer::ImportOptions options{directory, tenant_slug, tenant_name,
                                  [&](const std::string& phase, long done, long total) {
                                    progress.Update(phase, done, total);
                                  }};
  const auto outcome = importer::ImportOffice(**db, options);
  progress.Finish();

  if (!outcome.ok()) {
    for (const auto& problem : outcome.problems) {
      std::cerr << problem.ToString() << "\n";
    }
    return Failure("nothing was imported: fix the problems listed above and import again.");
  }
  const auto& s = outcome.summary;
  std::cout << "Imported into office '" << tenant_slug << "'" << (s.tenant_created ? " (new)" : "")
            << ": buildings " << s.buildings_created << " new, " << s.buildings_updated
            << " updated; apartments " << s.apartments_created << " new, " << s.apartments_updated
            << " updated; ledger entries " << s.entries_created << " new, " << s.entries_unchanged
            << " already present." << std::endl;
  return 0;
}

}  // namespace concierge::app
