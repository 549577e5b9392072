// Fooling sets, rectangle covers and partitions: the checkers accept what they should and reject
// corrupted witnesses, and the SAT-backed engines agree with naive references on random matrices.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "ccbound/engines/cover_search.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/core/file_io.hpp"
#include "ccbound/engines/fooling_search.hpp"
#include "ccbound/engines/proof_dir.hpp"
#include "ccbound/proofs/cover_formula.hpp"
#include "ccbound/proofs/distinct_rows.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "ccbound/proofs/fooling_formula.hpp"
#include "ccbound/proofs/rectangle_size.hpp"
#include "test_support.hpp"

using namespace ccbound;
using ccbound::testing::random_matrix;

namespace {

// Largest fooling set by plain branching: take or skip each entry in turn.
class NaiveFooling {
 public:
  NaiveFooling(const Matrix& m, bool colour) : m_(m), colour_(colour) {
    for (std::uint32_t x = 0; x < m.rows(); ++x)
      for (std::uint32_t y = 0; y < m.cols(); ++y)
        if (m.at(x, y) == colour) entries_.push_back({x, y});
  }
  int operator()() { return grow(0); }

 private:
  int grow(std::size_t next) {
    if (next == entries_.size()) return int(chosen_.size());
    int best = grow(next + 1);
    const Entry e = entries_[next];
    if (std::all_of(chosen_.begin(), chosen_.end(),
                    [&](Entry c) { return fooling_pair(m_, colour_, c, e); })) {
      chosen_.push_back(e);
      best = std::max(best, grow(next + 1));
      chosen_.pop_back();
    }
    return best;
  }
  const Matrix& m_;
  bool colour_;
  std::vector<Entry> entries_, chosen_;
};

// Fewest rectangles by dynamic programming over the set of covered entries (matrices up to 20
// entries): cover the first uncovered entry by every monochromatic rectangle containing it.
class NaiveCover {
 public:
  NaiveCover(const Matrix& m, bool colour, bool partition)
      : m_(m), colour_(colour), partition_(partition) {
    for (std::uint32_t rows = 1; rows < (1U << m.rows()); ++rows)
      for (std::uint32_t cols = 1; cols < (1U << m.cols()); ++cols)
        if (monochromatic(rows, cols)) rectangles_.push_back(mask(rows, cols));
    for (std::size_t x = 0; x < m.rows(); ++x)
      for (std::size_t y = 0; y < m.cols(); ++y)
        if (m.at(x, y) == colour) target_ |= bit(x, y);
  }
  int operator()() { return best(0); }

 private:
  std::uint32_t bit(std::size_t x, std::size_t y) const { return 1U << (x * m_.cols() + y); }
  bool monochromatic(std::uint32_t rows, std::uint32_t cols) const {
    for (std::size_t x = 0; x < m_.rows(); ++x)
      for (std::size_t y = 0; y < m_.cols(); ++y)
        if ((rows >> x & 1) && (cols >> y & 1) && m_.at(x, y) != colour_) return false;
    return true;
  }
  std::uint32_t mask(std::uint32_t rows, std::uint32_t cols) const {
    std::uint32_t result = 0;
    for (std::size_t x = 0; x < m_.rows(); ++x)
      for (std::size_t y = 0; y < m_.cols(); ++y)
        if ((rows >> x & 1) && (cols >> y & 1)) result |= bit(x, y);
    return result;
  }
  int best(std::uint32_t covered) {
    if (covered == target_) return 0;
    if (auto it = memo_.find(covered); it != memo_.end()) return it->second;
    const std::uint32_t first = (target_ & ~covered) & -(target_ & ~covered);
    int result = 1000;
    for (const std::uint32_t r : rectangles_)
      if ((r & first) && (!partition_ || (r & covered) == 0))
        result = std::min(result, 1 + best(covered | r));
    return memo_[covered] = result;
  }
  const Matrix& m_;
  bool colour_, partition_;
  std::vector<std::uint32_t> rectangles_;
  std::uint32_t target_ = 0;
  std::map<std::uint32_t, int> memo_;
};

Matrix from_rows(const std::vector<std::string>& rows) {
  Matrix m(rows.size(), rows.front().size());
  for (std::size_t x = 0; x < rows.size(); ++x)
    for (std::size_t y = 0; y < rows[x].size(); ++y) m.set(x, y, rows[x][y] == '1');
  return m;
}

}  // namespace

