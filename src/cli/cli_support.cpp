// Terminal progress, --memory-limit and the interrupt handlers for the CLI.
#include "cli_support.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"

namespace ccbound::cli {

namespace {

extern "C" void on_stop_signal(int signal) {
  request_stop(signal == SIGINT ? StopReason::interrupt : StopReason::terminate);
}

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_RESTART;  // the second signal gets the default: terminate
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// The hard backstop: allocations beyond 2 * limit + 1 GiB of address space throw bad_alloc.
// Not under AddressSanitizer, which reserves terabytes of address space for its shadow memory
// and aborts when it cannot map it; there only the soft limit applies.
void cap_address_space(std::int64_t mib) {
  if (kAddressSanitizer) return;
  const auto bytes = static_cast<rlim_t>(2 * mib + 1024) << 20;
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) != 0) return;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < bytes) return;
  limit.rlim_cur = bytes;
  setrlimit(RLIMIT_AS, &limit);
}

}  // namespace

Progress::Progress() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void Progress::update(const std::string& message) const {
  if (enabled_) fmt::print(stderr, "\r\033[K{}", message);
}

void Progress::finish() const {
  if (enabled_) fmt::print(stderr, "\r\033[K");
}

void add_limit_options(CLI::App& cmd, LimitArgs& args) {
  cmd.add_option("--memory-limit", args.memory_limit_mib,
                 fmt::format("MiB of resident memory (default {}; 0: none); large steps that "
                             "would not fit are skipped, and at the limit the run stops and "
                             "reports what was proved, like a timeout",
                             kDefaultMemoryLimitMib));
}

void begin_limits(const LimitArgs& args, bool interruptible) {
  if (args.memory_limit_mib < 0 || args.memory_limit_mib > kMaxMemoryLimitMib)
    throw InputError(
        fmt::format("--memory-limit must be between 0 and {} (MiB)", kMaxMemoryLimitMib));
  if (interruptible) install_stop_handlers();
  if (args.memory_limit_mib == 0) return;
  watch_memory(static_cast<std::size_t>(args.memory_limit_mib));
  cap_address_space(args.memory_limit_mib);
}

void check_output_target(const std::string& path) {
  if (path.empty()) return;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!std::filesystem::is_directory(parent.empty() ? "." : parent, error))
    throw InputError(fmt::format("cannot write '{}': no such directory", path));
}

std::int64_t memory_limit_mib() {
  return std::int64_t(watched_memory_limit_mib());
}

std::string stop_label() {
  return stop_reason_label(stop_reason());
}

int final_status(int status) {
  switch (stop_reason()) {
    case StopReason::interrupt:
      return 128 + SIGINT;
    case StopReason::terminate:
      return 128 + SIGTERM;
    default:
      return status;
  }
}

}  // namespace ccbound::cli
