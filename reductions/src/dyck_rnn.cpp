// The second-order RNN of a state machine and its instance for bounded Dyck-(2,2), with the
// reference it is checked against, a stack of at most two open brackets: the proof explores the
// (RNN state, stack) pairs reachable from the start; the cross-checks walk every short string depth
// first (prefixes shared, so each prefix's state is computed once) and run seeded random long
// strings. See dyck_rnn.hpp for the construction and what each check establishes.
#include "ccbound/reductions/dyck_rnn.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ccbound/core/error.hpp"
#include "rnn_check_support.hpp"

namespace ccbound::reductions {

using namespace rnn_check;  // the helpers shared with the sibling unit

namespace {

// ---- Second-order RNN ----

// States from which an accepting state is reachable; the others all behave like the zero vector.
std::vector<bool> live_states(const StateMachine& m) {
  std::vector<bool> live = m.accepting;
  for (bool changed = true; changed;) {
    changed = false;
    for (int s = 0; s < m.states; ++s)
      for (int t = 0; t < m.vocabulary_size && !live[s]; ++t)
        if (live[m.next[s * m.vocabulary_size + t]]) live[s] = changed = true;
  }
  return live;
}

void check_machine_shape(const StateMachine& m) {
  require(m.states >= 1 && m.vocabulary_size >= 1, "state machine needs states and tokens");
  require(m.initial >= 0 && m.initial < m.states, "state machine initial state out of range");
  require(m.next.size() == static_cast<std::size_t>(m.states) * m.vocabulary_size &&
              m.accepting.size() == static_cast<std::size_t>(m.states),
          "state machine tables of the wrong size");
  for (int s : m.next) require(s >= 0 && s < m.states, "state machine transition out of range");
}

void check_second_order_shape(const SecondOrderWeights& w) {
  const auto d = static_cast<std::size_t>(w.units);
  require(w.units >= 1 && w.vocabulary_size >= 1, "second-order RNN needs units and tokens");
  require(w.transition.size() == static_cast<std::size_t>(w.vocabulary_size) * d * d,
          "second-order weights must be vocabulary x d x d");
  require(w.initial.size() == d && w.readout.size() == d, "initial and readout need d values");
}

double dot(const double* a, const Vector& b) {
  double sum = 0;
  for (std::size_t k = 0; k < b.size(); ++k) sum += a[k] * b[k];
  return sum;
}

// ---- The reference for bounded Dyck-(2,2): a stack of at most two open brackets ----

class BoundedStack {
 public:
  // The stack after `token`: a third open bracket, a wrong or unmatched closing bracket or a
  // token outside ( [ ) ] breaks it for good.
  BoundedStack after(Token token) const {
    BoundedStack next = *this;
    if (broken_ || token < 0 || token > 3) {
      next.broken_ = true;
    } else if (token < 2) {
      if (size_ == 2)
        next.broken_ = true;
      else
        next.open_[next.size_++] = token;
    } else if (size_ == 0 || open_[size_ - 1] != token - 2) {
      next.broken_ = true;
    } else {
      --next.size_;
    }
    return next;
  }
  bool balanced() const { return !broken_ && size_ == 0; }
  // One number per stack content: -1 broken, 0 empty, 1..2 one bracket, 3..6 two (entries above
  // the size are stale and ignored).
  int key() const {
    if (broken_) return -1;
    return size_ == 0 ? 0 : size_ == 1 ? 1 + open_[0] : 3 + 2 * open_[0] + open_[1];
  }

 private:
  std::array<Token, 2> open_{};
  int size_ = 0;
  bool broken_ = false;
};

std::string brackets(std::span<const Token> tokens) {
  std::string text;
  for (Token t : tokens) text += (t >= 0 && t < 4) ? "([)]"[t] : '?';
  return tokens.empty() ? "the empty string" : "'" + text + "'";
}

// Every string of length <= max_length below the current prefix. Subtrees at split_depth go
// round robin to the threads; shorter prefixes are checked by thread 0 only.
struct DyckWalk {
  const Rnn& rnn;
  int max_length;
  int split_depth;
  int thread;
  std::atomic<bool>& stop;
  Outcome& outcome;
  const Deadline& deadline;
  std::vector<Token> prefix{};
  std::uint64_t subtrees = 0, visits = 0;

