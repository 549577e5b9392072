// Row-by-row elimination: each new row is reduced by the basis built so far, in insertion order, so
// every basis row is zero at the pivots of earlier ones. The chosen rows restricted to the pivot
// columns are then a unit-triangular transform of a triangular matrix, hence nonsingular: that is
// the witness.
#include "ccbound/rank.hpp"

#include <bit>

namespace ccbound {

namespace {

struct Gf2Basis {
  std::vector<std::vector<std::uint64_t>> rows;
  std::vector<std::size_t> pivots;
};

std::vector<std::uint64_t> packed_row(const Matrix& m, std::size_t x, bool complement) {
  auto words = m.row_words(x);
  std::vector<std::uint64_t> row(words.begin(), words.end());
  if (complement) {
    for (auto& w : row) w = ~w;
    if (m.cols() % 64) row.back() &= (std::uint64_t{1} << (m.cols() % 64)) - 1;
  }
  return row;
}

// Returns the lowest set bit after reduction, or npos when the row reduces to zero.
std::size_t reduce_gf2(std::vector<std::uint64_t>& row, const Gf2Basis& basis) {
  for (std::size_t i = 0; i < basis.rows.size(); ++i) {
    const std::size_t p = basis.pivots[i];
    if ((row[p / 64] >> (p % 64)) & 1)
      for (std::size_t k = 0; k < row.size(); ++k) row[k] ^= basis.rows[i][k];
  }
  for (std::size_t k = 0; k < row.size(); ++k)
    if (row[k]) return k * 64 + static_cast<std::size_t>(std::countr_zero(row[k]));
  return SIZE_MAX;
}

RankWitness rank_gf2(const Matrix& m, bool complement, const Deadline& deadline) {
  RankWitness witness{2, complement, {}, {}};
  Gf2Basis basis;
  for (std::size_t x = 0; x < m.rows(); ++x) {
    if (x % 64 == 0) deadline.check();
    auto row = packed_row(m, x, complement);
    const std::size_t pivot = reduce_gf2(row, basis);
    if (pivot == SIZE_MAX) continue;
    basis.rows.push_back(std::move(row));
    basis.pivots.push_back(pivot);
    witness.rows.push_back(static_cast<std::uint32_t>(x));
    witness.cols.push_back(static_cast<std::uint32_t>(pivot));
  }
  return witness;
}

std::uint64_t inverse_mod(std::uint64_t a, std::uint64_t p) {
  std::uint64_t result = 1;
  for (std::uint64_t e = p - 2; e > 0; e >>= 1) {
    if (e & 1) result = result * a % p;
    a = a * a % p;
  }
  return result;
}

RankWitness rank_mod_p(const Matrix& m, bool complement, std::uint64_t p,
                       const Deadline& deadline) {
  RankWitness witness{p, complement, {}, {}};
  std::vector<std::vector<std::uint64_t>> basis;  // normalised: 1 at its pivot
  for (std::size_t x = 0; x < m.rows(); ++x) {
    if (x % 16 == 0) deadline.check();
    std::vector<std::uint64_t> row(m.cols());
    for (std::size_t y = 0; y < m.cols(); ++y) row[y] = m.at(x, y) != complement ? 1 : 0;
    for (std::size_t i = 0; i < basis.size(); ++i) {
      const std::uint64_t factor = row[witness.cols[i]];
      if (factor == 0) continue;
      for (std::size_t y = 0; y < row.size(); ++y)
        row[y] = (row[y] + (p - factor) * basis[i][y]) % p;
    }
    std::size_t pivot = 0;
    while (pivot < row.size() && row[pivot] == 0) ++pivot;
    if (pivot == row.size()) continue;
    const std::uint64_t inverse = inverse_mod(row[pivot], p);
    for (auto& v : row) v = v * inverse % p;
    basis.push_back(std::move(row));
    witness.rows.push_back(static_cast<std::uint32_t>(x));
    witness.cols.push_back(static_cast<std::uint32_t>(pivot));
  }
  return witness;
}

}  // namespace

RankWitness rank_witness(const Matrix& m, bool complement, std::uint64_t prime,
                         const Deadline& deadline) {
  return prime == 2 ? rank_gf2(m, complement, deadline)
                    : rank_mod_p(m, complement, prime, deadline);
}

int rank_gf2_small(const std::uint64_t* rows, int count) {
  std::uint64_t basis[64] = {};  // basis[b]: the basis vector whose highest set bit is b
  int rank = 0;
  for (int i = 0; i < count; ++i) {
    for (std::uint64_t row = rows[i]; row != 0;) {
      const int top = 63 - std::countl_zero(row);
      if (basis[top] == 0) {
        basis[top] = row;
        ++rank;
        break;
      }
      row ^= basis[top];
    }
  }
  return rank;
}

}  // namespace ccbound
