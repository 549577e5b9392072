// Fan-out for the verification loops: work(t) for t = 0..count-1, each on its own thread, all
// joined before returning. An exception thrown by any of them (a simulator's std::logic_error) is
// rethrown in the caller after the join, instead of terminating the process from a worker.
#pragma once

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace ccbound::reductions {

// Threads for the checks: the hardware's, between 1 and 8.
inline int worker_threads() {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
}

template <typename Work>
void on_threads(int count, Work work) {
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(count));
  std::vector<std::thread> threads;
  for (int t = 0; t < count; ++t)
    threads.emplace_back([&work, &errors, t] {
      try {
        work(t);
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace ccbound::reductions
