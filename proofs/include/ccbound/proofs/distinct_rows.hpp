// The certificate of a one-way cost: representatives of the distinct rows.
//
// ceil(log2 k) bits are necessary for Alice to tell Bob her row when k rows are pairwise
// different (a shorter message would send two different rows to the same answer column) and
// sufficient when every row equals one of the k. The check compares rows as text, sharing no code
// with the engines' deduplication.
#pragma once

#include <cstdint>
#include <vector>

#include "ccbound/core/matrix.hpp"
#include "ccbound/proofs/witness_check.hpp"

namespace ccbound {

// Accepts when the rows `representatives` of m are pairwise different and every row of m equals
// one of them (so m has exactly representatives.size() distinct rows).
WitnessCheck check_distinct_rows(const Matrix& m,
                                 const std::vector<std::uint32_t>& representatives);

}  // namespace ccbound
