// Rank of M or J - M over GF(2) and over GF(p), with a witness: the pivot rows and columns of the
// elimination, which index a nonsingular submatrix. The engines use the ranks as lower bounds on
// the number of protocol leaves; proofs/rank_witness re-checks the witnesses independently.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/deadline.hpp"
#include "ccbound/matrix.hpp"
#include "ccbound/proofs/rank_witness.hpp"

namespace ccbound {

// The prime used for ranks "over a large field": rank mod p <= rank over Q, and equal for all our
// families.
inline constexpr std::uint64_t kLargePrime = 2147483647;  // 2^31 - 1

// Ensures: result.rows.size() == rank of (complement ? J - M : M) over GF(prime), and
// result names a nonsingular submatrix. Throws TimeoutExpired when the deadline passes.
RankWitness rank_witness(const Matrix& m, bool complement, std::uint64_t prime,
                         const Deadline& deadline);

// Rank over GF(2) of up to 64 rows of at most 64 columns, given as bit masks: the engines' fast
// path.
int rank_gf2_small(const std::uint64_t* rows, int count);

}  // namespace ccbound
