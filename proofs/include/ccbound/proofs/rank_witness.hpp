// Rank witnesses and the leaf-count lower bound they certify, with their checker.
//
// A RankWitness names r rows and r columns whose submatrix (of M, or of J - M) has a nonzero
// determinant modulo a prime p. A nonzero determinant mod p means a nonzero integer determinant, so
// rank_F(M) >= r over F = GF(p) and over Q alike. Any protocol tree needs at least
// rank_F(M) + rank_F(J - M) leaves over one field F (each 1-leaf is a rank-one rectangle of M, each
// 0-leaf one of J - M), so two witnesses over the same field certify D(M) >= ceil(log2(r1 + r2)).
// check_rank_at_most certifies the other side, rank over Q <= r, from ranks modulo many primes.
// The checker computes the determinants itself; it shares no code with the engines. Every check
// asks `stop` (if set) once per elimination column and throws CheckStopped once it answers true
// (check_stop.hpp), so an engine checking its witnesses under a deadline is not held up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ccbound/core/check_stop.hpp"
#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/witness_check.hpp"

namespace ccbound {

struct RankWitness {
  std::uint64_t prime = 2;
  bool complement = false;          // a submatrix of J - M instead of M
  std::vector<std::uint32_t> rows;  // distinct row indices of M
  std::vector<std::uint32_t> cols;  // distinct column indices of M, as many as rows
};

struct LeafBoundCertificate {
  RankWitness ones;           // of M
  RankWitness zeros;          // of J - M
  int implied_depth() const;  // ceil(log2(|ones.rows| + |zeros.rows|)), 0 if both are empty
};

// Ensures: ok iff prime is a prime below 2^32, indices are distinct, in range and as many rows as
// columns, and the named submatrix has a nonzero determinant modulo prime.
WitnessCheck check_rank_witness(const Matrix& m, const RankWitness& witness,
                                const StopRequest& stop = {});

// The upper side of a rank over Q (see ccbound::rank_rational): if the rank mod each of several
// distinct primes is <= rank, every (rank+1)-minor is divisible by their product; a 0/1 minor has
// |det| <= (rank+1)^((rank+1)/2) (Hadamard: rows of norm <= sqrt(rank+1)); a product above that
// forces the minor to be 0.
// Ensures: ok iff rank >= 0, every prime is a prime below 2^32, they are pairwise distinct, and
// either rank >= min(rows, cols) (then trivially rank_Q <= rank), or the product of the primes
// exceeds (rank+1)^((rank+1)/2) (compared exactly, as product^2 > (rank+1)^(rank+1)) and the rank
// of (complement ? J - M : M) modulo each prime is <= rank. Then rank over Q <= rank.
WitnessCheck check_rank_at_most(const Matrix& m, bool complement, int rank,
                                const std::vector<std::uint64_t>& primes,
                                const StopRequest& stop = {});

// The upper side over one field: with a witness of the same size, the rank over GF(prime) exactly.
// Ensures: ok iff rank >= 0, prime is a prime below 2^32, and the rank of (complement ? J - M : M)
// modulo prime is <= rank.
WitnessCheck check_rank_mod_at_most(const Matrix& m, bool complement, std::uint64_t prime,
                                    int rank, const StopRequest& stop = {});

// Ensures: ok iff both witnesses check, use the same prime, and ones/zeros are of M and J - M.
WitnessCheck check_leaf_bound(const Matrix& m, const LeafBoundCertificate& certificate,
                              const StopRequest& stop = {});

}  // namespace ccbound
