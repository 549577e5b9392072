// Least cover or partition by rectangles: SAT on CoverFormula at the lower bound, then downwards.
#include "ccbound/engines/cover_search.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "ccbound/proofs/cover_formula.hpp"
#include "formula_budget.hpp"

namespace ccbound {

namespace {

using Classes = std::vector<std::uint32_t>;

// One rectangle per row of t containing the colour: the row times its colour columns.
std::vector<std::pair<Classes, Classes>> cover_by_rows(const Matrix& t, bool colour) {
  std::vector<std::pair<Classes, Classes>> rectangles;
  for (std::uint32_t x = 0; x < t.rows(); ++x) {
    Classes cols;
    for (std::uint32_t y = 0; y < t.cols(); ++y)
      if (t.at(x, y) == colour) cols.push_back(y);
    if (!cols.empty()) rectangles.push_back({{x}, cols});
  }
  return rectangles;
}

// The cover by rows or the one by columns, whichever is smaller: a partition, so a cover too.
std::vector<std::pair<Classes, Classes>> trivial_cover(const Matrix& t, bool colour) {
  auto by_rows = cover_by_rows(t, colour);
  auto by_cols = cover_by_rows(t.transposed(), colour);
  if (by_cols.size() >= by_rows.size()) return by_rows;
  for (auto& [rows, cols] : by_cols) std::swap(rows, cols);
  return by_cols;
}

std::vector<std::pair<Classes, Classes>> decode(const CoverFormula& f, const Matrix& t,
                                                const std::vector<bool>& model) {
  std::vector<std::pair<Classes, Classes>> rectangles;
  for (int i = 0; i < f.rectangles(); ++i) {
    Classes rows, cols;
    for (std::uint32_t x = 0; x < t.rows(); ++x)
      if (model[f.row_in(i, x)]) rows.push_back(x);
    for (std::uint32_t y = 0; y < t.cols(); ++y)
      if (model[f.col_in(i, y)]) cols.push_back(y);
    if (!rows.empty() && !cols.empty()) rectangles.push_back({rows, cols});
  }
  return rectangles;
}

RectangleCover to_original(const std::vector<std::pair<Classes, Classes>>& rectangles, bool colour,
                           bool partition, const Deduplicated& d) {
  RectangleCover cover{colour, partition, {}};
  for (const auto& [rows, cols] : rectangles)
    cover.rectangles.push_back({all_members(d.row_class, rows), all_members(d.col_class, cols)});
  return cover;
}

FoolingSet to_classes(const FoolingSet& pinned, const Deduplicated& d) {
  FoolingSet set{pinned.colour, {}};
  for (const Entry e : pinned.entries)
    set.entries.push_back({d.row_class[e.row], d.col_class[e.col]});
  return set;
}

// The search state: the best cover found (in classes) and the lower bound with its evidence.
struct Search {
  const Matrix& t;
  bool colour, partition;
  FoolingSet pinned;  // in classes
  const Deadline& deadline;
  const ProofFiles& files;
  std::vector<std::pair<Classes, Classes>> best;
  CoverResult& result;

  // Asks whether k rectangles suffice; false when it could not tell: the deadline passed, or the
  // formula or its proof would not fit the budgets (result.skipped says which).
  bool try_k(int k) {
    const auto size = budget::cover_formula_size(t, colour, k, partition);
    if (auto why = budget::unaffordable(size, deadline)) {
      result.skipped = *why;
      return false;
    }
    const CoverFormula f(t, colour, k, partition, pinned);
    const std::string name = fmt::format("{}{}", partition ? "chi" : "cover", int(colour));
    CnfAnswer answer = solve_formula(f, deadline, files, name);
    if (answer.status == SatStatus::unknown) {
      result.skipped = answer.skipped;
      return false;
    }
    if (answer.status == SatStatus::sat) {
      best = decode(f, t, answer.model);
      return true;
    }
    answer.refutation.statement = fmt::format("no {}-{} with {} rectangles", int(colour),
                                              partition ? "partition" : "cover", k);
    result.lower = k + 1;
    result.lower_reason = "SAT: " + answer.refutation.statement;
    result.refuted_k = k;
    result.refutation = std::move(answer.refutation);
    return true;
  }

  int upper() const { return int(best.size()); }

  // At the lower bound first (often tight), then down from the best cover; one refutation ends it.
  // A skipped k ends it too: the formula only grows with k, and the next k asked is never smaller.
  void run() {
    if (result.lower < upper() && !try_k(result.lower)) return stopped();
    for (int k = upper() - 1; k >= result.lower && result.lower < upper(); k = upper() - 1)
      if (!try_k(k)) return stopped();
  }
  void stopped() { result.timed_out = result.skipped.empty(); }
};

}  // namespace

CoverResult min_rectangle_cover(const PreparedMatrix& p, bool colour, bool partition,
                                const FoolingSet& pinned, int known_lower,
                                const std::string& known_reason, const Deadline& deadline,
                                const ProofFiles& files) {
  const Deduplicated& d = p.reduced;
  CoverResult r;
  r.pinned = pinned;
  r.lower = int(pinned.entries.size());
  r.lower_reason = fmt::format("a {}-fooling set of {} entries", int(colour), r.lower);
  if (known_lower > r.lower) r.lower = known_lower, r.lower_reason = known_reason;
  Search search{d.matrix,
                colour,
                partition,
                to_classes(pinned, d),
                deadline,
                files,
                trivial_cover(d.matrix, colour),
                r};
  search.run();
  r.best = to_original(search.best, colour, partition, d);
  return r;
}

}  // namespace ccbound
