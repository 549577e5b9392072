// The sizes of the proofs/ formulas, counted from their encodings (see each header) without
// building them, and the two budgets of formula_budget.hpp. Every count is an upper bound: a
// clause the encoding may leave out (a pinned unit, a row-order clause) is counted anyway, so a
// formula judged affordable is never larger than estimated.
#include "formula_budget.hpp"

#include <fmt/format.h>

#include "ccbound/core/deadline.hpp"

namespace ccbound::budget {

namespace {

using U = std::uint64_t;

U colour_entries(const Matrix& t, bool colour) {
  const U ones = t.count_ones();
  return colour ? ones : U(t.rows()) * t.cols() - ones;
}

// "4.4M", "12.3k", "950".
std::string approx(double count) {
  if (count >= 1e9) return fmt::format("{:.1f}G", count / 1e9);
  if (count >= 1e6) return fmt::format("{:.1f}M", count / 1e6);
  if (count >= 1e4) return fmt::format("{:.1f}k", count / 1e3);
  return fmt::format("{:.0f}", count);
}

std::string mib(U bytes) {
  return fmt::format("{} MiB", bytes >> 20);
}

}  // namespace

// Per rectangle i: k binary clauses per non-colour entry (monochromatic); per colour entry two
// binary clauses and one literal of its "somewhere" clause, and for partitions a ternary clause
// and i binary exclusions; for covers the maximality clauses, one per row and column holding it
// and its non-colour entries; up to two pinned units; up to 3 row-order clauses of <= 4 literals
// per row.
FormulaSize cover_formula_size(const Matrix& t, bool colour, int k, bool partition) {
  const U r = t.rows(), c = t.cols(), kk = U(k);
  const U e1 = colour_entries(t, colour), e0 = U(r) * c - e1;
  FormulaSize s;
  s.clauses = kk * e0 + e1 * (2 * kk + 1) + 2 * kk + 3 * r * kk;
  s.literals = 2 * kk * e0 + 5 * kk * e1 + 2 * kk + 12 * r * kk;
  if (partition) {
    s.clauses += e1 * (kk + kk * (kk - (kk > 0)) / 2);
    s.literals += e1 * (3 * kk + kk * (kk - (kk > 0)));
  } else {
    s.clauses += kk * (r + c);
    s.literals += kk * (r + c + 2 * e0);
  }
  return s;
}

// At most one binary clause per pair of entries; per entry a binary clause and a literal of its
// row's clause; per row that clause's own literal; per row and count j <= s two clauses of at most
// 3 and 4 literals; the final unit.
FormulaSize fooling_formula_size(const Matrix& t, bool colour, int s) {
  const U e = colour_entries(t, colour), r = t.rows(), ss = U(s);
  FormulaSize f;
  f.clauses = e * (e - (e > 0)) / 2 + e + r + 2 * r * ss + 1;
  f.literals = e * (e - (e > 0)) + 3 * e + r + 7 * r * ss + 1;
  return f;
}

// Per internal node (2^k - 1 of them): 4 clauses per row and per column (<= 3 literals), two
// units, one binary listener clause per row and column, two ternary first-sends-zero clauses per
// row and column; per leaf (2^k) one clause of <= 3 literals per entry.
FormulaSize depth_formula_size(const Matrix& t, int k) {
  const U sides = U(t.rows()) + t.cols(), entries = U(t.rows()) * t.cols();
  const U internal = (U{1} << k) - 1, leaves = U{1} << k;
  return {internal * (7 * sides + 2) + leaves * entries,
          internal * (20 * sides + 2) + 3 * leaves * entries};
}

Cost FormulaSize::cost() const {
  return {fmt::format("the formula would need ~{} clauses", approx(double(clauses))), bytes(),
          build_seconds()};
}

Cost z3_encoding_cost(std::size_t rows, std::size_t cols, int k) {
  const double terms = double(rows) * double(cols) * double(U{2} << k);
  return {fmt::format("the Z3 encoding would need ~{} terms", approx(terms)),
          U(terms) * kZ3BytesPerTerm, terms * kZ3SecondsPerTerm};
}

std::optional<std::string> unaffordable(const Cost& cost, const Deadline& deadline) {
  const U free = memory_headroom_bytes();
  if (cost.bytes > free / 2)
    return fmt::format(
        "skipped: {} (~{} of memory; {} free under the limit, half of it for the step)", cost.what,
        mib(cost.bytes), mib(free));
  if (cost.unstoppable_seconds > deadline.unstoppable_seconds())
    return fmt::format(
        "skipped: {} (~{:.1f} s that cannot be interrupted; {:.1f} s allowed under this time "
        "limit)",
        cost.what, cost.unstoppable_seconds, deadline.unstoppable_seconds());
  return std::nullopt;
}

}  // namespace ccbound::budget
