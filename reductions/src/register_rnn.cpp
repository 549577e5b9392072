// Register RNNs for EQ_N, DISJ_N and INDEX_N: the state is a bit string in the coordinates'
// patterns (StateBits), holding a register, and for EQ and DISJ a position counter and a phase bit.
// They are checked exhaustively against Task::label for small N, and beyond that on seeded random
// and adversarial inputs against labels computed here, within a fixed simulation budget. See
// register_rnn.hpp for the layouts and what each check establishes.
#include "ccbound/reductions/register_rnn.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "ccbound/core/error.hpp"
#include "rnn_check_support.hpp"
#include "state_bits.hpp"

namespace ccbound::reductions {

using namespace rnn_check;  // the helpers shared with the sibling unit

namespace {

constexpr Token kSeparator = 2;          // '#' of EQ and DISJ (task.hpp)
constexpr int kPairExhaustiveMax = 10;   // EQ, DISJ: 2^(2N) pairs
constexpr int kIndexExhaustiveMax = 16;  // INDEX: N 2^N inputs
// Coordinate updates (state size times tokens) one random register check may simulate.
constexpr double kRegisterBudget = 5e7;

// ---- Register RNNs ----

// EQ/DISJ layout: register [0, n), counter [n, n + counter_bits), phase bit n + counter_bits.
struct PairLayout {
  int n;
  int counter_bits;
  std::int64_t counter() const { return n; }
  std::int64_t phase() const { return std::int64_t{n} + counter_bits; }
  std::int64_t total() const { return phase() + 1; }
};

PairLayout pair_layout(int n) {
  return {n, static_cast<int>(std::bit_width(static_cast<unsigned>(n)))};
}

// The register bits [0, n) are all zero.
bool register_clear(const StateBits& bits, const Vector& h, int n) {
  for (int start = 0; start < n; start += 64)
    if (bits.read(h, start, std::min(64, n - start)) != 0) return false;
  return true;
}

Vector pair_step(const StateBits& bits, const PairLayout& layout, bool eq, const Vector& h,
                 Token token) {
  require(token >= 0 && token <= kSeparator, "token out of the EQ/DISJ vocabulary");
  Vector next = h;
  const std::uint64_t position = bits.read(h, layout.counter(), layout.counter_bits);
  if (token == kSeparator) {
    bits.write(next, layout.counter(), layout.counter_bits, 0);
    bits.write(next, layout.phase(), 1, 1);
    return next;
  }
  if (position >= static_cast<std::uint64_t>(layout.n)) return next;  // outside the task
  const auto at = static_cast<std::int64_t>(position);
  const auto y = static_cast<std::uint64_t>(token);
  const std::uint64_t stored = bits.read(h, at, 1);
  const bool second_half = bits.read(h, layout.phase(), 1) != 0;
  bits.write(next, at, 1, !second_half ? y : eq ? stored ^ y : stored & y);
  bits.write(next, layout.counter(), layout.counter_bits, position + 1);
  return next;
}

Rnn pair_register_rnn(TaskKind kind, int n, const NumberFormat& format) {
  const StateBits bits(format);
  const PairLayout layout = pair_layout(n);
  const bool eq = kind == TaskKind::eq;
  Rnn rnn;
  rnn.format = format;
  rnn.initial = bits.zero_state(layout.total());
  rnn.state_size = static_cast<int>(rnn.initial.size());
  rnn.description = fmt::format(
      "register RNN for {}_{}: {}-bit register, {}-bit counter, phase bit ({}, {} coordinates)",
      task_name(kind), n, n, layout.counter_bits, format.name(), rnn.state_size);
  rnn.transition = [bits, layout, eq](const Vector& h, Token token) {
    return pair_step(bits, layout, eq, h, token);
  };
  rnn.readout = [bits, layout](const Vector& h) {
    return bits.read(h, layout.phase(), 1) == 1 &&
           bits.read(h, layout.counter(), layout.counter_bits) ==
               static_cast<std::uint64_t>(layout.n) &&
           register_clear(bits, h, layout.n);
  };
  return rnn;
}

Vector index_step(const StateBits& bits, int n, const Vector& h, Token token) {
  require(token >= 0 && token < n + 2, "token out of the INDEX vocabulary");
  if (token < 2) return bits.shifted_in(h, n, static_cast<std::uint64_t>(token));
  // x_1 entered first, so x_q sits at bit n - q; the answer is kept as an all-ones or all-zero
  // register.
  return bits.filled(n, bits.read(h, n - (token - 1), 1) != 0);
}

Rnn index_register_rnn(int n, const NumberFormat& format) {
  const StateBits bits(format);
  Rnn rnn;
  rnn.format = format;
  rnn.initial = bits.zero_state(n);
  rnn.state_size = static_cast<int>(rnn.initial.size());
  rnn.description = fmt::format("shift register for INDEX_{} ({}, {} coordinates)", n,
                                format.name(), rnn.state_size);
  rnn.transition = [bits, n](const Vector& h, Token token) {
    return index_step(bits, n, h, token);
  };
  rnn.readout = [bits, n](const Vector& h) { return !register_clear(bits, h, n); };
  return rnn;
}

void require_register_task(TaskKind kind, int n) {
  if (kind == TaskKind::dyck) throw InputError("register RNNs are for INDEX, EQ and DISJ");
  require_length(n, kMaxRegisterLength, task_name(kind));
}

// ---- Exhaustive register checks against Task::label ----

// Every continuation of `bits_so_far` (bits [0, depth) set) to `length` bits, feeding bit k as
// token k; leaf(h, bits) at full length.
template <typename Leaf>
void walk_bits(const Rnn& rnn, const Vector& h, int depth, int length, std::uint64_t bits_so_far,
               const Leaf& leaf) {
  if (depth == length) return leaf(h, bits_so_far);
  for (Token bit = 0; bit < 2; ++bit)
    walk_bits(rnn, rnn.step(h, bit), depth + 1, length, bits_so_far | (std::uint64_t(bit) << depth),
              leaf);
}

Outcome exhaustive_pairs(const Rnn& rnn, const Task& task, const Deadline& deadline) {
  const int n = task.length();
  std::atomic<bool> stop = false;
  return on_two_threads([&](int t, Outcome& outcome) {
    for (std::uint64_t a = t; a < task.alice_inputs(Architecture::rnn) && !stop; a += kThreads) {
      if ((a / kThreads) % 16 == 0) deadline.check();
      const std::vector<Token> first = task.sequence(Architecture::rnn, a, 0);
      const Vector h =
          rnn.run(std::span(first).first(static_cast<std::size_t>(n) + 1), rnn.initial);
      walk_bits(rnn, h, 0, n, 0, [&](const Vector& end, std::uint64_t b) {
        const bool label = task.label(task.sequence(Architecture::rnn, a, b));
        compare(outcome, stop, rnn.readout(end), label,
                [&] { return fmt::format("{} with a = {}, b = {}", task.name(), a, b); });
      });
    }
  });
}

Outcome exhaustive_index(const Rnn& rnn, const Task& task, const Deadline& deadline) {
  const int n = task.length();
  const int split = std::min(n, 4);
  std::atomic<bool> stop = false;
  return on_two_threads([&](int t, Outcome& outcome) {
    for (std::uint64_t p = t; p < (std::uint64_t{1} << split) && !stop; p += kThreads) {
      Vector h = rnn.initial;
      for (int k = 0; k < split; ++k) h = rnn.step(h, static_cast<Token>((p >> k) & 1));
      walk_bits(rnn, h, split, n, p, [&](const Vector& end, std::uint64_t a) {
        if (a % 256 == 0) deadline.check();
        for (std::uint64_t b = 0; b < static_cast<std::uint64_t>(n); ++b) {
          const std::vector<Token> tokens = task.sequence(Architecture::rnn, a, b);
          compare(outcome, stop, rnn.readout(rnn.step(end, tokens.back())), task.label(tokens),
                  [&] { return fmt::format("{} with a = {}, b = {}", task.name(), a, b); });
        }
      });
    }
  });
}

// ---- Random and adversarial register checks against labels computed here ----

using Bits = std::vector<std::uint8_t>;

// x number i: all ones, alternating, then random bits of density 1/2.
Bits random_x(int n, std::uint64_t i, std::mt19937_64& rng) {
  Bits x(static_cast<std::size_t>(n));
  for (std::size_t k = 0; k < x.size(); ++k)
    x[k] = static_cast<std::uint8_t>(i == 0 ? 1 : i == 1 ? k % 2 : rng() & 1);
  return x;
}

struct NamedBits {
  std::string name;
  Bits bits;
};

Bits flipped(Bits bits, std::size_t k) {
  bits[k] ^= 1;
  return bits;
}

Bits complement(Bits bits) {
  for (auto& b : bits) b ^= 1;
  return bits;
}

// The y's tried against x: EQ near-equal ones, DISJ near-disjoint ones, plus a random y.
std::vector<NamedBits> adversarial_ys(TaskKind kind, const Bits& x, std::mt19937_64& rng) {
  const std::size_t n = x.size(), k = rng() % n;
  Bits random(n);
  for (auto& b : random) b = rng() & 1;
  if (kind == TaskKind::eq)
    return {{"y = x", x},
            {"y = x but y_1", flipped(x, 0)},
            {"y = x but y_N", flipped(x, n - 1)},
            {fmt::format("y = x but y_{}", k + 1), flipped(x, k)},
            {"y = not x", complement(x)},
            {"random y", random}};
  const Bits disjoint = complement(x);
  std::vector<NamedBits> ys = {
      {"y = not x", disjoint}, {"y = 0", Bits(n, 0)}, {"y = x", x}, {"random y", random}};
  for (std::size_t shared : {std::size_t{0}, n - 1, k})
    if (x[shared] == 1)
      ys.push_back({fmt::format("y = not x, plus y_{}", shared + 1), flipped(disjoint, shared)});
  return ys;
}

bool pair_label(TaskKind kind, const Bits& x, const Bits& y) {
  for (std::size_t k = 0; k < x.size(); ++k)
    if (kind == TaskKind::eq ? x[k] != y[k] : (x[k] & y[k]) != 0) return false;
  return true;
}

std::vector<Token> as_tokens(const Bits& bits) {
  return std::vector<Token>(bits.begin(), bits.end());
}

void check_random_pairs(const Rnn& rnn, TaskKind kind, const Bits& x, std::uint64_t i,
                        std::mt19937_64& rng, std::atomic<bool>& stop, Outcome& outcome,
                        const Deadline& deadline) {
  std::vector<Token> prefix = as_tokens(x);
  prefix.push_back(kSeparator);
  const Vector after_x = run_polling(rnn, prefix, rnn.initial, deadline);
  for (const NamedBits& y : adversarial_ys(kind, x, rng)) {
    const bool model = rnn.readout(run_polling(rnn, as_tokens(y.bits), after_x, deadline));
    compare(outcome, stop, model, pair_label(kind, x, y.bits), [&] {
      return fmt::format("{}_{} with x number {} and {}", task_name(kind), x.size(), i, y.name);
    });
  }
}

void check_random_index(const Rnn& rnn, const Bits& x, std::uint64_t i, std::mt19937_64& rng,
                        std::atomic<bool>& stop, Outcome& outcome, const Deadline& deadline) {
  const int n = static_cast<int>(x.size());
  const Vector after_x = run_polling(rnn, as_tokens(x), rnn.initial, deadline);
  std::vector<int> queries = {1, n};
  for (int extra = 0; extra < std::min(n, 62); ++extra)
    queries.push_back(1 + static_cast<int>(rng() % static_cast<std::uint64_t>(n)));
  for (int q : queries) {
    const bool model = rnn.readout(rnn.step(after_x, q + 1));
    compare(outcome, stop, model, x[static_cast<std::size_t>(q) - 1] == 1,
            [&] { return fmt::format("INDEX_{} with x number {} and q = {}", n, i, q); });
  }
}

// How many x's the budget allows: each x costs about `tokens` steps of rnn.state_size updates.
int random_x_count(const Rnn& rnn, double tokens) {
  const double affordable = kRegisterBudget / (tokens * std::max(1, rnn.state_size));
  return static_cast<int>(std::clamp(affordable, 2.0, 32.0));
}

Outcome random_registers(const Rnn& rnn, TaskKind kind, int n, std::uint64_t seed, int xs,
                         const Deadline& deadline) {
  std::atomic<bool> stop = false;
  return on_two_threads([&](int t, Outcome& outcome) {
    for (int i = t; i < xs && !stop; i += kThreads) {
      deadline.check();
      const auto index = static_cast<std::uint64_t>(i);
      std::mt19937_64 rng = case_generator(seed, index);
      const Bits x = random_x(n, index, rng);
      if (kind == TaskKind::index)
        check_random_index(rnn, x, index, rng, stop, outcome, deadline);
      else
        check_random_pairs(rnn, kind, x, index, rng, stop, outcome, deadline);
    }
  });
}

}  // namespace

int register_rnn_coordinates(TaskKind kind, int n, const NumberFormat& format) {
  require_register_task(kind, n);
  const StateBits bits(format);
  return kind == TaskKind::index ? bits.coordinates(n) : bits.coordinates(pair_layout(n).total());
}

Rnn register_rnn(TaskKind kind, int n, const NumberFormat& format) {
  require_register_task(kind, n);
  return kind == TaskKind::index ? index_register_rnn(n, format)
                                 : pair_register_rnn(kind, n, format);
}

ConstructionCheck verify_register_rnn(const Rnn& rnn, TaskKind kind, int n, std::uint64_t seed,
                                      const Deadline& deadline) {
  require_register_task(kind, n);
  const auto start = std::chrono::steady_clock::now();
  const int exhaustive_max = kind == TaskKind::index ? kIndexExhaustiveMax : kPairExhaustiveMax;
  const bool exhaustive = n <= exhaustive_max;
  const double tokens = kind == TaskKind::index ? n + 64.0 : 7.0 * n;
  const int xs = exhaustive ? 0 : random_x_count(rnn, tokens);
  Outcome outcome;
  try {
    const Task task(kind, std::min(n, exhaustive_max));
    outcome = !exhaustive               ? random_registers(rnn, kind, n, seed, xs, deadline)
              : kind == TaskKind::index ? exhaustive_index(rnn, task, deadline)
                                        : exhaustive_pairs(rnn, task, deadline);
  } catch (const TimeoutExpired&) {
    return stopped_check(
        exhaustive ? "exhaustive" : "random+adversarial",
        exhaustive ? ConstructionEvidence::exhaustive : ConstructionEvidence::sample,
        seconds_since(start), "");
  }
  if (exhaustive)
    return make_check(outcome, "exhaustive", seconds_since(start),
                      fmt::format("all {} inputs of {} agree with Task::label ({} accepted)",
                                  outcome.checked, Task(kind, n).name(), outcome.accepted));
  return make_check(outcome, "random+adversarial", seconds_since(start),
                    fmt::format("{} inputs of {}_{} ({} x's, seed {}) agree with the label ({} "
                                "accepted)",
                                outcome.checked, task_name(kind), n, xs, seed, outcome.accepted));
}

ConstructionReport construct_register_rnn(TaskKind kind, int n, const NumberFormat& format,
                                          std::uint64_t seed, const Deadline& deadline) {
  const Rnn rnn = register_rnn(kind, n, format);
  return rnn_report(kind, n, rnn, verify_register_rnn(rnn, kind, n, seed, deadline));
}

}  // namespace ccbound::reductions
