// An explicit RNN for bounded Dyck-(2,2) (task.hpp), verified by simulation at its format.
//
// Bounded Dyck-(2,2) needs only constant size: a second-order RNN with one unit per live state of
// dyck_state_machine() (7 units; the dead state is the zero vector), h' = clip(W[token] h, 0, 1)
// with 0/1 matrices W[t][i][j] = [machine goes from state j to state i on t], output
// r . h > 1/2 with r_i = [state i accepts]. The weights are derived from any StateMachine, so
// they can be printed and checked by hand. It is verified against a bounded stack (not the DFA)
// on every string up to length 12 by a depth-first walk that shares prefixes (the RNN is causal,
// so the state after a prefix is computed once), and on seeded random long strings.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

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
// "exhaustive" or "exhaustive to length L + random"; detail names the first mismatch.
ConstructionCheck verify_dyck_rnn(const Rnn& rnn, int exhaustive_length, int random_length,
                                  int random_strings, std::uint64_t seed);

constexpr int kMaxDyckLength = 1 << 16;

// DYCK_n (strings of length 2n): dyck_rnn(format), checked exhaustively to length min(2n, 12) and,
// when 2n > 12, on random strings of length 2n. Requires 1 <= n <= kMaxDyckLength (InputError
// otherwise).
ConstructionReport construct_dyck_rnn(int n, const NumberFormat& format, std::uint64_t seed);

}  // namespace ccbound::reductions
