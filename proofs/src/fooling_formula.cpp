// Builds the fooling-set CNF (see fooling_formula.hpp for the encoding and why it is sound).
#include "ccbound/proofs/fooling_formula.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "ccbound/proofs/dimacs_writer.hpp"

namespace ccbound {

FoolingFormula::FoolingFormula(const Matrix& t, bool colour, int s)
    : s_(s), colour_(colour), rows_(t.rows()), cols_(t.cols()) {
  if (s < 0) throw std::invalid_argument("FoolingFormula: s must be >= 0");
  for (std::uint32_t x = 0; x < rows_; ++x)
    for (std::uint32_t y = 0; y < cols_; ++y)
      if (t.at(x, y) == colour) entries_.push_back({x, y});
  for (std::size_t a = 0; a < entries_.size(); ++a)
    for (std::size_t b = a + 1; b < entries_.size(); ++b)
      if (!fooling_pair(t, colour, entries_[a], entries_[b]))
        clauses_.push_back({-chosen(a), -chosen(b)});
  add_rows();
  num_vars_ = int(entries_.size() + rows_) + int(rows_) * s;
  if (s > 0) add_counter();
}

// U_x == "some entry of row x is chosen".
void FoolingFormula::add_rows() {
  std::vector<std::vector<int>> some(rows_);
  for (std::size_t x = 0; x < rows_; ++x) some[x].push_back(-row_used(x));
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    clauses_.push_back({-chosen(e), row_used(entries_[e].row)});
    some[entries_[e].row].push_back(chosen(e));
  }
  for (auto& clause : some) clauses_.push_back(std::move(clause));
}

void FoolingFormula::add_counter() {
  for (std::size_t x = 0; x < rows_; ++x) {
    for (int j = 1; j <= s_; ++j) {
      std::vector<int> take{-at_least(x, j), row_used(x)};
      std::vector<int> carry{-at_least(x, j)};
      if (x > 0) {
        take.push_back(at_least(x - 1, j));
        carry.push_back(at_least(x - 1, j));
        if (j >= 2) carry.push_back(at_least(x - 1, j - 1));
      }
      clauses_.push_back(std::move(take));
      if (j >= 2) clauses_.push_back(std::move(carry));  // for j = 1, S_{x-1,0} is true
    }
  }
  clauses_.push_back({at_least(rows_ - 1, s_)});
}

std::string FoolingFormula::to_dimacs() const {
  return to_dimacs_text(fmt::format("ccbound: M has a {}-fooling set of >= {} entries ({} x {})",
                                    int(colour_), s_, rows_, cols_),
                        num_vars_, clauses_);
}

}  // namespace ccbound