  void visit(const Vector& h, const BoundedStack& stack) {
    if (++visits % 4096 == 0) deadline.check();
    const int depth = static_cast<int>(prefix.size());
    if (depth == split_depth && subtrees++ % kThreads != static_cast<std::uint64_t>(thread)) return;
    if (depth >= split_depth || thread == 0)
      compare(outcome, stop, rnn.readout(h), stack.balanced(), [&] { return brackets(prefix); });
    if (depth == max_length || stop.load(std::memory_order_relaxed)) return;
    for (Token t = 0; t < 4; ++t) {
      prefix.push_back(t);
      visit(rnn.step(h, t), stack.after(t));
      prefix.pop_back();
    }
  }
};

Outcome dyck_exhaustive(const Rnn& rnn, int max_length, const Deadline& deadline) {
  std::atomic<bool> stop = false;
  return on_two_threads([&](int t, Outcome& outcome) {
    DyckWalk walk{rnn, max_length, std::min(max_length, 3), t, stop, outcome, deadline};
    walk.visit(rnn.initial, BoundedStack{});
  });
}

// A balanced word of nesting depth <= max_depth (one random token appended for odd lengths).
std::vector<Token> random_balanced_word(int length, std::size_t max_depth, std::mt19937_64& rng) {
  std::vector<Token> word, open;
  const int even = length - length % 2;
  for (int position = 0; position < even; ++position) {
    const auto remaining = static_cast<std::size_t>(even - position);
    const bool can_open = open.size() < max_depth && open.size() + 2 <= remaining;
    if (can_open && (open.empty() || (rng() & 1) != 0)) {
      open.push_back(static_cast<Token>(rng() & 1));
      word.push_back(open.back());
    } else {
      word.push_back(open.back() + 2);
      open.pop_back();
    }
  }
  if (length % 2 != 0) word.push_back(static_cast<Token>(rng() % 4));
  return word;
}

// Kinds by index mod 4: balanced depth <= 2 (label 1), one token of such a word changed (label 0),
// balanced depth <= 3 (mostly 0), uniform (almost always 0).
std::vector<Token> random_dyck_case(int length, std::uint64_t seed, std::uint64_t index) {
  std::mt19937_64 rng = case_generator(seed, index);
  if (index % 4 == 3) {
    std::vector<Token> word(static_cast<std::size_t>(length));
    for (Token& t : word) t = static_cast<Token>(rng() % 4);
    return word;
  }
  std::vector<Token> word = random_balanced_word(length, index % 4 == 2 ? 3 : 2, rng);
  if (index % 4 == 1 && !word.empty()) {
    Token& changed = word[rng() % word.size()];
    changed = static_cast<Token>((changed + 1 + rng() % 3) % 4);
  }
  return word;
}

Outcome dyck_random(const Rnn& rnn, int length, int count, std::uint64_t seed,
                    const Deadline& deadline) {
  std::atomic<bool> stop = false;
  return on_two_threads([&](int t, Outcome& outcome) {
    for (int i = t; i < count && !stop.load(std::memory_order_relaxed); i += kThreads) {
      deadline.check();
      const std::vector<Token> word = random_dyck_case(length, seed, static_cast<std::uint64_t>(i));
      const bool model = rnn.readout(run_polling(rnn, word, rnn.initial, deadline));
      compare(outcome, stop, model, in_bounded_dyck(word), [&] {
        return fmt::format("random string {} (seed {}) {}", i, seed,
                           length <= 40 ? brackets(word) : "of length " + std::to_string(length));
      });
    }
  });
}

// ---- The proof: the reachable (RNN state, stack) pairs ----

// A pair's identity: the state's exact bit patterns and the stack.
using PairKey = std::pair<std::vector<std::uint64_t>, int>;

struct ProductNode {
  Vector state;
  BoundedStack stack;
  std::size_t parent;  // the node it was reached from (itself for the start)
  Token token;         // the token read from the parent
};

std::vector<std::uint64_t> patterns_of(const Rnn& rnn, const Vector& h) {
  std::vector<std::uint64_t> patterns;
  for (const double x : h) patterns.push_back(rnn.format.encode(x));
  return patterns;
}

// The string that reached node i first: a shortest one (breadth-first order).
std::vector<Token> word_to(const std::vector<ProductNode>& nodes, std::size_t i) {
  std::vector<Token> word;
  for (; nodes[i].parent != i; i = nodes[i].parent) word.push_back(nodes[i].token);
  std::reverse(word.begin(), word.end());
  return word;
}

// What the exploration found: reachable pairs and RNN states, or the first disagreement.
struct Exploration {
  std::uint64_t pairs = 0, states = 0;
  std::string failure;
};

// Breadth first from (initial, empty stack); every reachable pair's readout is compared with the
// stack's verdict. Sound because the set it closes contains the pair after every string.
Exploration explore_pairs(const Rnn& rnn, const Deadline& deadline) {
  std::vector<ProductNode> nodes = {{rnn.initial, BoundedStack{}, 0, 0}};
  std::map<PairKey, std::size_t> seen = {{{patterns_of(rnn, rnn.initial), 0}, 0}};
  std::set<std::vector<std::uint64_t>> states = {patterns_of(rnn, rnn.initial)};
  Exploration result;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i % 256 == 0) deadline.check();
    const ProductNode node = nodes[i];
    if (rnn.readout(node.state) != node.stack.balanced()) {
      result.failure = fmt::format("{}: model {}, stack {}", brackets(word_to(nodes, i)),
                                   int{!node.stack.balanced()}, int{node.stack.balanced()});
      break;
    }
    for (Token t = 0; t < 4 && result.failure.empty(); ++t) {
      const Vector next = rnn.step(node.state, t);
      const BoundedStack stack = node.stack.after(t);
      std::vector<std::uint64_t> patterns = patterns_of(rnn, next);
      states.insert(patterns);
      if (!seen.emplace(PairKey{std::move(patterns), stack.key()}, nodes.size()).second) continue;
      if (nodes.size() >= kMaxDyckProductStates)
        result.failure = fmt::format("more than {} reachable (state, stack) pairs: no proof",
                                     kMaxDyckProductStates);
      nodes.push_back({next, stack, i, t});
    }
    if (!result.failure.empty()) break;
  }
  result.pairs = nodes.size();
  result.states = states.size();
  return result;
}

}  // namespace

