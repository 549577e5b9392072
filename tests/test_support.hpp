// Helpers shared by the tests: seeded random matrices and the deliberately naive reference for D.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <utility>

#include "ccbound/core/matrix.hpp"

namespace ccbound::testing {

inline Matrix random_matrix(std::size_t rows, std::size_t cols, double density,
                            std::mt19937_64& rng) {
  std::bernoulli_distribution bit(density);
  Matrix m(rows, cols);
  for (std::size_t x = 0; x < rows; ++x)
    for (std::size_t y = 0; y < cols; ++y) m.set(x, y, bit(rng));
  return m;
}

// D(M) straight from the definition: 0 if monochromatic, else one bit plus the best split of either
// side into two non-empty parts, over every subset of the actual rows and columns (no
// deduplication, no bounds, no canonical forms). Exponential: only for matrices up to about 7 x 7.
class NaiveD {
 public:
  explicit NaiveD(const Matrix& m) : m_(m) {}

  int operator()() { return depth(full(m_.rows()), full(m_.cols())); }

 private:
  static std::uint32_t full(std::size_t n) { return (std::uint32_t{1} << n) - 1; }

  bool monochromatic(std::uint32_t rows, std::uint32_t cols) const {
    int seen = -1;
    for (std::size_t x = 0; x < m_.rows(); ++x)
      for (std::size_t y = 0; y < m_.cols(); ++y)
        if (((rows >> x) & 1) && ((cols >> y) & 1)) {
          const int v = m_.at(x, y) ? 1 : 0;
          if (seen >= 0 && v != seen) return false;
          seen = v;
        }
    return true;
  }

  int depth(std::uint32_t rows, std::uint32_t cols) {
    auto key = std::make_pair(rows, cols);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    int best = 1000;
    if (monochromatic(rows, cols)) {
      best = 0;
    } else {
      for (std::uint32_t s = (rows - 1) & rows; s != 0; s = (s - 1) & rows)
        best = std::min(best, 1 + std::max(depth(s, cols), depth(rows & ~s, cols)));
      for (std::uint32_t s = (cols - 1) & cols; s != 0; s = (s - 1) & cols)
        best = std::min(best, 1 + std::max(depth(rows, s), depth(rows, cols & ~s)));
    }
    memo_[key] = best;
    return best;
  }

  const Matrix& m_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, int> memo_;
};

inline int naive_d(const Matrix& m) {
  return NaiveD(m)();
}

}  // namespace ccbound::testing
