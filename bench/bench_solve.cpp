// Solve-time benchmark on a fixed seeded suite, per engine.
//
// Each instance runs in a forked child so that its peak memory (ru_maxrss from wait4) is its own;
// the child reports D, the interval, whether the lower bound's certificate was checked, the search
// effort, and for DRUP proofs the SAT and checking times, through a pipe. The suite: families,
// random r x c matrices at densities 0.3/0.5/0.7, the search alone from the trivial interval, and
// "gap" instances (random matrices where the rank and one-way bounds do not meet, so an exact
// engine must decide), each run through several engines so the table says which engine wins where.
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "ccbound/core/families.hpp"
#include "ccbound/engines/oneway.hpp"
#include "ccbound/engines/rank.hpp"
#include "ccbound/engines/search.hpp"
#include "ccbound/engines/solve.hpp"

using namespace ccbound;

namespace {

// What runs on an instance: solve() with one engine, or the search alone from [1, one-way].
enum class Mode { auto_engine, search_engine, sat_engine, search_alone };

struct Instance {
  std::string group;  // instances in one group are summarised together
  std::string name;
  Matrix matrix;
  Mode mode = Mode::auto_engine;
};

struct Measurement {
  int lower = 0, upper = 0;
  double seconds = 0;
  unsigned long long nodes = 0;
  long peak_kib = 0;
  bool ok = false;
  bool lower_checked = false;
  double proof_solve_seconds = 0;  // the SAT call behind a DRUP lower bound
  double proof_check_seconds = 0;  // our checker on that proof
};

Matrix random_matrix(std::size_t rows, std::size_t cols, double density, std::mt19937_64& rng) {
  std::bernoulli_distribution bit(density);
  Matrix m(rows, cols);
  for (std::size_t x = 0; x < rows; ++x)
    for (std::size_t y = 0; y < cols; ++y) m.set(x, y, bit(rng));
  return m;
}

std::string_view mode_prefix(Mode mode) {
  constexpr std::string_view prefixes[] = {"", "search: ", "sat: ", "search alone: "};
  return prefixes[static_cast<int>(mode)];
}

void add_families(std::vector<Instance>& suite, Mode mode, std::initializer_list<int> sizes) {
  for (int n : sizes)
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index}) {
      suite.push_back({fmt::format("{}families n={}", mode_prefix(mode), n),
                       fmt::format("{}:{}", family_name(f), n), family_matrix(f, n), mode});
    }
}

// True when the cheap bounds (rank over GF(2) and GF(p) against the one-way protocols) leave a gap.
bool bounds_leave_gap(const Matrix& m) {
  if (m.is_constant()) return false;
  const Deduplicated d = deduplicate(m);
  int lower = 1;
  for (std::uint64_t p : {std::uint64_t{2}, kLargePrime}) {
    const std::size_t leaves = rank_witness(d.matrix, false, p, Deadline()).rows.size() +
                               rank_witness(d.matrix, true, p, Deadline()).rows.size();
    lower = std::max(lower, bits_to_name(leaves));
  }
  const int upper = std::min(oneway_protocol(m, Speaker::alice).depth(),
                             oneway_protocol(m, Speaker::bob).depth());
  return lower < upper;
}

// Random matrices kept only where an exact engine has to decide, each run in every mode given.
void add_gap_instances(std::vector<Instance>& suite, std::size_t rows, std::size_t cols,
                       double density, int count, std::initializer_list<Mode> modes) {
  std::mt19937_64 rng(rows * 7919 + cols * 104729 + static_cast<std::uint64_t>(density * 100));
  std::vector<Matrix> found;
  for (int tries = 0; static_cast<int>(found.size()) < count && tries < 100000; ++tries) {
    Matrix m = random_matrix(rows, cols, density, rng);
    if (bounds_leave_gap(m)) found.push_back(std::move(m));
  }
  for (Mode mode : modes) {
    const std::string group =
        fmt::format("{}gap {}x{} d={:.1f}", mode_prefix(mode), rows, cols, density);
    for (std::size_t i = 0; i < found.size(); ++i)
      suite.push_back({group, fmt::format("{}#{}", group, i), found[i], mode});
  }
}

void add_random(std::vector<Instance>& suite, std::size_t rows, std::size_t cols, double density,
                int count, Mode mode) {
  std::mt19937_64 rng(rows * 1000003 + cols * 1009 + static_cast<std::uint64_t>(density * 100));
  const std::string group =
      fmt::format("{}random {}x{} d={:.1f}", mode_prefix(mode), rows, cols, density);
  for (int i = 0; i < count; ++i)
    suite.push_back(
        {group, fmt::format("{}#{}", group, i), random_matrix(rows, cols, density, rng), mode});
}

std::vector<Instance> build_suite(bool quick) {
  std::vector<Instance> suite;
  add_families(suite, Mode::auto_engine, {3, 4, 5, 8});
  add_families(suite, Mode::sat_engine, {3, 4});
  const int count = quick ? 5 : 21;
  for (std::size_t side : {8, 10, 12, 14, 16, 20, 24})
    for (double d : {0.3, 0.5, 0.7}) add_random(suite, side, side, d, count, Mode::auto_engine);
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{8, 16}, {16, 8}, {12, 9}, {9, 13}})
    for (double d : {0.3, 0.5, 0.7}) add_random(suite, r, c, d, count, Mode::auto_engine);
  for (std::size_t side : {8, 10, 12})
    add_random(suite, side, side, 0.5, count, Mode::search_alone);
  for (std::size_t side : {8, 10}) add_random(suite, side, side, 0.5, count, Mode::sat_engine);
  const auto every = {Mode::auto_engine, Mode::search_engine, Mode::sat_engine};
  add_gap_instances(suite, 9, 9, 0.5, count, every);
  add_gap_instances(suite, 12, 9, 0.5, count, every);
  add_gap_instances(suite, 17, 17, 0.2, count, {Mode::auto_engine, Mode::search_engine});
  add_gap_instances(suite, 17, 17, 0.3, count, {Mode::auto_engine, Mode::search_engine});
  return suite;
}

