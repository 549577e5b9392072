// The rank over Q: exact against an integer reference, both sides of the certificate re-checked,
// and every corruption of the upper-side certificate (check_rank_at_most) rejected.
#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <string>

#include "ccbound/core/families.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/engines/rank.hpp"
#include "test_support.hpp"

using namespace ccbound;
using boost::multiprecision::cpp_int;

namespace {

struct ExactRank {
  int rank = 0;
  cpp_int last_pivot = 1;  // for a nonsingular square matrix: the determinant, up to sign
};

// Fraction-free elimination (Bareiss) on big integers: each entry after step k is a (k+1)-minor of
// the input, so the division by the previous pivot is exact and nothing is rounded. Columns with no
// pivot are skipped, which leaves them out of those minors. Slow, but obviously exact.
ExactRank bareiss(const Matrix& m, bool complement) {
  std::vector<std::vector<cpp_int>> a(m.rows(), std::vector<cpp_int>(m.cols()));
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y) a[x][y] = m.at(x, y) != complement ? 1 : 0;
  ExactRank result;
  cpp_int previous = 1;
  std::size_t rank = 0;
  for (std::size_t col = 0; col < m.cols() && rank < m.rows(); ++col) {
    std::size_t pivot = rank;
    while (pivot < m.rows() && a[pivot][col] == 0) ++pivot;
    if (pivot == m.rows()) continue;
    std::swap(a[pivot], a[rank]);
    for (std::size_t row = rank + 1; row < m.rows(); ++row) {
      for (std::size_t k = col + 1; k < m.cols(); ++k)
        a[row][k] = (a[rank][col] * a[row][k] - a[row][col] * a[rank][k]) / previous;
      a[row][col] = 0;
    }
    previous = result.last_pivot = a[rank][col];
    ++rank;
  }
  result.rank = static_cast<int>(rank);
  return result;
}

// Both sides of the certificate, through the checkers only.
void check_certified(const Matrix& m, bool complement, const RationalRank& r) {
  CHECK(r.witness.rows.size() == static_cast<std::size_t>(r.rank));
  CHECK(r.witness.complement == complement);
  const WitnessCheck lower = check_rank_witness(m, r.witness);
  CHECK(lower.ok);
  const WitnessCheck upper = check_rank_at_most(m, complement, r.rank, r.primes);
  INFO(upper.message);
  CHECK(upper.ok);
}

RationalRank certified_rank(const Matrix& m, bool complement) {
  RationalRank r = rank_rational(m, complement, Deadline());
  check_certified(m, complement, r);
  return r;
}

// Primes below 2^31 in descending order, found independently of the engine.
std::vector<std::uint64_t> primes_below_2_31(std::size_t count) {
  std::vector<std::uint64_t> primes;
  for (std::uint64_t n = (std::uint64_t{1} << 31) - 1; primes.size() < count; --n) {
    bool prime = true;
    for (std::uint64_t d = 2; d * d <= n && prime; ++d) prime = n % d != 0;
    if (prime) primes.push_back(n);
  }
  return primes;
}

bool mentions(const WitnessCheck& check, const std::string& text) {
  return check.message.find(text) != std::string::npos;
}

// J - I of side 4 has determinant -3: nonsingular over Q, singular mod 3.
Matrix all_ones_minus_identity(std::size_t n) {
  Matrix m(n, n);
  for (std::size_t x = 0; x < n; ++x)
    for (std::size_t y = 0; y < n; ++y) m.set(x, y, x != y);
  return m;
}

// A 57 x 57 lower Hessenberg 0/1 matrix (superdiagonal 1; row i < 56 has 1s at i and i - 2) whose
// last row, found offline by a greedy signed subset sum over its cofactors, makes the determinant
// exactly 2^31 - 1 = kLargePrime: its rank mod kLargePrime is 56, over Q 57.
Matrix determinant_kLargePrime() {
  const std::string last = "111111010111111110101110111110101110111111111110111010101";
  const std::size_t n = last.size();
  Matrix m(n, n);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    m.set(i, i + 1, true);
    m.set(i, i, true);
    if (i >= 2) m.set(i, i - 2, true);
  }
  for (std::size_t y = 0; y < n; ++y) m.set(n - 1, y, last[y] == '1');
  return m;
}

}  // namespace

