// solve(): chooses the steps for the engine asked for (see solve.hpp and solve_steps.hpp).
#include "ccbound/engines/solve.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <cstdlib>
#include <filesystem>

#include "ccbound/core/error.hpp"
#include "ccbound/engines/proof_dir.hpp"
#include "ccbound/engines/search.hpp"
#include "solve_steps.hpp"

namespace ccbound {

namespace {

struct EngineRow {
  Engine engine;
  std::string_view name;
};
constexpr EngineRow kEngines[] = {
#define CCBOUND_ENGINE_ROW(id, name, help) {Engine::id, name},
    CCBOUND_ENGINES(CCBOUND_ENGINE_ROW)
#undef CCBOUND_ENGINE_ROW
};

bool fits_search(const Deduplicated& d) {
  return d.matrix.rows() <= kSearchMaxSide && d.matrix.cols() <= kSearchMaxSide;
}

// Bounds, then search between them; `certify` re-proves a search lower bound with SAT + DRUP.
void settle_by_search(SolveResult& r, const Matrix& m, const Deduplicated& d,
                      const Deadline& deadline, double certify_seconds, ProofDir& proofs) {
  r.lower = {1, "not constant", CertificateKind::trivial, true,
             "a non-constant matrix needs a bit"};
  r.engine = "bounds";
  steps::set_oneway_upper(r, m);
  steps::offer_rank_bounds(r, m, d, deadline);
  if (r.exact()) return;
  if (!fits_search(d)) {
    r.note = fmt::format("exact search needs at most {} distinct rows and columns", kSearchMaxSide);
    return;
  }
  r.engine = "search";
  steps::run_search(r, m, deadline);
  if (certify_seconds <= 0 || r.lower.checked) return;
  const Deadline budget = deadline.capped(certify_seconds);
  if (steps::sat_step(r, m, r.lower.value - 1, budget, proofs.path())) {
    r.engine = "search + sat";
  } else {
    deadline.check();  // out of time overall, or only out of the certification budget
    r.lower.detail += fmt::format("; SAT found no DRUP proof within {:g} s", certify_seconds);
  }
}

// One solver alone: depth 0, 1, ... until it answers sat (or the one-way bound is reached).
void settle_by_solver(SolveResult& r, const Matrix& m, const Deadline& deadline, ProofDir& proofs,
                      bool use_z3) {
  r.engine = use_z3 ? "smt" : "sat";
  r.lower = {0, "trivial", CertificateKind::trivial, true, "D >= 0 always"};
  steps::set_oneway_upper(r, m);
  for (int k = 0; k < r.upper.value; ++k) {
    const bool answered = use_z3 ? steps::smt_step(r, m, k, deadline)
                                 : steps::sat_step(r, m, k, deadline, proofs.path());
    if (!answered) throw TimeoutExpired{};
    if (r.exact()) return;
  }
}

void settle(SolveResult& r, const Matrix& m, const Deduplicated& d, const Deadline& deadline,
            const SolveOptions& options) {
  ProofDir proofs(options.proof_dir);
  switch (options.engine) {
    case Engine::automatic:
      return settle_by_search(r, m, d, deadline, options.certify_seconds, proofs);
    case Engine::search:
      return settle_by_search(r, m, d, deadline, 0, proofs);
    case Engine::sat:
      return settle_by_solver(r, m, deadline, proofs, false);
    case Engine::smt:
      return settle_by_solver(r, m, deadline, proofs, true);
  }
}

}  // namespace

std::string_view engine_name(Engine engine) {
  return kEngines[static_cast<int>(engine)].name;
}

std::string_view certificate_name(CertificateKind kind) {
  constexpr std::string_view names[] = {"trivial",    "protocol tree",         "rank witnesses",
                                        "DRUP proof", "search refutation log", "none"};
  return names[static_cast<int>(kind)];
}

std::optional<Engine> parse_engine(std::string_view name) {
  for (const auto& row : kEngines)
    if (row.name == name) return row.engine;
  return std::nullopt;
}

SolveResult solve(const Problem& problem, const SolveOptions& options) {
  const Deadline deadline(options.timeout_seconds);
  const Matrix& m = problem.matrix;
  SolveResult r;
  r.problem = problem.name;
  r.rows = m.rows();
  r.cols = m.cols();
  const Deduplicated d = deduplicate(m);
  r.distinct_rows = d.matrix.rows();
  r.distinct_cols = d.matrix.cols();
  const bool solver_alone = options.engine == Engine::sat || options.engine == Engine::smt;
  if (m.is_constant() && !solver_alone) {
    Protocol leaf(m.rows(), m.cols());
    leaf.add_leaf(m.at(0, 0));
    r.lower = {0, "trivial", CertificateKind::trivial, true, "D >= 0 always"};
    steps::offer_protocol(r, m, std::move(leaf), "constant matrix: a single leaf");
    r.engine = "bounds";
  } else {
    try {
      settle(r, m, d, deadline, options);
    } catch (const TimeoutExpired&) {
      r.timed_out = true;
    }
  }
  if (r.timed_out && !r.exact()) r.note = "timed out: the interval is what was proved";
  r.seconds = deadline.elapsed();
  return r;
}

}  // namespace ccbound
