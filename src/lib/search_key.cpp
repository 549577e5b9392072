// Normal forms of small 0/1 matrices under row/column permutation, transposition and complement.
#include "search_key.hpp"

#include <algorithm>

namespace ccbound {

namespace {

CompactMatrix transposed(const CompactMatrix& m) {
  CompactMatrix t;
  t.rows = m.cols;
  t.cols = m.rows;
  for (int b = 0; b < m.cols; ++b) {
    std::uint64_t col = 0;
    for (int a = 0; a < m.rows; ++a) col |= ((m.bits[a] >> b) & 1) << a;
    t.bits[b] = col;
  }
  return t;
}

CompactMatrix complemented(const CompactMatrix& m) {
  CompactMatrix c = m;
  const std::uint64_t full = m.cols >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << m.cols) - 1;
  for (int a = 0; a < m.rows; ++a) c.bits[a] ^= full;
  return c;
}

// Sorting rows permutes the columns' bit patterns, so alternate a few rounds towards a fixpoint.
CompactMatrix sorted(CompactMatrix m) {
  for (int round = 0; round < 2; ++round) {
    std::sort(m.bits, m.bits + m.rows);
    CompactMatrix t = transposed(m);
    std::sort(t.bits, t.bits + t.rows);
    m = transposed(t);
  }
  std::sort(m.bits, m.bits + m.rows);
  return m;
}

bool less(const CompactMatrix& a, const CompactMatrix& b) {
  if (a.rows != b.rows) return a.rows < b.rows;
  if (a.cols != b.cols) return a.cols < b.cols;
  return std::lexicographical_compare(a.bits, a.bits + a.rows, b.bits, b.bits + b.rows);
}

}  // namespace

std::size_t SearchKeyHash::operator()(const SearchKey& key) const {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (std::uint64_t w : key.words) {
    h ^= w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ULL;
  }
  return static_cast<std::size_t>(h ^ (h >> 31));
}

SearchKey canonical_key(const CompactMatrix& m) {
  const CompactMatrix t = transposed(m);
  const CompactMatrix variants[4] = {sorted(m), sorted(complemented(m)), sorted(t),
                                     sorted(complemented(t))};
  const CompactMatrix* best = &variants[0];
  for (const auto& v : variants)
    if (less(v, *best)) best = &v;
  SearchKey key;
  key.words.reserve(static_cast<std::size_t>(best->rows) + 1);
  key.words.push_back(static_cast<std::uint64_t>(best->rows) | static_cast<std::uint64_t>(best->cols) << 8);
  key.words.insert(key.words.end(), best->bits, best->bits + best->rows);
  return key;
}

}  // namespace ccbound
