// Fuzz target: the claims file parser (src/claims/claim_file.hpp).
//
// The input is a claims file for parse_claims. Every accepted claim must be as the header promises:
// sizes present, distinct and bounded, and its `expect` relation evaluable (or refused with an
// ExpressionError) at its first size with its first precision's bits bound to p.
#include <set>

#include "ccbound/claims/claim_file.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace ccbound;

void check_claim(const claims::Claim& claim) {
  fuzz::require(!claim.sizes.empty() && claim.sizes.size() <= claims::kMaxSizes, "claim sizes");
  const std::set<std::int64_t> distinct(claim.sizes.begin(), claim.sizes.end());
  fuzz::require(distinct.size() == claim.sizes.size(), "claim sizes distinct");
  fuzz::require(claim.timeout_seconds > 0, "claim timeout positive");
  const bool measure = claim.kind == claims::ClaimKind::measure;
  const claims::Bindings bindings = measure
                                        ? claims::Bindings{{"n", claim.sizes.front()}}
                                        : claims::Bindings{{"N", claim.sizes.front()}, {"p", 8}};
  fuzz::expect_input_errors([&] { (void)claim.expect.describe(bindings); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxFuzzInput) return 0;
  fuzz::expect_input_errors([&] {
    for (const auto& claim : claims::parse_claims(fuzz::as_text(data, size), "fuzz.toml"))
      check_claim(claim);
  });
  return 0;
}
