// What a CNF step will cost before anything is built, and whether the run can afford it (private
// to the engines). Every formula stated in proofs/ (depth, cover, partition, fooling set) is sized
// here from the matrix alone, and a step whose formula does not fit is skipped: its measure keeps
// the interval proved so far, labelled "skipped: the formula would need ~N clauses ...". So no
// step builds a quadratic formula it cannot afford, in memory or in time.
//
// Memory. On its way to a checked answer a formula is held as the statement's clause list
// (proofs/), plus CaDiCaL's database while it is solved, or plus a copy for the DRUP checker and
// the checker's own database while a refutation is checked (cnf_solver.cpp): about kBytesPerClause
// per clause and kBytesPerLiteral per literal of resident memory at the peak (cover formula of a
// random 300 x 300 matrix, k = 32: 4.4M clauses, 13M literals, 1.12 GB peak, 1.14 GB estimated). A
// formula is affordable when that estimate is at most half the room left under the memory limit
// (memory_headroom_bytes()): the other half is for CaDiCaL's learned clauses and the proof, which
// solve_cnf bounds on its own.
//
// Time. Building the clause list runs in proofs/ code that cannot be stopped, so a SIGINT or a
// deadline waits for it, and CaDiCaL's first phases on a large formula ask its terminator rarely
// (4.4M clauses: 2.4 s late). Both scale with the literals: at kSecondsPerLiteral (measured on a
// loaded 2-core machine: 1e-7 s quiet, 2.3e-7 s at load 9) a formula is affordable only when
// building it takes at most Deadline::unstoppable_seconds(), half the max(1 s, 10 %) within which
// every command must honour a stop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/matrix.hpp"

namespace ccbound::budget {

inline constexpr std::uint64_t kBytesPerClause = 200;
inline constexpr std::uint64_t kBytesPerLiteral = 20;
inline constexpr double kSecondsPerLiteral = 2.5e-7;

// An upper bound on a formula's size, computed without building it.
struct FormulaSize {
  std::uint64_t clauses = 0;
  std::uint64_t literals = 0;
  std::uint64_t bytes() const { return clauses * kBytesPerClause + literals * kBytesPerLiteral; }
  double build_seconds() const { return double(literals) * kSecondsPerLiteral; }
};

// CoverFormula(t, colour, k, partition, pinned) of proofs/cover_formula.hpp, for any pinned set.
FormulaSize cover_formula_size(const Matrix& t, bool colour, int k, bool partition);

// FoolingFormula(t, colour, s) of proofs/fooling_formula.hpp, counting every pair of entries.
FormulaSize fooling_formula_size(const Matrix& t, bool colour, int s);

// DepthFormula(t, k) of proofs/depth_formula.hpp.
FormulaSize depth_formula_size(const Matrix& t, int k);

// nullopt when a formula of this size fits both budgets above, under `deadline`; otherwise why
// not, as the label of the skipped step: "skipped: the formula would need ~4.4M clauses (~1090 MiB
// of memory; ...)".
std::optional<std::string> unaffordable(const FormulaSize& size, const Deadline& deadline);

}  // namespace ccbound::budget
