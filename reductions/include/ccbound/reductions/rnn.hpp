// Recurrent networks at explicit finite precision.
//
// Semantics (the bit count of every RNN bound follows from it): the state is a vector of d values
// of a NumberFormat, h_0 = initial, h_t = round(F(h_{t-1}, token_t)) coordinate by coordinate,
// where F is any deterministic function evaluated in double arithmetic; the output is
// readout(h_T). Because every h_t is d values of p bits, the state after any prefix is d*p bits
// (NumberFormat::encode), which is all Alice needs to send.
//
// Three kinds are built here: an Elman network with weights (F = tanh(W h + U[token] + b), readout
// w . h + c > 0), any finite-state machine presented as an RNN (its state number written in binary
// across the coordinates, pattern_bits() bits per coordinate), and the shift register that solves
// INDEX_N with exactly ceil(N / pattern_bits()) coordinates, which shows d p >= N is tight.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

using Vector = std::vector<double>;

struct Rnn {
  std::string description;  // "Elman d=4 binary16 seed 7", "shift register for INDEX_8", ...
  NumberFormat format = NumberFormat::fixed(8, 4);
  int state_size = 0;                                      // d
  Vector initial;                                          // d representable values
  std::function<Vector(const Vector&, Token)> transition;  // F, before rounding
  std::function<bool(const Vector&)> readout;

  // round(F(h, token)); throws std::logic_error if F returns a vector of the wrong size.
  Vector step(const Vector& h, Token token) const;
  // The state after reading `tokens` from `h`.
  Vector run(std::span<const Token> tokens, Vector h) const;
  // readout(run(tokens, initial)).
  bool output(std::span<const Token> tokens) const;
};

// Elman weights: w_hh is d x d row-major, w_xh is vocabulary x d (one input vector per token).
struct ElmanWeights {
  int state_size = 0;
  int vocabulary_size = 0;
  std::vector<double> w_hh, w_xh, bias, w_out;
  double bias_out = 0;
};

// F(h, t) = tanh(w_hh h + w_xh[t] + bias); readout w_out . h + bias_out > 0; initial state 0.
// Weights are rounded to the format. Requires consistent sizes (throws std::logic_error).
Rnn elman_rnn(const ElmanWeights& weights, const NumberFormat& format);
// Weights drawn from a seeded generator (uniform in [-1, 1], w_hh scaled by 1/sqrt(d)).
Rnn random_elman_rnn(int state_size, int vocabulary_size, const NumberFormat& format,
                     std::uint64_t seed);

// A complete deterministic finite automaton over tokens 0..vocabulary_size-1.
struct StateMachine {
  int states = 0;
  int vocabulary_size = 0;
  int initial = 0;
  std::vector<int> next;        // states x vocabulary_size, row-major
  std::vector<bool> accepting;  // per state
};

// Coordinates needed for `states` states: ceil(ceil(log2 states) / format.pattern_bits()), at
// least 1.
int state_machine_coordinates(std::uint64_t states, const NumberFormat& format);
// The machine as an RNN with state_machine_coordinates(machine.states, format) coordinates.
Rnn state_machine_rnn(const StateMachine& machine, const NumberFormat& format);
// A random complete machine (seeded), for tests.
StateMachine random_state_machine(int states, int vocabulary_size, std::uint64_t seed);
// The bounded Dyck-(2,2) recogniser: 7 stack states (empty, (, [, ((, ([, [(, [[) and a dead state.
StateMachine dyck_state_machine();

// INDEX_N (task encoding of task.hpp) with ceil(N / format.pattern_bits()) coordinates: each bit
// token shifts the N-bit register left by one and inserts the bit, so after x_1..x_N the register
// holds x exactly; the query q maps it to all ones if x_q = 1 and to 0 otherwise.
Rnn index_shift_register_rnn(int n, const NumberFormat& format);

}  // namespace ccbound::reductions
