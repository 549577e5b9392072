// Fuzz target: claim expressions (src/claims/expression.hpp): Relation::parse and evaluation.
//
// The first three bytes (when present) are small signed values bound to n, N and p; the rest is a
// relation. An accepted relation is evaluated with describe() and holds(), where ExpressionError
// (division by zero, inexact log2, a power out of range, an unbound variable) is expected.
#include <string>

#include "ccbound/claims/expression.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccbound;
  if (size > fuzz::kMaxFuzzInput || size < 3) return 0;
  const claims::Bindings bindings{{"n", static_cast<std::int8_t>(data[0])},
                                  {"N", static_cast<std::int8_t>(data[1])},
                                  {"p", static_cast<std::int8_t>(data[2])}};
  const std::string_view text = fuzz::as_text(data + 3, size - 3);
  fuzz::expect_input_errors([&] {
    const claims::Relation relation = claims::Relation::parse(text);
    fuzz::require(!relation.text().empty(), "a parsed relation has text");
    (void)relation.rhs.variables();
    fuzz::expect_input_errors([&] { (void)relation.describe(bindings); });
    (void)relation.holds(claims::Rational(1, 3), bindings);
  });
  return 0;
}
