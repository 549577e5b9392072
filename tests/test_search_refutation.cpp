// The refutation-log checker (proofs/search_refutation): accepts the logs of a search, rejects
// every corruption of them, and round-trips the text form.
//
// The search engine is not used here. The logs come from a test-local reference that searches
// iteratively deepening over every split of T's rows and columns (no classes, no normal forms; the
// rank bound only in its pruned mode, for a 9 x 9 matrix) and logs each "no protocol of depth k"
// it concludes after exhausting the splits, in the order it concludes them: exactly the shape of
// log the checker expects, made independently. Logs the checker must accept are checked against
// the reference's D; corrupted ones are made false (by the reference) or unjustified.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/proofs/search_refutation.hpp"
#include "test_support.hpp"

using namespace ccbound;

namespace {

using Mask = std::uint64_t;

Mask all_of(std::size_t count) {
  return (Mask{1} << count) - 1;
}

// Iterative deepening straight from the definition, on masks of T (rows + columns <= 20). With
// `pruned`, a rectangle the GF(2) leaf bound refutes is neither searched nor logged (the checker
// must find the bound itself), and one with at most 2^(k-1) distinct rows or columns is finished
// by naming a row (column) and then the value: this keeps 9 x 9 matrices fast and their logs small.
class ReferenceSearch {
 public:
  explicit ReferenceSearch(const Matrix& t, bool pruned = false) : t_(t), pruned_(pruned) {}

  int depth() {
    for (int k = 0;; ++k)
      if (can(all_of(t_.rows()), all_of(t_.cols()), k)) return k;
  }

  // Can R x C be finished in k bits? Logs {k, R, C} whenever the answer is no and k >= 1.
  bool can(Mask rows, Mask cols, int k) {
    if (monochromatic(rows, cols)) return true;
    if (k == 0) return false;
    if (pruned_) {
      const std::size_t fewest = std::min(distinct(rows, cols), distinct(cols, rows, true));
      if (static_cast<int>(std::bit_width(fewest - 1)) + 1 <= k) return true;
      if (k < 7 && leaf_bound(rows, cols) > (1 << k)) return false;
    }
    auto& memo = memo_for(k);
    const std::size_t index = (rows << t_.cols()) | cols;
    if (memo[index] >= 0) return memo[index] == 1;
    const bool ok = split_finishes(rows, cols, k, true) || split_finishes(rows, cols, k, false);
    if (!ok) log.push_back({k, rows, cols});
    memo[index] = ok ? 1 : 0;
    return ok;
  }

  SearchRefutation refutation() const { return {t_.rows(), t_.cols(), log}; }

  std::vector<RefutationClaim> log;

 private:
  bool monochromatic(Mask rows, Mask cols) const {
    int seen = -1;
    for (std::size_t i = 0; i < t_.rows(); ++i)
      for (std::size_t j = 0; j < t_.cols(); ++j)
        if (((rows >> i) & 1) && ((cols >> j) & 1)) {
          const int v = t_.at(i, j) ? 1 : 0;
          if (seen >= 0 && v != seen) return false;
          seen = v;
        }
    return true;
  }

  bool entry(std::size_t i, std::size_t j, bool transposed) const {
    return transposed ? t_.at(j, i) : t_.at(i, j);
  }

  // The number of distinct rows of T[members][against] (columns, if transposed).
  std::size_t distinct(Mask members, Mask against, bool transposed = false) const {
    std::set<std::vector<bool>> seen;
    for (std::size_t i = 0; i < 64; ++i) {
      if (!((members >> i) & 1)) continue;
      std::vector<bool> line;
      for (std::size_t j = 0; j < 64; ++j)
        if ((against >> j) & 1) line.push_back(entry(i, j, transposed));
      seen.insert(line);
    }
    return seen.size();
  }

  // rank(M) + rank(J - M) over GF(2), by elimination on rows as masks over the columns of C.
  int leaf_bound(Mask rows, Mask cols) const {
    int total = 0;
    for (bool complement : {false, true}) {
      std::vector<Mask> vectors;
      for (std::size_t i = 0; i < t_.rows(); ++i) {
        if (!((rows >> i) & 1)) continue;
        Mask v = 0;
        for (std::size_t j = 0; j < t_.cols(); ++j)
          if (((cols >> j) & 1) && t_.at(i, j) != complement) v |= Mask{1} << j;
        vectors.push_back(v);
      }
      for (std::size_t a = 0; a < vectors.size(); ++a) {
        if (vectors[a] == 0) continue;
        ++total;
        const Mask pivot = vectors[a] & (~vectors[a] + 1);
        for (std::size_t b = a + 1; b < vectors.size(); ++b)
          if (vectors[b] & pivot) vectors[b] ^= vectors[a];
      }
    }
    return total;
  }

