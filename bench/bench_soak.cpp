// The cross-engine soak: every engine and every measure on many seeded small matrices, checked
// against each other and against the facts of ../shared/REFERENCE.md.
//
// For each matrix M (see soak_matrices.hpp) we run solve() with every engine (auto on M, on M^T
// and on J - M; search; sat; smt, which may run on a subset) and compute_bounds() with all
// measures, each with a per-call timeout. Every answer becomes an interval claim on D(M): a
// finished engine claims [D, D], a timed-out one the interval it proved, a measure the lower bound
// it implies, a one-way cost c the upper bound c + 1. All claims must intersect. Besides, every
// certificate an answer reports must be checked, every protocol must pass the verifier again, and
// the measures must satisfy the relations that always hold between them. Each violation is one
// line on stdout; the summary follows; the exit status is 1 if there was any.
//
//   ccbound_bench_soak --count N --seed S [--max-side K] [--timeout T] [--smt-every E]
#include <fmt/format.h>
#include <unistd.h>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/engines/solve.hpp"
#include "soak_checks.hpp"
#include "soak_matrices.hpp"

using namespace ccbound;
using namespace ccbound::soak;

namespace {

struct Options {
  std::uint64_t count = 100;
  std::uint64_t seed = 1;
  std::size_t max_side = 10;
  double timeout = 10;          // seconds per engine call
  std::uint64_t smt_every = 1;  // Z3 on matrices whose index is a multiple of this
};

//  id     label         engine             which matrix
#define SOAK_RUNS(X)                                     \
  X(auto_m, "auto", Engine::automatic, Variant::m)       \
  X(auto_t, "auto (M^T)", Engine::automatic, Variant::t) \
  X(auto_c, "auto (J-M)", Engine::automatic, Variant::c) \
  X(search, "search", Engine::search, Variant::m)        \
  X(sat, "sat", Engine::sat, Variant::m)                 \
  X(smt, "smt", Engine::smt, Variant::m)

enum class Variant { m, t, c };
enum class Run {
#define SOAK_RUN_ENUM(id, label, engine, variant) id,
  SOAK_RUNS(SOAK_RUN_ENUM)
#undef SOAK_RUN_ENUM
};
struct RunRow {
  std::string_view label;
  Engine engine;
  Variant variant;
};
constexpr RunRow kRuns[] = {
#define SOAK_RUN_ROW(id, label, engine, variant) {label, engine, variant},
    SOAK_RUNS(SOAK_RUN_ROW)
#undef SOAK_RUN_ROW
};
constexpr std::size_t kRunCount = std::size(kRuns);

struct Tally {
  std::uint64_t runs = 0, finished = 0, timeouts = 0;
  double seconds = 0;
};

class Soak {
 public:
  explicit Soak(const Options& options) : options_(options) {}
  void run_case(std::uint64_t index);
  void print_summary(double seconds) const;
  std::uint64_t disagreements() const { return disagreements_; }

 private:
  void run_engine(Run run, const Matrix& m, CaseCheck& check);
  void run_bounds(const Matrix& m, CaseCheck& check);
  void count(Tally& tally, double seconds, bool finished, bool timed_out);

