// Runs CaDiCaL on a formula's clauses and checks its DRUP proof with the independent checker.
//
// The solver and the checker read the same clause list, the one the statement class in proofs/
// built, so "the proof refutes the formula we stated" is checked on one object; the DIMACS text of
// that list is printed only when it is kept beside the proof. (An earlier version printed the text
// and parsed it back for every formula: two more copies and about half the time of a large step,
// none of it interruptible.)
//
// Memory at the peak (see formula_budget.hpp): the caller's clause list plus CaDiCaL's database
// while solving; CaDiCaL is gone before the checker gets its copy of the clauses and the proof.
#include "ccbound/engines/cnf_solver.hpp"

#include <fmt/format.h>

#include <cadical.hpp>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "ccbound/core/file_io.hpp"
#include "ccbound/proofs/dimacs_reader.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "deadline_terminator.hpp"

namespace ccbound {

namespace {

// How often the long copying loops look at the deadline: cheap enough, and well under a
// millisecond of work between looks.
constexpr std::size_t kPollEvery = 4096;

struct CadicalRun {
  SatStatus status = SatStatus::unknown;
  bool proof_outgrown = false;
};

// Adds the clauses, polling the deadline: adding millions of clauses takes seconds.
bool add_clauses(CaDiCaL::Solver& solver, const Clauses& clauses, const Deadline& deadline) {
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (i % kPollEvery == 0 && deadline.expired()) return false;
    for (int lit : clauses[i]) solver.add(lit);
    solver.add(0);
  }
  return true;
}

CadicalRun cadical(int num_vars, const Clauses& clauses, const Deadline& deadline,
                   const std::string& proof_path, std::vector<bool>& model,
                   std::uint64_t proof_cap) {
  CaDiCaL::Solver solver;
  solver.set("quiet", 1);
  if (!proof_path.empty() && !solver.trace_proof(proof_path.c_str()))
    throw std::runtime_error("cannot write the proof file " + proof_path);
  CadicalRun run;
  if (!add_clauses(solver, clauses, deadline)) return run;
  solver.reserve(num_vars);
  DeadlineTerminator terminator(deadline, proof_path, proof_cap);
  solver.connect_terminator(&terminator);
  const int result = solver.solve();
  solver.disconnect_terminator();
  if (!proof_path.empty()) solver.close_proof_trace();
  run.proof_outgrown = terminator.outgrown();
  if (result == 10) {
    model.assign(std::size_t(num_vars) + 1, false);
    for (int v = 1; v <= num_vars; ++v) model[v] = solver.val(v) > 0;
    run.status = SatStatus::sat;
  } else if (result == 20) {
    run.status = SatStatus::unsat;
  }
  return run;
}

// The checker's own copy of the clauses (it takes a Cnf), made only once there is a proof to check.
// Returns false when the deadline passes first.
bool copy_for_checker(int num_vars, const Clauses& clauses, const Deadline& deadline, Cnf& cnf) {
  cnf.num_vars = num_vars;
  cnf.clauses.reserve(clauses.size());
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (i % kPollEvery == 0 && deadline.expired()) return false;
    cnf.clauses.push_back(clauses[i]);
  }
  return true;
}

// The proof is read whole and the checker's database may hold as much again in lemmas; with
// the copy of the clauses that is about four proofs' worth, so the cap is a quarter of the room.
std::uint64_t proof_cap() {
  return memory_headroom_bytes() / 4;
}

}  // namespace

SatStatus run_cadical(int num_vars, const Clauses& clauses, const Deadline& deadline,
                      const std::string& proof_path, std::vector<bool>& model,
                      std::uint64_t proof_cap_bytes) {
  return cadical(num_vars, clauses, deadline, proof_path, model, proof_cap_bytes).status;
}

CnfAnswer solve_clauses(int num_vars, const Clauses& clauses,
                        const std::function<std::string()>& dimacs, const Deadline& deadline,
                        const ProofFiles& files, const std::string& name) {
  const std::filesystem::path dir(files.dir);
  const std::string cnf_path = (dir / (name + ".cnf")).string();
  const std::string proof_path = (dir / (name + ".drat")).string();
  CnfAnswer answer;
  const Deadline clock;
  // The proof in progress never outlives this call, even when checking it throws (bad_alloc).
  const std::unique_ptr<const std::string, void (*)(const std::string*)> remove_partial(
      &proof_path, [](const std::string* path) {
        std::error_code ignored;
        std::filesystem::remove(*path + ".tmp", ignored);
      });
  const std::uint64_t cap = proof_cap();
  const CadicalRun run =
      cadical(num_vars, clauses, deadline, proof_path + ".tmp", answer.model, cap);
  answer.refutation.solve_seconds = clock.elapsed();
  if (run.proof_outgrown && run.status == SatStatus::unknown)
    answer.skipped = fmt::format(
        "skipped: the solver's proof passed {} MiB, more than could be checked within the "
        "memory limit",
        cap >> 20);
  if (run.status == SatStatus::sat) answer.status = SatStatus::sat;
  if (run.status != SatStatus::unsat) return answer;
  const Deadline check_clock;
  ProofCheck check;
  try {
    Cnf cnf;
    if (!copy_for_checker(num_vars, clauses, deadline, cnf)) return answer;
    check = check_drup(cnf, read_file(proof_path + ".tmp"), [&] { return deadline.expired(); });
  } catch (const CheckStopped&) {
    return answer;  // unknown, as if the solver had run out of time: nothing is claimed
  }
  if (!check.valid) throw std::logic_error("internal error: DRUP proof rejected: " + check.message);
  answer.status = SatStatus::unsat;
  answer.refutation.lemmas = check.lemmas_checked;
  answer.refutation.check_seconds = check_clock.elapsed();
  if (files.keep) {
    write_file_atomically(cnf_path, dimacs());
    std::filesystem::rename(proof_path + ".tmp", proof_path);
    answer.refutation.cnf_path = cnf_path;
    answer.refutation.proof_path = proof_path;
  }
  return answer;
}

CnfAnswer solve_cnf(const std::string& dimacs, const Deadline& deadline, const ProofFiles& files,
                    const std::string& name) {
  const Cnf cnf = parse_dimacs(dimacs, name + ".cnf");
  return solve_clauses(
      cnf.num_vars, cnf.clauses, [&] { return dimacs; }, deadline, files, name);
}

}  // namespace ccbound
