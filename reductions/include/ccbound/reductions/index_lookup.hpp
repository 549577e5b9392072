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
// Codes. Seeded random +-1 vectors, bit-packed; mu is computed exactly over all pairs (popcount of
// the XOR, two threads). build_index_lookup tries k = 8, 16, 24, ... until the code passes.
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
//                c u_q (from the model's query()). Then s_j = c <u_q, u_{j+1}>, computed exactly in
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
#include <vector>

#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions {

// `count` vectors in {+-1}^length, bit-packed: bit i of vector v set means coordinate i is -1.
struct SignCode {
  int count = 0;
  int length = 0;  // k
  int words = 0;   // ceil(k / 64) 64-bit words per vector, unused high bits zero
  std::vector<std::uint64_t> bits;

  int sign(int vector, int coordinate) const;  // +1 or -1
  int inner_product(int a, int b) const;       // k - 2 popcount(u_a xor u_b)
};

// Uniform random vectors from a seeded std::mt19937_64. Requires count >= 1, length >= 1.
SignCode random_sign_code(int count, int length, std::uint64_t seed);

// max |<u_a, u_b>| over a != b (0 when count = 1), over all pairs, on two threads. Stops early and
// returns a value above `stop_above` as soon as one pair exceeds it (the default never stops).
int max_inner_product(const SignCode& code, int stop_above = 1 << 30);

struct IndexLookupConstruction {
  OneLayerTransformer model;
  int n = 0;
  SignCode code;
  int code_length = 0;        // k
  int max_inner_product = 0;  // mu
  double scale = 0;           // c
  std::string vectors;        // "random seed S"
  int codes_tried = 0;        // k values tried by the search
};

// The largest usable scale c for code length k at `format` (0 if none), as described above.
double index_lookup_scale(int code_length, const NumberFormat& format);
// The model for a given code and scale (prepared; tables skipped when too large).
OneLayerTransformer index_lookup_model(const SignCode& code, double scale,
                                       const NumberFormat& format);
// Searches k = 8, 16, ... (up to 4096) for a random code with c (k - mu) >= ln(4N). Requires
// n >= 1; throws InputError when no k works at this format.
IndexLookupConstruction build_index_lookup(int n, const NumberFormat& format, std::uint64_t seed);

enum class VerifyMethod { automatic, exhaustive, worst_case, margin_bound };


// Exhaustive requires n <= 16 (INDEX's protocol check); the others any n.
ConstructionCheck verify_index_lookup(const IndexLookupConstruction& construction,
                                      VerifyMethod method = VerifyMethod::automatic);

}  // namespace ccbound::reductions