  // Every split of the speaker's side into two non-empty parts, the part with the lowest index
  // first (a split and its mirror are the same split).
  bool split_finishes(Mask rows, Mask cols, int k, bool alice) {
    const Mask side = alice ? rows : cols;
    const Mask low = side & (~side + 1);
    const Mask rest = side ^ low;
    for (Mask s = rest;; s = (s - 1) & rest) {
      const Mask first = low | s;
      const Mask second = side & ~first;
      if (second != 0) {
        const bool done = alice ? can(first, cols, k - 1) && can(second, cols, k - 1)
                                : can(rows, first, k - 1) && can(rows, second, k - 1);
        if (done) return true;
      }
      if (s == 0) return false;
    }
  }

  std::vector<signed char>& memo_for(int k) {
    while (memo_.size() <= static_cast<std::size_t>(k))
      memo_.emplace_back(std::size_t{1} << (t_.rows() + t_.cols()), -1);
    return memo_[static_cast<std::size_t>(k)];
  }

  const Matrix& t_;
  bool pruned_;
  std::vector<std::vector<signed char>> memo_;
};

struct Case {
  std::string name;
  Matrix m;
  Matrix t;
  int d = 0;
  SearchRefutation log;
};

Case make_case(std::string name, const Matrix& m, bool pruned = false) {
  Case c{std::move(name), m, deduplicate(m).matrix, 0, {}};
  ReferenceSearch reference(c.t, pruned);
  c.d = reference.depth();
  c.log = reference.refutation();
  return c;
}

Matrix from_rows(const std::vector<std::string>& rows) {
  Matrix m(rows.size(), rows[0].size());
  for (std::size_t x = 0; x < rows.size(); ++x)
    for (std::size_t y = 0; y < rows[x].size(); ++y) m.set(x, y, rows[x][y] == '1');
  return m;
}

std::vector<Case> small_cases() {
  std::vector<Case> cases;
  cases.push_back(make_case("EQ_2", family_matrix(Family::eq, 2)));
  cases.push_back(make_case("GT_2", family_matrix(Family::gt, 2)));
  std::mt19937_64 rng(20240611);
  for (int i = 0; i < 12; ++i)
    cases.push_back(
        make_case("random 5x5 #" + std::to_string(i), testing::random_matrix(5, 5, 0.5, rng)));
  return cases;
}

std::vector<Case> large_cases() {
  std::vector<Case> cases;
  cases.push_back(make_case("EQ_3", family_matrix(Family::eq, 3)));
  cases.push_back(make_case("GT_3", family_matrix(Family::gt, 3)));
  return cases;
}

// The top-left n x n of IP_4: D = 5, but its GF(2) ranks are small, so the refutations at depth
// 4 need refutations at depth 3 that the rank bound cannot give.
Matrix ip4_corner(std::size_t n) {
  const Matrix ip = family_matrix(Family::ip, 4);
  Matrix m(n, n);
  for (std::size_t x = 0; x < n; ++x)
    for (std::size_t y = 0; y < n; ++y) m.set(x, y, ip.at(x, y));
  return m;
}

// Matrices where the rank bound alone falls short of D, so the final step needs claims.
std::vector<Case> gap_cases() {
  std::vector<Case> cases;
  cases.push_back(make_case("IP_4 corner 9 x 9", ip4_corner(9), true));
  cases.push_back(make_case("IP_3", family_matrix(Family::ip, 3), true));
  std::mt19937_64 rng(7);
  for (int trial = 0; cases.size() < 5; ++trial) {
    const std::size_t rows = 5 + trial % 2;
    const std::size_t cols = 5 + trial / 2 % 2;
    Case c = make_case("gap #" + std::to_string(trial),
                       testing::random_matrix(rows, cols, 0.3 + 0.1 * (trial % 4), rng));
    const SearchRefutation empty{c.t.rows(), c.t.cols(), {}};
    if (c.d >= 2 && !check_search_refutation(c.m, empty, c.d).valid) cases.push_back(std::move(c));
  }
  return cases;
}

const std::vector<Case>& corruption_cases() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> all = small_cases();
    for (Case& c : gap_cases()) all.push_back(std::move(c));
    return all;
  }();
  return cases;
}