TEST_CASE("fooling sets: the diagonal of EQ is accepted, corruptions are rejected") {
  const Matrix eq = family_matrix(Family::eq, 3);
  FoolingSet diagonal{true, {}};
  for (std::uint32_t x = 0; x < 8; ++x) diagonal.entries.push_back({x, x});
  CHECK(check_fooling_set(eq, diagonal).ok);

  FoolingSet repeated = diagonal;
  repeated.entries.push_back({2, 2});
  CHECK_FALSE(check_fooling_set(eq, repeated).ok);
  FoolingSet wrong_colour = diagonal;
  wrong_colour.entries[3] = {3, 4};
  CHECK_FALSE(check_fooling_set(eq, wrong_colour).ok);
  FoolingSet out_of_range = diagonal;
  out_of_range.entries[0] = {8, 8};
  CHECK_FALSE(check_fooling_set(eq, out_of_range).ok);
  FoolingSet zeros{false, {{0, 1}, {1, 0}}};  // (0,1) and (1,0) fool: M[0][0] = M[1][1] = 1
  CHECK(check_fooling_set(eq, zeros).ok);
  zeros.entries.push_back({0, 2});  // shares the 0-rectangle {0} x {1, 2} with (0, 1)
  CHECK_FALSE(check_fooling_set(eq, zeros).ok);
}

TEST_CASE("distinct rows: representatives of INDEX are accepted, corruptions are rejected") {
  const Matrix index = family_matrix(Family::index, 3);  // 8 pairwise different rows
  std::vector<std::uint32_t> all{0, 1, 2, 3, 4, 5, 6, 7};
  CHECK(check_distinct_rows(index, all).ok);
  CHECK_FALSE(check_distinct_rows(index, {0, 1, 2, 3, 4, 5, 6}).ok);        // row 7 missing
  CHECK_FALSE(check_distinct_rows(index, {0, 1, 2, 3, 4, 5, 6, 7, 7}).ok);  // a repeat
  CHECK_FALSE(check_distinct_rows(index, {0, 1, 2, 3, 4, 5, 6, 8}).ok);     // out of range
  Matrix twice(4, 2);                                                       // rows 0 = 2 and 1 = 3
  twice.set(0, 0, true);
  twice.set(2, 0, true);
  twice.set(1, 1, true);
  twice.set(3, 1, true);
  CHECK(check_distinct_rows(twice, {0, 1}).ok);
  CHECK_FALSE(check_distinct_rows(twice, {0, 2}).ok);
}

TEST_CASE("rectangle covers: partitions, overlaps, holes and impure rectangles") {
  const Matrix m = from_rows({"110", "111", "011"});
  const RectangleCover overlapping{true, false, {{{0, 1}, {0, 1}}, {{1, 2}, {1, 2}}}};
  CHECK(check_rectangle_cover(m, overlapping).ok);
  RectangleCover as_partition = overlapping;
  as_partition.partition = true;
  CHECK_FALSE(check_rectangle_cover(m, as_partition).ok);  // (1, 1) is covered twice
  const RectangleCover partition{true, true, {{{0, 1}, {0, 1}}, {{2}, {1, 2}}, {{1}, {2}}}};
  CHECK(check_rectangle_cover(m, partition).ok);
  RectangleCover hole = partition;
  hole.rectangles.pop_back();
  CHECK_FALSE(check_rectangle_cover(m, hole).ok);
  RectangleCover impure = partition;
  impure.rectangles[0].cols.push_back(2);  // (0, 2) is a 0
  CHECK_FALSE(check_rectangle_cover(m, impure).ok);
  RectangleCover empty = partition;
  empty.rectangles.push_back({{}, {0}});
  CHECK_FALSE(check_rectangle_cover(m, empty).ok);
  RectangleCover repeated = partition;
  repeated.rectangles[1].rows.push_back(2);
  CHECK_FALSE(check_rectangle_cover(m, repeated).ok);
}

TEST_CASE("fooling-set and cover engines agree with naive references on random matrices") {
  std::mt19937_64 rng(20261123);
  ProofDir dir("");
  const ProofFiles files{dir.path(), false};
  const Deadline none;
  for (int trial = 0; trial < 150; ++trial) {
    const std::size_t rows = 1 + rng() % 4, cols = 1 + rng() % 5;
    const Matrix m = random_matrix(rows, cols, 0.2 + 0.15 * double(trial % 5), rng);
    INFO(to_string(m));
    for (const bool colour : {true, false}) {
      const FoolingResult fool = max_fooling_set(prepare(m), colour, -1, "", none, files);
      REQUIRE(fool.exact());
      REQUIRE(check_fooling_set(m, fool.best).ok);
      CHECK(int(fool.best.entries.size()) == NaiveFooling(m, colour)());
      for (const bool partition : {false, true}) {
        const CoverResult c =
            min_rectangle_cover(prepare(m), colour, partition, fool.best, 0, "", none, files);
        REQUIRE(c.exact());
        REQUIRE(check_rectangle_cover(m, c.best).ok);
        CHECK(c.best.partition == partition);
        CHECK(c.upper() == NaiveCover(m, colour, partition)());
      }
    }
  }
}

