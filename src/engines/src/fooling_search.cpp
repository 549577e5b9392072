// Largest fooling set: greedy start, then SAT on FoolingFormula one entry at a time.
#include "ccbound/engines/fooling_search.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <random>

#include "ccbound/proofs/fooling_formula.hpp"
#include "formula_budget.hpp"

namespace ccbound {

namespace {

// Above this many entries the pairwise clauses of FoolingFormula get too many to be worth it.
constexpr std::size_t kMaxSatEntries = 1500;

std::vector<Entry> entries_of(const Matrix& t, bool colour) {
  std::vector<Entry> entries;
  for (std::uint32_t x = 0; x < t.rows(); ++x)
    for (std::uint32_t y = 0; y < t.cols(); ++y)
      if (t.at(x, y) == colour) entries.push_back({x, y});
  return entries;
}

// One greedy pass: keep each entry that fools every entry kept so far. A pass costs entries x kept
// tests (seconds on a 4096 x 4096 matrix), so it looks at the deadline every 1024 entries and
// stops there: what it kept so far is a fooling set all the same.
std::vector<Entry> greedy_pass(const Matrix& t, bool colour, const std::vector<Entry>& order,
                               const Deadline& deadline) {
  std::vector<Entry> kept;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i % 1024 == 1023 && deadline.expired()) break;
    if (std::all_of(kept.begin(), kept.end(),
                    [&](Entry k) { return fooling_pair(t, colour, k, order[i]); }))
      kept.push_back(order[i]);
  }
  return kept;
}

// The best of a few greedy passes: row-major, then seeded shuffles.
std::vector<Entry> greedy_entries(const Matrix& t, bool colour, const Deadline& deadline) {
  std::vector<Entry> order = entries_of(t, colour);
  std::vector<Entry> best = greedy_pass(t, colour, order, deadline);
  std::mt19937 random(12345);
  for (int pass = 0; pass < 16 && !deadline.expired(); ++pass) {
    std::shuffle(order.begin(), order.end(), random);
    std::vector<Entry> kept = greedy_pass(t, colour, order, deadline);
    if (kept.size() > best.size()) best = std::move(kept);
  }
  return best;
}

// Rows (columns) of t that contain the colour: a fooling set uses each at most once.
int trivial_upper(const Matrix& t, bool colour) {
  std::vector<bool> row(t.rows(), false), col(t.cols(), false);
  for (std::size_t x = 0; x < t.rows(); ++x)
    for (std::size_t y = 0; y < t.cols(); ++y)
      if (t.at(x, y) == colour) row[x] = col[y] = true;
  return int(
      std::min(std::count(row.begin(), row.end(), true), std::count(col.begin(), col.end(), true)));
}

FoolingSet to_original(const std::vector<Entry>& entries, bool colour, const Deduplicated& d) {
  const auto rows = first_members(d.row_class, d.matrix.rows());
  const auto cols = first_members(d.col_class, d.matrix.cols());
  FoolingSet set{colour, {}};
  for (const Entry e : entries) set.entries.push_back({rows[e.row], cols[e.col]});
  return set;
}

std::vector<Entry> decode(const FoolingFormula& f, const std::vector<bool>& model) {
  std::vector<Entry> chosen;
  for (std::size_t e = 0; e < f.entries().size(); ++e)
    if (model[f.chosen(e)]) chosen.push_back(f.entries()[e]);
  return chosen;
}

}  // namespace

FoolingSet greedy_fooling_set(const PreparedMatrix& p, bool colour, const Deadline& deadline) {
  const Deduplicated& d = p.reduced;
  return to_original(greedy_entries(d.matrix, colour, deadline), colour, d);
}

FoolingResult max_fooling_set(const PreparedMatrix& p, bool colour, int upper_hint,
                              const std::string& hint_reason, const Deadline& deadline,
                              const ProofFiles& files) {
  const Deduplicated& d = p.reduced;
  const Matrix& t = d.matrix;
  FoolingResult r;
  std::vector<Entry> best = greedy_entries(t, colour, deadline);
  r.upper = trivial_upper(t, colour);
  r.upper_reason = "a fooling set uses each distinct row and column at most once";
  if (upper_hint >= 0 && upper_hint < r.upper) r.upper = upper_hint, r.upper_reason = hint_reason;
  const std::string name = fmt::format("fooling{}", int(colour));
  const std::size_t entries = entries_of(t, colour).size();
  if (entries > kMaxSatEntries && int(best.size()) < r.upper)
    r.skipped = fmt::format("skipped: SAT is tried on at most {} entries, this colour has {}",
                            kMaxSatEntries, entries);
  while (int(best.size()) < r.upper && r.skipped.empty()) {
    const int s = int(best.size()) + 1;
    if (auto why = budget::unaffordable(budget::fooling_formula_size(t, colour, s), deadline)) {
      r.skipped = *why;
      break;
    }
    const FoolingFormula f(t, colour, s);
    CnfAnswer answer = solve_formula(f, deadline, files, name);
    if (answer.status == SatStatus::unknown) {
      r.skipped = answer.skipped;
      r.timed_out = r.skipped.empty();
      break;
    }
    if (answer.status == SatStatus::sat) {
      best = decode(f, answer.model);
      continue;
    }
    r.upper = int(best.size());
    answer.refutation.statement =
        fmt::format("no {}-fooling set of {} entries", int(colour), best.size() + 1);
    r.upper_reason = "SAT: " + answer.refutation.statement;
    r.refutation = std::move(answer.refutation);
  }
  r.best = to_original(best, colour, d);
  return r;
}

}  // namespace ccbound
