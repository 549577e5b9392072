// An explicit RNN for bounded Dyck-(2,2) (task.hpp), proven correct at its format for strings of
// every length.
//
// Bounded Dyck-(2,2) needs only constant size: a second-order RNN with one unit per live state of
// dyck_state_machine() (7 units; the dead state is the zero vector), h' = clip(W[token] h, 0, 1)
// with 0/1 matrices W[t][i][j] = [machine goes from state j to state i on t], output
// r . h > 1/2 with r_i = [state i accepts]. The weights are derived from any StateMachine, so
// they can be printed and checked by hand.
//
// Proof (prove_dyck_rnn): the RNN is deterministic and its state after a prefix determines its
// future, so it is correct on every string iff every pair (h, S) reachable from (initial state,
// empty stack) by reading tokens has readout(h) == S.balanced(), where S is an explicit stack of at
// most two open brackets (the reference, independent of the DFA and of task.cpp). The pairs are
// explored breadth first, each state identified by its coordinates' exact bit patterns
// (NumberFormat::encode) and computed by the simulator's own step: a closed set containing the
// start is an induction over the string's length, so strings of every length are covered. The
// exploration gives up (not verified) beyond kMaxDyckProductStates pairs. Kept as cross-checks: a
// depth-first walk over every string up to a length (prefixes shared, the state after a prefix
// computed once) and seeded random long strings.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

struct SecondOrderWeights {
  int units = 0;  // d: one per live state (one from which an accepting state is reachable)
  int vocabulary_size = 0;
  std::vector<double> transition;  // vocabulary x units x units: [t][i][j], from unit j to unit i
  std::vector<double> initial;     // units, one-hot (all zero if the initial state is dead)
  std::vector<double> readout;     // units; output r . h > 1/2
  std::vector<int> unit_state;     // the machine state of each unit
};

// The 0/1 weights simulating `machine` (see the top of this file). Requires a valid machine
// (throws std::logic_error otherwise).
SecondOrderWeights second_order_weights(const StateMachine& machine);
// h' = clip(W[t] h, 0, 1), output r . h > 1/2, weights rounded to the format. Requires consistent
// sizes (std::logic_error) and a format holding 0 and 1 exactly (throws InputError otherwise).
Rnn second_order_rnn(const SecondOrderWeights& weights, const NumberFormat& format);
// second_order_rnn(second_order_weights(dyck_state_machine()), format): 7 coordinates.
Rnn dyck_rnn(const NumberFormat& format);

// The reference language, by an explicit stack of at most two open brackets (independent of
// dyck_state_machine and of task.cpp): tokens 0..3 are ( [ ) ].
bool in_bounded_dyck(std::span<const Token> tokens);

// Checks rnn.output against in_bounded_dyck on every string of length 0..exhaustive_length
// (depth-first, prefixes shared, 2 threads), then on `random_strings` seeded strings of length
// random_length (valid words of depth <= 2 and <= 3, single-token mutations, uniform strings).
// Requires 0 <= exhaustive_length <= 16, random_length >= 0, random_strings >= 0. method is
// "exhaustive" (evidence exhaustive: every string up to that length, not every length) or
// "exhaustive to length L + random" (evidence sample); detail names the first mismatch. A deadline
// that expires gives a stopped check.
ConstructionCheck verify_dyck_rnn(const Rnn& rnn, int exhaustive_length, int random_length,
                                  int random_strings, std::uint64_t seed,
                                  const Deadline& deadline = Deadline());

// Reachable (state, stack) pairs the proof explores before it gives up.
constexpr std::uint64_t kMaxDyckProductStates = std::uint64_t{1} << 20;

// The proof above: evidence proof, method "reachable states"; passed when every reachable pair
// agrees (inputs_checked counts the pairs), else the detail names a shortest string on which the
// RNN and the stack disagree, or that the pairs exceeded kMaxDyckProductStates. A model whose step
// throws std::logic_error on a token of ( [ ) ] fails. A deadline that expires gives a stopped
// check.
ConstructionCheck prove_dyck_rnn(const Rnn& rnn, const Deadline& deadline = Deadline());

constexpr int kMaxDyckLength = 1 << 16;

// DYCK_n (strings of length 2n): dyck_rnn(format) with prove_dyck_rnn's check, which covers every
// length (the seed is unused). Requires 1 <= n <= kMaxDyckLength (InputError otherwise).
ConstructionReport construct_dyck_rnn(int n, const NumberFormat& format, std::uint64_t seed,
                                      const Deadline& deadline = Deadline());

}  // namespace ccbound::reductions
