// Checking rank witnesses: trial-division primality, then a determinant mod p by plain Gaussian
// elimination with Fermat inverses. Written for obviousness, not speed: the witnesses are at most
// kMaxSide square and are checked once.
#include "ccbound/proofs/rank_witness.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <set>

namespace ccbound {

int LeafBoundCertificate::implied_depth() const {
  const std::size_t leaves = ones.rows.size() + zeros.rows.size();
  return leaves <= 1 ? 0 : static_cast<int>(std::bit_width(leaves - 1));
}

namespace {

bool is_prime(std::uint64_t p) {
  if (p < 2) return false;
  for (std::uint64_t d = 2; d * d <= p; ++d)
    if (p % d == 0) return false;
  return true;
}

std::uint64_t power_mod(std::uint64_t base, std::uint64_t exponent, std::uint64_t p) {
  std::uint64_t result = 1 % p;
  base %= p;
  for (; exponent > 0; exponent >>= 1) {
    if (exponent & 1) result = result * base % p;
    base = base * base % p;
  }
  return result;
}

bool distinct_in_range(const std::vector<std::uint32_t>& indices, std::size_t limit) {
  std::set<std::uint32_t> seen(indices.begin(), indices.end());
  return seen.size() == indices.size() && (indices.empty() || *seen.rbegin() < limit);
}

// Determinant of a square matrix mod p is nonzero iff elimination finds a pivot in every column.
bool nonsingular_mod(std::vector<std::vector<std::uint64_t>> a, std::uint64_t p) {
  const std::size_t n = a.size();
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    while (pivot < n && a[pivot][col] == 0) ++pivot;
    if (pivot == n) return false;
    std::swap(a[pivot], a[col]);
    const std::uint64_t inverse = power_mod(a[col][col], p - 2, p);
    for (std::size_t row = col + 1; row < n; ++row) {
      const std::uint64_t factor = a[row][col] * inverse % p;
      if (factor == 0) continue;
      for (std::size_t k = col; k < n; ++k) a[row][k] = (a[row][k] + (p - factor) * a[col][k]) % p;
    }
  }
  return true;
}

// Over GF(2) the same elimination on packed rows: XOR is subtraction, every nonzero is its inverse.
bool nonsingular_mod2(std::vector<std::vector<std::uint64_t>> a) {
  const std::size_t n = a.size();
  for (std::size_t col = 0; col < n; ++col) {
    const std::size_t word = col / 64;
    const std::uint64_t bit = std::uint64_t{1} << (col % 64);
    std::size_t pivot = col;
    while (pivot < n && !(a[pivot][word] & bit)) ++pivot;
    if (pivot == n) return false;
    std::swap(a[pivot], a[col]);
    for (std::size_t row = col + 1; row < n; ++row)
      if (a[row][word] & bit)
        for (std::size_t k = word; k < a[row].size(); ++k) a[row][k] ^= a[col][k];
  }
  return true;
}

bool submatrix_nonsingular(const Matrix& m, const RankWitness& w) {
  const std::size_t n = w.rows.size();
  if (w.prime == 2) {
    std::vector<std::vector<std::uint64_t>> sub(n, std::vector<std::uint64_t>((n + 63) / 64));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (m.at(w.rows[i], w.cols[j]) != w.complement)
          sub[i][j / 64] |= std::uint64_t{1} << (j % 64);
    return nonsingular_mod2(std::move(sub));
  }
  std::vector<std::vector<std::uint64_t>> sub(n, std::vector<std::uint64_t>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      sub[i][j] = m.at(w.rows[i], w.cols[j]) != w.complement ? 1 : 0;
  return nonsingular_mod(std::move(sub), w.prime);
}

}  // namespace

WitnessCheck check_rank_witness(const Matrix& m, const RankWitness& w) {
  if (w.prime >= (std::uint64_t{1} << 32) || !is_prime(w.prime))
    return {false, fmt::format("modulus {} is not a prime below 2^32", w.prime)};
  if (w.rows.size() != w.cols.size())
    return {false, fmt::format("{} rows but {} columns", w.rows.size(), w.cols.size())};
  if (!distinct_in_range(w.rows, m.rows()) || !distinct_in_range(w.cols, m.cols()))
    return {false, "indices repeat or are out of range"};
  if (!submatrix_nonsingular(m, w))
    return {false,
            fmt::format("the {0} x {0} submatrix is singular mod {1}", w.rows.size(), w.prime)};
  return {true, fmt::format("rank {} over GF({}) of {} confirmed", w.rows.size(), w.prime,
                            w.complement ? "J-M" : "M")};
}

WitnessCheck check_leaf_bound(const Matrix& m, const LeafBoundCertificate& c) {
  if (c.ones.complement || !c.zeros.complement) return {false, "witnesses are not of M and J-M"};
  if (c.ones.prime != c.zeros.prime) return {false, "witnesses use different fields"};
  for (const auto* w : {&c.ones, &c.zeros}) {
    auto check = check_rank_witness(m, *w);
    if (!check.ok) return check;
  }
  return {true,
          fmt::format("rank(M) + rank(J-M) >= {} + {} over GF({}), so D >= {}", c.ones.rows.size(),
                      c.zeros.rows.size(), c.ones.prime, c.implied_depth())};
}

}  // namespace ccbound
