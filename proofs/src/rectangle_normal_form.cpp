// Classes, normal forms and GF(2) ranks of rectangles, for the refutation checker only.
//
// Written from the definitions in search_refutation.hpp rather than shared with the search
// engine, so that the checker shares no code with the search engine that wrote the log. Rows of
// compact matrices are masks; a column of K is recovered by transposing, which is cheap at these
// sizes (at most 64 x 64, and usually far smaller).
#include "rectangle_normal_form.hpp"

#include <algorithm>
#include <bit>

namespace ccbound::refutation {

namespace {

Mask all_of(int count) {
  return count >= 64 ? ~Mask{0} : (Mask{1} << count) - 1;
}

// The bits of x at the positions set in `positions`, packed to the low end in order (PEXT).
Mask gather(Mask x, Mask positions) {
  Mask out = 0;
  for (int k = 0; positions != 0; positions &= positions - 1, ++k)
    out |= ((x >> std::countr_zero(positions)) & 1) << k;
  return out;
}

// The positions of `members` whose value differs from every earlier member's: the class
// representatives, in order of first occurrence. Classes are few, so a linear scan of the
// representatives beats hashing.
Mask first_occurrences(const Mask* values, Mask members) {
  Mask seen[kMaxClasses];
  int count = 0;
  Mask firsts = 0;
  for (; members != 0; members &= members - 1) {
    const int i = std::countr_zero(members);
    if (std::find(seen, seen + count, values[i]) != seen + count) continue;
    seen[count++] = values[i];
    firsts |= Mask{1} << i;
  }
  return firsts;
}

// out[b] has bit a set iff rows[a] has bit b set, for b < cols.
void transpose(const Mask* rows, int row_count, int cols, Mask* out) {
  std::fill(out, out + cols, Mask{0});
  for (int a = 0; a < row_count; ++a)
    for (Mask bits = rows[a]; bits != 0; bits &= bits - 1)
      out[std::countr_zero(bits)] |= Mask{1} << a;
}

// Groups the members of a side by their pattern against the other side; returns the number of
// classes and fills each class's members.
int group(std::span<const Mask> bits, Mask members, Mask against, Mask* classes) {
  Mask patterns[kMaxClasses];
  int count = 0;
  for (; members != 0; members &= members - 1) {
    const int i = std::countr_zero(members);
    const Mask pattern = bits[static_cast<std::size_t>(i)] & against;
    const int c = static_cast<int>(std::find(patterns, patterns + count, pattern) - patterns);
    if (c == count) {
      patterns[count] = pattern;
      classes[count++] = 0;
    }
    classes[c] |= Mask{1} << i;
  }
  return count;
}

Mask lowest_bits(const Mask* classes, int count) {
  Mask lows = 0;
  for (int c = 0; c < count; ++c) lows |= classes[c] & (~classes[c] + 1);
  return lows;
}

}  // namespace

ClassedRectangle classify(std::span<const Mask> row_bits, std::span<const Mask> col_bits, Mask rows,
                          Mask cols) {
  ClassedRectangle r;
  r.k.rows = group(row_bits, rows, cols, r.row_members);
  r.k.cols = group(col_bits, cols, rows, r.col_members);
  // A class's first member stands for it; K keeps the classes in the order of those members.
  const Mask col_reps = lowest_bits(r.col_members, r.k.cols);
  for (int a = 0; a < r.k.rows; ++a) {
    const auto rep = static_cast<std::size_t>(std::countr_zero(r.row_members[a]));
    r.k.row[a] = gather(row_bits[rep], col_reps);
  }
  transpose(r.k.row, r.k.rows, r.k.cols, r.col);
  return r;
}

// Restricting to some row classes can merge columns; a merged column class keeps the place of
// its first member, which is the first of the merged classes of K.
CompactMatrix ClassedRectangle::alice_side(Mask classes) const {
  Mask restricted[kMaxClasses];
  for (int b = 0; b < k.cols; ++b) restricted[b] = col[b] & classes;
  const Mask kept = first_occurrences(restricted, all_of(k.cols));
  CompactMatrix side;
  side.cols = std::popcount(kept);
  for (; classes != 0; classes &= classes - 1)
    side.row[side.rows++] = gather(k.row[std::countr_zero(classes)], kept);
  return side;
}

CompactMatrix ClassedRectangle::bob_side(Mask classes) const {
  Mask restricted[kMaxClasses];
  for (int a = 0; a < k.rows; ++a) restricted[a] = gather(k.row[a], classes);
  CompactMatrix side;
  side.cols = std::popcount(classes);
  for (Mask kept = first_occurrences(restricted, all_of(k.rows)); kept != 0; kept &= kept - 1)
    side.row[side.rows++] = restricted[std::countr_zero(kept)];
  return side;
}

NormalFormKey::NormalFormKey(const CompactMatrix& k) {
  words_[0] = static_cast<std::uint64_t>(k.rows) | static_cast<std::uint64_t>(k.cols) << 8;
  Mask* rows = words_.data() + 1;
  Mask cols[kMaxClasses];
  std::copy(k.row, k.row + k.rows, rows);
  std::sort(rows, rows + k.rows);
  transpose(rows, k.rows, k.cols, cols);
  std::sort(cols, cols + k.cols);
  transpose(cols, k.cols, k.rows, rows);
  std::sort(rows, rows + k.rows);
  size_ = static_cast<std::size_t>(k.rows) + 1;
}

// Gaussian elimination with the basis indexed by leading bit: a vector either lands on a free
// leading bit (the rank grows) or reduces to zero. `taken` marks the filled slots, which spares
// clearing the basis on every call (this runs once per side the split enumeration tests).
int gf2_rank(std::span<const Mask> vectors) {
  Mask basis[64];
  Mask taken = 0;
  for (Mask v : vectors) {
    while (v != 0) {
      const int lead = 63 - std::countl_zero(v);
      if (((taken >> lead) & 1) == 0) {
        basis[lead] = v;
        taken |= Mask{1} << lead;
        break;
      }
      v ^= basis[lead];
    }
  }
  return std::popcount(taken);
}

bool exceeds_leaf_bound(std::span<const Mask> rows, Mask cols, int depth) {
  // Each rank is at most min(rows, cols) <= 64, so the sum never exceeds 2^7.
  if (depth >= 7) return false;
  const int leaves = 1 << depth;
  if (2 * std::min(static_cast<int>(rows.size()), std::popcount(cols)) <= leaves) return false;
  Mask restricted[kMaxClasses];
  for (std::size_t a = 0; a < rows.size(); ++a) restricted[a] = rows[a] & cols;
  const int rank = gf2_rank({restricted, rows.size()});
  // The rows of J - M are those of M plus the all-ones row, so the two ranks differ by at most 1
  // and the second one is needed only near the threshold.
  if (2 * rank + 1 <= leaves) return false;
  if (2 * rank - 1 > leaves) return true;
  for (std::size_t a = 0; a < rows.size(); ++a) restricted[a] = ~rows[a] & cols;
  return rank + gf2_rank({restricted, rows.size()}) > leaves;
}

bool exceeds_leaf_bound(const CompactMatrix& k, int depth) {
  return exceeds_leaf_bound({k.row, static_cast<std::size_t>(k.rows)}, all_of(k.cols), depth);
}

}  // namespace ccbound::refutation
