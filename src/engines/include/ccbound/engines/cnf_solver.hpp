// CaDiCaL on a clause list: the one place the engines run the SAT solver. solve_cnf() is the
// certified form used for every formula stated in proofs/ (the depth, cover, partition and
// fooling-set formulas): a model when satisfiable, a DRUP refutation checked by proofs/drup_checker
// when not. run_cadical() is the bare solver call underneath, for callers that check nothing.
#pragma once

#include <string>
#include <vector>

#include "ccbound/core/deadline.hpp"

namespace ccbound {

enum class SatStatus { sat, unsat, unknown };

// Runs CaDiCaL on the clauses over variables 1..num_vars, writing its binary DRAT proof to proof_path unless that is empty. When the
// answer is sat, model[v] (v = 1..num_vars) is filled. Returns unknown when the deadline passes.
// Nothing is checked here.
SatStatus run_cadical(int num_vars, const std::vector<std::vector<int>>& clauses,
                      const Deadline& deadline, const std::string& proof_path,
                      std::vector<bool>& model);

// A refutation that proofs/drup_checker accepted, against the formula text it was given.
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
};

// Where refutations are written: `dir` always; kept there (as <name>.cnf/.drat) when `keep`.
struct ProofFiles {
  std::string dir;
  bool keep = false;
};

// Solves the formula given as DIMACS text (the exact bytes the checker reads back). When the answer
// is unsat, the proof is checked by proofs/drup_checker before this returns; a rejected proof is an
// internal error (std::logic_error). Files go to files.dir as `<name>.cnf` / `<name>.drat`, kept
// only when files.keep, else removed. Returns unknown when the deadline passes.
CnfAnswer solve_cnf(const std::string& dimacs, const Deadline& deadline, const ProofFiles& files,
                    const std::string& name);

}  // namespace ccbound
