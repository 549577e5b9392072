// Ranks with witnesses. Over GF(2), row-by-row elimination on packed rows: each new row is reduced
// by the basis built so far, in insertion order, so every basis row is zero at the pivots of
// earlier ones; the chosen rows restricted to the pivot columns are then a unit-triangular
// transform of a triangular matrix, hence nonsingular: that is the witness. Modulo a larger prime,
// dense column-by-column elimination (eliminate_mod).
#include "ccbound/engines/rank.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

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

// Modular ranks (for rank_witness and for the rational rank, one elimination per prime): dense
// column-by-column elimination, whose inner loop avoids a division per entry (see FixedFactor).

// Trial division: at most 2^15.5 steps for 31-bit candidates, and obviously correct.
bool is_prime_31(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return true;
}

std::uint64_t previous_prime(std::uint64_t p) {
  do --p;
  while (!is_prime_31(p));
  return p;
}

// b -> g * b mod p for a fixed g < p < 2^32 without dividing (Shoup): with g' = floor(g 2^32 / p),
// q = floor(g' b / 2^32) is gb/p rounded down, less at most 1, so g b - q p lies in [0, 2p).
struct FixedFactor {
  FixedFactor(std::uint64_t factor, std::uint64_t prime)
      : g(factor), g_shoup((factor << 32) / prime), p(prime) {}
  std::uint64_t times_lazy(std::uint64_t b) const { return g * b - ((g_shoup * b) >> 32) * p; }
  std::uint64_t g, g_shoup, p;
};

using ModRow = std::vector<std::uint32_t>;  // entries in [0, p)

// target += f * pivot on columns [from, end), reduced back into [0, p).
void add_multiple(ModRow& target, const ModRow& pivot, std::size_t from, const FixedFactor& f) {
  const std::uint64_t p = f.p;
  for (std::size_t k = from; k < target.size(); ++k) {
    std::uint64_t v = target[k] + f.times_lazy(pivot[k]);  // < 3p
    v = v >= p ? v - p : v;
    target[k] = static_cast<std::uint32_t>(v >= p ? v - p : v);
  }
}

// Clears column col below row top, whose entry there is the (nonzero) pivot.
void clear_below(std::vector<ModRow>& a, std::size_t top, std::size_t col, std::uint64_t p) {
  const std::uint64_t inverse = inverse_mod(a[top][col], p);
  for (std::size_t r = top + 1; r < a.size(); ++r) {
    if (a[r][col] == 0) continue;
    const FixedFactor minus_ratio(p - a[r][col] * inverse % p, p);
    add_multiple(a[r], a[top], col + 1, minus_ratio);
    a[r][col] = 0;
  }
}

std::vector<ModRow> dense_rows(const Matrix& m, bool complement) {
  std::vector<ModRow> a(m.rows(), ModRow(m.cols()));
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y) a[x][y] = m.at(x, y) != complement ? 1 : 0;
  return a;
}

// Row swaps keep `origin` (the original index of each current row); the pivot rows restricted to
// the pivot columns are a row-echelon form of that submatrix reached by adding multiples of
// earlier pivot rows, so the submatrix is nonsingular.
RankWitness eliminate_mod(const Matrix& m, bool complement, std::uint64_t p,
                          const Deadline& deadline) {
  RankWitness witness{p, complement, {}, {}};
  std::vector<ModRow> a = dense_rows(m, complement);
  std::vector<std::uint32_t> origin(m.rows());
  for (std::size_t x = 0; x < origin.size(); ++x) origin[x] = static_cast<std::uint32_t>(x);
  std::size_t rank = 0;
  for (std::size_t col = 0; col < m.cols() && rank < m.rows(); ++col) {
    deadline.check();
    std::size_t pivot = rank;
    while (pivot < m.rows() && a[pivot][col] == 0) ++pivot;
    if (pivot == m.rows()) continue;
    std::swap(a[pivot], a[rank]);
    std::swap(origin[pivot], origin[rank]);
    clear_below(a, rank, col, p);
    witness.rows.push_back(origin[rank++]);
    witness.cols.push_back(static_cast<std::uint32_t>(col));
  }
  return witness;
}

// True when the primes so far prove rank_Q <= rank: full rank needs nothing; otherwise the sum of
// floor(log2 p) must exceed log2 of the Hadamard bound n^(n/2), n = rank + 1, plus one bit for
// the rounding of log2l (whose relative error is far below 2^-40).
bool upper_bound_proved(const Matrix& m, const RationalRank& r) {
  const std::size_t n = static_cast<std::size_t>(r.rank) + 1;
  if (n > std::min(m.rows(), m.cols())) return true;
  std::uint64_t floor_bits = 0;
  for (std::uint64_t p : r.primes) floor_bits += static_cast<std::uint64_t>(std::bit_width(p) - 1);
  const long double nl = static_cast<long double>(n);
  return static_cast<long double>(floor_bits) > nl / 2 * std::log2(nl) + 1;
}

// rank mod p <= rank_Q for every p, so a larger rank replaces the witness; the primes kept so far
// saw a smaller rank and stay valid.
void add_prime(RationalRank& r, RankWitness w) {
  const std::uint64_t p = w.prime;
  if (r.primes.empty() || static_cast<int>(w.rows.size()) > r.rank) {
    r.rank = static_cast<int>(w.rows.size());
    r.witness = std::move(w);
  }
  r.primes.push_back(p);
}

}  // namespace

RationalRank rank_rational(const Matrix& m, bool complement, const Deadline& deadline) {
  RationalRank result;
  for (std::uint64_t p = kLargePrime;; p = previous_prime(p)) {
    add_prime(result, eliminate_mod(m, complement, p, deadline));
    if (upper_bound_proved(m, result)) return result;
  }
}

RankWitness rank_witness(const Matrix& m, bool complement, std::uint64_t prime,
                         const Deadline& deadline) {
  return prime == 2 ? rank_gf2(m, complement, deadline)
                    : eliminate_mod(m, complement, prime, deadline);
}

RankWitness in_original_indices(RankWitness witness, const Deduplicated& d) {
  const auto rows = first_members(d.row_class, d.matrix.rows());
  const auto cols = first_members(d.col_class, d.matrix.cols());
  for (auto& i : witness.rows) i = rows[i];
  for (auto& j : witness.cols) j = cols[j];
  return witness;
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
