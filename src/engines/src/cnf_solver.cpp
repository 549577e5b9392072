// Runs CaDiCaL on DIMACS text and checks its DRUP proof with the independent checker.
//
// The solver reads the same parsed clauses the checker reads, so "the proof refutes the formula we
// stated" is checked on one object: the text produced by the statement class in proofs/.
#include "ccbound/engines/cnf_solver.hpp"

#include <cadical.hpp>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "ccbound/core/file_io.hpp"
#include "ccbound/proofs/dimacs_reader.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "deadline_terminator.hpp"

namespace ccbound {

SatStatus run_cadical(int num_vars, const std::vector<std::vector<int>>& clauses,
                      const Deadline& deadline, const std::string& proof_path,
                      std::vector<bool>& model) {
  CaDiCaL::Solver solver;
  solver.set("quiet", 1);
  if (!proof_path.empty() && !solver.trace_proof(proof_path.c_str()))
    throw std::runtime_error("cannot write the proof file " + proof_path);
  for (const auto& clause : clauses) {
    for (int lit : clause) solver.add(lit);
    solver.add(0);
  }
  solver.reserve(num_vars);
  DeadlineTerminator terminator(deadline);
  solver.connect_terminator(&terminator);
  const int result = solver.solve();
  solver.disconnect_terminator();
  if (!proof_path.empty()) solver.close_proof_trace();
  if (result == 10) {
    model.assign(std::size_t(num_vars) + 1, false);
    for (int v = 1; v <= num_vars; ++v) model[v] = solver.val(v) > 0;
    return SatStatus::sat;
  }
  return result == 20 ? SatStatus::unsat : SatStatus::unknown;
}

CnfAnswer solve_cnf(const std::string& dimacs, const Deadline& deadline, const ProofFiles& files,
                    const std::string& name) {
  const std::filesystem::path dir(files.dir);
  const std::string cnf_path = (dir / (name + ".cnf")).string();
  const std::string proof_path = (dir / (name + ".drat")).string();
  const Cnf cnf = parse_dimacs(dimacs, name + ".cnf");
  CnfAnswer answer;
  const Deadline clock;
  // The proof in progress never outlives this call, even when checking it throws (bad_alloc).
  const std::unique_ptr<const std::string, void (*)(const std::string*)> remove_partial(
      &proof_path, [](const std::string* path) {
        std::error_code ignored;
        std::filesystem::remove(*path + ".tmp", ignored);
      });
  const SatStatus result =
      run_cadical(cnf.num_vars, cnf.clauses, deadline, proof_path + ".tmp", answer.model);
  answer.refutation.solve_seconds = clock.elapsed();
  if (result == SatStatus::unsat) {
    const Deadline check_clock;
    ProofCheck check;
    try {
      check = check_drup(cnf, read_file(proof_path + ".tmp"), [&] { return deadline.expired(); });
    } catch (const ProofCheckStopped&) {
      return answer;  // unknown, as if the solver had run out of time: nothing is claimed
    }
    if (!check.valid)
      throw std::logic_error("internal error: DRUP proof rejected: " + check.message);
    answer.status = SatStatus::unsat;
    answer.refutation.lemmas = check.lemmas_checked;
    answer.refutation.check_seconds = check_clock.elapsed();
    if (files.keep) {
      write_file_atomically(cnf_path, dimacs);
      std::filesystem::rename(proof_path + ".tmp", proof_path);
      answer.refutation.cnf_path = cnf_path;
      answer.refutation.proof_path = proof_path;
    }
  } else if (result == SatStatus::sat) {
    answer.status = SatStatus::sat;
  }
  return answer;
}

}  // namespace ccbound
