// The compact matrix of a rectangle of T, and what the refutation checker reads off it.
//
// check_search_refutation (search_refutation.cpp) matches claims about equal submatrices through
// the normal form defined in search_refutation.hpp, and bounds leaves through GF(2) ranks. This
// pair computes both, from scratch: the checker shares no code with the search engine that wrote
// the log, so an error in the engine's classes or keys cannot make a wrong log pass. Everything is
// fixed-size arrays of 64-bit masks (T has at most 64 rows and columns), so the checker's inner
// loop, which builds one side rectangle per step of the split enumeration, never allocates.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace ccbound::refutation {

using Mask = std::uint64_t;
inline constexpr int kMaxClasses = 64;

// A matrix with pairwise distinct rows and pairwise distinct columns, at most 64 x 64.
struct CompactMatrix {
  int rows = 0;
  int cols = 0;
  Mask row[kMaxClasses];  // row a: bit b set iff entry (a, b) is 1

  // A matrix without duplicate rows or columns is constant iff it is 1 x 1.
  bool is_constant() const { return rows == 1 && cols == 1; }
};

// A rectangle R x C of T grouped into classes, in order of first occurrence (step 1 of the normal
// form), and its compact matrix K (step 2).
struct ClassedRectangle {
  CompactMatrix k;
  Mask col[kMaxClasses];          // column b of K: bit a set iff K[a][b] is 1
  Mask row_members[kMaxClasses];  // the rows of T in row class a
  Mask col_members[kMaxClasses];  // the columns of T in column class b

  // The compact matrix of the union of the given row classes x C (Alice's side of a split), or
  // R x the union of the given column classes (Bob's). Requires a non-empty mask of classes.
  CompactMatrix alice_side(Mask classes) const;
  CompactMatrix bob_side(Mask classes) const;
};

// Requires: row_bits[i] is row i of T as a mask over T's columns, col_bits[j] column j as a mask
// over T's rows; rows and cols are non-empty masks within T.
ClassedRectangle classify(std::span<const Mask> row_bits, std::span<const Mask> col_bits, Mask rows,
                          Mask cols);

// N(R, C) as words: rows | cols << 8, then the sorted row integers (step 3).
class NormalFormKey {
 public:
  explicit NormalFormKey(const CompactMatrix& k);
  std::span<const std::uint64_t> words() const { return {words_.data(), size_}; }

 private:
  std::array<std::uint64_t, kMaxClasses + 1> words_;
  std::size_t size_ = 0;
};

int gf2_rank(std::span<const Mask> vectors);

// rank_GF(2)(K) + rank_GF(2)(J - K) > 2^depth: then no tree of depth `depth` has enough leaves.
// Requires: depth >= 0.
bool exceeds_leaf_bound(const CompactMatrix& k, int depth);
// The same for the matrix whose rows are `rows` restricted to the columns in `cols`; duplicate
// rows and columns may remain, as they change neither rank. Requires: at most 64 rows.
bool exceeds_leaf_bound(std::span<const Mask> rows, Mask cols, int depth);

}  // namespace ccbound::refutation
