// solve(): chooses the steps for the engine asked for (see solve.hpp and solve_steps.hpp).
#include "ccbound/engines/solve.hpp"

#include <fmt/format.h>

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

bool fits_search(const PreparedMatrix& p) {
  return p.distinct().rows() <= kSearchMaxSide && p.distinct().cols() <= kSearchMaxSide;
}

// Bounds, then the search between them (its refutation log is checked before it is adopted).
void settle_by_search(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline) {
  r.lower = {1, "not constant", CertificateKind::trivial, true,
             "a non-constant matrix needs a bit"};
  r.engine = "bounds";
  steps::set_oneway_upper(r, p);
  steps::offer_rank_bounds(r, p, deadline);
  if (r.exact()) return;
  if (!fits_search(p)) {
    steps::add_note(
        r, fmt::format("exact search needs at most {} distinct rows and columns", kSearchMaxSide));
    return;
  }
  r.engine = "search";
  steps::run_search(r, p, deadline);
}

// CaDiCaL alone: depth 0, 1, ... until sat (or the one-way bound is reached); every unsat answer
// carries a DRUP proof that is checked before the bound is adopted.
void settle_by_sat(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline,
                   ProofDir& proofs) {
  r.engine = "sat";
  r.lower = {0, "trivial", CertificateKind::trivial, true, "D >= 0 always"};
  steps::set_oneway_upper(r, p);
  for (int k = 0; k < r.upper.value && !r.exact(); ++k) {
    if (steps::sat_step(r, p, k, deadline, proofs.path())) continue;
    if (r.note.empty()) throw TimeoutExpired{};
    return;  // skipped (the note says why): the interval stands, and larger k cost more
  }
}

// Z3 alone, depth 0, 1, ... until sat. Z3's unsat answers carry no proof, so each is confirmed by
// CaDiCaL with a checked DRUP proof before the next depth is asked; one that cannot be confirmed in
// the time left stays an unchecked claim and ends the run.
void settle_by_smt(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline,
                   ProofDir& proofs) {
  r.engine = "smt";
  r.lower = {0, "trivial", CertificateKind::trivial, true, "D >= 0 always"};
  steps::set_oneway_upper(r, p);
  for (int k = 0; k < r.upper.value && !r.unchecked_lower; ++k) {
    const SmtStatus status = steps::smt_step(r, p, k, deadline);
    if (status == SmtStatus::unknown && !r.note.empty()) return;  // skipped: larger k cost more
    if (status == SmtStatus::unknown) throw TimeoutExpired{};
    if (status == SmtStatus::sat) break;
    steps::confirm_smt_refutation(r, p, k, deadline, proofs.path());
  }
}

void settle(SolveResult& r, const PreparedMatrix& p, const Deadline& deadline,
            const SolveOptions& options) {
  ProofDir proofs(options.proof_dir);
  switch (options.engine) {
    case Engine::automatic:
    case Engine::search:
      return settle_by_search(r, p, deadline);
    case Engine::sat:
      return settle_by_sat(r, p, deadline, proofs);
    case Engine::smt:
      return settle_by_smt(r, p, deadline, proofs);
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

std::string_view status_name(SolveStatus status) {
  constexpr std::string_view names[] = {"exact", "unchecked", "interval"};
  return names[static_cast<int>(status)];
}

SolveStatus SolveResult::status() const {
  if (exact()) return SolveStatus::exact;
  if (unchecked_lower && unchecked_lower->value >= upper.value) return SolveStatus::unchecked;
  return SolveStatus::interval;
}

std::optional<Engine> parse_engine(std::string_view name) {
  for (const auto& row : kEngines)
    if (row.name == name) return row.engine;
  return std::nullopt;
}

SolveResult solve(const std::string& name, const PreparedMatrix& p, const SolveOptions& options) {
  const Deadline deadline(options.timeout_seconds);
  const Matrix& m = p.original;
  SolveResult r;
  r.problem = name;
  r.rows = m.rows();
  r.cols = m.cols();
  r.distinct_rows = p.distinct().rows();
  r.distinct_cols = p.distinct().cols();
  const bool solver_alone = options.engine == Engine::sat || options.engine == Engine::smt;
  if (m.is_constant() && !solver_alone) {
    Protocol leaf(m.rows(), m.cols());
    leaf.add_leaf(m.at(0, 0));
    r.lower = {0, "trivial", CertificateKind::trivial, true, "D >= 0 always"};
    steps::offer_protocol(r, m, std::move(leaf), "constant matrix: a single leaf");
    r.engine = "bounds";
  } else {
    try {
      settle(r, p, deadline, options);
    } catch (const TimeoutExpired&) {
      r.timed_out = true;
    } catch (const CheckStopped&) {  // a check stopped by the deadline: its bound is not adopted
      r.timed_out = true;
    }
  }
  if (r.status() == SolveStatus::unchecked)
    r.note = "the lower bound that would make it exact is unchecked: " + r.unchecked_lower->detail;
  else if (r.timed_out && !r.exact())
    r.note = "timed out: the interval is what was proved" + (r.note.empty() ? "" : "; " + r.note);
  else if (r.exact())
    r.note.clear();  // a step skipped on the way does not matter once both sides meet
  r.seconds = deadline.elapsed();
  return r;
}

}  // namespace ccbound