// The reference logs every rectangle it refutes, so most claims have stand-ins of the same normal
// form. Dropping every claim the log can do without, last first, leaves a log none of whose claims
// can be dropped: a claim found needed stays needed, as fewer claims before a claim only make its
// check harder.
SearchRefutation minimized(const Case& c) {
  SearchRefutation log = c.log;
  for (std::size_t i = log.claims.size(); i-- > 0;) {
    SearchRefutation without = log;
    without.claims.erase(without.claims.begin() + static_cast<std::ptrdiff_t>(i));
    if (check_search_refutation(c.m, without, c.d).valid) log = std::move(without);
  }
  return log;
}

// The claims of `log` that a later claim (not only the final step) needs: dropping one makes the
// log fail at a claim. Pairs of (claim, index in `log` of the claim that then fails).
std::vector<std::pair<std::size_t, std::size_t>> needed_claims(const Case& c,
                                                               const SearchRefutation& log) {
  std::vector<std::pair<std::size_t, std::size_t>> needed;
  for (std::size_t i = 0; i < log.claims.size(); ++i) {
    SearchRefutation dropped = log;
    dropped.claims.erase(dropped.claims.begin() + static_cast<std::ptrdiff_t>(i));
    const RefutationCheck r = check_search_refutation(c.m, dropped, c.d);
    if (!r.valid && r.claims_checked < dropped.claims.size())
      needed.emplace_back(i, r.claims_checked + 1);  // the failing claim came after i
  }
  return needed;
}

}  // namespace

TEST_CASE("the reference search agrees with the naive D", "[refutation]") {
  for (const Case& c : small_cases()) {
    INFO(c.name << "\n" << to_string(c.m));
    CHECK(c.d == testing::naive_d(c.m));
    CHECK(make_case(c.name, c.m, true).d == c.d);
  }
  const std::vector<Case> large = large_cases();
  CHECK(large[0].d == 4);  // EQ_3: n + 1
  CHECK(large[1].d == 4);  // GT_3
}

TEST_CASE("reference logs check at D and not at D + 1", "[refutation]") {
  std::vector<Case> cases = corruption_cases();
  for (Case& c : large_cases()) cases.push_back(std::move(c));
  for (const Case& c : cases) {
    INFO(c.name << "\n" << to_string(c.m));
    const RefutationCheck at_d = check_search_refutation(c.m, c.log, c.d);
    INFO(at_d.message);
    CHECK(at_d.valid);
    CHECK(at_d.claims_checked == c.log.claims.size());
    const RefutationCheck above = check_search_refutation(c.m, c.log, c.d + 1);
    INFO(above.message);
    CHECK_FALSE(above.valid);
  }
}

TEST_CASE("the log is matched through normal forms, not masks", "[refutation]") {
  // In the identity, R x C is determined up to permutations by |R & C| and whether R \ C and
  // C \ R are empty; a log keeping one claim per such shape and depth must still check.
  const Case c = make_case("EQ_3", family_matrix(Family::eq, 3));
  SearchRefutation thin{c.log.matrix_rows, c.log.matrix_cols, {}};
  std::set<std::tuple<int, int, bool, bool>> shapes;
  for (const RefutationClaim& claim : c.log.claims) {
    const auto shape =
        std::make_tuple(claim.depth, std::popcount(claim.rows & claim.cols),
                        (claim.rows & ~claim.cols) != 0, (claim.cols & ~claim.rows) != 0);
    if (shapes.insert(shape).second) thin.claims.push_back(claim);
  }
  REQUIRE(thin.claims.size() < c.log.claims.size() / 4);
  const RefutationCheck r = check_search_refutation(c.m, thin, c.d);
  INFO(r.message);
  CHECK(r.valid);
}

