// EQUALITY and DISJOINTNESS by a two-layer Transformer of width O(log N): an explicit
// construction, and a check that it decides EQ_N or DISJ_N at its NumberFormat on every input
// (exhaustively for small N, by an exact worst-case proof for every N up to kMaxEqualityLength).
// One layer cannot do this at small size (EQ needs N bits between the halves, and a one-layer
// model's output splits into partial sums); a second layer lets each y_i meet x_i first.
//
// Input x_1..x_N # y_1..y_N (positions 0..2N, 0-based). Each position carries a code vector:
// x_i and y_i get u_i, '#' gets u_0, where u_0..u_N in {+-1}^k have pairwise inner products at
// most mu in absolute value (mu < k). Width m = k + 3: coordinates [0, k) the code, k the bit
// (1 for token 1), k + 1 the retrieved value r (written by layer 1), k + 2 the constant 1.
//   layer 1   one head: q = c u, key u, value the bit into coordinate r, W_O the identity there.
//             Position x_i or y_i weights x_i and y_i by exp(c k) and every other position by at
//             most exp(c mu); '#' finds only itself. So r = (x_i + y_i)/2 +- eps at x_i and y_i,
//             r = 0 +- eps at '#', with eps <= 2N exp(-c (k - mu)).
//   layer 2   one head at the last position: query c2 (from the constant), key = value = d_j with
//             EQ    d_j = 2 r_j - 2 bit_j   (+-1 at both positions of a mismatch, one of each sign)
//             DISJ  d_j = 2 r_j - 1         (x_i + y_i - 1: +1 exactly where both are 1)
//             so d_j is about 0 or -1 everywhere on a label-1 input and about +1 somewhere on a
//             label-0 input. With exp(c2) >= 8N the average a = sum e^{c2 d} d / sum e^{c2 d} is at
//             most 2 eps on label 1 and about 1/2 or more on label 0 (the +1 term outweighs the
//             2N others; each negative term contributes at least -1/(e c2)).
//   read-out  r = 1: z = relu(a), score = 1/4 - z, output = score > 0.
// Scales: c = index_lookup_scale(k) (c k <= ln max - 1, so no weight saturates); c2 = ln(8N)
// rounded up to a multiple of 1/8, accepted when c2 + 1/4 <= ln max; a code is accepted when
// c (k - mu) >= ln(16 N c2), i.e. 2 c2 eps <= 1/4. build_equality_transformer tries k = 8, 16, ...
// with a few seeded random codes each (mu computed exactly over all pairs), and when k is a power
// of two >= N + 1 also the rows of a Sylvester Hadamard matrix (mu = 0; width O(N), but it is what
// lets the small formats, fixed point and binary16, meet the condition at small N).
//
// Verification, by method (automatic: exhaustive for N <= kExhaustiveEqualityLength, else proof):
//   exhaustive  every (x, y) through the model (TwoLayerTransformer::score), compared with the
//               label read from the tokens; margins are the least |score| on each label.
//   proof       (equality_proof.cpp) for every N, exact and sound under the simulator's semantics:
//               after checking the weights have the structure it relies on (layer 1's queries
//               c u, keys u and values the bits; W_O, layer 2's query and the read-out reading only
//               what the argument allows; the read-out monotone in layer 2's average), it bounds
//               layer 1's output at every position over ALL inputs exactly (the weights of layer 1
//               do not depend on the input, the numerator only grows with each bit, so "every other
//               bit 0" and "every other bit 1" are the extremes; histograms of the k + 1 inner
//               products make this 2N popcounts per position), pushes those intervals through
//               layer 2's monotone steps to a box per (pair, bits, position), and bounds layer 2's
//               average over every label-1 input and every label-0 input by a bisection on
//               "sum_p U_p - theta W_p <= 0" evaluated with outward rounding. The read-out at those
//               bounds decides each label or the model is rejected. Margins are the read-out's
//               value at the bounds (lower bounds on the true least |score|).
//   sample      (sample_equality_transformer, never verified) seeded random pairs plus adversarial
//               ones (x = y; Hamming distance 1; for DISJ exactly one shared element, and disjoint
//               dense pairs with x_i + y_i = 1 everywhere), for comparison with the others.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/index_lookup.hpp"  // index_lookup_scale
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/sign_code.hpp"
#include "ccbound/reductions/task.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions {

// Largest N accepted (the sequence has 2N + 1 positions).
inline constexpr int kMaxEqualityLength = 1 << 14;
// Up to this N the automatic check runs every pair; above it, the proof.
inline constexpr int kExhaustiveEqualityLength = 10;

struct EqualityConstruction {
  TwoLayerTransformer model;
  TaskKind kind = TaskKind::eq;
  int n = 0;
  SignCode code;              // N + 1 vectors: u_0 for '#', u_i for x_i and y_i
  int code_length = 0;        // k
  int max_inner_product = 0;  // mu
  double scale = 0;           // c (layer 1)
  double scale2 = 0;          // c2 (layer 2)
  std::string vectors;        // "random seed S" or "Sylvester Hadamard rows"
  int codes_tried = 0;
};

// The sequence x_1..x_N # y_1..y_N with x_i = bit i-1 of x (as Task::sequence for N <= 63).
// Requires x.size() == y.size() >= 1.
std::vector<Token> equality_sequence(const std::vector<bool>& x, const std::vector<bool>& y);
// EQ: [x = y]; DISJ: [x AND y = 0], read from the tokens. Requires kind eq or disj and a
// sequence of odd length 2N + 1 >= 3 with '#' in the middle and bits elsewhere (throws
// std::logic_error otherwise).
bool equality_label(TaskKind kind, std::span<const Token> tokens);

// Requires kind eq or disj and 1 <= n <= kMaxEqualityLength; throws InputError otherwise, or when
// no scale or code of length <= 1024 passes at this format. Deterministic in the seed. Polls the
// deadline in the code search (throws TimeoutExpired once it has expired).
EqualityConstruction build_equality_transformer(TaskKind kind, int n, const NumberFormat& format,
                                                std::uint64_t seed,
                                                const Deadline& deadline = Deadline());

enum class EqualityCheck { automatic, exhaustive, proof };

// The check of `method` (see above; exhaustive requires n <= kExhaustiveEqualityLength, throwing
// InputError otherwise), on two threads. passed: every input decided correctly (exhaustive) or the
// bounds decide every input (proof). A deadline that expires gives a stopped check.
ConstructionCheck verify_equality_transformer(const EqualityConstruction& construction,
                                              EqualityCheck method = EqualityCheck::automatic,
                                              const Deadline& deadline = Deadline());
// The proof alone (evidence proof; passed = false with the reason when the weights lack the
// structure it relies on or the bounds do not decide). Throws TimeoutExpired once the deadline
// has expired.
ConstructionCheck prove_equality_transformer(const EqualityConstruction& construction,
                                             const Deadline& deadline = Deadline());
// `random_pairs` (>= 0) seeded random pairs plus the adversarial ones: evidence sample, never a
// verification. A deadline that expires gives a stopped check.
ConstructionCheck sample_equality_transformer(const EqualityConstruction& construction,
                                              std::uint64_t seed, int random_pairs,
                                              const Deadline& deadline = Deadline());

// build + verify (automatic) into the common report: task "EQ"/"DISJ", architecture "tf2",
// 2 layers, size H (m + 1).
ConstructionReport construct_equality_transformer(TaskKind kind, int n, const NumberFormat& format,
                                                  std::uint64_t seed,
                                                  const Deadline& deadline = Deadline());

}  // namespace ccbound::reductions
