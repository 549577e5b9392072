// CaDiCaL on a clause list: the one place the engines run the SAT solver. solve_formula() is the
// certified form used for every formula stated in proofs/ (the depth, cover, partition and
// fooling-set formulas): a model when satisfiable, a DRUP refutation checked by proofs/drup_checker
// when not. run_cadical() is the bare solver call underneath, for callers that check nothing.
//
// Limits. Every phase stops at the deadline (or an interrupt, or the soft memory limit): adding
// the clauses to CaDiCaL, the search, copying the clauses for the checker, and the check itself.
// The proof CaDiCaL writes is bounded too: it is read whole and replayed by the checker, so once
// the file outgrows a quarter of the memory left under the limit the search is stopped and the
// answer is unknown, with CnfAnswer::skipped saying why (a proof that could not be checked within
// the memory limit establishes nothing).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "ccbound/core/deadline.hpp"

namespace ccbound {

enum class SatStatus { sat, unsat, unknown };

using Clauses = std::vector<std::vector<int>>;

// Runs CaDiCaL on the clauses over variables 1..num_vars, writing its binary DRAT proof to
// proof_path unless that is empty. When the answer is sat, model[v] (v = 1..num_vars) is filled.
// Returns unknown when the deadline passes (also while the clauses are being added) or the proof
// file grows past proof_cap_bytes. Nothing is checked here.
SatStatus run_cadical(int num_vars, const Clauses& clauses, const Deadline& deadline,
                      const std::string& proof_path, std::vector<bool>& model,
                      std::uint64_t proof_cap_bytes = std::numeric_limits<std::uint64_t>::max());

// A refutation that proofs/drup_checker accepted, against the clauses it was given.
struct CheckedRefutation {
  std::string statement;  // "no 1-partition with 7 rectangles", for people
  std::size_t lemmas = 0;
  double solve_seconds = 0;
  double check_seconds = 0;
  std::string cnf_path;    // kept only in a user's proof directory, else empty
  std::string proof_path;  // binary DRAT, beside the CNF
};

struct CnfAnswer {
  SatStatus status = SatStatus::unknown;
  std::vector<bool> model;       // when sat: model[v] for v = 1..num_vars
  CheckedRefutation refutation;  // when unsat
  std::string skipped;           // when unknown for want of memory rather than time: "skipped: ..."
};

// Where refutations are written: `dir` always; kept there (as <name>.cnf/.drat) when `keep`.
struct ProofFiles {
  std::string dir;
  bool keep = false;
};

// Solves the formula given by its clauses. When the answer is unsat, the proof is checked by
// proofs/drup_checker against these same clauses before this returns; a rejected proof is an
// internal error (std::logic_error). Files go to files.dir as `<name>.cnf` / `<name>.drat`, kept
// only when files.keep (the CNF then as dimacs(), asked only then), else removed. Returns unknown
// when the deadline passes first, the check included, or the proof outgrows its cap (then
// `skipped` says so).
CnfAnswer solve_clauses(int num_vars, const Clauses& clauses,
                        const std::function<std::string()>& dimacs, const Deadline& deadline,
                        const ProofFiles& files, const std::string& name);

// A formula stated in proofs/ (DepthFormula, CoverFormula, FoolingFormula): the solver and the
// checker read its very clauses, and its DIMACS text is printed only to be kept. The text is the
// same statement: to_dimacs() writes exactly these clauses, and parse_dimacs reads them back.
template <typename Formula>
CnfAnswer solve_formula(const Formula& formula, const Deadline& deadline, const ProofFiles& files,
                        const std::string& name) {
  return solve_clauses(
      formula.num_vars(), formula.clauses(), [&] { return formula.to_dimacs(); }, deadline, files,
      name);
}

// The same on DIMACS text, parsed first (for tests and callers that only have the text).
CnfAnswer solve_cnf(const std::string& dimacs, const Deadline& deadline, const ProofFiles& files,
                    const std::string& name);

}  // namespace ccbound
