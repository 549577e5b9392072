// Protocol trees: JSON round trips, malformed JSON, and the verifier's verdicts.
#include <catch2/catch.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/protocols/protocol_io.hpp"
#include "ccbound/protocols/verifier.hpp"

using namespace ccbound;

namespace {

// Alice sends x (one bit), Bob answers: the 2-bit protocol for EQ_1.
Protocol equality_one() {
  Protocol p(2, 2);
  const NodeId b0 = p.add_split(Speaker::bob, {0}, p.add_leaf(false), p.add_leaf(true));
  const NodeId b1 = p.add_split(Speaker::bob, {1}, p.add_leaf(false), p.add_leaf(true));
  p.add_split(Speaker::alice, {1}, b0, b1);
  return p;
}

// The definition, pair by pair: every (x, y) walks from the root; ok and cost as verify_protocol.
std::pair<bool, int> walk_every_pair(const Matrix& m, const Protocol& p) {
  int cost = 0;
  for (std::uint32_t x = 0; x < m.rows(); ++x)
    for (std::uint32_t y = 0; y < m.cols(); ++y) {
      NodeId id = p.root();
      int bits = 0;
      while (!p.node(id).is_leaf) {
        const auto& n = p.node(id);
        const std::uint32_t input = n.speaker == Speaker::alice ? x : y;
        const bool one = std::find(n.ones.begin(), n.ones.end(), input) != n.ones.end();
        id = n.child[one ? 1 : 0];
        ++bits;
      }
      if (p.node(id).output != m.at(x, y)) return {false, 0};
      cost = std::max(cost, bits);
    }
  return {true, cost};
}

// A random tree of depth <= depth over nodes that may be shared (children are any earlier nodes).
Protocol random_protocol(std::size_t rows, std::size_t cols, int internal, std::mt19937_64& rng) {
  Protocol p(rows, cols);
  std::vector<NodeId> nodes{p.add_leaf(false), p.add_leaf(true)};
  for (int i = 0; i < internal; ++i) {
    const bool alice = rng() % 2;
    std::vector<std::uint32_t> ones;
    for (std::uint32_t k = 0; k < (alice ? rows : cols); ++k)
      if (rng() % 2) ones.push_back(k);
    const NodeId zero = nodes[rng() % nodes.size()], one = nodes[rng() % nodes.size()];
    nodes.push_back(p.add_split(alice ? Speaker::alice : Speaker::bob, ones, zero, one));
  }
  return p;
}

}  // namespace

TEST_CASE("the rectangle verifier agrees with the pair-by-pair walk", "[verifier]") {
  std::mt19937_64 rng(2024);
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::size_t rows = 1 + rng() % 5, cols = 1 + rng() % 5;
    Matrix m(rows, cols);
    for (std::size_t x = 0; x < rows; ++x)
      for (std::size_t y = 0; y < cols; ++y) m.set(x, y, rng() % 4 == 0);
    const Protocol p = random_protocol(rows, cols, int(rng() % 7), rng);
    const auto [ok, cost] = walk_every_pair(m, p);
    const Verdict v = verify_protocol(m, p);
    INFO("matrix\n" << to_string(m));
    REQUIRE(v.ok == ok);
    if (ok) CHECK(v.cost == cost);
    if (ok) CHECK(v.pairs_checked == rows * cols);
    accepted += ok ? 1 : 0;
  }
  CHECK(accepted > 200);  // both verdicts are exercised
  CHECK(accepted < 2700);
}

TEST_CASE("the verifier stops when asked, accepting nothing", "[verifier]") {
  const Matrix m = family_matrix(Family::gt, 3);
  const Protocol p = oneway_protocol(m, Speaker::alice);
  CHECK(verify_protocol(m, p, [] { return false; }).ok);
  CHECK_THROWS_AS(verify_protocol(m, p, [] { return true; }), CheckStopped);
}

TEST_CASE("the verifier accepts a correct protocol and reports its cost", "[verifier]") {
  const Verdict v = verify_protocol(family_matrix(Family::eq, 1), equality_one());
  CHECK(v.ok);
  CHECK(v.cost == 2);
  CHECK(v.leaves == 4);
  CHECK(v.pairs_checked == 4);
}

