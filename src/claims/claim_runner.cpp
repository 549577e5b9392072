// The claims runner: instances of each claim, computed on a pool of threads by the engines,
// reductions and constructions, and decided soundly on the intervals they prove.
#include "ccbound/claims/claim_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <climits>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/problem.hpp"
#include "ccbound/reductions/constructions.hpp"
#include "ccbound/reductions/reduction.hpp"

namespace ccbound::claims {

namespace {

using namespace ccbound::reductions;

// What an instance established: the quantity lies in [lower, upper] (kUnknown: no checked bound).
struct Outcome {
  std::int64_t lower = 0;
  std::int64_t upper = kUnknown;
  std::string how;
  std::string failure;  // set when the instance fails regardless of the relation
  static constexpr std::int64_t kUnknown = INT64_MAX;
};

struct Instance {
  std::size_t claim = 0;
  std::int64_t size = 0;
  std::string precision;  // empty for measures
};

std::string interval_text(const Outcome& o) {
  if (o.upper == Outcome::kUnknown) return fmt::format(">= {}", o.lower);
  return o.lower == o.upper ? fmt::format("{}", o.lower) : fmt::format("{}..{}", o.lower, o.upper);
}

MeasureId measure_by_key(const std::string& key) {
  if (const auto id = parse_measure_key(key)) return *id;
  throw std::logic_error("claims: unknown measure key " + key);  // parse_claims validated it
}

Outcome measure_outcome(const Claim& claim, std::int64_t n) {
  std::istringstream no_input;
  const Problem problem = load_problem(fmt::format("{}:{}", claim.family, n), no_input);
  const MeasureId id = measure_by_key(claim.measure);
  BoundsOptions options;
  options.timeout_seconds = claim.timeout_seconds;
  options.only = id;
  const BoundsResult result = compute_bounds(problem, options);
  const Measure& m = result[id];
  Outcome o;
  const bool d = id == MeasureId::D;
  const bool lower_checked = d ? result.d.lower.checked : m.checked;
  const bool upper_checked = d ? result.d.upper.checked : m.checked;
  o.lower = lower_checked ? m.lower : 0;
  o.upper = upper_checked ? m.upper : Outcome::kUnknown;
  o.how = fmt::format("{} ({})", m.certificate, m.checked ? "checked" : "not all checked");
  return o;
}

Outcome reduction_outcome(const Claim& claim, std::int64_t n, const NumberFormat& format) {
  const Task task(parse_task(claim.task), static_cast<int>(n));
  ReductionOptions options;
  options.arch = parse_architecture(claim.arch);
  options.format = format;
  options.timeout_seconds = claim.timeout_seconds;
  const ReductionReport report = run_reduction(task, options);
  Outcome o;
  if (claim.quantity == "cc") {
    o.lower = report.cc.lower;
    o.upper = report.cc.upper;
    o.how = report.cc.source;
  } else {
    const auto bound = [&](int cc) {
      return options.arch == Architecture::rnn ? rnn_size_bound(cc, format)
                                               : transformer_size_bound(cc, format, task);
    };
    o.lower = bound(report.cc.lower).min_size;
    o.upper = bound(report.cc.upper).min_size;
    o.how = report.bound.formula;
  }
  if (!report.simulation_verified())
    o.failure = "a model's extracted protocol disagreed with the model in simulation";
  return o;
}

std::int64_t construction_quantity(const ConstructionReport& r, const std::string& quantity) {
  if (quantity == "size") return r.size;
  if (quantity == "layers") return r.layers;
  if (quantity == "heads") return r.heads;
  return r.width;
}

Outcome construction_outcome(const Claim& claim, std::int64_t n, const NumberFormat& format) {
  const ConstructionReport report =
      construct(claim.task, claim.arch, static_cast<int>(n), format, 1);
  Outcome o;
  o.lower = o.upper = construction_quantity(report, claim.quantity);
  o.how = fmt::format("{} {}, verified by {} on {} inputs", report.architecture, report.model,
                      report.check.method, report.check.inputs_checked);
  if (!report.check.verified()) o.failure = "the model failed its check: " + report.check.detail;
  return o;
}

Bindings bindings_for(const Claim& claim, const Instance& instance) {
  if (claim.kind == ClaimKind::measure) return {{"n", instance.size}};
  return {{"N", instance.size}, {"p", parse_number_format(instance.precision).bits()}};
}

}  // namespace

Verdict verdict_on_interval(std::int64_t lower, std::optional<std::int64_t> upper,
                            const Relation& relation, const Bindings& bindings) {
  const Rational e = relation.rhs.evaluate(bindings);
  const Rational lo(lower);
  const bool bounded = upper.has_value();
  const Rational hi = bounded ? Rational(*upper) : Rational(0);
  switch (relation.op) {
    case Relation::Op::eq:
      if (e < lo || (bounded && e > hi)) return Verdict::fail;
      return bounded && lo == hi ? Verdict::pass : Verdict::timeout;
    case Relation::Op::ge:
      if (lo >= e) return Verdict::pass;
      return bounded && hi < e ? Verdict::fail : Verdict::timeout;
    case Relation::Op::gt:
      if (lo > e) return Verdict::pass;
      return bounded && hi <= e ? Verdict::fail : Verdict::timeout;
    case Relation::Op::le:
      if (lo > e) return Verdict::fail;
      return bounded && hi <= e ? Verdict::pass : Verdict::timeout;
    case Relation::Op::lt:
      if (lo >= e) return Verdict::fail;
      return bounded && hi < e ? Verdict::pass : Verdict::timeout;
  }
  return Verdict::timeout;
}

namespace {

Verdict decide(const Outcome& o, const Relation& relation, const Bindings& bindings) {
  const bool bounded = o.upper != Outcome::kUnknown;
  return verdict_on_interval(o.lower, bounded ? std::optional(o.upper) : std::nullopt, relation,
                             bindings);
}

std::string instance_name(const Claim& claim, const Instance& instance) {
  if (claim.kind == ClaimKind::measure) return fmt::format("n = {}", instance.size);
  return fmt::format("N = {}, {}", instance.size, instance.precision);
}

Outcome outcome_of(const Claim& claim, const Instance& instance) {
  switch (claim.kind) {
    case ClaimKind::measure:
      return measure_outcome(claim, instance.size);
    case ClaimKind::reduction:
      return reduction_outcome(claim, instance.size, parse_number_format(instance.precision));
    case ClaimKind::construction:
      return construction_outcome(claim, instance.size, parse_number_format(instance.precision));
  }
  throw std::logic_error("claims: unknown kind");
}

InstanceResult run_instance(const Claim& claim, const Instance& instance) {
  const auto start = std::chrono::steady_clock::now();
  InstanceResult r;
  r.instance = instance_name(claim, instance);
  const Bindings bindings = bindings_for(claim, instance);
  r.expected = claim.expect.describe(bindings);
  try {
    const Outcome o = outcome_of(claim, instance);
    r.value = interval_text(o);
    r.how = o.failure.empty() ? o.how : o.failure;
    r.verdict = o.failure.empty() ? decide(o, claim.expect, bindings) : Verdict::fail;
  } catch (const std::exception& e) {
    r.verdict = Verdict::fail;
    r.how = fmt::format("error: {}", e.what());
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::vector<Instance> instances_of(const std::vector<Claim>& claims) {
  std::vector<Instance> all;
  for (std::size_t c = 0; c < claims.size(); ++c) {
    const Claim& claim = claims[c];
    for (const std::int64_t size : claim.sizes) {
      if (claim.kind == ClaimKind::measure) all.push_back({c, size, ""});
      for (const std::string& precision : claim.precisions) all.push_back({c, size, precision});
    }
  }
  return all;
}

bool contains_folded(const std::string& text, const std::string& part) {
  const auto fold = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  return std::search(text.begin(), text.end(), part.begin(), part.end(), fold) != text.end();
}

Verdict claim_verdict(const std::vector<InstanceResult>& instances) {
  Verdict v = Verdict::pass;
  for (const InstanceResult& r : instances) {
    if (r.verdict == Verdict::fail) return Verdict::fail;
    if (r.verdict == Verdict::timeout) v = Verdict::timeout;
  }
  return v;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "pass";
    case Verdict::fail:
      return "FAIL";
    case Verdict::timeout:
      return "timeout";
  }
  return "?";
}

std::vector<Claim> filter_claims(const std::vector<Claim>& claims, const std::string& filter) {
  std::vector<Claim> kept;
  for (const Claim& c : claims)
    if (contains_folded(c.id, filter) || contains_folded(c.statement, filter)) kept.push_back(c);
  return kept;
}

std::vector<ClaimResult> check_claims(const std::vector<Claim>& claims,
                                      const ClaimCheckOptions& options) {
  const std::vector<Instance> instances = instances_of(claims);
  std::vector<InstanceResult> results(instances.size());
  std::atomic<std::size_t> next = 0, done = 0;
  std::mutex progress_mutex;
  const auto worker = [&] {
    for (std::size_t i = next++; i < instances.size(); i = next++) {
      results[i] = run_instance(claims[instances[i].claim], instances[i]);
      const std::lock_guard lock(progress_mutex);
      if (options.progress) options.progress(++done, instances.size());
    }
  };
  std::vector<std::jthread> threads;
  for (int t = 1; t < std::max(1, options.jobs); ++t) threads.emplace_back(worker);
  worker();
  threads.clear();
  std::vector<ClaimResult> out;
  for (const Claim& c : claims) out.push_back({c, {}, Verdict::pass, 0});
  for (std::size_t i = 0; i < instances.size(); ++i) {
    ClaimResult& r = out[instances[i].claim];
    r.seconds += results[i].seconds;
    r.instances.push_back(std::move(results[i]));
  }
  for (ClaimResult& r : out) r.verdict = claim_verdict(r.instances);
  return out;
}

}  // namespace ccbound::claims
