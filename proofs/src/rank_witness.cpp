// Checking rank witnesses: trial-division primality, then a determinant (or a rank) mod p by plain
// Gaussian elimination with Fermat inverses. Written for obviousness, not speed: the witnesses are
// at most kMaxSide square and are checked once.
#include "ccbound/proofs/rank_witness.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <optional>
#include <set>

#include "index_checks.hpp"

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

void ask(const StopRequest& stop) {
  if (stop && stop()) throw CheckStopped{};
}

// Rank mod p by column-by-column Gaussian elimination; a column without a pivot is skipped.
std::size_t rank_mod(std::vector<std::vector<std::uint64_t>> a, std::uint64_t p,
                     const StopRequest& stop) {
  const std::size_t n = a.size(), cols = a.empty() ? 0 : a[0].size();
  std::size_t rank = 0;
  for (std::size_t col = 0; col < cols && rank < n; ++col) {
    ask(stop);
    std::size_t pivot = rank;
    while (pivot < n && a[pivot][col] == 0) ++pivot;
    if (pivot == n) continue;
    std::swap(a[pivot], a[rank]);
    const std::uint64_t inverse = power_mod(a[rank][col], p - 2, p);
    for (std::size_t row = rank + 1; row < n; ++row) {
      const std::uint64_t factor = a[row][col] * inverse % p;
      if (factor == 0) continue;
      for (std::size_t k = col; k < cols; ++k)
        a[row][k] = (a[row][k] + (p - factor) * a[rank][k]) % p;
    }
    ++rank;
  }
  return rank;
}

// Determinant of a square matrix mod p is nonzero iff its rank mod p is full.
bool nonsingular_mod(std::vector<std::vector<std::uint64_t>> a, std::uint64_t p,
                     const StopRequest& stop) {
  const std::size_t n = a.size();
  return rank_mod(std::move(a), p, stop) == n;
}

// Over GF(2) the same elimination on packed rows: XOR is subtraction, every nonzero is its inverse.
std::size_t rank_mod2(std::vector<std::vector<std::uint64_t>> a, std::size_t cols,
                      const StopRequest& stop) {
  const std::size_t n = a.size();
  std::size_t rank = 0;
  for (std::size_t col = 0; col < cols && rank < n; ++col) {
    ask(stop);
    const std::size_t word = col / 64;
    const std::uint64_t bit = std::uint64_t{1} << (col % 64);
    std::size_t pivot = rank;
    while (pivot < n && !(a[pivot][word] & bit)) ++pivot;
    if (pivot == n) continue;
    std::swap(a[pivot], a[rank]);
    for (std::size_t row = rank + 1; row < n; ++row)
      if (a[row][word] & bit)
        for (std::size_t k = word; k < a[row].size(); ++k) a[row][k] ^= a[rank][k];
    ++rank;
  }
  return rank;
}

bool nonsingular_mod2(std::vector<std::vector<std::uint64_t>> a, const StopRequest& stop) {
  const std::size_t n = a.size();
  return rank_mod2(std::move(a), n, stop) == n;
}

bool submatrix_nonsingular(const Matrix& m, const RankWitness& w, const StopRequest& stop) {
  const std::size_t n = w.rows.size();
  if (w.prime == 2) {
    std::vector<std::vector<std::uint64_t>> sub(n, std::vector<std::uint64_t>((n + 63) / 64));
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j)
        if (m.at(w.rows[i], w.cols[j]) != w.complement)
          sub[i][j / 64] |= std::uint64_t{1} << (j % 64);
    return nonsingular_mod2(std::move(sub), stop);
  }
  std::vector<std::vector<std::uint64_t>> sub(n, std::vector<std::uint64_t>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      sub[i][j] = m.at(w.rows[i], w.cols[j]) != w.complement ? 1 : 0;
  return nonsingular_mod(std::move(sub), w.prime, stop);
}

// Little-endian base-2^32 naturals, just enough to compare a product of primes with a power
// exactly: no floating point in the checker's arithmetic.
using Natural = std::vector<std::uint32_t>;

// Requires: factor < 2^32, so limb * factor + carry < 2^64. Keeps a normalised (no leading zero
// limb) nonzero value normalised.
void multiply(Natural& a, std::uint64_t factor) {
  std::uint64_t carry = 0;
  for (auto& limb : a) {
    const std::uint64_t v = limb * factor + carry;
    limb = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  if (carry) a.push_back(static_cast<std::uint32_t>(carry));
}

bool greater(const Natural& a, const Natural& b) {
  if (a.size() != b.size()) return a.size() > b.size();
  return std::lexicographical_compare(b.rbegin(), b.rend(), a.rbegin(), a.rend());
}

// product > n^(n/2), compared squared to stay in integers: product^2 > n^n.
bool exceeds_hadamard_bound(const std::vector<std::uint64_t>& primes, std::size_t n) {
  Natural product_squared{1}, power{1};
  for (std::uint64_t p : primes) {
    multiply(product_squared, p);
    multiply(product_squared, p);
  }
  for (std::size_t i = 0; i < n; ++i) multiply(power, n);
  return greater(product_squared, power);
}

std::vector<std::vector<std::uint64_t>> dense(const Matrix& m, bool complement) {
  std::vector<std::vector<std::uint64_t>> a(m.rows(), std::vector<std::uint64_t>(m.cols()));
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y) a[x][y] = m.at(x, y) != complement ? 1 : 0;
  return a;
}