TEST_CASE("the verifier rejects wrong protocols", "[verifier]") {
  const Matrix eq = family_matrix(Family::eq, 1);
  Protocol wrong_leaf(2, 2);
  wrong_leaf.add_split(Speaker::alice, {1}, wrong_leaf.add_leaf(false), wrong_leaf.add_leaf(true));
  CHECK_FALSE(verify_protocol(eq, wrong_leaf).ok);
  CHECK_FALSE(verify_protocol(family_matrix(Family::eq, 2), equality_one()).ok);  // wrong size
  Protocol out_of_range(2, 2);
  out_of_range.add_split(Speaker::bob, {5}, out_of_range.add_leaf(false),
                         out_of_range.add_leaf(true));
  CHECK_FALSE(verify_protocol(eq, out_of_range).ok);
  CHECK_FALSE(verify_protocol(eq, Protocol(2, 2)).ok);  // empty
}

TEST_CASE("protocol JSON round trip keeps the tree", "[protocol][io]") {
  const Protocol p = oneway_protocol(family_matrix(Family::gt, 3), Speaker::alice);
  const auto text = protocol_to_json(p).dump();
  const Protocol back = protocol_from_json_text(text);
  CHECK(protocol_to_json(back).dump() == text);
  CHECK(back.depth() == p.depth());
  CHECK(verify_protocol(family_matrix(Family::gt, 3), back).ok);
  CHECK(protocol_to_dot(p, "GT:3").find("digraph") == 0);
}

TEST_CASE("malformed protocol JSON is refused", "[protocol][io]") {
  CHECK_THROWS_AS(protocol_from_json_text("{"), InputError);
  CHECK_THROWS_AS(protocol_from_json_text(R"({"format":"other"})"), InputError);
  const std::string head = R"({"format":"ccbound-protocol","rows":2,"cols":2,"tree":)";
  CHECK_THROWS_AS(protocol_from_json_text(head + R"({"output":2}})"), InputError);
  CHECK_THROWS_AS(
      protocol_from_json_text(
          head + R"({"speaker":"carol","ones":[],"zero":{"output":0},"one":{"output":1}}})"),
      InputError);
  CHECK_THROWS_AS(
      protocol_from_json_text(
          head + R"({"speaker":"bob","ones":[7],"zero":{"output":0},"one":{"output":1}}})"),
      InputError);
  CHECK_THROWS_AS(
      protocol_from_json_text(
          head + R"({"speaker":"bob","ones":[-1],"zero":{"output":0},"one":{"output":1}}})"),
      InputError);
  CHECK_THROWS_AS(
      protocol_from_json_text(head + R"({"speaker":"bob","ones":[0],"zero":{"output":0}}})"),
      InputError);
  std::string deep = head;
  for (int i = 0; i < 300; ++i) deep += R"({"speaker":"bob","ones":[],"one":{"output":1},"zero":)";
  deep += R"({"output":0})" + std::string(300, '}') + "}";
  CHECK_THROWS_WITH(protocol_from_json_text(deep), Catch::Contains("deeper than the limit"));
}

TEST_CASE("an input index beyond 32 bits is refused, not truncated", "[protocol][io][fuzz]") {
  // Found in review while fuzzing: with rows >= 2^32, index 2^32 was read back as input 0.
  const std::string text =
      R"({"format":"ccbound-protocol","rows":10000000000,"cols":1,"tree":{"speaker":"alice",)"
      R"("ones":[4294967296],"zero":{"output":0},"one":{"output":1}}})";
  // Now refused earlier still: no matrix, hence no protocol, has more than kMaxSide rows.
  CHECK_THROWS_WITH(protocol_from_json_text(text), Catch::Contains("more than the limit 4096"));
}

TEST_CASE("protocol sides beyond the matrix limit are refused before allocating",
          "[protocol][io]") {
  const std::string big =
      R"({"format":"ccbound-protocol","rows":4097,"cols":1,"tree":{"output":0}})";
  CHECK_THROWS_WITH(protocol_from_json_text(big), Catch::Contains("'rows' is 4097"));
  const std::string ok =
      R"({"format":"ccbound-protocol","rows":4096,"cols":1,"tree":{"output":0}})";
  CHECK(protocol_from_json_text(ok).rows() == 4096);
}

TEST_CASE("a protocol whose format is not a string is refused", "[protocol][io][fuzz]") {
  // Found by fuzzing: json::value() threw nlohmann's type_error, not an InputError.
  CHECK_THROWS_AS(protocol_from_json_text(R"({"format":2,"tree":{"output":0}})"), InputError);
  CHECK_THROWS_AS(protocol_from_json_text(R"({"format":null,"rows":1})"), InputError);
}
