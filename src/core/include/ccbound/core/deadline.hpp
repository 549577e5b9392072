// A wall-clock budget shared by the engines. Long loops call check(), which throws TimeoutExpired;
// the caller that set the budget catches it and reports the interval proved so far.
//
// Besides its own end time, every Deadline also expires once a process-wide stop has been
// requested: by the CLI's SIGINT/SIGTERM handler, or by the memory watcher when the resident set
// passes --memory-limit. So an interrupt or a soft memory limit stops every engine exactly as a
// timeout does, at the cost of one relaxed atomic load per expired() call.
//
// Steps that cannot poll (code in proofs/ and protocols/, CaDiCaL's first phases) ask affords()
// before they start: every command must stop within max(1 s, 10 % of its time limit) of its
// deadline or a stop, and half of that is the most such a step may add.
//
// Memory budgets live here too, beside the watcher: memory_headroom_bytes() is what the engines
// size their large steps against (formulas, proofs, the search's memo and log).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "ccbound/core/check_stop.hpp"

namespace ccbound {

struct TimeoutExpired {};

// Why the whole run should stop early; the first reason requested wins.
enum class StopReason : int { none = 0, interrupt = 1, terminate = 2, memory = 3 };

namespace detail {
inline std::atomic<int> stop_flag{0};
// When the stop was requested, in steady_clock ticks (valid once stop_flag is set).
inline std::atomic<std::int64_t> stop_ticks{0};
static_assert(std::atomic<int>::is_always_lock_free, "the stop flag is set from a signal handler");
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "so is the stop time");
}  // namespace detail

inline StopReason stop_reason() {
  return static_cast<StopReason>(detail::stop_flag.load(std::memory_order_relaxed));
}

// How a stop is labelled in output: "interrupted" (SIGINT, SIGTERM), "memory limit", "" for none.
inline const char* stop_reason_label(StopReason reason) {
  constexpr const char* labels[] = {"", "interrupted", "interrupted", "memory limit"};
  return labels[static_cast<int>(reason)];
}

// Async-signal-safe (steady_clock reads clock_gettime, which is). Ensures: stop_reason() != none.
// The first request sets the stop time; a reader between the two stores sees the clock's epoch,
// which only makes it more careful.
inline void request_stop(StopReason reason) {
  int none = 0;
  if (detail::stop_flag.compare_exchange_strong(none, static_cast<int>(reason)))
    detail::stop_ticks.store(std::chrono::steady_clock::now().time_since_epoch().count());
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

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// The soft limit every command runs under unless --memory-limit says otherwise (MiB): the peak
// resident set of every benchmark instance stays below 2048 MiB (bench/run limits). Under
// AddressSanitizer, whose shadow memory and redzones make the same work about three times as
// resident, it is four times that, so the sanitized test suite runs what the release one does.
inline constexpr std::size_t kDefaultMemoryLimitMib = kAddressSanitizer ? 4 * 2048 : 2048;

// The limit watch_memory() enforces (MiB), 0 when none is set.
std::size_t watched_memory_limit_mib();

// Bytes a step may still allocate: the watched limit, or the machine's physical memory when there
// is none, less the resident set now (0 when it is already past). Every step that builds something
// large (a CNF formula, a proof in memory, a memo table) sizes itself against this, so it skips
// the work with a labelled interval instead of tripping the limit and stopping the whole run.
std::uint64_t memory_headroom_bytes();

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
  // For a checker run under this deadline (check_stop.hpp): asks expired().
  StopRequest stop_request() const {
    return [this] { return expired(); };
  }
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
  // How long a step that cannot poll may run: half the max(1 s, 10 % of the time limit) within
  // which every command honours its deadline and SIGINT (so 0.5 s when there is no limit); the
  // other half is for everything else that runs between two polls.
  double unstoppable_seconds() const {
    const double total =
        end_ == Clock::time_point::max() ? 0 : std::chrono::duration<double>(end_ - start_).count();
    return std::max(1.0, 0.1 * total) / 2;
  }
  // Whether a step that cannot poll, expected to take `seconds`, may still start: it would end
  // within unstoppable_seconds() of this deadline or of the stop requested, whichever came first
  // (so the steps that run after either share that slack).
  bool affords(double seconds) const {
    Clock::time_point limit = end_;
    if (stop_reason() != StopReason::none)
      limit = std::min(limit, Clock::time_point(Clock::duration(detail::stop_ticks.load())));
    if (limit == Clock::time_point::max()) return true;
    const double after = std::chrono::duration<double>(Clock::now() - limit).count() + seconds;
    return after <= unstoppable_seconds();
  }

 private:
  Clock::time_point start_;
  Clock::time_point end_;
};

}  // namespace ccbound
