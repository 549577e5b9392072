// A wall-clock budget shared by the engines. Long loops call check(), which throws TimeoutExpired;
// the caller that set the budget catches it and reports the interval proved so far.
#pragma once

#include <algorithm>
#include <chrono>
#include <limits>

namespace ccbound {

struct TimeoutExpired {};

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

  bool expired() const { return Clock::now() >= end_; }
  void check() const {
    if (expired()) throw TimeoutExpired{};
  }
  // Seconds left (0 once expired); 0 also when there is no limit, the Z3 convention for "none".
  double remaining_seconds() const {
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
