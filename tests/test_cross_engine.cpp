// The engines cross-check each other: the search (with its bounds), the CNF back end (CaDiCaL) and
// the independent Z3 encoding must agree on D for hundreds of random matrices and for the
// families, and every protocol they return passes the verifier.
#include <catch2/catch.hpp>

#include "ccbound/core/families.hpp"
#include "ccbound/protocols/verifier.hpp"
#include "ccbound/engines/sat_backend.hpp"
#include "ccbound/engines/smt_backend.hpp"
#include "ccbound/engines/solve.hpp"
#include "sat_checks.hpp"
#include "test_support.hpp"

using namespace ccbound;
using ccbound::testing::check_sat_finds_exactly;

namespace {

int search_d(const Matrix& m) {
  SolveOptions options;
  options.engine = Engine::search;
  const SolveResult r = solve({"m", m}, options);
  REQUIRE(r.exact());
  return r.upper.value;
}

// Z3 must find a protocol of depth d and none of depth d - 1.
void check_smt_agrees(const Matrix& m, int d) {
  const SmtAnswer at_d = smt_decide_depth(m, d, 0);
  REQUIRE(at_d.status == SmtStatus::sat);
  const Verdict v = verify_protocol(m, at_d.protocol);
  CHECK(v.ok);
  CHECK(v.cost <= d);
  if (d > 0) CHECK(smt_decide_depth(m, d - 1, 0).status == SmtStatus::unsat);
}

}  // namespace

TEST_CASE("search, SAT and SMT agree on 500 random matrices up to 8 x 8", "[cross][sat][smt]") {
  std::mt19937_64 rng(500500);
  std::uniform_int_distribution<std::size_t> side(1, 8);
  const double densities[] = {0.15, 0.3, 0.5, 0.7, 0.85};
  for (int i = 0; i < 500; ++i) {
    const Matrix m = testing::random_matrix(side(rng), side(rng), densities[i % 5], rng);
    INFO("matrix\n" << to_string(m));
    const int d = search_d(m);
    check_sat_finds_exactly(m, d);
    check_smt_agrees(m, d);
  }
}

TEST_CASE("search and SAT agree on the families up to n = 4", "[cross][sat][families]") {
  for (int n = 1; n <= 4; ++n)
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index}) {
      const Matrix m = family_matrix(f, n);
      INFO(family_name(f) << ":" << n);
      const int d = search_d(m);
      CHECK(d == (f == Family::index ? (n == 1 ? 1 : n == 2 ? 2 : 3) : n + 1));
      check_sat_finds_exactly(m, d);
      if (n <= 3) check_smt_agrees(m, d);  // Z3 needs ~10 s for EQ_4 at depth 5
    }
}
