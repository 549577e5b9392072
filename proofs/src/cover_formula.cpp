// Builds the cover/partition CNF (see cover_formula.hpp for the encoding and why it is sound).
#include "ccbound/proofs/cover_formula.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "ccbound/proofs/dimacs_writer.hpp"

namespace ccbound {

CoverFormula::CoverFormula(const Matrix& t, bool colour, int k, bool partition,
                           const FoolingSet& pinned)
    : k_(k), colour_(colour), partition_(partition), rows_(t.rows()), cols_(t.cols()) {
  if (k < 0 || pinned.colour != colour || pinned.entries.size() > std::size_t(k))
    throw std::invalid_argument("CoverFormula: k < 0, or the pinned set does not fit");
  col_base_ = k * int(rows_);
  entry_base_ = col_base_ + k * int(cols_);
  for (std::size_t x = 0; x < rows_; ++x) {
    for (std::size_t y = 0; y < cols_; ++y) {
      if (t.at(x, y) == colour) {
        add_entry(entries_++, x, y);
      } else {
        for (int i = 0; i < k; ++i) clauses_.push_back({-row_in(i, x), -col_in(i, y)});
      }
    }
  }
  num_vars_ = entry_base_ + k * int(entries_);
  if (!partition) add_maximality(t);
  for (std::size_t j = 0; j < pinned.entries.size(); ++j) {
    clauses_.push_back({row_in(int(j), pinned.entries[j].row)});
    clauses_.push_back({col_in(int(j), pinned.entries[j].col)});
  }
  for (int i = int(pinned.entries.size()); i + 1 < k; ++i) add_row_order(i);
}

// Rows of rectangle i <=lex rows of rectangle i + 1, with E_x = "equal on rows before x" (fresh
// variables, E_0 true): E_x & R_{i,x} -> R_{i+1,x}, and E_x & (R_{i,x} == R_{i+1,x}) -> E_{x+1}.
// E is only forced upwards, so this says exactly "lexicographically ordered".
void CoverFormula::add_row_order(int i) {
  int equal = 0;  // 0 stands for "true" (x = 0)
  for (std::size_t x = 0; x < rows_; ++x) {
    const int a = row_in(i, x), b = row_in(i + 1, x);
    std::vector<int> premise;
    if (equal != 0) premise.push_back(-equal);
    auto with = [&](std::initializer_list<int> rest) {
      std::vector<int> clause = premise;
      clause.insert(clause.end(), rest);
      clauses_.push_back(std::move(clause));
    };
    with({-a, b});
    if (x + 1 == rows_) break;
    const int next = ++num_vars_;
    with({-a, -b, next});
    with({a, b, next});
    equal = next;
  }
}

void CoverFormula::add_entry(std::size_t e, std::size_t x, std::size_t y) {
  std::vector<int> somewhere;
  for (int i = 0; i < k_; ++i) {
    clauses_.push_back({-entry_in(i, e), row_in(i, x)});
    clauses_.push_back({-entry_in(i, e), col_in(i, y)});
    somewhere.push_back(entry_in(i, e));
    if (!partition_) continue;
    clauses_.push_back({-row_in(i, x), -col_in(i, y), entry_in(i, e)});
    for (int j = 0; j < i; ++j) clauses_.push_back({-entry_in(j, e), -entry_in(i, e)});
  }
  clauses_.push_back(std::move(somewhere));
}

// Row x outside rectangle i must be blocked by a column of i where it is not the colour; likewise
// for columns. An empty rectangle is thereby forced to grow, which is harmless: k maximal
// rectangles, repeats allowed, still cover at most what k rectangles can.
void CoverFormula::add_maximality(const Matrix& t) {
  for (int i = 0; i < k_; ++i) {
    for (std::size_t x = 0; x < rows_; ++x) {
      std::vector<int> blocked{row_in(i, x)};
      for (std::size_t y = 0; y < cols_; ++y)
        if (t.at(x, y) != colour_) blocked.push_back(col_in(i, y));
      clauses_.push_back(std::move(blocked));
    }
    for (std::size_t y = 0; y < cols_; ++y) {
      std::vector<int> blocked{col_in(i, y)};
      for (std::size_t x = 0; x < rows_; ++x)
        if (t.at(x, y) != colour_) blocked.push_back(row_in(i, x));
      clauses_.push_back(std::move(blocked));
    }
  }
}

std::string CoverFormula::to_dimacs() const {
  return to_dimacs_text(
      fmt::format("ccbound: the {}s of M are {} by <= {} rectangles ({} x {} deduplicated)",
                  int(colour_), partition_ ? "partitioned" : "covered", k_, rows_, cols_),
      num_vars_, clauses_);
}

}  // namespace ccbound
