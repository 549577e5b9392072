// Fuzz target: the DRAT/DRUP proof reader and checker (proofs/dimacs_reader.hpp, drup_checker.hpp).
//
// The input is a proof. It is streamed with ProofReader as text, as binary and with format
// detection, checking that no step holds 0 or INT_MIN; then check_drup runs it against a small
// fixed unsatisfiable formula (all four clauses over two variables), so lemmas, deletions and
// fresh variables reach the checker itself.
#include <climits>

#include "ccbound/proofs/dimacs_reader.hpp"
#include "ccbound/proofs/drup_checker.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace ccbound;

void read_all(std::string_view proof, ProofFormat format) {
  ProofReader reader(proof, format, "fuzz.drat");
  ProofStep step;
  while (reader.next(step)) {
    for (const int lit : step.literals) fuzz::require(lit != 0 && lit != INT_MIN, "step literal");
    fuzz::require(!reader.where(step).empty(), "a step has a position");
  }
}

const Cnf& small_unsat_formula() {
  static const Cnf cnf{2, {{1, 2}, {-1, 2}, {1, -2}, {-1, -2}}};
  return cnf;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxFuzzInput) return 0;
  const std::string_view proof = fuzz::as_text(data, size);
  for (const auto format : {ProofFormat::text, ProofFormat::binary, ProofFormat::detect})
    fuzz::expect_input_errors([&] { read_all(proof, format); });
  fuzz::expect_input_errors([&] {
    const ProofCheck check = check_drup(small_unsat_formula(), proof, ProofFormat::detect, "fuzz");
    fuzz::require(!check.message.empty(), "a proof check explains itself");
  });
  return 0;
}
