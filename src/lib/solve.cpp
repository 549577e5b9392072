// The solve pipeline (see solve.hpp). Each step only ever tightens [lower, upper], and each value
// is adopted only after its certificate is checked by code that shares nothing with the engine.
#include "ccbound/solve.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

#include "ccbound/oneway.hpp"
#include "ccbound/rank.hpp"
#include "ccbound/search.hpp"

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

// Adopts `protocol` as the upper bound if the verifier accepts it and it is shallower.
void offer_protocol(SolveResult& r, const Matrix& m, Protocol protocol, const std::string& method) {
  const Verdict verdict = verify_protocol(m, protocol);
  if (!verdict.ok) throw std::logic_error("internal error: a " + method + " failed verification: " + verdict.message);
  if (!r.protocol.empty() && verdict.cost >= r.upper.value) return;
  r.upper = {verdict.cost, method, "protocol tree", true, verdict.message};
  r.protocol = std::move(protocol);
}

// Builds both one-way protocols but verifies only the shallower: verification is the costly part
// on large matrices (every input pair walks the tree).
void set_oneway_upper(SolveResult& r, const Matrix& m) {
  Protocol alice = oneway_protocol(m, Speaker::alice);
  Protocol bob = oneway_protocol(m, Speaker::bob);
  if (bob.depth() < alice.depth()) {
    offer_protocol(r, m, std::move(bob), "one-way protocol, Bob first");
  } else {
    offer_protocol(r, m, std::move(alice), "one-way protocol, Alice first");
  }
}

// Maps witness indices from the deduplicated matrix back to representatives in the original.
RankWitness to_original(RankWitness w, const Deduplicated& d) {
  std::vector<std::uint32_t> row_rep(d.matrix.rows()), col_rep(d.matrix.cols());
  for (std::size_t x = d.row_class.size(); x-- > 0;) row_rep[d.row_class[x]] = static_cast<std::uint32_t>(x);
  for (std::size_t y = d.col_class.size(); y-- > 0;) col_rep[d.col_class[y]] = static_cast<std::uint32_t>(y);
  for (auto& i : w.rows) i = row_rep[i];
  for (auto& j : w.cols) j = col_rep[j];
  return w;
}

// Tries the leaf bound over one field; adopts it if its witnesses check and it beats the current.
void offer_rank_bound(SolveResult& r, const Matrix& m, const Deduplicated& d, std::uint64_t prime,
                      const Deadline& deadline) {
  LeafBoundCertificate cert{to_original(rank_witness(d.matrix, false, prime, deadline), d),
                            to_original(rank_witness(d.matrix, true, prime, deadline), d)};
  if (cert.implied_depth() <= r.lower.value) return;
  const WitnessCheck check = check_leaf_bound(m, cert);
  if (!check.ok) throw std::logic_error("internal error: rank witness rejected: " + check.message);
  r.lower = {cert.implied_depth(), fmt::format("rank bound over GF({})", prime), "rank witnesses", true,
             check.message};
  r.ranks = std::move(cert);
}

void run_search(SolveResult& r, const Matrix& m, const Deadline& deadline) {
  const SearchResult s = search_exact(m, r.lower.value, r.upper.value, deadline);
  r.search_nodes = s.nodes;
  r.engine = "search";
  if (s.lower > r.lower.value) {
    r.lower = {s.lower, "exhaustive search", "none (search log not kept)", false,
               fmt::format("no protocol of depth {} exists ({} rectangles examined)", s.lower - 1, s.nodes)};
  }
  if (!s.protocol.empty()) offer_protocol(r, m, s.protocol, "optimal protocol from search");
  r.timed_out = s.timed_out;
}

void settle(SolveResult& r, const Matrix& m, const Deduplicated& d, const Deadline& deadline) {
  r.lower = {1, "not constant", "the matrix", true, "a non-constant matrix needs at least one bit"};
  set_oneway_upper(r, m);
  r.engine = "bounds";
  for (std::uint64_t prime : {std::uint64_t{2}, kLargePrime})
    if (r.lower.value < r.upper.value) offer_rank_bound(r, m, d, prime, deadline);
  if (r.exact()) return;
  if (d.matrix.rows() > kSearchMaxSide || d.matrix.cols() > kSearchMaxSide) {
    r.note = fmt::format("exact search needs at most {} distinct rows and columns", kSearchMaxSide);
    return;
  }
  run_search(r, m, deadline);
}

}  // namespace

std::string_view engine_name(Engine engine) { return kEngines[static_cast<int>(engine)].name; }

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
  if (m.is_constant()) {
    Protocol leaf(m.rows(), m.cols());
    leaf.add_leaf(m.at(0, 0));
    r.lower = {0, "trivial", "none needed", true, "D >= 0 always"};
    offer_protocol(r, m, std::move(leaf), "constant matrix: a single leaf");
    r.engine = "bounds";
  } else {
    try {
      settle(r, m, d, deadline);
    } catch (const TimeoutExpired&) {
      r.timed_out = true;
    }
  }
  if (r.timed_out && !r.exact()) r.note = "timed out: the interval is what was proved";
  r.seconds = deadline.elapsed();
  return r;
}

}  // namespace ccbound
