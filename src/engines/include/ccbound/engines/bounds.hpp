// bounds(): every classic measure of a matrix, exactly where time allows, each with the lower bound
// on D it implies and the certificates behind it, re-checked by proofs/ before it is reported.
//
// What each measure implies (leaves >= L gives D >= ceil(log2 L), see ../shared/REFERENCE.md):
//   rank_q, rank_q_complement   leaves >= rank_Q(M) + rank_Q(J - M)
//   rank_gf2                    leaves >= rank_GF2(M) + rank_GF2(J - M) (the latter in the detail)
//   fooling1, fooling0          leaves >= fool1 + fool0
//   chi1, chi0, chi             leaves >= chi1 + chi0 = chi (the leaves partition M)
//   cover1, cover0              leaves >= chi1 + chi0 >= C1 + C0
//   oneway_ab, oneway_ba        nothing: one-way cost is an upper bound (D <= value + 1), not a
//                               lower one (INDEX_n: n one-way bits, D = ceil(log2 n) + 1)
//   D                           itself
// Each bound uses only the proved lower sides, so it holds even when a measure is not settled.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "ccbound/engines/cover_search.hpp"
#include "ccbound/engines/fooling_search.hpp"
#include "ccbound/core/problem.hpp"
#include "ccbound/engines/rank.hpp"
#include "ccbound/engines/solve.hpp"

namespace ccbound {

//  id                  label          description
#define CCBOUND_MEASURES(X)                                                              \
  X(rank_q, "rank_Q(M)", "rank of M over Q")                                             \
  X(rank_q_complement, "rank_Q(J-M)", "rank of J - M over Q")                            \
  X(rank_gf2, "rank_GF2(M)", "rank of M over GF(2)")                                     \
  X(fooling1, "fool1", "largest 1-fooling set")                                          \
  X(fooling0, "fool0", "largest 0-fooling set")                                          \
  X(chi1, "chi1", "fewest 1-rectangles partitioning the 1s (binary rank)")               \
  X(chi0, "chi0", "fewest 0-rectangles partitioning the 0s")                             \
  X(chi, "chi", "partition number chi1 + chi0")                                          \
  X(cover1, "C1", "fewest 1-rectangles covering the 1s (N1 = ceil(log2 C1))")            \
  X(cover0, "C0", "fewest 0-rectangles covering the 0s (N0 = ceil(log2 C0))")            \
  X(oneway_ab, "one-way A->B", "ceil(log2 #distinct rows): Alice sends, Bob outputs")    \
  X(oneway_ba, "one-way B->A", "ceil(log2 #distinct columns): Bob sends, Alice outputs") \
  X(D, "D", "deterministic communication complexity")

enum class MeasureId {
#define CCBOUND_MEASURE_ENUM(id, label, description) id,
  CCBOUND_MEASURES(CCBOUND_MEASURE_ENUM)
#undef CCBOUND_MEASURE_ENUM
};
inline constexpr std::size_t kMeasureCount = std::size_t(MeasureId::D) + 1;

std::string_view measure_key(MeasureId id);                        // "rank_q", as in JSON
std::optional<MeasureId> parse_measure_key(std::string_view key);  // exact match
std::string_view measure_label(MeasureId id);
std::string_view measure_description(MeasureId id);

struct Measure {
  int lower = 0;  // the measure is in [lower, upper]; settled when they meet
  int upper = 0;
  std::optional<int> implies;  // D >= implies, from proved lower sides
  std::string certificate;     // what backs the value: "nonsingular submatrix + 3 primes", ...
  bool checked = false;        // every certificate behind [lower, upper] passed proofs/
  std::string detail;          // how each side was established
  double seconds = 0;
  bool settled() const { return lower == upper; }
};

// The objects behind the measures, in the original matrix's indices.
struct BoundsWitnesses {
  std::array<RationalRank, 2> rank_q;        // of M, of J - M
  std::array<RankWitness, 2> rank_gf2;       // of M, of J - M
  std::array<FoolingResult, 2> fooling;      // index = colour
  std::array<CoverResult, 2> chi;            // index = colour
  std::array<CoverResult, 2> cover;          // index = colour
  std::vector<std::uint32_t> distinct_rows;  // one representative per distinct row
  std::vector<std::uint32_t> distinct_cols;
};

struct BoundsResult {
  std::string problem;
  std::size_t rows = 0, cols = 0;
  std::array<Measure, kMeasureCount> measures;
  BoundsWitnesses witnesses;
  SolveResult d;
  bool timed_out = false;
  double seconds = 0;
  const Measure& operator[](MeasureId id) const { return measures[std::size_t(id)]; }
  Measure& operator[](MeasureId id) { return measures[std::size_t(id)]; }
};

struct BoundsOptions {
  double timeout_seconds = 0;  // for all measures together; 0: none
  std::string proof_dir;       // keep the DRUP refutations here (<measure>.cnf/.drat)
  // Compute only this measure and what it is computed from (the others keep their trivial
  // intervals, unchecked); unset: all of them.
  std::optional<MeasureId> only;
};

// Ensures: every measure's [lower, upper] contains its true value, every `implies` is <= D(M), and
// every witness reported passed its checker in proofs/ (a rejected witness is an internal error:
// std::logic_error). On timeout the unsettled measures keep the interval proved so far.
BoundsResult compute_bounds(const Problem& problem, const BoundsOptions& options);

}  // namespace ccbound
