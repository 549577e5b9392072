// Exact deterministic communication complexity by branch and bound.
//
// A rectangle R x C is "finished in k bits" if it is monochromatic (k >= 0) or some speaker can
// split their side in two so both halves finish in k - 1 bits. We deepen k from a valid lower
// bound, memoise proven bounds on a canonical form of the submatrix (duplicate rows and columns
// removed, rows and columns sorted), and prune with the GF(2) leaf bound rank(M) + rank(J - M) <=
// 2^k and with the one-way upper bound. Splits are enumerated as a two-colouring of the classes
// that is cut as soon as one partial side cannot be finished (finishability is inherited by
// sub-rectangles). The tree we return is re-checked by protocols/verifier, which shares no code
// with this file.
#pragma once

#include <cstdint>
#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/prepared_matrix.hpp"
#include "ccbound/proofs/search_refutation.hpp"
#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

// The search keeps rows and columns of the deduplicated matrix as 64-bit masks.
inline constexpr std::size_t kSearchMaxSide = 64;

struct SearchResult {
  int lower = 0;      // no protocol of depth < lower exists (given bound or exhaustive search)
  int upper = 0;      // the depth of `protocol`, when the search found one; else the given upper
  Protocol protocol;  // empty unless the search beat the given upper bound
  bool timed_out = false;
  // "skipped: ...": the search stopped because its refutation log outgrew what the log's checker
  // could hold within the memory limit (see search.cpp); what it proved before stands.
  std::string skipped;
  std::uint64_t nodes = 0;  // rectangles examined
  std::size_t memo_entries = 0;
  SearchRefutation refutation;  // every exhaustive refutation, in order (proofs/search_refutation)
};

// The side-test budget for checking the log of a search that examined `nodes` rectangles
// (proofs/search_refutation.hpp). The checker re-walks, for each claim, the splits the search
// walked for it, and tests one side where the search made one call, so a log needs about as many
// side tests as the search had nodes (measured: bench/run limits); the factor and the floor leave
// room for the checker's coarser matching of claims. Proportional, so a long search never meets a
// fixed cap: for a search of a minute (~10^8 nodes) it is far above kUntrustedSideTests.
inline constexpr std::uint64_t kSideTestsPerNode = 8;
inline constexpr std::uint64_t kMinSideTests = std::uint64_t{1} << 20;
inline std::uint64_t search_log_budget(std::uint64_t nodes) {
  return kMinSideTests + kSideTestsPerNode * nodes;
}

// Requires: p.distinct() has at most kSearchMaxSide rows and columns; lower <= D(m) <= upper for
// m = p.original. Ensures: D(m) >= result.lower, proved for each depth in [lower, result.lower) by
// exhaustive search; if result.protocol is not empty it computes m in result.upper < upper bits
// and result.lower == result.upper. Stops at the deadline with what it proved so far. The
// refutation log justifies result.lower for check_search_refutation.
SearchResult search_exact(const PreparedMatrix& p, int lower, int upper, const Deadline& deadline);

// The same on a matrix prepared here.
inline SearchResult search_exact(const Matrix& m, int lower, int upper, const Deadline& deadline) {
  return search_exact(prepare(m), lower, upper, deadline);
}

}  // namespace ccbound
