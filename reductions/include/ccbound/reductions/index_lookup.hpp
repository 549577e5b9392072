// Index lookup by a one-layer Transformer of width O(log N): an explicit construction, with a check
// that it solves INDEX_N exactly at its NumberFormat. It is the upper bound that goes with the
// reductions: a one-layer Transformer's output splits into partial attention sums, so INDEX (whose
// one-way complexity is N) has no lower bound of that kind for Transformers, since Bob speaks
// first (the query) and this model needs only O(log N) coordinates.
//
// Construction. Positions are coded by vectors u_1..u_N in {+-1}^k with pairwise inner products
// at most mu in absolute value (mu < k). Width m = 2k + 1: coordinates [0, k) are block A, k is the
// bit coordinate, [k + 1, 2k + 1) block B.
//   embeddings   bit position j < N: block A = u_{j+1};  token 1: bit coordinate 1;  token 0: 0;
//                query token 2 + (q - 1): block B = u_q;  the query position N: 0.
//   one head     W_Q maps block B to block A scaled by c (q = c u_q), W_K is the identity on block
//   A
//                (k_j = u_{j+1}, the query position's own key is 0), W_V copies the bit coordinate.
//   read-out     r = 1: z = relu(a_bit - 1/2), output = z > 0.
// So s_j = c <u_q, u_{j+1}>: the target gets the weight exp(c k), every other bit position at most
// exp(c mu), the query position exp(0) = 1. c is the largest multiple of 1/8 (of 2^-f for fixed
// point with f < 3) with c k <= ln(max_value) - 1, so the target's weight never saturates; the
// code is accepted when c (k - mu) >= ln(4N), i.e. the target outweighs the others 4N to 1.
//
// Codes (sign_code.hpp). CodeFamily::random: seeded random +-1 vectors, mu computed over all pairs;
// the search tries k = 8, 16, 24, ... CodeFamily::linear (the default): the codewords of a binary
// [k, r] code, r = ceil(log2 N), whose nonzero codewords all weigh in [w, k - w], so mu = k - 2w at
// most (exactly the weight range's, computed over all 2^r codewords); the search tries every
// k >= r with the least w that c (k - mu) >= ln(4N) allows, a few seeded greedy row searches each.
// Linear codes need about r + O(log r) coordinates where random ones need about 3 r.
//
// Verification, by method:
//   exhaustive   (default for N <= 16) every (x, q): for N <= 12 through
//                check_transformer_extraction with require_task (the model, the protocol extracted
//                from it and the label agree), for 12 < N <= 16 model.output == x_q directly.
//   worst case   (default for N <= 256) exact. Checked on the weights: the key does not depend on
//                the bit token (W_K is zero on every coordinate where the token embeddings of 0
//                and 1 differ), the values differ only in the bit coordinate, and the read-out sees
//                the head only through the bit coordinate, with a positive weight and w_2 >= 0 (the
//                rest of its input is e_L, a function of q). So for each q the weights w_j do not
//                depend on x, position j's term depends only on (j, x_j), the denominator not at
//                all, and the output is monotone in the bit numerator. The worst inputs for q are
//                x_q = 1 with every other bit minimising its term and x_q = 0 with every other bit
//                maximising it; both are evaluated exactly with the model's query, accumulate and
//                finish (the term of each (j, x_j) from accumulate, added exactly): 4N accumulates
//                per q.
//   margin bound (larger N) sound, O(1) accumulates per q. Checked besides the above: every key
//                is u_{j+1} (W_K is the identity on block A, zero elsewhere; the position
//                embeddings' block A is the code; the bit tokens are zero there) and every query is
//                c u_q (from the model's query()). mu is proven by prove_coherence: for a random
//                code over all pairs; for a linear code from the exact weight range of its 2^r
//                codewords after checking the vectors are the generator's codewords (plus the
//                all-pairs scan, which must agree, for N <= 2^16) -- a deterministic argument, so
//                N = 2^20 needs no O(N^2) scan. Then s_j = c <u_q, u_{j+1}>, computed exactly in
//                double, and since w = round(exp(round(s))) is monotone, every off-target weight
//                lies in [w(-mu c), w(mu c)], taken from accumulate with a query whose single
//                coordinate gives that score. With the target's and the query position's own terms
//                (from accumulate) this bounds the numerator and denominator (exact sums, N - 1
//                copies of the extreme terms); to_double, division and round are monotone, so
//                finish on (least numerator, largest denominator) for x_q = 1 and (largest, least)
//                for x_q = 0 decides every input.
// The margins reported are a_bit - 1/2 at the worst x_q = 1 (or its bound) and 1/2 - a_bit at the
// worst x_q = 0, minimised over q, where a_bit = round(N / D) as in the model.
#pragma once

#include <cstdint>
#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/sign_code.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions {

// Which position codes build_index_lookup searches (see above).
enum class CodeFamily { random, linear };

struct IndexLookupConstruction {
  OneLayerTransformer model;
  int n = 0;
  SignCode code;
  int code_length = 0;        // k
  int max_inner_product = 0;  // mu
  double scale = 0;           // c
  CodeFamily family = CodeFamily::linear;
  // "random seed S" | "linear [k,r] code, min weight w, seed S"
  std::string vectors;
  int codes_tried = 0;  // codes tried by the search
};

// The largest usable scale c for code length k at `format` (0 if none), as described above.
double index_lookup_scale(int code_length, const NumberFormat& format);
// The model for a given code and scale (prepared; tables skipped when too large).
OneLayerTransformer index_lookup_model(const SignCode& code, double scale,
                                       const NumberFormat& format);
// The first code length k tried (as above) whose code of `family` has c (k - mu) >= ln(4N), with
// mu exact: the all-pairs scan (random) or the weight range (linear). Requires
// 1 <= n <= kIndexLookupMaxN; throws InputError otherwise or when no k works at this format.
// Deterministic in (n, format, seed, family).
constexpr int kIndexLookupMaxN = 1 << 20;
// Polls the deadline in the search (throws TimeoutExpired once it has expired).
IndexLookupConstruction build_index_lookup(int n, const NumberFormat& format, std::uint64_t seed,
                                           CodeFamily family = CodeFamily::linear,
                                           const Deadline& deadline = Deadline());

// automatic: exhaustive for N <= 16, worst case for N <= 256, margin bound above.
enum class VerifyMethod { automatic, exhaustive, worst_case, margin_bound };

// Exhaustive requires n <= 16 (INDEX's protocol check); the others any n. A deadline that expires
// gives a stopped check.
ConstructionCheck verify_index_lookup(const IndexLookupConstruction& construction,
                                      VerifyMethod method = VerifyMethod::automatic,
                                      const Deadline& deadline = Deadline());

// build_index_lookup then verify_index_lookup (automatic), as a ConstructionReport: task "INDEX",
// architecture "tf1", one layer and head, width m = 2k + 1, size m + 1; the model line names the
// family, k, mu and c. Same requirements and exceptions as build_index_lookup.
ConstructionReport construct_index_lookup(int n, const NumberFormat& format, std::uint64_t seed,
                                          CodeFamily family = CodeFamily::linear,
                                          const Deadline& deadline = Deadline());

}  // namespace ccbound::reductions
