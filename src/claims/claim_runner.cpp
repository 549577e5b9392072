// The claims runner: instances of each claim, computed on a pool of threads by the engines,
// reductions and constructions, and decided soundly on the intervals they prove: a pass only on
// checked sides, otherwise the verdict that says what the value is (claim_runner.hpp's table).
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

#include "ccbound/core/problem.hpp"
#include "ccbound/engines/bounds.hpp"
#include "ccbound/reductions/constructions.hpp"
#include "ccbound/reductions/reduction.hpp"

namespace ccbound::claims {

namespace {

using namespace ccbound::reductions;

// What an instance established, how, and the wrong input its check met (empty: none).
struct Outcome {
  Established established;
  std::string how;
  std::string failure;
};

struct Instance {
  std::size_t claim = 0;
  std::int64_t size = 0;
  std::string precision;  // empty for measures
};

std::string interval_text(const Interval& i) {
  if (!i.upper) return fmt::format(">= {}", i.lower);
  return i.lower == *i.upper ? fmt::format("{}", i.lower)
                             : fmt::format("{}..{}", i.lower, *i.upper);
}

// The interval whose sides are those of [lower, upper] that are checked, trivial (0, unbounded)
// elsewhere: every quantity a claim speaks of is >= 0.
Interval checked_sides(std::int64_t lower, std::int64_t upper, bool lower_checked,
                       bool upper_checked) {
  return {lower_checked ? lower : 0, upper_checked ? std::optional(upper) : std::nullopt};
}

std::string_view sides_text(bool lower_checked, bool upper_checked) {
  if (lower_checked && upper_checked) return "checked";
  if (lower_checked) return "lower side checked, upper side not";
  if (upper_checked) return "upper side checked, lower side not";
  return "not checked";
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
  const bool d = id == MeasureId::D;
  const bool lower_checked = d ? result.d.lower.checked : m.checked;
  const bool upper_checked = d ? result.d.upper.checked : m.checked;
  Outcome o;
  o.established.checked = checked_sides(m.lower, m.upper, lower_checked, upper_checked);
  o.established.known = {m.lower, m.upper};
  o.established.short_of = Verdict::unchecked;
  o.how = fmt::format("{} ({})", m.certificate, sides_text(lower_checked, upper_checked));
  return o;
}

std::string simulation_text(const ReductionReport& report) {
  return fmt::format("simulation: {} input pairs, {}", report.inputs_checked(),
                     report.simulation_exhaustive() ? "every pair" : "a seeded sample");
}

Outcome reduction_outcome(const Claim& claim, std::int64_t n, const NumberFormat& format) {
  const Task task(parse_task(claim.task), static_cast<int>(n));
  ReductionOptions options;
  options.arch = parse_architecture(claim.arch);
  options.format = format;
  options.timeout_seconds = claim.timeout_seconds;
  const ReductionReport report = run_reduction(task, options);
  const SplitComplexity& cc = report.cc;
  const bool of_cc = claim.quantity == "cc";
  const auto value = [&](int c) -> std::int64_t {
    if (of_cc) return c;
    return options.arch == Architecture::rnn ? rnn_size_bound(c, format).min_size
                                             : transformer_size_bound(c, format, task).min_size;
  };
  Outcome o;
  o.established.checked =
      checked_sides(value(cc.lower), value(cc.upper), cc.lower_evidence == ValueEvidence::checked,
                    cc.upper_evidence == ValueEvidence::checked);
  o.established.known = {value(cc.lower), value(cc.upper)};
  o.established.short_of =
      cc.evidence() == ValueEvidence::cited ? Verdict::cited : Verdict::unchecked;
  const std::string value_how = fmt::format("CC {}: {}", evidence_name(cc.evidence()), cc.source);
  o.how = fmt::format("{}{}; {}", of_cc ? "" : report.bound.formula + "; ", value_how,
                      simulation_text(report));
  if (!report.simulation_passed())
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
  const ConstructionReport report = construct(claim.task, claim.arch, static_cast<int>(n), format,
                                              1, Deadline(claim.timeout_seconds));
  const ConstructionCheck& check = report.check;
  const std::int64_t value = construction_quantity(report, claim.quantity);
  Outcome o;
  o.established.checked = o.established.known = {value, value};
  o.established.at_best = check.verified() ? Verdict::pass
                          : check.stopped  ? Verdict::timeout
                                           : Verdict::sample;
  // A proof bounds cases (worst inputs, reachable states), not single inputs.
  const bool proof = check.evidence == ConstructionEvidence::proof;
  o.how = fmt::format("{} {}; {} ({}, {} {})", report.architecture, report.model,
                      evidence_name(check.evidence), check.method, check.inputs_checked,
                      proof ? "cases bounded" : "inputs");
  if (check.stopped) o.how += "; " + check.detail;
  if (!check.passed) o.failure = "the model failed its check: " + check.detail;
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

Verdict verdict_on(const Established& e, const Relation& relation, const Bindings& bindings) {
  const Verdict on_checked =
      verdict_on_interval(e.checked.lower, e.checked.upper, relation, bindings);
  if (on_checked == Verdict::fail) return Verdict::fail;
  if (on_checked == Verdict::pass) return e.at_best;
  const Verdict on_known = verdict_on_interval(e.known.lower, e.known.upper, relation, bindings);
  return on_known == Verdict::timeout ? Verdict::timeout : e.short_of;
}

namespace {

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

// For a verdict reached through the known interval alone (unchecked, cited): what it says there.
std::string known_only_note(const Established& e, Verdict verdict, const Relation& relation,
                            const Bindings& bindings) {
  if (verdict != e.short_of) return "";
  const bool holds =
      verdict_on_interval(e.known.lower, e.known.upper, relation, bindings) == Verdict::pass;
  return fmt::format("; the relation {} on this {} value", holds ? "holds" : "FAILS",
                     verdict_name(verdict));
}

InstanceResult run_instance(const Claim& claim, const Instance& instance) {
  const auto start = std::chrono::steady_clock::now();
  InstanceResult r;
  r.instance = instance_name(claim, instance);
  const Bindings bindings = bindings_for(claim, instance);
  r.expected = claim.expect.describe(bindings);
  try {
    const Outcome o = outcome_of(claim, instance);
    r.value = interval_text(o.established.known);
    r.verdict =
        o.failure.empty() ? verdict_on(o.established, claim.expect, bindings) : Verdict::fail;
    r.how = o.failure.empty()
                ? o.how + known_only_note(o.established, r.verdict, claim.expect, bindings)
                : o.failure;
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

// The most severe verdict of the instances (the table lists the most severe first).
Verdict claim_verdict(const std::vector<InstanceResult>& instances) {
  Verdict v = Verdict::pass;
  for (const InstanceResult& r : instances) v = std::min(v, r.verdict);
  return v;
}

}  // namespace

namespace {

struct VerdictRow {
  std::string_view name, counted, json_key, meaning;
};
constexpr VerdictRow kVerdicts[] = {
#define CCBOUND_VERDICT_ROW(id, name, counted, json_key, meaning) {name, counted, json_key, meaning},
    CCBOUND_VERDICTS(CCBOUND_VERDICT_ROW)
#undef CCBOUND_VERDICT_ROW
};

const VerdictRow& row(Verdict verdict) {
  return kVerdicts[std::size_t(verdict)];
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  return row(verdict).name;
}
std::string_view verdict_counted(Verdict verdict) {
  return row(verdict).counted;
}
std::string_view verdict_json_key(Verdict verdict) {
  return row(verdict).json_key;
}
std::string_view verdict_meaning(Verdict verdict) {
  return row(verdict).meaning;
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
