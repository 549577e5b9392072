// Rank of M or J - M over GF(2) and over GF(p), with a witness: the pivot rows and columns of the
// elimination, which index a nonsingular submatrix. The engines use the ranks as lower bounds on
// the number of protocol leaves; proofs/rank_witness re-checks the witnesses independently.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/rank_witness.hpp"

namespace ccbound {

// The prime used for ranks "over a large field": rank mod p <= rank over Q, and equal for all our
// families.
inline constexpr std::uint64_t kLargePrime = 2147483647;  // 2^31 - 1

// The checks in proofs/rank_witness repeat the eliminations with their own plainer code and cannot
// be stopped: measured at 1.5 to 2.4 times the engine's time (IP_8 to IP_11, witnesses and the
// primes of rank_rational alike). Callers start one only if the deadline affords this many times
// what the computation took.
inline constexpr double kRankCheckFactor = 2.5;

// Requires: prime is a prime below 2^32.
// Ensures: result.rows.size() == rank of (complement ? J - M : M) over GF(prime), and
// result names a nonsingular submatrix. Throws TimeoutExpired when the deadline passes.
RankWitness rank_witness(const Matrix& m, bool complement, std::uint64_t prime,
                         const Deadline& deadline);

// Rank over Q, certified from both sides. rank_Q >= rank because the witness's submatrix has a
// nonzero determinant mod a prime, hence a nonzero integer determinant. rank_Q <= rank because
// every (rank+1)-minor is a 0/1 determinant, at most (rank+1)^((rank+1)/2) in absolute value
// (Hadamard), and divisible by each listed prime (the rank mod each is <= rank), hence by their
// product, which exceeds that bound: so the minor is 0.
struct RationalRank {
  int rank = 0;
  RankWitness witness;                // rank x rank submatrix nonsingular mod witness.prime
  std::vector<std::uint64_t> primes;  // distinct, < 2^31, rank mod each <= rank; product > the
                                      // Hadamard bound (rank+1)^((rank+1)/2) unless rank is full
};

// Ensures: result.rank == rank over Q of (complement ? J - M : M); result.witness has
// result.rank rows and passes check_rank_witness; result.primes pass check_rank_at_most with
// result.rank. Primes are taken in descending order from kLargePrime (the first), found by trial
// division, as many as the Hadamard bound needs. Throws TimeoutExpired when the deadline passes.
RationalRank rank_rational(const Matrix& m, bool complement, const Deadline& deadline);

// A witness on the deduplicated matrix d.matrix, renamed to the first original row and column of
// each class (the same submatrix, so it checks against the original matrix).
RankWitness in_original_indices(RankWitness witness, const Deduplicated& d);

// Rank over GF(2) of up to 64 rows of at most 64 columns, given as bit masks: the engines' fast
// path.
int rank_gf2_small(const std::uint64_t* rows, int count);

}  // namespace ccbound
