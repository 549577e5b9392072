// Writing DIMACS text in one pass into one string.
#include "ccbound/proofs/dimacs_writer.hpp"

#include <fmt/format.h>
#include <iterator>

namespace ccbound {

std::string to_dimacs_text(std::string_view comment, int num_vars,
                           const std::vector<std::vector<int>>& clauses) {
  std::string text = fmt::format("c {}\np cnf {} {}\n", comment, num_vars, clauses.size());
  for (const auto& clause : clauses) {
    for (int lit : clause) fmt::format_to(std::back_inserter(text), "{} ", lit);
    text += "0\n";
  }
  return text;
}

}  // namespace ccbound
