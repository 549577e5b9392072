// What the checks of the explicit RNNs (dyck_rnn.cpp, register_rnn.cpp) share: an Outcome that
// counts inputs and keeps the first mismatch, a two-thread fan-out that turns a model's
// std::logic_error into a failure, the comparison that stops every thread on a mismatch, seeded
// per-case generators, and the ConstructionCheck / ConstructionReport built from an outcome.
// Private to ccbound::reductions; the names live in rnn_check so they cannot collide with the
// anonymous helpers of other units.
#pragma once

#include <fmt/format.h>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/task.hpp"
#include "threads.hpp"

namespace ccbound::reductions::rnn_check {

constexpr int kThreads = 2;

// Throws std::logic_error(message) unless condition holds.
void require(bool condition, const char* message);

double seconds_since(std::chrono::steady_clock::time_point start);

// A seeded generator per (seed, case), so results do not depend on which thread runs a case.
std::mt19937_64 case_generator(std::uint64_t seed, std::uint64_t index);

// What a check found: inputs evaluated, how many the reference accepts, the first mismatch.
struct Outcome {
  std::uint64_t checked = 0;
  std::uint64_t accepted = 0;
  std::string failure;

  void add(const Outcome& other) {
    checked += other.checked;
    accepted += other.accepted;
    if (failure.empty()) failure = other.failure;
  }
};

// Runs work(t, outcome_t) on kThreads threads and merges the outcomes. A model that throws
// std::logic_error on a task input (a token outside its vocabulary, a malformed state) fails.
template <typename Work>
Outcome on_two_threads(Work work) {
  std::vector<Outcome> outcomes(kThreads);
  Outcome total;
  try {
    on_threads(kThreads, [&](int t) { work(t, outcomes[static_cast<std::size_t>(t)]); });
  } catch (const std::logic_error& error) {
    total.failure = fmt::format("a task input: the model failed ({})", error.what());
  }
  for (const Outcome& outcome : outcomes) total.add(outcome);
  return total;
}

// Records one comparison; the first mismatch stops every thread.
void compare(Outcome& outcome, std::atomic<bool>& stop, bool model, bool label,
             const auto& describe) {
  ++outcome.checked;
  outcome.accepted += label ? 1 : 0;
  if (model == label || !outcome.failure.empty()) return;
  outcome.failure = fmt::format("{}: model {}, label {}", describe(), int{model}, int{label});
  stop = true;
}

// Verified iff no mismatch; detail is `summary` then, else the mismatch.
ConstructionCheck make_check(const Outcome& outcome, std::string method, double seconds,
                             const std::string& summary);

// The report of an RNN construction for kind_n: one layer, width and size rnn.state_size.
ConstructionReport rnn_report(TaskKind kind, int n, const Rnn& rnn, ConstructionCheck check);

// rnn.run(tokens, h), polling the deadline every 256 tokens (throws TimeoutExpired once it has
// expired): a step of a register RNN at N = 2^16 touches thousands of coordinates.
Vector run_polling(const Rnn& rnn, std::span<const Token> tokens, Vector h,
                   const Deadline& deadline);

// Throws InputError unless 1 <= n <= max_length.
void require_length(int n, int max_length, std::string_view task);

}  // namespace ccbound::reductions::rnn_check
