// What a SAT or SMT step will cost before anything is built, and whether the run can afford it
// (private to the engines). Every formula stated in proofs/ (depth, cover, partition, fooling set)
// and Z3's encoding are sized here from the matrix alone, and a step that does not fit is skipped:
// its measure keeps the interval proved so far, labelled "skipped: the formula would need ~N
// clauses ...". So no step builds a quadratic formula it cannot afford, in memory or in time.
//
// Memory. On its way to a checked answer a formula is held as the statement's clause list
// (proofs/), plus CaDiCaL's database while it is solved, or plus a copy for the DRUP checker and
// the checker's own database while a refutation is checked (cnf_solver.cpp): about kBytesPerClause
// per clause and kBytesPerLiteral per literal of resident memory at the peak (cover formula of a
// random 300 x 300 matrix, k = 32: 4.4M clauses, 13M literals, 1.12 GB peak, 1.14 GB estimated). A
// formula is affordable when that estimate is at most half the room left under the memory limit
// (memory_headroom_bytes()): the other half is for CaDiCaL's learned clauses and the proof, which
// solve_clauses bounds on its own (cnf_solver.hpp).
//
// Time. Building the clause list runs in proofs/ code that cannot be stopped, so a SIGINT or a
// deadline waits for it, and CaDiCaL's first phases on a large formula ask its terminator rarely
// (4.4M clauses: 2.4 s late). Both scale with the literals: at kSecondsPerLiteral (measured on a
// loaded 2-core machine: 1e-7 s quiet, 2.3e-7 s at load 9) a formula is affordable only when
// building it takes at most Deadline::unstoppable_seconds(), half the max(1 s, 10 %) within which
// every command must honour a stop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/matrix.hpp"

namespace ccbound::budget {

inline constexpr std::uint64_t kBytesPerClause = 200;
inline constexpr std::uint64_t kBytesPerLiteral = 20;
inline constexpr double kSecondsPerLiteral = 2.5e-7;

// What a step will take: resident memory at its peak, and seconds in which it cannot stop.
struct Cost {
  std::string what;  // "the formula would need ~3.0M clauses", for the label
  std::uint64_t bytes = 0;
  double unstoppable_seconds = 0;
};

// An upper bound on a formula's size, computed without building it.
struct FormulaSize {
  std::uint64_t clauses = 0;
  std::uint64_t literals = 0;
  std::uint64_t bytes() const { return clauses * kBytesPerClause + literals * kBytesPerLiteral; }
  double build_seconds() const { return double(literals) * kSecondsPerLiteral; }
  Cost cost() const;
};

// CoverFormula(t, colour, k, partition, pinned) of proofs/cover_formula.hpp, for any pinned set.
FormulaSize cover_formula_size(const Matrix& t, bool colour, int k, bool partition);

// FoolingFormula(t, colour, s) of proofs/fooling_formula.hpp, counting every pair of entries.
FormulaSize fooling_formula_size(const Matrix& t, bool colour, int s);

// DepthFormula(t, k) of proofs/depth_formula.hpp.
FormulaSize depth_formula_size(const Matrix& t, int k);

// Z3's path encoding of depth k for an r x c deduplicated matrix (smt_backend.cpp), k already
// clamped to the useful depth: every entry's path selects its bits through multiplexer trees,
// about entries x 2^(k+1) terms. Measured on IP_5..IP_7 at k = 3..5 (6.7 to 7.9 KB per term):
// about kZ3BytesPerTerm each at Z3's peak (its tactics rewrite the goal to CNF and load it into
// its SAT solver), and kZ3SecondsPerTerm each of check() that does not notice an interrupt
// (IP_6, k = 5: 262k terms, check() returned 3.9 s after the deadline).
inline constexpr std::uint64_t kZ3BytesPerTerm = 8192;
inline constexpr double kZ3SecondsPerTerm = 1.5e-5;
Cost z3_encoding_cost(std::size_t rows, std::size_t cols, int k);

// nullopt when a step of this cost fits both budgets above, under `deadline`; otherwise why not,
// as the label of the skipped step: "skipped: the formula would need ~4.4M clauses (~1090 MiB of
// memory; ...)".
std::optional<std::string> unaffordable(const Cost& cost, const Deadline& deadline);
inline std::optional<std::string> unaffordable(const FormulaSize& size, const Deadline& deadline) {
  return unaffordable(size.cost(), deadline);
}

}  // namespace ccbound::budget