std::vector<std::vector<std::uint64_t>> packed(const Matrix& m, bool complement) {
  std::vector<std::vector<std::uint64_t>> a(m.rows(),
                                            std::vector<std::uint64_t>((m.cols() + 63) / 64));
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y)
      if (m.at(x, y) != complement) a[x][y / 64] |= std::uint64_t{1} << (y % 64);
  return a;
}

// Rank of (complement ? J - M : M) modulo a prime p < 2^32; packed rows for p = 2, where the
// matrices are largest and the word operations pay most.
std::size_t rank_of(const Matrix& m, bool complement, std::uint64_t p, const StopRequest& stop) {
  return p == 2 ? rank_mod2(packed(m, complement), m.cols(), stop)
                : rank_mod(dense(m, complement), p, stop);
}

std::optional<std::string> bad_modulus_list(const std::vector<std::uint64_t>& primes) {
  for (std::uint64_t p : primes)
    if (p >= (std::uint64_t{1} << 32) || !is_prime(p))
      return fmt::format("modulus {} is not a prime below 2^32", p);
  if (std::set<std::uint64_t>(primes.begin(), primes.end()).size() != primes.size())
    return "a prime is repeated";
  return std::nullopt;
}

}  // namespace

WitnessCheck check_rank_witness(const Matrix& m, const RankWitness& w, const StopRequest& stop) {
  if (w.prime >= (std::uint64_t{1} << 32) || !is_prime(w.prime))
    return {false, fmt::format("modulus {} is not a prime below 2^32", w.prime)};
  if (w.rows.size() != w.cols.size())
    return {false, fmt::format("{} rows but {} columns", w.rows.size(), w.cols.size())};
  if (!distinct_in_range(w.rows, m.rows()) || !distinct_in_range(w.cols, m.cols()))
    return {false, "indices repeat or are out of range"};
  if (!submatrix_nonsingular(m, w, stop))
    return {false,
            fmt::format("the {0} x {0} submatrix is singular mod {1}", w.rows.size(), w.prime)};
  return {true, fmt::format("rank {} over GF({}) of {} confirmed", w.rows.size(), w.prime,
                            w.complement ? "J-M" : "M")};
}

WitnessCheck check_leaf_bound(const Matrix& m, const LeafBoundCertificate& c,
                              const StopRequest& stop) {
  if (c.ones.complement || !c.zeros.complement) return {false, "witnesses are not of M and J-M"};
  if (c.ones.prime != c.zeros.prime) return {false, "witnesses use different fields"};
  for (const auto* w : {&c.ones, &c.zeros}) {
    auto check = check_rank_witness(m, *w, stop);
    if (!check.ok) return check;
  }
  return {true,
          fmt::format("rank(M) + rank(J-M) >= {} + {} over GF({}), so D >= {}", c.ones.rows.size(),
                      c.zeros.rows.size(), c.ones.prime, c.implied_depth())};
}

// Each prime p divides every (rank+1)-minor (they vanish mod p); distinct primes, so their product
// does; it exceeds the minors' Hadamard bound, so they are all 0.
WitnessCheck check_rank_at_most(const Matrix& m, bool complement, int rank,
                                const std::vector<std::uint64_t>& primes, const StopRequest& stop) {
  if (rank < 0) return {false, fmt::format("negative rank {}", rank)};
  if (auto bad = bad_modulus_list(primes)) return {false, *bad};
  const std::size_t r = static_cast<std::size_t>(rank);
  const char* of = complement ? "J-M" : "M";
  if (r >= std::min(m.rows(), m.cols()))
    return {true, fmt::format("rank of {} <= {}: it has no larger square submatrix", of, r)};
  if (!exceeds_hadamard_bound(primes, r + 1))
    return {false,
            fmt::format("the product of the {} primes is at most the Hadamard bound {}^({}/2)",
                        primes.size(), r + 1, r + 1)};
  for (std::uint64_t p : primes)
    if (const std::size_t found = rank_of(m, complement, p, stop); found > r)
      return {false, fmt::format("{} has rank {} > {} modulo {}", of, found, r, p)};
  return {true, fmt::format("rank over Q of {} <= {} (rank <= {} modulo {} primes)", of, r, r,
                            primes.size())};
}

WitnessCheck check_rank_mod_at_most(const Matrix& m, bool complement, std::uint64_t prime,
                                    int rank, const StopRequest& stop) {
  if (rank < 0) return {false, fmt::format("negative rank {}", rank)};
  if (auto bad = bad_modulus_list({prime})) return {false, *bad};
  const char* of = complement ? "J-M" : "M";
  if (const std::size_t found = rank_of(m, complement, prime, stop);
      found > static_cast<std::size_t>(rank))
    return {false, fmt::format("{} has rank {} > {} modulo {}", of, found, rank, prime)};
  return {true, fmt::format("rank over GF({}) of {} <= {}", prime, of, rank)};
}

}  // namespace ccbound
