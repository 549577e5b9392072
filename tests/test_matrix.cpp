// Matrix storage, the text format, the families and problem specs.
#include <catch2/catch.hpp>
#include <sstream>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/core/problem.hpp"

using namespace ccbound;

TEST_CASE("matrix text format: comments, blanks, spaces, CRLF", "[matrix][io]") {
  const Matrix m = parse_matrix_text("# a comment\n\n1 0 1\r\n  010\n#x\n111\n");
  REQUIRE(m.rows() == 3);
  REQUIRE(m.cols() == 3);
  CHECK(to_string(m) == "101\n010\n111\n");
}

TEST_CASE("malformed matrices are refused with the line", "[matrix][io]") {
  CHECK_THROWS_WITH(parse_matrix_text("101\n10\n", "f"), Catch::Contains("f:2: ragged rows"));
  CHECK_THROWS_WITH(parse_matrix_text("102\n", "f"),
                    Catch::Contains("f:1: unexpected character '2'"));
  CHECK_THROWS_WITH(parse_matrix_text("# only a comment\n\n", "f"),
                    Catch::Contains("no matrix rows"));
  CHECK_THROWS_WITH(parse_matrix_text("", "f"), Catch::Contains("no matrix rows"));
  CHECK_THROWS_AS(parse_matrix_text(std::string(kMaxSide + 1, '1')), InputError);
  std::string tall;
  for (std::size_t i = 0; i <= kMaxSide; ++i) tall += "1\n";
  CHECK_THROWS_WITH(parse_matrix_text(tall, "f"), Catch::Contains("more than the limit"));
}

TEST_CASE("families follow the stated conventions", "[families]") {
  const Matrix eq = family_matrix(Family::eq, 3);
  const Matrix gt = family_matrix(Family::gt, 2);
  const Matrix index = family_matrix(Family::index, 3);
  const Matrix ip = family_matrix(Family::ip, 2);
  const Matrix disj = family_matrix(Family::disj, 2);
  CHECK(eq.rows() == 8);
  CHECK(eq.count_ones() == 8);
  CHECK(to_string(gt) == "0000\n1000\n1100\n1110\n");
  CHECK(index.rows() == 8);
  CHECK(index.cols() == 3);
  CHECK(index.at(6, 0) == false);
  CHECK(index.at(6, 1) == true);
  CHECK(index.at(6, 2) == true);
  CHECK(to_string(ip) == "0000\n0101\n0011\n0110\n");
  CHECK(to_string(disj) == "1111\n1010\n1100\n1000\n");
}

TEST_CASE("family specs", "[families][problem]") {
  auto spec = parse_family_spec("eq:4");
  REQUIRE(spec);
  CHECK(spec->family == Family::eq);
  CHECK(spec->n == 4);
  CHECK_FALSE(parse_family_spec("some/file.txt"));
  CHECK_THROWS_WITH(parse_family_spec("FOO:3"), Catch::Contains("unknown family 'FOO'"));
  CHECK_THROWS_WITH(parse_family_spec("EQ:0"), Catch::Contains("n must be >= 1"));
  CHECK_THROWS_WITH(parse_family_spec("EQ:x"), Catch::Contains("bad family size"));
  CHECK_THROWS_WITH(parse_family_spec("EQ:99999999999"), Catch::Contains("bad family size"));
  CHECK_THROWS_WITH(family_matrix(Family::eq, 13), Catch::Contains("too large"));
  CHECK(expand_specs({"GT:2..4", "x"}) == std::vector<std::string>{"GT:2", "GT:3", "GT:4", "x"});
  CHECK_THROWS_AS(expand_specs({"GT:4..2"}), InputError);
  std::istringstream none;
  CHECK_THROWS_WITH(load_problem("EQ", none), Catch::Contains("needs a size"));
  CHECK_THROWS_WITH(load_problem("/no/such/file", none), Catch::Contains("cannot open"));
  std::istringstream in("01\n10\n");
  CHECK(load_problem("-", in).matrix == parse_matrix_text("01\n10\n"));
}

TEST_CASE("deduplication keeps the function", "[matrix]") {
  const Matrix m = parse_matrix_text("0110\n0110\n1001\n0110\n");
  const Deduplicated d = deduplicate(m);
  CHECK(d.matrix.rows() == 2);
  CHECK(d.matrix.cols() == 2);
  for (std::size_t x = 0; x < m.rows(); ++x)
    for (std::size_t y = 0; y < m.cols(); ++y)
      CHECK(m.at(x, y) == d.matrix.at(d.row_class[x], d.col_class[y]));
  CHECK(m.transposed().transposed() == m);
  CHECK(m.complemented().count_ones() == 16 - m.count_ones());
}