SecondOrderWeights second_order_weights(const StateMachine& machine) {
  check_machine_shape(machine);
  const std::vector<bool> live = live_states(machine);
  SecondOrderWeights w;
  std::vector<int> unit_of(static_cast<std::size_t>(machine.states), -1);
  for (int s = 0; s < machine.states; ++s)
    if (live[s]) unit_of[s] = w.units++, w.unit_state.push_back(s);
  require(w.units >= 1, "second-order RNN of a machine that accepts nothing");
  const auto d = static_cast<std::size_t>(w.units);
  w.vocabulary_size = machine.vocabulary_size;
  w.transition.assign(static_cast<std::size_t>(w.vocabulary_size) * d * d, 0.0);
  for (std::size_t j = 0; j < d; ++j)
    for (int t = 0; t < w.vocabulary_size; ++t) {
      const int target = unit_of[machine.next[w.unit_state[j] * w.vocabulary_size + t]];
      if (target >= 0) w.transition[(t * d + static_cast<std::size_t>(target)) * d + j] = 1.0;
    }
  w.initial.assign(d, 0.0);
  if (unit_of[machine.initial] >= 0) w.initial[unit_of[machine.initial]] = 1.0;
  for (int s : w.unit_state) w.readout.push_back(machine.accepting[s] ? 1.0 : 0.0);
  return w;
}