TEST_CASE("rational ranks of the families, certified", "[rank][rational]") {
  for (int n = 1; n <= 5; ++n) {
    INFO("n = " << n);
    const int size = 1 << n;
    const Matrix ip = family_matrix(Family::ip, n);
    CHECK(certified_rank(family_matrix(Family::eq, n), false).rank == size);
    CHECK(certified_rank(family_matrix(Family::disj, n), false).rank == size);
    CHECK(certified_rank(family_matrix(Family::disj, n), true).rank == size - 1);
    CHECK(certified_rank(ip, false).rank == size - 1);
    CHECK(certified_rank(ip, true).rank == size);
    CHECK(certified_rank(family_matrix(Family::gt, n), false).rank == size - 1);
    CHECK(certified_rank(family_matrix(Family::index, n), false).rank == n);
    // IP over GF(2) has rank only n: the field matters, and Q is the one that bounds leaves
    // tightly.
    CHECK(rank_witness(ip, false, 2, Deadline()).rows.size() == static_cast<std::size_t>(n));
  }
}

TEST_CASE("rational rank agrees with exact integer elimination", "[rank][rational]") {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<std::size_t> side(1, 12);
  const double densities[] = {0.1, 0.3, 0.5, 0.7, 0.9};
  int deficient = 0;
  for (int trial = 0; trial < 300; ++trial) {
    Matrix m = testing::random_matrix(side(rng), side(rng), densities[trial % 5], rng);
    if (trial % 3 == 0) {  // rows drawn from a small pool: rank-deficient more often
      const Matrix pool = testing::random_matrix(1 + trial % 4, m.cols(), 0.5, rng);
      for (std::size_t x = 0; x < m.rows(); ++x)
        for (std::size_t y = 0; y < m.cols(); ++y) m.set(x, y, pool.at(x % pool.rows(), y));
    }
    const bool complement = trial % 2 == 1;
    INFO("trial " << trial << (complement ? " J-M of\n" : " M =\n") << to_string(m));
    const int expected = bareiss(m, complement).rank;
    CHECK(certified_rank(m, complement).rank == expected);
    if (expected < static_cast<int>(std::min(m.rows(), m.cols()))) ++deficient;
  }
  CHECK(deficient >= 50);  // the upper side was exercised, not just the trivial full-rank case
}

TEST_CASE("a rank lost modulo kLargePrime is recovered from the other primes", "[rank][rational]") {
  const Matrix m = determinant_kLargePrime();
  const ExactRank exact = bareiss(m, false);
  REQUIRE(exact.rank == 57);
  REQUIRE(abs(exact.last_pivot) == cpp_int(kLargePrime));
  REQUIRE(rank_witness(m, false, kLargePrime, Deadline()).rows.size() == 56);
  const RationalRank r = certified_rank(m, false);
  CHECK(r.rank == 57);
  CHECK(r.witness.prime != kLargePrime);  // the witness came from the restart
  CHECK(r.primes.front() == kLargePrime);
  const WitnessCheck low = check_rank_at_most(m, false, 56, primes_below_2_31(40));
  CHECK_FALSE(low.ok);
  CHECK(mentions(low, "rank 57 > 56 modulo"));
}