Measurement measure_search_alone(const Matrix& a, double timeout) {
  const int upper = std::min(oneway_protocol(a, Speaker::alice).depth(),
                             oneway_protocol(a, Speaker::bob).depth());
  const Deadline deadline(timeout);
  const SearchResult r = search_exact(a, a.is_constant() ? 0 : 1, upper, deadline);
  Measurement m;
  m.lower = r.lower;
  m.upper = r.protocol.empty() ? upper : r.upper;
  m.seconds = deadline.elapsed();
  m.nodes = r.nodes;
  return m;
}

Measurement measure_in_process(const Instance& instance, double timeout) {
  if (instance.mode == Mode::search_alone) return measure_search_alone(instance.matrix, timeout);
  constexpr Engine engines[] = {Engine::automatic, Engine::search, Engine::sat};
  SolveOptions options;
  options.timeout_seconds = timeout;
  options.engine = engines[static_cast<int>(instance.mode)];
  const SolveResult r = solve({instance.name, instance.matrix}, options);
  Measurement m;
  m.lower = r.lower.value;
  m.upper = r.upper.value;
  m.seconds = r.seconds;
  m.nodes = r.search_nodes;
  m.lower_checked = r.lower.checked;
  if (r.drup) {
    m.proof_solve_seconds = r.drup->solve_seconds;
    m.proof_check_seconds = r.drup->check_seconds;
  }
  return m;
}

// Runs one instance in a child process; the parent reads its result and its peak memory.
Measurement measure(const Instance& instance, double timeout) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    const Measurement m = measure_in_process(instance, timeout);
    [[maybe_unused]] auto written = write(fds[1], &m, sizeof m);
    _exit(0);
  }
  close(fds[1]);
  Measurement m;
  const bool got = read(fds[0], &m, sizeof m) == static_cast<ssize_t>(sizeof m);
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  m.ok = got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  m.peak_kib = usage.ru_maxrss;
  return m;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void print_header() {
  fmt::print("{:<36} {:>5} {:>6} {:>8} {:>9} {:>10} {:>10} {:>11} {:>9}\n", "group", "count",
             "exact", "checked", "searched", "median s", "max s", "check/solve", "peak MiB");
}

void print_group(const std::string& group, const std::vector<Measurement>& ms) {
  std::vector<double> times;
  long peak = 0;
  int exact = 0, checked = 0, searched = 0;
  double proof_solve = 0, proof_check = 0;
  for (const auto& m : ms) {
    times.push_back(m.seconds);
    peak = std::max(peak, m.peak_kib);
    exact += m.ok && m.lower == m.upper;
    checked += m.ok && m.lower_checked;
    searched += m.nodes > 0;
    proof_solve += m.proof_solve_seconds;
    proof_check += m.proof_check_seconds;
  }
  const std::string ratio =
      proof_solve > 0 ? fmt::format("{:.2f}", proof_check / proof_solve) : "-";
  fmt::print("{:<36} {:>5} {:>6} {:>8} {:>9} {:>10.4f} {:>10.4f} {:>11} {:>9.1f}\n", group,
             ms.size(), exact, checked, searched, median(times),
             *std::max_element(times.begin(), times.end()), ratio,
             static_cast<double>(peak) / 1024.0);
  std::fflush(stdout);
}

void write_csv_row(std::ofstream& csv, const Instance& instance, const Measurement& m) {
  csv << fmt::format("{},{},{},{},{},{},{},{},{},{:.6f},{:.6f},{:.6f},{:.1f}\n", instance.group,
                     instance.name, instance.matrix.rows(), instance.matrix.cols(), m.lower,
                     m.upper, m.lower == m.upper, m.lower_checked, m.nodes, m.seconds,
                     m.proof_solve_seconds, m.proof_check_seconds,
                     static_cast<double>(m.peak_kib) / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double timeout = 120;
  std::string csv_path = "bench/results.csv";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") quick = true;
    if (arg == "--timeout" && i + 1 < argc) timeout = std::stod(argv[++i]);
    if (arg == "--csv" && i + 1 < argc) csv_path = argv[++i];
  }
  const auto suite = build_suite(quick);
  std::ofstream csv(csv_path);
  csv << "group,instance,rows,cols,lower,upper,exact,lower_checked,search_nodes,seconds,"
         "proof_solve_s,proof_check_s,peak_mib\n";
  print_header();
  std::vector<Measurement> group;
  for (std::size_t i = 0; i < suite.size(); ++i) {
    const Measurement m = measure(suite[i], timeout);
    write_csv_row(csv, suite[i], m);
    group.push_back(m);
    if (i + 1 == suite.size() || suite[i + 1].group != suite[i].group) {
      print_group(suite[i].group, group);
      group.clear();
    }
  }
  fmt::print("\nwrote {}\n", csv_path);
}
