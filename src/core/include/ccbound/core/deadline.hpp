// A wall-clock budget shared by the engines. Long loops call check(), which throws TimeoutExpired;
// the caller that set the budget catches it and reports the interval proved so far.
//
// Besides its own end time, every Deadline also expires once a process-wide stop has been
// requested: by the CLI's SIGINT/SIGTERM handler, or by the memory watcher when the resident set
// passes --memory-limit. So an interrupt or a soft memory limit stops every engine exactly as a
// timeout does, at the cost of one relaxed atomic load per expired() call.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <limits>

namespace ccbound {

struct TimeoutExpired {};

// Why the whole run should stop early; the first reason requested wins.
enum class StopReason : int { none = 0, interrupt = 1, terminate = 2, memory = 3 };

namespace detail {
inline std::atomic<int> stop_flag{0};
static_assert(std::atomic<int>::is_always_lock_free, "the stop flag is set from a signal handler");
}  // namespace detail

inline StopReason stop_reason() {
  return static_cast<StopReason>(detail::stop_flag.load(std::memory_order_relaxed));
}

// Async-signal-safe. Ensures: stop_reason() != none.
inline void request_stop(StopReason reason) {
  int none = 0;
  detail::stop_flag.compare_exchange_strong(none, static_cast<int>(reason));
}

// Clears a requested stop (for tests; the CLI never clears one).
inline void clear_stop() {
  detail::stop_flag.store(0);
}

// The resident set of this process in MiB, from /proc/self/statm (0 if it cannot be read).
std::size_t resident_mib();

// Starts (once per process) a thread that reads the resident set every 50 ms and requests
// StopReason::memory when it exceeds `limit_mib`. Later calls only change the limit.
void watch_memory(std::size_t limit_mib);

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // seconds <= 0 or infinity means no limit.
  explicit Deadline(double seconds = 0) : start_(Clock::now()) {
    if (seconds > 0 && seconds < 1e9) {
      end_ = start_ +
             std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    } else {
      end_ = Clock::time_point::max();
    }
  }

  // The same deadline, or `seconds` from now if that comes sooner.
  Deadline capped(double seconds) const {
    Deadline d(seconds);
    d.end_ = std::min(d.end_, end_);
    return d;
  }

  bool expired() const { return stop_reason() != StopReason::none || Clock::now() >= end_; }
  void check() const {
    if (expired()) throw TimeoutExpired{};
  }
  // Seconds left (1 ms once expired or stopped); 0 when there is no limit, the Z3 convention for
  // "none".
  double remaining_seconds() const {
    if (stop_reason() != StopReason::none) return 1e-3;
    if (end_ == Clock::time_point::max()) return 0;
    const double left = std::chrono::duration<double>(end_ - Clock::now()).count();
    return left > 1e-3 ? left : 1e-3;
  }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  Clock::time_point start_;
  Clock::time_point end_;
};

}  // namespace ccbound