TEST_CASE("corrupted rank upper bounds are rejected", "[rank][rational][proofs]") {
  const Matrix m = family_matrix(Family::ip, 6);  // 64 x 64, rank 63 over Q
  const RationalRank good = certified_rank(m, false);
  REQUIRE(good.rank == 63);
  REQUIRE(good.primes.size() >= 2);
  SECTION("rank claimed one too low") {
    const WitnessCheck c = check_rank_at_most(m, false, 62, primes_below_2_31(40));
    CHECK_FALSE(c.ok);
    CHECK(mentions(c, "rank 63 > 62 modulo"));
    CHECK_FALSE(check_rank_at_most(m, true, 63, good.primes).ok);  // J - IP has rank 64
  }
  SECTION("too few primes") {
    std::vector<std::uint64_t> primes = good.primes;
    primes.pop_back();
    const WitnessCheck c = check_rank_at_most(m, false, 63, primes);
    CHECK_FALSE(c.ok);
    CHECK(mentions(c, "Hadamard"));
    CHECK_FALSE(check_rank_at_most(m, false, 63, {}).ok);
  }
  SECTION("a repeated prime") {
    std::vector<std::uint64_t> primes = good.primes;
    primes.push_back(primes.front());
    CHECK(mentions(check_rank_at_most(m, false, 63, primes), "repeated"));
  }
  SECTION("a non-prime and a prime too large") {
    for (std::uint64_t bad : {std::uint64_t{2147483649} /* 3 * 715827883 */, std::uint64_t{1},
                              std::uint64_t{4294967311} /* the least prime above 2^32 */}) {
      std::vector<std::uint64_t> primes = good.primes;
      primes.push_back(bad);
      const WitnessCheck c = check_rank_at_most(m, false, 63, primes);
      CHECK_FALSE(c.ok);
      CHECK(mentions(c, "not a prime below 2^32"));
    }
  }
  SECTION("a negative rank") {
    CHECK_FALSE(check_rank_at_most(m, false, -1, good.primes).ok);
  }
  SECTION("full rank needs no primes") {
    CHECK(check_rank_at_most(m, false, 64, {}).ok);
    CHECK(check_rank_at_most(m, true, 64, {}).ok);
  }
}

TEST_CASE("one prime is not enough: a determinant can be a multiple of it", "[rank][rational]") {
  const Matrix m = all_ones_minus_identity(4);
  REQUIRE(abs(bareiss(m, false).last_pivot) == 3);
  REQUIRE(rank_witness(m, false, 3, Deadline()).rows.size() == 3);  // singular mod 3
  CHECK(certified_rank(m, false).rank == 4);
  // Rank 3 mod 3 is honest, but 3 <= 4^(4/2) = 16: a 4-minor may be a nonzero multiple of 3.
  const WitnessCheck only_three = check_rank_at_most(m, false, 3, {3});
  CHECK_FALSE(only_three.ok);
  CHECK(mentions(only_three, "Hadamard"));
  CHECK(mentions(check_rank_at_most(m, false, 3, {3, 5}), "Hadamard"));  // 15 <= 16 still
  CHECK(mentions(check_rank_at_most(m, false, 3, {3, 7}), "rank 4 > 3 modulo 7"));
}

TEST_CASE("256 x 256 families, certified", "[rank][rational]") {
  const Matrix ip = family_matrix(Family::ip, 8);
  CHECK(certified_rank(ip, false).rank == 255);
  CHECK(certified_rank(ip, true).rank == 256);
  CHECK(certified_rank(family_matrix(Family::eq, 8), false).rank == 256);
  CHECK(certified_rank(family_matrix(Family::disj, 8), true).rank == 255);
}

TEST_CASE("rational rank timings", "[.][rank][rational][perf]") {
  using Clock = std::chrono::steady_clock;
  for (int n : {6, 8}) {
    for (Family f : {Family::eq, Family::ip, Family::gt}) {
      const Matrix m = family_matrix(f, n);
      const auto start = Clock::now();
      const RationalRank r = rank_rational(m, false, Deadline());
      const auto engine_done = Clock::now();
      const bool ok =
          check_rank_at_most(m, false, r.rank, r.primes).ok && check_rank_witness(m, r.witness).ok;
      const auto check_done = Clock::now();
      const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
      WARN(family_name(f) << ":" << n << " rank " << r.rank << " with " << r.primes.size()
                          << " primes: engine " << ms(engine_done - start) << " ms, checkers "
                          << ms(check_done - engine_done) << " ms, ok " << ok);
    }
  }
}