  Options options_;
  std::array<Tally, kRunCount> tallies_{};
  Tally bounds_{};
  std::map<std::string, std::uint64_t> kinds_;
  std::map<int, std::uint64_t> depths_;
  std::uint64_t disagreements_ = 0;
};

Matrix variant_of(const Matrix& m, Variant v) {
  if (v == Variant::t) return m.transposed();
  if (v == Variant::c) return m.complemented();
  return m;
}

void Soak::count(Tally& tally, double seconds, bool finished, bool timed_out) {
  ++tally.runs;
  tally.finished += finished;
  tally.timeouts += timed_out;
  tally.seconds += seconds;
}

// An exception out of an engine is an internal error (a rejected certificate): a disagreement.
void Soak::run_engine(Run run, const Matrix& m, CaseCheck& check) {
  const RunRow& row = kRuns[std::size_t(run)];
  SolveOptions options;
  options.engine = row.engine;
  options.timeout_seconds = options_.timeout;
  const Deadline clock;
  try {
    const Matrix input = variant_of(m, row.variant);
    const SolveResult r = solve({"soak", input}, options);
    count(tallies_[std::size_t(run)], clock.elapsed(), !r.timed_out && r.exact(), r.timed_out);
    check_solve(check, row.label, input, r);
  } catch (const std::exception& e) {
    count(tallies_[std::size_t(run)], clock.elapsed(), false, false);
    check.fail(fmt::format("{} threw: {}", row.label, e.what()));
  }
}

void Soak::run_bounds(const Matrix& m, CaseCheck& check) {
  BoundsOptions options;
  options.timeout_seconds = options_.timeout;
  const Deadline clock;
  try {
    const BoundsResult b = compute_bounds({"soak", m}, options);
    count(bounds_, clock.elapsed(), !b.timed_out, b.timed_out);
    check_bounds(check, m, b);
  } catch (const std::exception& e) {
    count(bounds_, clock.elapsed(), false, false);
    check.fail(fmt::format("bounds threw: {}", e.what()));
  }
}

void Soak::run_case(std::uint64_t index) {
  const SoakCase c = soak_case(options_.seed, index, options_.max_side);
  ++kinds_[c.kind];
  CaseCheck check;
  for (std::size_t run = 0; run < kRunCount; ++run) {
    if (Run(run) == Run::smt && index % options_.smt_every != 0) continue;
    run_engine(Run(run), c.matrix, check);
  }
  run_bounds(c.matrix, check);
  check_claims(check);
  if (const auto d = check.exact_d()) ++depths_[*d];
  for (const std::string& problem : check.problems())
    fmt::print("DISAGREE #{} {} [{}]: {}\n", index, compact_text(c.matrix), c.name, problem);
  disagreements_ += check.problems().size();
  std::fflush(stdout);
}

void print_tally(std::string_view label, const Tally& t) {
  fmt::print("{:<12} {:>8} {:>9} {:>9} {:>10.1f} {:>10.4f}\n", label, t.runs, t.finished,
             t.timeouts, t.seconds, t.runs ? t.seconds / double(t.runs) : 0.0);
}

void Soak::print_summary(double seconds) const {
  std::uint64_t total = 0;
  for (const auto& [kind, n] : kinds_) total += n;
  fmt::print(
      "\nsoak: {} matrices (seed {}, sides 2..{}, {:g} s per call, smt on every {}), {:.1f} s\n",
      total, options_.seed, options_.max_side, options_.timeout, options_.smt_every, seconds);
  for (const auto& [kind, n] : kinds_) fmt::print("  {:<8} {:>7}\n", kind, n);
  fmt::print("  D values:");
  for (const auto& [d, n] : depths_) fmt::print(" D={}: {}", d, n);
  fmt::print("\n\n{:<12} {:>8} {:>9} {:>9} {:>10} {:>10}\n", "engine", "runs", "finished",
             "timeouts", "seconds", "s/run");
  for (std::size_t run = 0; run < kRunCount; ++run) print_tally(kRuns[run].label, tallies_[run]);
  print_tally("bounds", bounds_);
  fmt::print("\ndisagreements: {}\n", disagreements_);
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--count")
      o.count = std::stoull(value);
    else if (flag == "--seed")
      o.seed = std::stoull(value);
    else if (flag == "--max-side")
      o.max_side = std::stoul(value);
    else if (flag == "--timeout")
      o.timeout = std::stod(value);
    else if (flag == "--smt-every")
      o.smt_every = std::stoull(value);
    else
      return std::nullopt;
  }
  if (argc % 2 == 0 || o.max_side < 2 || o.max_side > 64 || o.smt_every == 0) return std::nullopt;
  return o;
}

void show_progress(std::uint64_t done, std::uint64_t total, std::uint64_t bad, double seconds) {
  std::fprintf(stderr, "\rsoak: %llu/%llu matrices, %llu disagreements, %.0f s ",
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
               static_cast<unsigned long long>(bad), seconds);
  if (done == total) std::fputc('\n', stderr);
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> options = parse_options(argc, argv);
  if (!options) {
    std::fputs(
        "usage: ccbound_bench_soak --count N --seed S [--max-side K (2..64, default 10)]\n"
        "         [--timeout T (s per call, default 10)] [--smt-every E (default 1)]\n",
        stderr);
    return 2;
  }
  const bool progress = isatty(STDERR_FILENO);
  Soak soak(*options);
  const Deadline clock;
  double shown = -1;
  for (std::uint64_t i = 0; i < options->count; ++i) {
    soak.run_case(i);
    if (progress && (clock.elapsed() - shown >= 0.5 || i + 1 == options->count)) {
      shown = clock.elapsed();
      show_progress(i + 1, options->count, soak.disagreements(), shown);
    }
  }
  soak.print_summary(clock.elapsed());
  return soak.disagreements() == 0 ? 0 : 1;
}