TEST_CASE("claims are matched to permuted copies through the normal form", "[refutation]") {
  // A log for the 9 x 9 corner of IP_4 in which each depth-3 claim was moved to another rectangle
  // with the same normal form whose rows, sorted as they stand, differ: the depth-4 claim finds
  // them only if columns are sorted too (step 3 of the normal form).
  const std::string text =
      "ccbound-search-refutation 1 9 9\n"
      "3 13c 1ff\n3 6b 1ff\n3 3b 1ff\n3 9b 1ff\n3 5b 1ff\n3 6e 1ff\n3 5e 1ff\n3 10f 1ff\n"
      "3 3e 1ff\n3 76 1ff\n3 b6 1ff\n3 9e 1ff\n3 1ff 1f0\n3 1ff 1f\n3 1ff 57\n3 1ff 3d\n"
      "3 1ff 75\n3 1ff f8\n3 1ff f4\n3 1ff 5e\n3 1ff 76\n3 1ff 7a\n3 1ff 7c\n4 1ff 1ff\n";
  const Matrix m = ip4_corner(9);
  const SearchRefutation log = refutation_from_text(text);
  REQUIRE(deduplicate(m).matrix == m);
  ReferenceSearch oracle(m, true);
  for (const RefutationClaim& claim : log.claims) {
    INFO(claim.depth << " " << claim.rows << " " << claim.cols);
    CHECK_FALSE(oracle.can(claim.rows, claim.cols, claim.depth));  // every claim is true
  }
  const RefutationCheck r = check_search_refutation(m, log, 5);
  INFO(r.message);
  CHECK(r.valid);
  CHECK_FALSE(check_search_refutation(m, log, 6).valid);

  // Weaker claims about the same rectangles, logged later, must not hide the stronger ones.
  SearchRefutation weakened = log;
  for (std::size_t i = 0; i + 1 < log.claims.size(); ++i) {
    RefutationClaim weaker = log.claims[i];
    weaker.depth = 2;
    weakened.claims.insert(weakened.claims.end() - 1, weaker);
  }
  const RefutationCheck w = check_search_refutation(m, weakened, 5);
  INFO(w.message);
  CHECK(w.valid);
}

TEST_CASE("the leaf bound is strict", "[refutation]") {
  // rank(M) + rank(J - M) = 8 = 2^3 and D = 3: the bound proves D >= 3, not D >= 4.
  const Matrix m = from_rows({"11001", "01101", "01100", "10010", "00000"});
  const Case c = make_case("leaf bound 8", m);
  REQUIRE(c.d == 3);
  const SearchRefutation empty{5, 5, {}};
  CHECK(check_search_refutation(m, empty, 3).valid);
  CHECK_FALSE(check_search_refutation(m, empty, 4).valid);
  CHECK_FALSE(check_search_refutation(m, c.log, 4).valid);
}

TEST_CASE("the rank bound alone refutes the identity", "[refutation]") {
  // rank(I) + rank(J - I) = 2^(n+1) > 2^n, so EQ_n has no protocol of depth n.
  const SearchRefutation empty3{8, 8, {}};
  const Matrix eq3 = family_matrix(Family::eq, 3);
  CHECK(check_search_refutation(eq3, empty3, 4).valid);
  CHECK_FALSE(check_search_refutation(eq3, empty3, 5).valid);
  const SearchRefutation empty2{4, 4, {}};
  const Matrix eq2 = family_matrix(Family::eq, 2);
  CHECK(check_search_refutation(eq2, empty2, 3).valid);
  CHECK_FALSE(check_search_refutation(eq2, empty2, 4).valid);
  // GT_3: rank(GT) + rank(J - GT) = 7 + 8 > 2^3, so D >= 4 needs no claims either.
  const Matrix gt3 = family_matrix(Family::gt, 3);
  CHECK(check_search_refutation(gt3, empty3, 4).valid);
  CHECK_FALSE(check_search_refutation(gt3, empty3, 5).valid);
}

