// Nearest neighbour by a two-layer Transformer of width O(s + log N) under a margin assumption: an
// explicit construction, with a check by simulation on seeded random and adversarial instances
// that satisfy the margin. That check is a sample (evidence sample): it is never reported as
// verified. No worst-case argument over every instance satisfying the margin is implemented; the
// analysis below is the design, not a computed proof.
//
// Task NN_N. A codebook of V = kCodebookSize distinct seeded random vectors c_0..c_{V-1} in
// {+-1}^s, s = kDimension. Tokens: 0 and 1 are the labels, 2 + v is the point c_v. An instance is
// N labelled points and a query, L = 2N + 1 tokens
//   p_1, l_1, p_2, l_2, ..., p_N, l_N, q        (positions 2i, 2i + 1 for pair i = 0..N-1; 2N)
// and the answer is the label of the point with the largest inner product <q, p_i>. Its margin is
// <q, p_nearest> - max over the other i of <q, p_i> (ties give margin 0; N = 1 has no other point
// and an unbounded margin). Margin assumption: margin >= gamma, where
//   gamma = ln(6N) / lambda,   lambda = the largest multiple of 1/8 with 2 lambda s <= ln(max) - 1,
// max = the format's largest value (at binary32 with s = 16: lambda = 2.625, gamma = 0.95 at N = 2,
// 3.3 at N = 1024, against inner products in [-16, 16]). The build refuses formats where
// gamma > s.
//
// Construction. Width m = s + k + 4: coordinates [0, s) block P (the point), [s, s + k) block A
// (a position code), then bit, copy, gate, one. One head per layer.
//   embeddings  point token: block P = c_v; label token l: bit = l; every position: one = 1;
//               pair i's codes u_i in {+-1}^k (random, coherence mu computed over all pairs):
//               block A = -u_i at the point 2i, +u_i at the label 2i + 1, 0 at the query;
//               gate = s at points, -s at labels, -2s at the query position.
//   layer 1     query -c (block A), key block A, value the bit: the point 2i scores c k on its own
//               label, at most c mu on every other point or label, -c k on itself, 0 on the
//               query position. W_O writes the head's bit average into `copy`, so the point's copy
//               is its label up to eps <= 2N e^{-c (k - mu)}; the code is accepted when
//               c (k - mu) >= ln(32N) (eps <= 1/16), c the largest multiple of 1/8 with
//               c k <= ln(max) - 1 (k = 8, 16, ... until a seeded random code passes).
//   layer 2     query lambda (block P, and gate <- one), key (block P, gate), value the copy:
//               score lambda (<q, p_j> + s) in [0, 2 lambda s] at points, -lambda s at labels and
//               at the query position. Under the margin the nearest outweighs each of the 2N other
//               positions by e^{lambda gamma} = 6N, so it has >= 3/4 of the weight; no weight
//               saturates.
//   read-out    z = relu(a_copy - 1/2), output z > 0: a_copy >= (3/4)(15/16) for label 1 and
//               <= 1/4 + 1/16 for label 0.
//
// Verification simulates model.output() (the authority) on every instance and compares with the
// label; an instance below the margin is skipped and counted, never judged. The margins reported
// are a_copy - 1/2 (label 1) and 1/2 - a_copy (label 0) from a double-precision recomputation of
// the documented semantics (attention sums in double rather than exactly); instances where that
// recomputation's output bit differs from output() are counted in the detail.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/reductions/construction.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/sign_code.hpp"
#include "ccbound/reductions/task.hpp"
#include "ccbound/reductions/transformer.hpp"

