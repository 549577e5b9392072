// The rank-witness checker: accepts real witnesses, rejects every corruption.
#include <catch2/catch.hpp>

#include "ccbound/core/families.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/engines/rank.hpp"

using namespace ccbound;

TEST_CASE("known ranks of the families", "[rank]") {
  const Deadline none;
  for (int n = 1; n <= 5; ++n) {
    const std::size_t size = std::size_t{1} << n;
    const Matrix eq = family_matrix(Family::eq, n);
    const Matrix ip = family_matrix(Family::ip, n);
    const Matrix gt = family_matrix(Family::gt, n);
    const Matrix disj = family_matrix(Family::disj, n);
    CHECK(rank_witness(eq, false, kLargePrime, none).rows.size() == size);
    CHECK(rank_witness(disj, false, kLargePrime, none).rows.size() == size);
    CHECK(rank_witness(disj, true, kLargePrime, none).rows.size() == size - 1);
    CHECK(rank_witness(ip, false, kLargePrime, none).rows.size() == size - 1);
    CHECK(rank_witness(ip, true, kLargePrime, none).rows.size() == size);
    CHECK(rank_witness(ip, false, 2, none).rows.size() == static_cast<std::size_t>(n));
    CHECK(rank_witness(gt, false, kLargePrime, none).rows.size() == size - 1);
    CHECK(rank_witness(gt, false, 2, none).rows.size() == size - 1);
    CHECK(rank_witness(family_matrix(Family::index, n), false, 2, none).rows.size() ==
          static_cast<std::size_t>(n));
  }
}

TEST_CASE("witnesses from the engine pass the checker", "[rank][proofs]") {
  const Deadline none;
  for (int n = 1; n <= 4; ++n) {
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index}) {
      const Matrix m = family_matrix(f, n);
      for (std::uint64_t p : {std::uint64_t{2}, kLargePrime}) {
        const LeafBoundCertificate c{rank_witness(m, false, p, none),
                                     rank_witness(m, true, p, none)};
        INFO(family_name(f) << ":" << n << " over GF(" << p << ")");
        CHECK(check_leaf_bound(m, c).ok);
      }
    }
  }
}

TEST_CASE("corrupted witnesses are rejected", "[rank][proofs]") {
  const Matrix m = family_matrix(Family::eq, 3);
  const RankWitness good = rank_witness(m, false, kLargePrime, Deadline());
  REQUIRE(check_rank_witness(m, good).ok);
  RankWitness w = good;
  w.rows[0] = w.rows[1];  // repeated row
  CHECK_FALSE(check_rank_witness(m, w).ok);
  w = good;
  w.cols[2] = 99;  // out of range
  CHECK_FALSE(check_rank_witness(m, w).ok);
  w = good;
  w.cols.pop_back();  // not square
  CHECK_FALSE(check_rank_witness(m, w).ok);
  w = good;
  w.prime = 91;  // not prime
  CHECK_FALSE(check_rank_witness(m, w).ok);
  w = good;
  w.complement = true;  // rows 0,1 x columns 2,3 of J - I are all ones: a singular 2 x 2
  w.rows = {0, 1};
  w.cols = {2, 3};
  CHECK_FALSE(check_rank_witness(m, w).ok);
  LeafBoundCertificate c{good, rank_witness(m, true, 2, Deadline())};
  CHECK_FALSE(check_leaf_bound(m, c).ok);  // mixed fields
  c.zeros = rank_witness(m, true, kLargePrime, Deadline());
  CHECK(check_leaf_bound(m, c).ok);
  CHECK(c.implied_depth() == 4);
  std::swap(c.ones, c.zeros);
  CHECK_FALSE(check_leaf_bound(m, c).ok);  // roles swapped
}

TEST_CASE("upper sides of ranks over one field", "[rank][proofs]") {
  const Deadline none;
  for (int n = 1; n <= 5; ++n) {
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index}) {
      const Matrix m = family_matrix(f, n);
      for (bool complement : {false, true}) {
        for (std::uint64_t p : {std::uint64_t{2}, std::uint64_t{3}, kLargePrime}) {
          const int rank = static_cast<int>(rank_witness(m, complement, p, none).rows.size());
          INFO(family_name(f) << ":" << n << (complement ? " J-M" : " M") << " over GF(" << p
                              << ")");
          CHECK(check_rank_mod_at_most(m, complement, p, rank).ok);
          if (rank > 0) CHECK_FALSE(check_rank_mod_at_most(m, complement, p, rank - 1).ok);
        }
      }
    }
  }
  const Matrix ip = family_matrix(Family::ip, 4);
  CHECK(check_rank_mod_at_most(ip, false, 2, 4).ok);  // GF(2) rank n, while over Q it is 2^n - 1
  CHECK_FALSE(check_rank_mod_at_most(ip, false, kLargePrime, 4).ok);
  CHECK_FALSE(check_rank_mod_at_most(ip, false, 4, 16).ok);  // not a prime
  CHECK_FALSE(check_rank_mod_at_most(ip, false, 2, -1).ok);
}
