// The CNF back end: exact values, agreement with the naive recursion, and DRUP proofs that our own
// checker accepts (and rejects once mutated).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ccbound/core/families.hpp"
#include "ccbound/proofs/depth_formula.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "ccbound/protocols/verifier.hpp"
#include "ccbound/engines/sat_backend.hpp"
#include "sat_checks.hpp"
#include "test_support.hpp"

using namespace ccbound;
using ccbound::testing::check_sat_at;
using ccbound::testing::check_sat_finds_exactly;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct ProofText {
  std::string cnf;
  std::string proof;
};

// Refutes depth k with a proof and returns the formula and proof as text.
ProofText refute(const Matrix& m, int k) {
  const auto path = (std::filesystem::temp_directory_path() / "ccbound_test_proof.drat").string();
  const SatAnswer answer = sat_decide_depth(m, k, Deadline(), path);
  REQUIRE(answer.status == SatStatus::unsat);
  ProofText files{DepthFormula(deduplicate(m).matrix, k).to_dimacs(), read_all(path)};
  std::filesystem::remove(path);
  return files;
}

}  // namespace

TEST_CASE("SAT back end: D(EQ/DISJ/IP/GT_n) = n+1 with checked proofs", "[sat][families]") {
  for (int n = 1; n <= 3; ++n) {
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt}) {
      const Matrix m = family_matrix(f, n);
      INFO(family_name(f) << ":" << n);
      check_sat_at(m, n + 1);
      const ProofText files = refute(m, n);
      const ProofCheck check = check_drup(parse_dimacs(files.cnf), files.proof);
      CHECK(check.valid);
    }
  }
  for (int n = 2; n <= 4; ++n) {
    const int d = n <= 2 ? 2 : 3;
    check_sat_at(family_matrix(Family::index, n), d);
    CHECK(sat_decide_depth(family_matrix(Family::index, n), d - 1, Deadline()).status ==
          SatStatus::unsat);
  }
}

TEST_CASE("SAT back end agrees with the naive recursion", "[sat][reference]") {
  std::mt19937_64 rng(4242);
  std::uniform_int_distribution<std::size_t> side(1, 6);
  for (int i = 0; i < 150; ++i) {
    const Matrix m = testing::random_matrix(side(rng), side(rng), 0.25 + 0.1 * (i % 6), rng);
    const int d = testing::naive_d(m);
    INFO("matrix\n" << to_string(m));
    check_sat_finds_exactly(m, d);
  }
}

TEST_CASE("mutated proofs are rejected", "[sat][proofs]") {
  const Matrix m = family_matrix(Family::eq, 2);
  const ProofText files = refute(m, 2);
  const Cnf cnf = parse_dimacs(files.cnf);
  REQUIRE(check_drup(cnf, files.proof).valid);
  // A proof of nothing: the empty clause alone is not RUP for this formula.
  CHECK_FALSE(check_drup(cnf, std::string("0\n"), ProofFormat::text).valid);
  // The same proof against the satisfiable depth-3 formula cannot derive the empty clause.
  const Cnf satisfiable = parse_dimacs(DepthFormula(m, 3).to_dimacs());
  CHECK_FALSE(check_drup(satisfiable, files.proof).valid);
}

TEST_CASE("a constant matrix needs depth 0 and a non-constant one refutes it", "[sat]") {
  check_sat_at(Matrix(3, 2), 0);
  Matrix m(2, 2);
  m.set(0, 0, true);
  CHECK(sat_decide_depth(m, 0, Deadline()).status == SatStatus::unsat);
}
