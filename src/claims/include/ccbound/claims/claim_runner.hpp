// Re-establishing claims: every claim of claim_file.hpp is expanded into instances (one per size
// and precision), each instance is computed by the engines, the reductions or the constructions
// with its certificates checked, and the claim's relation is decided on the result.
//
// Soundness. An instance passes only when the relation holds for every value the certificates allow
// (the quantity is known to lie in [lower, upper]), and fails only when it holds for none of them;
// otherwise (a timeout, or a certificate that could not be checked in time) it is "timeout" with
// the interval shown. So a pass or a FAIL is a theorem about the instance, never a guess.
//   measure       compute_bounds(only = the measure): its [lower, upper] and whether every
//                 certificate behind it was checked (an unchecked side counts as unknown).
//   reduction     run_reduction(): quantity cc is the communication value's interval; min_size is
//                 the size bound it proves (a theorem for each value of the interval, taken at its
//                 lower end). The models' simulation check must pass as well.
//   construction  construct(): the model must be verified; width, size, layers and heads are exact.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ccbound/claims/claim_file.hpp"

namespace ccbound::claims {

enum class Verdict { pass, fail, timeout };
std::string_view verdict_name(Verdict verdict);  // "pass", "FAIL", "timeout"

struct InstanceResult {
  std::string instance;  // "n = 4", "N = 16, binary16"
  Verdict verdict = Verdict::timeout;
  std::string value;     // "5", or "4..6" when not settled
  std::string expected;  // the relation with its right-hand side evaluated: ">= 2"
  std::string how;       // how the value was established, or why the instance failed
  double seconds = 0;
};

struct ClaimResult {
  Claim claim;
  std::vector<InstanceResult> instances;
  Verdict verdict = Verdict::pass;  // FAIL if any instance fails, else timeout if any, else pass
  double seconds = 0;               // sum over the instances
};

struct ClaimCheckOptions {
  int jobs = 1;  // instances computed at once (>= 1)
  // Called after each instance with (instances done, instances in all); may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

// The verdict on a quantity known to lie in [lower, upper] (no upper: unbounded above): pass when
// `relation` holds for every value there, FAIL when it holds for none, timeout otherwise.
Verdict verdict_on_interval(std::int64_t lower, std::optional<std::int64_t> upper,
                            const Relation& relation, const Bindings& bindings);

// The claims `filter` keeps, in order.
std::vector<Claim> filter_claims(const std::vector<Claim>& claims, const std::string& filter);

// Runs every instance of every claim on `options.jobs` threads. Results are in claim order and,
// within a claim, in instance order, whatever the scheduling.
std::vector<ClaimResult> check_claims(const std::vector<Claim>& claims,
                                      const ClaimCheckOptions& options);

}  // namespace ccbound::claims
