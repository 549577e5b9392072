// Explicit "register" RNNs for EQ_N, DISJ_N and INDEX_N (task.hpp), verified by simulation at
// their format.
//
// EQ_N, DISJ_N and INDEX_N need a state of about N bits, and get exactly that ("register RNNs";
// the state is a bit string written into the coordinates' patterns, pattern_bits() per
// coordinate, as in state_machine_rnn):
//   EQ, DISJ  register r (N bits), position counter c (bit_width(N) bits), phase bit:
//             x_k writes r[c] = x_k; '#' sets the phase and c = 0; y_k replaces r[c] by
//             r[c] XOR y_k (EQ) or r[c] AND y_k (DISJ); both increment c. Output: phase set,
//             c = N and r = 0. Each token touches O(1) coordinates (a shift would touch all).
//   INDEX     the shift register of index_shift_register_rnn on any number of 64-bit words:
//             exactly ceil(N / pattern_bits()) coordinates.
// They are correct on the task's sequences (x # y, or x q); other token strings are outside the
// task. Verified exhaustively against Task::label for small N; above that they are only sampled
// (seeded random and adversarial inputs against labels computed here, N up to 2^16), which is
// evidence, not a verification. No proof is attempted: the transition is code (StateBits reads and
// writes), not weights whose structure a checker could read, and an argument about which
// coordinates an update depends on could only be checked by enumerating the states it rules out.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/rnn.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::reductions {

constexpr int kMaxRegisterLength = 1 << 16;

// Coordinates of register_rnn(kind, n, format): ceil(N / b) for INDEX and
// ceil((N + bit_width(N) + 1) / b) for EQ and DISJ, b = format.pattern_bits().
// Requires kind != DYCK and 1 <= n <= kMaxRegisterLength (InputError otherwise).
int register_rnn_coordinates(TaskKind kind, int n, const NumberFormat& format);
// The register RNN described at the top of this file; same requirements.
Rnn register_rnn(TaskKind kind, int n, const NumberFormat& format);

// Checks `rnn` as a model of kind_n: exhaustively against Task::label on Task::sequence for
// n <= 10 (EQ, DISJ: all 2^(2n) pairs) or n <= 16 (INDEX: all (x, q)); otherwise on seeded random
// and adversarial inputs (x = y, Hamming distance 1, exactly one shared 1, dense disjoint pairs;
// INDEX: first, last and random queries) against labels computed here, as many as a fixed
// simulation budget allows (at least 2 x's). Requires kind != DYCK, 1 <= n <= kMaxRegisterLength.
// Evidence exhaustive or sample; a deadline that expires gives a stopped check.
ConstructionCheck verify_register_rnn(const Rnn& rnn, TaskKind kind, int n, std::uint64_t seed,
                                      const Deadline& deadline = Deadline());

// register_rnn(kind, n, format) with its verify_register_rnn check. Same requirements.
ConstructionReport construct_register_rnn(TaskKind kind, int n, const NumberFormat& format,
                                          std::uint64_t seed,
                                          const Deadline& deadline = Deadline());

}  // namespace ccbound::reductions
