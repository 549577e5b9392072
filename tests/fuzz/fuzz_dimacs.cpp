// Fuzz target: the DIMACS CNF reader (proofs/dimacs_reader.hpp).
//
// The input is read with parse_dimacs; an accepted formula must keep the reader's promises: every
// literal nonzero and within num_vars, each clause sorted by variable without repeated variables.
#include <cstdlib>

#include "ccbound/proofs/dimacs_reader.hpp"
#include "fuzz_support.hpp"

namespace {

void check_clause(const std::vector<int>& clause, int num_vars) {
  for (std::size_t i = 0; i < clause.size(); ++i) {
    const int lit = clause[i];
    ccbound::fuzz::require(lit != 0 && lit >= -num_vars && lit <= num_vars, "literal in range");
    if (i > 0)
      ccbound::fuzz::require(std::abs(clause[i - 1]) < std::abs(lit), "clause sorted, no repeats");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccbound;
  if (size > fuzz::kMaxFuzzInput) return 0;
  fuzz::expect_input_errors([&] {
    const Cnf cnf = parse_dimacs(fuzz::as_text(data, size), "fuzz.cnf");
    fuzz::require(cnf.num_vars >= 0, "num_vars is not negative");
    for (const auto& clause : cnf.clauses) check_clause(clause, cnf.num_vars);
  });
  return 0;
}