TEST_CASE("known covers: C0(DISJ_n) = n, C0(EQ_n) by Sperner, C1(GT_n) = 2^n - 1") {
  ProofDir dir("");
  const ProofFiles files{dir.path(), false};
  const Deadline none;
  auto cover = [&](const Matrix& m, bool colour) {
    const PreparedMatrix p = prepare(m);
    const FoolingResult fool = max_fooling_set(p, colour, -1, "", none, files);
    const CoverResult c = min_rectangle_cover(p, colour, false, fool.best, 0, "", none, files);
    REQUIRE(c.exact());
    return c.upper();
  };
  for (int n = 1; n <= 4; ++n) CHECK(cover(family_matrix(Family::disj, n), false) == n);
  // The 0s of EQ_n: rectangles A x B with A, B disjoint. Giving row x the set S_x of rectangles
  // it is in, column x can use at best the complement, and covering needs S_x not inside S_y: an
  // antichain of 2^n subsets of [k], so k is least with C(k, floor(k/2)) >= 2^n (Sperner).
  CHECK(cover(family_matrix(Family::eq, 2), false) == 4);
  CHECK(cover(family_matrix(Family::eq, 3), false) == 5);
  CHECK(cover(family_matrix(Family::eq, 4), false) == 6);
  for (int n = 1; n <= 4; ++n) CHECK(cover(family_matrix(Family::gt, n), true) == (1 << n) - 1);
}

TEST_CASE("formula edge cases: a pinned set larger than k, fooling sets of 0 and too many") {
  const Matrix eq = family_matrix(Family::eq, 2);
  const FoolingSet diagonal{true, {{0, 0}, {1, 1}, {2, 2}, {3, 3}}};
  CHECK_THROWS(CoverFormula(eq, true, 3, true, diagonal));
  CHECK_NOTHROW(CoverFormula(eq, true, 4, true, diagonal));
  ProofDir dir("");
  const ProofFiles files{dir.path(), false};
  const Deadline none;
  CHECK(solve_cnf(FoolingFormula(eq, true, 4).to_dimacs(), none, files, "f").status ==
        SatStatus::sat);
  CHECK(solve_cnf(FoolingFormula(eq, true, 5).to_dimacs(), none, files, "f").status ==
        SatStatus::unsat);
  CHECK(solve_cnf(FoolingFormula(eq, true, 0).to_dimacs(), none, files, "f").status ==
        SatStatus::sat);
}

TEST_CASE("a cover refutation checks only against its own statement") {
  ProofDir dir("");
  const Deadline none;
  const Matrix eq = family_matrix(Family::eq, 3);
  const FoolingSet pinned =
      max_fooling_set(prepare(eq), false, -1, "", none, {dir.path(), false}).best;
  const CnfAnswer four = solve_cnf(CoverFormula(eq, false, 4, false, pinned).to_dimacs(), none,
                                   {dir.path(), true}, "c");
  REQUIRE(four.status == SatStatus::unsat);  // C0(EQ_3) = 5
  const std::string proof = read_file(four.refutation.proof_path);
  CHECK(check_drup(parse_dimacs(read_file(four.refutation.cnf_path)), proof).valid);
  const std::string five = CoverFormula(eq, false, 5, false, pinned).to_dimacs();
  CHECK_FALSE(check_drup(parse_dimacs(five), proof).valid);
  const std::string truncated = proof.substr(0, proof.size() / 2);  // mid-step: malformed
  CHECK_THROWS_AS(check_drup(parse_dimacs(read_file(four.refutation.cnf_path)), truncated),
                  InputError);
}

TEST_CASE("the size bound: largest rectangles of IP_4 and EQ_3") {
  const auto ip_ones = rectangle_size_bound(family_matrix(Family::ip, 4), true);
  REQUIRE(ip_ones);
  CHECK(ip_ones->largest == 8);
  CHECK(ip_ones->entries == 120);
  CHECK(ip_ones->cover_lower() == 15);
  const auto eq_zeros = rectangle_size_bound(family_matrix(Family::eq, 3), false);
  REQUIRE(eq_zeros);
  CHECK(eq_zeros->largest == 16);  // A x B with A, B disjoint halves
  Matrix doubled(4, 2);            // duplicate rows count: two copies of "11" make a 2x2
  doubled.set(0, 0, true), doubled.set(0, 1, true), doubled.set(1, 0, true),
      doubled.set(1, 1, true);
  const auto weighted = rectangle_size_bound(doubled, true);
  REQUIRE(weighted);
  CHECK(weighted->largest == 4);
  CHECK_FALSE(rectangle_size_bound(family_matrix(Family::eq, 6), true).has_value());
}
