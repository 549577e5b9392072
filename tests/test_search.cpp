// The search engine against the naive reference recursion, and on the families.
#include <catch2/catch.hpp>

#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/protocols/verifier.hpp"
#include "ccbound/engines/search.hpp"
#include "test_support.hpp"

using namespace ccbound;
using ccbound::testing::naive_d;
using ccbound::testing::random_matrix;

namespace {

// Runs the search from the trivial interval [0 or 1, one-way + 1] and returns the exact D.
int search_d(const Matrix& m, Protocol* protocol) {
  if (m.is_constant()) return 0;
  const int upper = std::min(oneway_protocol(m, Speaker::alice).depth(),
                             oneway_protocol(m, Speaker::bob).depth());
  SearchResult r = search_exact(m, 1, upper, Deadline());
  REQUIRE_FALSE(r.timed_out);
  REQUIRE(r.lower == (r.protocol.empty() ? upper : r.upper));
  // The independent checker must confirm the lower bound from the search's own log.
  const RefutationCheck check = check_search_refutation(m, r.refutation, r.lower);
  INFO(check.message);
  REQUIRE(check.valid);
  if (r.lower >= 2) REQUIRE_FALSE(check_search_refutation(m, r.refutation, r.lower + 1).valid);
  if (protocol && !r.protocol.empty()) *protocol = std::move(r.protocol);
  return r.lower;
}

}  // namespace

TEST_CASE("search agrees with the naive recursion on 300 random matrices", "[search][reference]") {
  std::mt19937_64 rng(20261123);
  std::uniform_int_distribution<std::size_t> side(1, 7);
  const double densities[] = {0.2, 0.35, 0.5, 0.65, 0.8};
  int refuted = 0;
  for (int i = 0; i < 300; ++i) {
    const Matrix m = random_matrix(side(rng), side(rng), densities[i % 5], rng);
    Protocol protocol;
    const int d = search_d(m, &protocol);
    INFO("matrix\n" << to_string(m));
    REQUIRE(d == naive_d(m));
    if (d >= 2) ++refuted;
    if (!protocol.empty()) CHECK(verify_protocol(m, protocol).cost == d);
  }
  CHECK(refuted > 200);  // most answers needed the search to refute depth 1 and up
}

// Matrices found by a random scan (about one in 150 random 3..10 x 3..10 matrices) on which both
// one-way protocols cost 4 bits but a two-way protocol costs 3: the search itself must find them.
TEST_CASE("search beats the one-way bound where two-way talk helps", "[search][reference]") {
  const char* examples[] = {"01110\n00000\n00110\n11111\n01011\n11111\n",
                            "111001\n111101\n110101\n100001\n101101\n"};
  for (const char* text : examples) {
    for (const Matrix& m : {parse_matrix_text(text), parse_matrix_text(text).transposed(),
                            parse_matrix_text(text).complemented()}) {
      INFO("matrix\n" << to_string(m));
      Protocol protocol;
      REQUIRE(search_d(m, &protocol) == 3);
      REQUIRE(naive_d(m) == 3);
      REQUIRE_FALSE(protocol.empty());
      const Verdict v = verify_protocol(m, protocol);
      CHECK(v.ok);
      CHECK(v.cost == 3);
    }
  }
}

TEST_CASE("search finds D on small families from the trivial interval", "[search][families]") {
  for (int n = 1; n <= 3; ++n) {
    CHECK(search_d(family_matrix(Family::eq, n), nullptr) == n + 1);
    CHECK(search_d(family_matrix(Family::disj, n), nullptr) == n + 1);
    CHECK(search_d(family_matrix(Family::ip, n), nullptr) == n + 1);
    CHECK(search_d(family_matrix(Family::gt, n), nullptr) == n + 1);
  }
  for (int n = 2; n <= 6; ++n) {
    Protocol protocol;
    const int d = search_d(family_matrix(Family::index, n), &protocol);
    CHECK(d == bits_to_name(static_cast<std::size_t>(n)) + 1);
  }
}

TEST_CASE("search respects its deadline and keeps what it proved", "[search]") {
  std::mt19937_64 rng(7);
  const Matrix m = random_matrix(40, 40, 0.5, rng);
  const SearchResult r = search_exact(m, 2, 7, Deadline(1e-9));
  CHECK(r.timed_out);
  CHECK(r.protocol.empty());
  CHECK(r.lower == 2);  // nothing beyond the given bound was proved
  CHECK(r.upper == 7);
}

TEST_CASE("the log's check fits the budget the search's own work buys", "[search][limits]") {
  // The checker tests about one side per search node (IP_5: 1 620 150 side tests for 1 620 157
  // nodes), so search_log_budget, 8 per node over a floor, lets a legitimate log through however
  // long the search ran: a search of 2^30 nodes (a few minutes) gets more than the fixed cap of
  // an untrusted log.
  const Matrix ip5 = family_matrix(Family::ip, 5);
  const SearchResult s = search_exact(ip5, 1, 6, Deadline());
  REQUIRE(s.lower == 6);
  const RefutationCheck check =
      check_search_refutation(ip5, s.refutation, s.lower, {search_log_budget(s.nodes), {}});
  INFO(check.message);
  CHECK(check.valid);
  CHECK(check.side_tests <= 2 * s.nodes);
  CHECK(check.side_tests > kMinSideTests);  // the floor is not what made it fit
  CHECK(search_log_budget(std::uint64_t{1} << 30) > kUntrustedSideTests);
}