TEST_CASE("small claimed bounds and sizes", "[refutation]") {
  const Matrix eq2 = family_matrix(Family::eq, 2);
  const SearchRefutation junk{99, 1, {{7, 5, 5}}};
  CHECK(check_search_refutation(eq2, junk, 0).valid);
  CHECK(check_search_refutation(eq2, junk, -3).valid);
  CHECK(check_search_refutation(eq2, junk, 1).valid);
  // D = 1: one bit from Bob. Neither the empty log nor a false claim proves D >= 2.
  const Matrix one_bit = from_rows({"01", "01"});
  CHECK(check_search_refutation(one_bit, {1, 2, {}}, 1).valid);
  CHECK_FALSE(check_search_refutation(one_bit, {1, 2, {}}, 2).valid);
  const RefutationCheck false_claim = check_search_refutation(one_bit, {1, 2, {{1, 1, 3}}}, 2);
  CHECK_FALSE(false_claim.valid);
  CHECK(false_claim.claims_checked == 0);
  CHECK_THAT(false_claim.message, Catch::Contains("Bob's split"));
  const Matrix zeros(3, 3);
  CHECK_FALSE(check_search_refutation(zeros, {1, 1, {}}, 1).valid);
  CHECK_FALSE(check_search_refutation(zeros, {1, 1, {}}, 2).valid);

  const RefutationCheck mismatch = check_search_refutation(eq2, {8, 8, {}}, 3);
  CHECK_FALSE(mismatch.valid);
  CHECK_THAT(mismatch.message, Catch::Contains("4 x 4"));

  // Duplicate rows and columns are removed first: EQ_2 with every row and column doubled.
  Matrix doubled(8, 8);
  for (std::size_t x = 0; x < 8; ++x)
    for (std::size_t y = 0; y < 8; ++y) doubled.set(x, y, x / 2 == y / 2);
  CHECK(check_search_refutation(doubled, {4, 4, {}}, 3).valid);

  const Matrix eq7 = family_matrix(Family::eq, 7);  // T is 128 x 128
  const RefutationCheck big = check_search_refutation(eq7, {128, 128, {}}, 2);
  CHECK_FALSE(big.valid);
  CHECK_THAT(big.message, Catch::Contains("64"));
}

TEST_CASE("a claim of depth 0 needs only a non-monochromatic rectangle", "[refutation]") {
  const Matrix m = from_rows({"011", "110", "111"});
  const RefutationCheck r = check_search_refutation(m, {3, 3, {{0, 0x3, 0x3}, {0, 0x7, 0x5}}}, 1);
  CHECK(r.valid);  // claimed_lower 1 does not read the log
  const RefutationCheck both =
      check_search_refutation(m, {3, 3, {{0, 0x3, 0x3}, {0, 0x7, 0x5}}}, 0 + 2);
  INFO(both.message);
  CHECK(both.claims_checked == 2);
  // Row 2 is all ones: {2} x C is monochromatic, so the claim fails at once.
  const RefutationCheck mono = check_search_refutation(m, {3, 3, {{0, 0x4, 0x7}}}, 2);
  CHECK_FALSE(mono.valid);
  CHECK(mono.claims_checked == 0);
  CHECK_THAT(mono.message, Catch::Contains("monochromatic"));
}

TEST_CASE("a claim raised until it is false is rejected", "[refutation]") {
  for (const Case& c : corruption_cases()) {
    INFO(c.name << "\n" << to_string(c.m));
    ReferenceSearch oracle(c.t, true);
    std::size_t false_claims = 0;
    for (std::size_t i = 0; i < c.log.claims.size(); ++i) {
      const RefutationClaim& claim = c.log.claims[i];
      if (!oracle.can(claim.rows, claim.cols, claim.depth + 1)) continue;
      ++false_claims;
      SearchRefutation raised = c.log;
      raised.claims[i].depth += 1;
      const RefutationCheck r = check_search_refutation(c.m, raised, c.d);
      INFO("claim " << i << ": " << r.message);
      CHECK_FALSE(r.valid);
      CHECK(r.claims_checked <= i);
    }
    // Every log proving D >= 2 ends with the whole matrix at D - 1, which is false at D.
    if (c.d >= 2) CHECK(false_claims > 0);
  }
}

