// Refutation logs of the search engine, and their checker.
//
// The search proves "no protocol of depth k" by exhausting splits. It logs every such conclusion
// as a claim "the rectangle R x C of T has no protocol of depth <= k", where T =
// deduplicate(m).matrix (at most 64 rows and columns; bit i of R is row i of T, bit j of C is
// column j), in the order it concluded them; each claim is justified by claims logged before it.
// The checker re-derives every justification with its own code (classes, normal forms, GF(2) ranks,
// the split enumeration), so the lower bound it confirms does not depend on the search being
// correct. It includes nothing from the engines.
//
// Normal form N(R, C) of a rectangle (how claims about equal submatrices are matched):
//   1. row classes = the distinct rows of T[R][C], in increasing order of their first row index in
//      R; column classes likewise over the columns of C;
//   2. the compact matrix K has one row per row class and one column per column class,
//      K[a][b] = T[first row of class a][first column of class b];
//   3. each row of K is the unsigned integer with bit b = K[a][b]; sort the rows ascending;
//   transpose
//      (column b becomes the integer with bit a = K[a][b]), sort those ascending, transpose back,
//      and sort the rows ascending once more. N(R, C) = (rows, cols, the row integers).
// "Rectangle Y refuted at depth d" means: Y is not monochromatic and d == 0; or
// rank_GF(2)(K) + rank_GF(2)(J - K) > 2^d (a depth-d tree has at most 2^d leaves); or an earlier
// checked claim Y' has N(Y') == N(Y) and depth >= d.
//
// Checking a claim (k, R, C): R x C must not be monochromatic; it holds if it is refuted at depth k
// by the first two rules; otherwise, for each speaker in turn (Alice: the row classes of R x C,
// Bob: the column classes, in the order of step 1), every split of the classes into two non-empty
// sides must have a side refuted at depth k - 1. Splits are enumerated as a depth-first colouring:
// class 0 goes to side A, and classes 1, 2, ... join A, then (on backtracking) B; after each class
// joins a side, that side's rectangle (its rows x C for Alice, R x its columns for Bob) is tested,
// and the branch is closed if it is refuted at depth k - 1. A complete colouring with B non-empty
// that was never closed means the claim is not justified.
//
// The log as text: a line "ccbound-search-refutation 1 <T rows> <T cols>", then one line per claim
// "<k> <R in hex> <C in hex>".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

struct RefutationClaim {
  int depth = 0;           // R x C has no protocol of depth <= depth
  std::uint64_t rows = 0;  // R, a mask over the rows of T
  std::uint64_t cols = 0;  // C, a mask over the columns of T
  bool operator==(const RefutationClaim&) const = default;
};

struct SearchRefutation {
  std::size_t matrix_rows = 0;  // size of T, for a sanity check against the matrix
  std::size_t matrix_cols = 0;
  std::vector<RefutationClaim> claims;
};

std::string refutation_to_text(const SearchRefutation& log);
// Throws InputError (naming the line) on malformed text.
SearchRefutation refutation_from_text(std::string_view text);

// The work a check may do. The split enumeration of one claim can take time exponential in its
// number of classes, so every check has a budget of side tests (one test of one side of one split;
// a few tens of nanoseconds each). A log from an untrusted directory (`ccbound verify`) gets the
// fixed kUntrustedSideTests, a few minutes of work; a log the caller's own search just wrote gets
// a budget proportional to the work that search did (search_log_budget in the engines), so a
// long legitimate search is never cut short by a fixed cap.
inline constexpr std::uint64_t kUntrustedSideTests = std::uint64_t{1} << 30;

struct RefutationBudget {
  std::uint64_t side_tests = kUntrustedSideTests;
  // Asked every 1024 side tests (if set); once it returns true the check stops undecided. For a
  // caller with a deadline or an interrupt.
  std::function<bool()> stop;
};

struct RefutationCheck {
  bool valid = false;
  // The budget ran out or `stop` returned true before the log was decided: it is neither
  // accepted nor rejected (valid is false, but the certificate is only "not established").
  bool undecided = false;
  std::size_t claims_checked = 0;
  std::uint64_t side_tests = 0;  // spent, over the whole log
  std::string message;           // the first claim that failed and why, or a summary
};

// Ensures: valid iff T = deduplicate(m).matrix has at most 64 rows and columns and the log's size
// matches it, every claim checks in order, and the whole rectangle of T is then refuted at depth
// claimed_lower - 1 (claimed_lower <= 0 is trivially valid; claimed_lower == 1 needs only that m is
// not constant), all within the budget; undecided (and not valid) when the budget ran out or the
// check was stopped first.
RefutationCheck check_search_refutation(const Matrix& m, const SearchRefutation& log,
                                        int claimed_lower, const RefutationBudget& budget = {});

}  // namespace ccbound
