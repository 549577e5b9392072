// Protocol trees: JSON round trips, malformed JSON, and the verifier's verdicts.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

}  // namespace

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