TEST_CASE("a claim that later claims need is dropped, or moved after them", "[refutation]") {
  std::size_t needed_total = 0;
  for (const Case& c : corruption_cases()) {
    INFO(c.name << "\n" << to_string(c.m));
    const SearchRefutation thin = minimized(c);
    REQUIRE(check_search_refutation(c.m, thin, c.d).valid);
    const auto needed = needed_claims(c, thin);
    needed_total += needed.size();
    for (const auto& [i, user] : needed) {
      SearchRefutation moved = thin;
      const RefutationClaim claim = moved.claims[i];
      moved.claims.insert(moved.claims.begin() + static_cast<std::ptrdiff_t>(user) + 1, claim);
      moved.claims.erase(moved.claims.begin() + static_cast<std::ptrdiff_t>(i));
      const RefutationCheck r = check_search_refutation(c.m, moved, c.d);
      INFO("claim " << i << " moved after claim " << user << ": " << r.message);
      CHECK_FALSE(r.valid);
      CHECK(r.claims_checked >= i);
      CHECK(r.claims_checked < user);
      CHECK_THAT(r.message, Catch::Contains("does not check"));
    }
    // Minimizing last first leaves no claim the rest can do without.
    for (std::size_t i = 0; i < thin.claims.size(); ++i) {
      SearchRefutation dropped = thin;
      dropped.claims.erase(dropped.claims.begin() + static_cast<std::ptrdiff_t>(i));
      CHECK_FALSE(check_search_refutation(c.m, dropped, c.d).valid);
    }
  }
  CHECK(needed_total > 0);
}

TEST_CASE("a mask naming a row or column outside T is rejected", "[refutation]") {
  for (const Case& c : corruption_cases()) {
    if (c.log.claims.empty()) continue;
    INFO(c.name << "\n" << to_string(c.m));
    SearchRefutation outside = c.log;
    outside.claims.back().rows |= Mask{1} << c.t.rows();
    RefutationCheck r = check_search_refutation(c.m, outside, c.d);
    CHECK_FALSE(r.valid);
    CHECK_THAT(r.message, Catch::Contains("beyond"));
    CHECK(r.claims_checked == c.log.claims.size() - 1);
    outside = c.log;
    outside.claims.front().cols |= Mask{1} << 63;
    r = check_search_refutation(c.m, outside, c.d);
    CHECK_FALSE(r.valid);
    CHECK(r.claims_checked == 0);
  }
}

TEST_CASE("claims on monochromatic or empty rectangles, or of negative depth, are rejected",
          "[refutation]") {
  for (const Case& c : corruption_cases()) {
    if (c.log.claims.empty()) continue;
    INFO(c.name << "\n" << to_string(c.m));
    for (const RefutationClaim bad : {RefutationClaim{1, 1, 1}, RefutationClaim{0, 1, 1},
                                      RefutationClaim{1, 0, 1}, RefutationClaim{-1, 1, 3}}) {
      SearchRefutation corrupt = c.log;
      corrupt.claims.insert(corrupt.claims.begin() + 1, bad);
      const RefutationCheck r = check_search_refutation(c.m, corrupt, c.d);
      INFO(r.message);
      CHECK_FALSE(r.valid);
      CHECK(r.claims_checked == 1);
    }
  }
}

TEST_CASE("refutation text round trip", "[refutation]") {
  const SearchRefutation log{5, 7, {{1, 0x1f, 0x3}, {3, 0x10, 0x7f}, {0, 0x1, 0x2}}};
  const std::string text = refutation_to_text(log);
  CHECK(text == "ccbound-search-refutation 1 5 7\n1 1f 3\n3 10 7f\n0 1 2\n");
  const SearchRefutation back = refutation_from_text(text);
  CHECK(back.matrix_rows == 5);
  CHECK(back.matrix_cols == 7);
  CHECK(back.claims == log.claims);

  const Case c = make_case("GT_3", family_matrix(Family::gt, 3));
  const SearchRefutation parsed = refutation_from_text(refutation_to_text(c.log));
  CHECK(parsed.claims == c.log.claims);
  CHECK(check_search_refutation(c.m, parsed, c.d).valid);

  const SearchRefutation wide = refutation_from_text(
      "ccbound-search-refutation 1 64 64\r\n2  FFFFFFFFFFFFFFFF\tabcdef0123456789\n");
  REQUIRE(wide.claims.size() == 1);
  CHECK(wide.claims[0] == RefutationClaim{2, ~Mask{0}, 0xabcdef0123456789ULL});
  CHECK(refutation_from_text("ccbound-search-refutation 1 3 3").claims.empty());
}

