// The process-wide stops behind Deadline: an interrupt, or the soft memory limit, expires every
// Deadline at once, as a timeout would, and clearing the stop brings them back.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <vector>

#include "ccbound/core/deadline.hpp"

using namespace ccbound;

TEST_CASE("an interrupt expires every deadline", "[limits]") {
  clear_stop();
  const Deadline unlimited;
  const Deadline hour(3600);
  CHECK_FALSE(unlimited.expired());
  CHECK_FALSE(hour.expired());
  request_stop(StopReason::interrupt);
  CHECK(stop_reason() == StopReason::interrupt);
  CHECK(unlimited.expired());
  CHECK(hour.expired());
  CHECK_THROWS_AS(hour.check(), TimeoutExpired);
  CHECK(hour.remaining_seconds() > 0);  // never "no limit" once stopped (Z3 reads 0 as none)
  request_stop(StopReason::memory);     // the first reason wins
  CHECK(stop_reason() == StopReason::interrupt);
  clear_stop();
  CHECK_FALSE(hour.expired());
}

TEST_CASE("a tiny memory limit expires every deadline", "[limits]") {
  clear_stop();
  const std::vector<char> ballast(std::size_t{4} << 20, 1);  // at least 4 MiB resident
  CHECK(resident_mib() >= 4);
  const Deadline unlimited;
  watch_memory(1);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!unlimited.expired() && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(unlimited.expired());
  CHECK(stop_reason() == StopReason::memory);
  watch_memory(0);  // the watcher stays, without a limit
  clear_stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(120));
  CHECK_FALSE(unlimited.expired());
  CHECK(ballast.back() == 1);
}
