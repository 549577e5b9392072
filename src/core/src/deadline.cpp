// The memory watcher behind Deadline's soft memory limit (see deadline.hpp).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <limits>
#include <mutex>
#include <thread>

#include "ccbound/core/deadline.hpp"

namespace ccbound {

namespace {

std::atomic<std::size_t> watched_limit_mib{0};

void watch_loop() {
  for (;;) {
    const std::size_t limit = watched_limit_mib.load(std::memory_order_relaxed);
    if (limit > 0 && resident_mib() > limit) request_stop(StopReason::memory);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

std::size_t resident_mib() {
  std::FILE* file = std::fopen("/proc/self/statm", "r");
  if (file == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  const bool read = std::fscanf(file, "%lu %lu", &size, &resident) == 2;
  std::fclose(file);
  if (!read) return 0;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return resident * page / (std::size_t{1} << 20);
}

std::size_t watched_memory_limit_mib() {
  return watched_limit_mib.load(std::memory_order_relaxed);
}

std::uint64_t memory_headroom_bytes() {
  const std::uint64_t mib = std::uint64_t{1} << 20;
  std::uint64_t limit = std::uint64_t{watched_memory_limit_mib()} * mib;
  if (limit == 0) {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    limit = pages > 0 && page > 0 ? std::uint64_t(pages) * std::uint64_t(page)
                                  : std::numeric_limits<std::uint64_t>::max();
  }
  const std::uint64_t resident = std::uint64_t{resident_mib()} * mib;
  return limit > resident ? limit - resident : 0;
}

void watch_memory(std::size_t limit_mib) {
  watched_limit_mib.store(limit_mib);
  if (limit_mib > 0 && resident_mib() > limit_mib) request_stop(StopReason::memory);
  static std::once_flag started;
  std::call_once(started, [] { std::thread(watch_loop).detach(); });
}

}  // namespace ccbound