TEST_CASE("malformed refutation text is an InputError naming the line", "[refutation]") {
  const std::string header = "ccbound-search-refutation 1 4 4\n";
  using Catch::Contains;
  CHECK_THROWS_AS(refutation_from_text(""), InputError);
  CHECK_THROWS_WITH(refutation_from_text("ccbound-search-refutation 2 4 4\n"), Contains("line 1"));
  CHECK_THROWS_WITH(refutation_from_text("ccbound-search-refutation 2 4 4\n"), Contains("version"));
  CHECK_THROWS_WITH(refutation_from_text("ccbound-refutation 1 4 4\n"), Contains("line 1"));
  CHECK_THROWS_WITH(refutation_from_text("ccbound-search-refutation 1 4\n"), Contains("line 1"));
  CHECK_THROWS_WITH(refutation_from_text("ccbound-search-refutation 1 4 x\n"), Contains("line 1"));
  CHECK_THROWS_WITH(refutation_from_text(header + "1 f f\n1 fg 3\n"), Contains("line 3"));
  CHECK_THROWS_WITH(refutation_from_text(header + "1 f\n"), Contains("line 2"));
  CHECK_THROWS_WITH(refutation_from_text(header + "1 f f extra\n"), Contains("line 2"));
  CHECK_THROWS_WITH(refutation_from_text(header + "1 f f\n\n"), Contains("line 3"));
  CHECK_THROWS_WITH(refutation_from_text(header + "-1 f f\n"), Contains("line 2"));
  CHECK_THROWS_WITH(refutation_from_text(header + "1 0x3 f\n"), Contains("line 2"));
  CHECK_THROWS_WITH(refutation_from_text(header + "1 3 f\n2 3 10000000000000000\n"),
                    Contains("line 3"));
  CHECK_THROWS_WITH(refutation_from_text(header + "99999999999 3 f\n"), Contains("range"));
}

TEST_CASE("the check's budget is the caller's: exactly enough accepts, less leaves it undecided",
          "[refutation][limits]") {
  // The budget is no fixed cap: a log is accepted with exactly the side tests it needs, whatever
  // that number is (a search of a minute needs more than kUntrustedSideTests, and its caller
  // passes a budget that large), and one short of it gives "not established", never an error.
  const Case c = make_case("IP_4 corner 9 x 9", ip4_corner(9), true);
  const RefutationCheck full = check_search_refutation(c.m, c.log, c.d, {4 * kUntrustedSideTests, {}});
  INFO(full.message);
  REQUIRE(full.valid);
  const std::uint64_t needed = full.side_tests;
  REQUIRE(needed > 4096);
  CHECK(check_search_refutation(c.m, c.log, c.d).side_tests == needed);  // the default is enough

  const RefutationCheck exact = check_search_refutation(c.m, c.log, c.d, {needed, {}});
  CHECK(exact.valid);
  CHECK_FALSE(exact.undecided);
  RefutationCheck tight;
  CHECK_NOTHROW(tight = check_search_refutation(c.m, c.log, c.d, {needed - 1, {}}));
  CHECK_FALSE(tight.valid);
  CHECK(tight.undecided);
  CHECK(tight.claims_checked < c.log.claims.size());
  CHECK_THAT(tight.message, Catch::Contains("not established") &&
                                Catch::Contains(std::to_string(needed - 1) + " side tests"));

  // A wrong log stays wrong under any budget; it is not merely undecided.
  SearchRefutation raised = c.log;
  raised.claims.back().depth += 1;
  const RefutationCheck wrong = check_search_refutation(c.m, raised, c.d, {needed * 4, {}});
  CHECK_FALSE(wrong.valid);
  CHECK_FALSE(wrong.undecided);
}

TEST_CASE("a stopped check claims nothing", "[refutation][limits]") {
  const Case c = make_case("IP_4 corner 9 x 9", ip4_corner(9), true);
  int asked = 0;
  const RefutationCheck stopped =
      check_search_refutation(c.m, c.log, c.d, {kUntrustedSideTests, [&] { return ++asked == 3; }});
  CHECK_FALSE(stopped.valid);
  CHECK(stopped.undecided);
  CHECK(asked == 3);                      // asked every 1024 side tests
  CHECK(stopped.side_tests == 3 * 1024);  // and nothing after it said stop
  CHECK_THAT(stopped.message, Catch::Contains("stopped"));
  int never = 0;
  CHECK(check_search_refutation(c.m, c.log, c.d, {kUntrustedSideTests, [&] { return ++never < 0; }})
            .valid);
  CHECK(never > 0);
}
