// Re-establishing claims: every claim of claim_file.hpp is expanded into instances (one per size
// and precision), each instance is computed by the engines, the reductions or the constructions
// with its certificates checked, and the claim's relation is decided on the result.
//
// Soundness. An instance passes only when the relation holds for every value the CHECKED sides
// allow (the quantity is known to lie in [lower, upper], each side backed by a certificate an
// independent checker accepted, or trivial), and fails only when it holds for none of them or a
// check met a concrete wrong input. Anything else says what it is (the verdict table below): a
// value decided only through an unchecked side is "unchecked", only through a closed form
// "cited", a construction checked on samples only "sample", an interval that decides nothing
// "timeout". So a pass or a FAIL is a theorem about the instance, never a guess or a citation.
//   measure       compute_bounds(only = the measure): its [lower, upper]; a side whose certificate
//                 was not checked is known but not checked.
//   reduction     run_reduction(): quantity cc is the communication value's interval, each side
//                 checked, unchecked or cited (SplitComplexity); min_size is the size bound it
//                 proves (a theorem for each value of the interval, taken at its lower end), with
//                 the evidence of that end. The models' simulation must agree with the models on
//                 every input pair it examined (a mismatch is a FAIL); its coverage (every pair or
//                 a sample) is reported, not part of the value.
//   construction  construct(): width, size, layers and heads are exact (the model's shape); the
//                 model must pass its check (else FAIL), and a model checked on samples only is
//                 "sample" at best.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/claims/claim_file.hpp"

namespace ccbound::claims {

// The verdicts, most severe first: a claim takes its most severe instance's verdict.
//  id         name         counted as    JSON count   meaning
#define CCBOUND_VERDICTS(X)                                                                     \
  X(fail, "FAIL", "failed", "failed",                                                           \
    "the relation fails on the checked interval, or a check met a wrong input")                 \
  X(timeout, "timeout", "timed out", "timed_out", "the interval known in time decides nothing") \
  X(unchecked, "unchecked", "unchecked", "unchecked",                                           \
    "decided only through a side whose certificate was not checked")                            \
  X(cited, "cited", "cited", "cited", "decided only through a closed form, not computed")       \
  X(sample, "sample", "sample", "sample",                                                       \
    "holds, but the construction was checked on sampled inputs only")                           \
  X(pass, "pass", "passed", "passed", "holds on an interval every side of which a checker accepted")

enum class Verdict {
#define CCBOUND_VERDICT_ENUM(id, name, counted, json_key, meaning) id,
  CCBOUND_VERDICTS(CCBOUND_VERDICT_ENUM)
#undef CCBOUND_VERDICT_ENUM
};
inline constexpr std::size_t kVerdictCount = std::size_t(Verdict::pass) + 1;

std::string_view verdict_name(Verdict verdict);      // "FAIL", "timeout", ..., "pass"
std::string_view verdict_counted(Verdict verdict);   // "failed", "timed out", ..., "passed"
std::string_view verdict_json_key(Verdict verdict);  // "failed", "timed_out", ..., "passed"
std::string_view verdict_meaning(Verdict verdict);

// A quantity known to lie in [lower, upper] (no upper: unbounded above).
struct Interval {
  std::int64_t lower = 0;
  std::optional<std::int64_t> upper;
};

// What an instance established about its quantity.
struct Established {
  Interval checked;  // each side backed by a checked certificate (a trivial side where none is)
  Interval known;    // the best interval known: as `checked`, or narrower through other sides
  Verdict short_of = Verdict::unchecked;  // what `known` deciding alone makes it: unchecked, cited
  Verdict at_best = Verdict::pass;        // pass, or sample (a construction checked on samples)
};

struct InstanceResult {
  std::string instance;  // "n = 4", "N = 16, binary16"
  Verdict verdict = Verdict::timeout;
  std::string value;     // the known interval: "5", "4..6" when not settled, ">= 4"
  std::string expected;  // the relation with its right-hand side evaluated: ">= 2"
  std::string how;       // how the value was established, or why the instance failed
  double seconds = 0;
};

struct ClaimResult {
  Claim claim;
  std::vector<InstanceResult> instances;
  Verdict verdict = Verdict::pass;  // the most severe of its instances' verdicts
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

// The verdict on an instance that established `e` and met no wrong input: FAIL or `at_best` when
// the checked interval decides the relation (fails or holds), else `short_of` when the known
// interval decides it, else timeout. Never pass unless `checked` alone proves the relation.
Verdict verdict_on(const Established& e, const Relation& relation, const Bindings& bindings);

// The claims `filter` keeps, in order.
std::vector<Claim> filter_claims(const std::vector<Claim>& claims, const std::string& filter);

// Runs every instance of every claim on `options.jobs` threads. Results are in claim order and,
// within a claim, in instance order, whatever the scheduling.
std::vector<ClaimResult> check_claims(const std::vector<Claim>& claims,
                                      const ClaimCheckOptions& options);

}  // namespace ccbound::claims