namespace ccbound::reductions {

constexpr int kDimension = 16;     // s
constexpr int kCodebookSize = 16;  // V
constexpr int kNearestNeighbourMaxN = 4096;
constexpr int kUnboundedMargin = std::numeric_limits<int>::max();

struct NearestNeighbourConstruction {
  TwoLayerTransformer model;
  int n = 0;
  int dimension = kDimension;         // s
  int codebook_size = kCodebookSize;  // V
  std::vector<int> codebook;          // V x s, entries +-1, row-major
  SignCode code;                      // the pair codes u_0..u_{N-1}
  int code_length = 0;                // k
  int max_inner_product = 0;          // mu
  double copy_scale = 0;              // c (layer 1)
  double similarity_scale = 0;        // lambda (layer 2)
  double gamma = 0;                   // the margin the construction needs: ln(6N) / lambda
  std::uint64_t seed = 0;
  int width() const { return model.first.width; }
  int inner_product(int a, int b) const;  // <c_a, c_b>
};

// One instance: points[i] and query are codebook indices, labels[i] in {0, 1}.
struct NearestNeighbourInstance {
  std::vector<int> points;
  std::vector<int> labels;
  int query = 0;
};

// The token sequence p_1, l_1, ..., p_N, l_N, q.
std::vector<Token> nearest_neighbour_tokens(const NearestNeighbourInstance& instance);
// The label of the nearest point (the first of the nearest on ties). These three require an
// instance of the construction's N (codebook indices, labels 0/1); they throw InputError otherwise.
int nearest_neighbour_label(const NearestNeighbourConstruction& construction,
                            const NearestNeighbourInstance& instance);
// The instance's margin, exactly (integer inner products); kUnboundedMargin when N = 1.
int nearest_neighbour_margin(const NearestNeighbourConstruction& construction,
                             const NearestNeighbourInstance& instance);
bool satisfies_margin(const NearestNeighbourConstruction& construction,
                      const NearestNeighbourInstance& instance);

// A seeded uniformly drawn instance satisfying the margin: a (query, nearest) pair among those
// that admit others, the others uniform among the codebook vectors at least gamma below, labels
// and the nearest's place uniform. Ensures satisfies_margin.
NearestNeighbourInstance random_nearest_neighbour_instance(
    const NearestNeighbourConstruction& construction, std::uint64_t seed);
// Six instances at the edge of the assumption: every other point is one runner-up vector with
// the opposite label, for (a) the least margin >= gamma the codebook allows, (b) the nearest's
// inner product least, (c) largest (q = nearest); each with label 1 and 0, the nearest first or
// last. Ensures satisfies_margin.
std::vector<NearestNeighbourInstance> adversarial_nearest_neighbour_instances(
    const NearestNeighbourConstruction& construction);

// The weights for given codebook, code and scales (layer 1 prepared when its tables fit).
TwoLayerTransformer nearest_neighbour_model(const std::vector<int>& codebook, int dimension,
                                            const SignCode& code, double copy_scale,
                                            double similarity_scale, const NumberFormat& format);

// Requires 1 <= n <= kNearestNeighbourMaxN; throws InputError otherwise, or when no scale or code
// works at this format (gamma > s, or no k up to 256). Deterministic in (n, format, seed). Throws
// TimeoutExpired once the deadline has expired (polled in the code search).
NearestNeighbourConstruction build_nearest_neighbour(int n, const NumberFormat& format,
                                                     std::uint64_t seed,
                                                     const Deadline& deadline = Deadline());

// Runs the given instances through model.output() on two threads. Instances below the margin are
// skipped (counted in the detail), the others must all be answered correctly (passed); evidence
// sample, so never verified; method "given instances under margin gamma = ...". A deadline that
// expires gives a stopped check.
ConstructionCheck check_nearest_neighbour(const NearestNeighbourConstruction& construction,
                                          const std::vector<NearestNeighbourInstance>& instances,
                                          const Deadline& deadline = Deadline());
// `instances` seeded random instances plus the adversarial ones (requires instances >= 0), as
// check_nearest_neighbour; method "random+adversarial under margin gamma = ...". Costs about
// (2N + 1)^2 m operations per instance.
ConstructionCheck verify_nearest_neighbour(const NearestNeighbourConstruction& construction,
                                           std::uint64_t seed, int instances,
                                           const Deadline& deadline = Deadline());
// The number of random instances construct_nearest_neighbour checks at this N.
int default_nearest_neighbour_instances(int n);

// build, then verify with default_nearest_neighbour_instances(n): task "NN", architecture "tf2",
// 2 layers, width m, 1 head, size m + 1; the model line names s, V, k, mu, c, lambda and gamma.
ConstructionReport construct_nearest_neighbour(int n, const NumberFormat& format,
                                               std::uint64_t seed,
                                               const Deadline& deadline = Deadline());

}  // namespace ccbound::reductions