Rnn second_order_rnn(const SecondOrderWeights& weights, const NumberFormat& format) {
  check_second_order_shape(weights);
  if (!format.representable(1.0))
    throw InputError(
        fmt::format("{} cannot hold 1, which the second-order RNN needs", format.name()));
  SecondOrderWeights w = weights;
  for (auto* values : {&w.transition, &w.initial, &w.readout})
    for (double& x : *values) x = format.round(x);
  const auto d = static_cast<std::size_t>(w.units);
  Rnn rnn;
  rnn.description =
      fmt::format("second-order RNN, {} one-hot units, 0/1 weights ({})", d, format.name());
  rnn.format = format;
  rnn.state_size = w.units;
  rnn.initial = w.initial;
  rnn.transition = [w, d](const Vector& h, Token token) {
    require(token >= 0 && token < w.vocabulary_size, "token out of the model's vocabulary");
    const double* matrix = &w.transition[static_cast<std::size_t>(token) * d * d];
    Vector next(d);
    for (std::size_t i = 0; i < d; ++i) next[i] = std::clamp(dot(matrix + i * d, h), 0.0, 1.0);
    return next;
  };
  rnn.readout = [w](const Vector& h) { return dot(w.readout.data(), h) > 0.5; };
  return rnn;
}

Rnn dyck_rnn(const NumberFormat& format) {
  Rnn rnn = second_order_rnn(second_order_weights(dyck_state_machine()), format);
  rnn.description = "bounded Dyck-(2,2) " + rnn.description;
  return rnn;
}

bool in_bounded_dyck(std::span<const Token> tokens) {
  BoundedStack stack;
  for (Token t : tokens) stack = stack.after(t);
  return stack.balanced();
}

ConstructionCheck verify_dyck_rnn(const Rnn& rnn, int exhaustive_length, int random_length,
                                  int random_strings, std::uint64_t seed,
                                  const Deadline& deadline) {
  require(exhaustive_length >= 0 && exhaustive_length <= 16 && random_length >= 0 &&
              random_strings >= 0,
          "verify_dyck_rnn: lengths must be in range");
  const auto start = std::chrono::steady_clock::now();
  const std::string method =
      random_strings > 0 ? fmt::format("exhaustive to length {} + random", exhaustive_length)
                         : "exhaustive";
  Outcome outcome;
  std::uint64_t exhaustive = 0;
  try {
    outcome = dyck_exhaustive(rnn, exhaustive_length, deadline);
    exhaustive = outcome.checked;
    if (outcome.failure.empty() && random_strings > 0)
      outcome.add(dyck_random(rnn, random_length, random_strings, seed, deadline));
  } catch (const TimeoutExpired&) {
    return stopped_check(
        method,
        random_strings > 0 ? ConstructionEvidence::sample : ConstructionEvidence::exhaustive,
        seconds_since(start), "");
  }
  return make_check(outcome, method, seconds_since(start),
                    fmt::format("all {} strings of length 0..{} and {} random strings of length "
                                "{} (seed {}) agree with a bounded stack; {} accepted in all",
                                exhaustive, exhaustive_length, random_strings, random_length, seed,
                                outcome.accepted));
}

ConstructionCheck prove_dyck_rnn(const Rnn& rnn, const Deadline& deadline) {
  const auto start = std::chrono::steady_clock::now();
  Exploration found;
  try {
    found = explore_pairs(rnn, deadline);
  } catch (const TimeoutExpired&) {
    return stopped_check("reachable states", ConstructionEvidence::proof, seconds_since(start), "");
  } catch (const std::logic_error& error) {
    found.failure = fmt::format("the model failed on a token of ( [ ) ] ({})", error.what());
  }
  ConstructionCheck check;
  check.passed = found.failure.empty();
  check.evidence = ConstructionEvidence::proof;
  check.method = "reachable states";
  check.inputs_checked = found.pairs;
  check.seconds = seconds_since(start);
  check.detail =
      check.passed
          ? fmt::format(
                "all {} (state, stack) pairs reachable from the start agree ({} distinct "
                "RNN states): every string of every length is decided like a bounded stack",
                found.pairs, found.states)
          : "mismatch on " + found.failure;
  return check;
}

ConstructionReport construct_dyck_rnn(int n, const NumberFormat& format, std::uint64_t,
                                      const Deadline& deadline) {
  require_length(n, kMaxDyckLength, "DYCK");
  const Rnn rnn = dyck_rnn(format);
  return rnn_report(TaskKind::dyck, n, rnn, prove_dyck_rnn(rnn, deadline));
}

}  // namespace ccbound::reductions
