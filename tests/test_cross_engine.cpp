// The engines cross-check each other: the search (with its bounds) and the CNF back end must agree
// on D for hundreds of random matrices and for the families, and every answer's certificate checks.
#include <catch2/catch.hpp>

#include "ccbound/families.hpp"
#include "ccbound/protocols/verifier.hpp"
#include "ccbound/sat_backend.hpp"
#include "ccbound/solve.hpp"
#include "test_support.hpp"

using namespace ccbound;

namespace {

int search_d(const Matrix& m) {
  SolveOptions options;
  options.engine = Engine::search;
  const SolveResult r = solve({"m", m}, options);
  REQUIRE(r.exact());
  return r.upper.value;
}

// The CNF back end must find a protocol of depth d and none of depth d - 1.
void check_sat_agrees(const Matrix& m, int d) {
  const SatAnswer at_d = sat_decide_depth(m, d, Deadline());
  REQUIRE(at_d.status == SatStatus::sat);
  const Verdict v = verify_protocol(m, at_d.protocol);
  CHECK(v.ok);
  CHECK(v.cost <= d);
  if (d > 0) CHECK(sat_decide_depth(m, d - 1, Deadline()).status == SatStatus::unsat);
}

}  // namespace

TEST_CASE("search and SAT agree on 500 random matrices up to 8 x 8", "[cross][sat]") {
  std::mt19937_64 rng(500500);
  std::uniform_int_distribution<std::size_t> side(1, 8);
  const double densities[] = {0.15, 0.3, 0.5, 0.7, 0.85};
  for (int i = 0; i < 500; ++i) {
    const Matrix m = testing::random_matrix(side(rng), side(rng), densities[i % 5], rng);
    INFO("matrix\n" << to_string(m));
    check_sat_agrees(m, search_d(m));
  }
}

TEST_CASE("search and SAT agree on the families up to n = 4", "[cross][sat][families]") {
  for (int n = 1; n <= 4; ++n)
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index}) {
      const Matrix m = family_matrix(f, n);
      INFO(family_name(f) << ":" << n);
      const int d = search_d(m);
      CHECK(d == (f == Family::index ? (n == 1 ? 1 : n == 2 ? 2 : 3) : n + 1));
      check_sat_agrees(m, d);
    }
}
