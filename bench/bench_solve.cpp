// Solve-time benchmark on a fixed seeded suite.
//
// Each instance runs in a forked child so that its peak memory (ru_maxrss from wait4) is its own;
// the child reports D, the interval, the search effort and its time through a pipe. The suite:
// families at n = 3..5 and 8, random r x c matrices for 8 <= r, c <= 16 at densities 0.3/0.5/0.7,
// and for the engine alone, the search started from the trivial interval [1, one-way] with no
// global rank bound.
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

#include "ccbound/families.hpp"
#include "ccbound/oneway.hpp"
#include "ccbound/rank.hpp"
#include "ccbound/search.hpp"
#include "ccbound/solve.hpp"

using namespace ccbound;

namespace {

struct Instance {
  std::string group;  // instances in one group are summarised together
  std::string name;
  Matrix matrix;
  bool search_only = false;
};

struct Measurement {
  int lower = 0, upper = 0;
  double seconds = 0;
  unsigned long long nodes = 0;
  long peak_kib = 0;
  bool ok = false;
};

Matrix random_matrix(std::size_t rows, std::size_t cols, double density, std::mt19937_64& rng) {
  std::bernoulli_distribution bit(density);
  Matrix m(rows, cols);
  for (std::size_t x = 0; x < rows; ++x)
    for (std::size_t y = 0; y < cols; ++y) m.set(x, y, bit(rng));
  return m;
}

void add_families(std::vector<Instance>& suite) {
  for (int n : {3, 4, 5, 8})
    for (Family f : {Family::eq, Family::disj, Family::ip, Family::gt, Family::index}) {
      const std::string name = fmt::format("{}:{}", family_name(f), n);
      suite.push_back({fmt::format("families n={}", n), name, family_matrix(f, n)});
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

// Random matrices kept only where the search has to decide: the hard part of the engine.
void add_gap_instances(std::vector<Instance>& suite, std::size_t rows, std::size_t cols,
                       double density, int count) {
  std::mt19937_64 rng(rows * 7919 + cols * 104729 + static_cast<std::uint64_t>(density * 100));
  const std::string group = fmt::format("gap: random {}x{} d={:.1f}", rows, cols, density);
  for (int found = 0, tries = 0; found < count && tries < 100000; ++tries) {
    Matrix m = random_matrix(rows, cols, density, rng);
    if (!bounds_leave_gap(m)) continue;
    suite.push_back({group, fmt::format("{}#{}", group, found++), std::move(m), false});
  }
}

void add_random(std::vector<Instance>& suite, std::size_t rows, std::size_t cols, double density,
                int count, bool search_only) {
  std::mt19937_64 rng(rows * 1000003 + cols * 1009 + static_cast<std::uint64_t>(density * 100));
  for (int i = 0; i < count; ++i) {
    const std::string group = fmt::format("{}random {}x{} d={:.1f}",
                                          search_only ? "search alone: " : "", rows, cols, density);
    suite.push_back({group, fmt::format("{}#{}", group, i), random_matrix(rows, cols, density, rng),
                     search_only});
  }
}

std::vector<Instance> build_suite(bool quick) {
  std::vector<Instance> suite;
  add_families(suite);
  const int count = quick ? 5 : 21;
  for (std::size_t side : {8, 10, 12, 14, 16})
    for (double d : {0.3, 0.5, 0.7}) add_random(suite, side, side, d, count, false);
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{8, 16}, {16, 8}, {12, 9}, {9, 13}})
    for (double d : {0.3, 0.5, 0.7}) add_random(suite, r, c, d, count, false);
  for (std::size_t side : {8, 10, 12}) add_random(suite, side, side, 0.5, count, true);
  add_gap_instances(suite, 9, 9, 0.5, count);
  add_gap_instances(suite, 12, 9, 0.5, count);
  add_gap_instances(suite, 17, 17, 0.2, count);
  add_gap_instances(suite, 17, 17, 0.3, count);
  return suite;
}

Measurement measure_in_process(const Instance& instance, double timeout) {
  Measurement m;
  if (instance.search_only) {
    const Matrix& a = instance.matrix;
    const int upper = std::min(oneway_protocol(a, Speaker::alice).depth(),
                               oneway_protocol(a, Speaker::bob).depth());
    const Deadline deadline(timeout);
    const SearchResult r = search_exact(a, a.is_constant() ? 0 : 1, upper, deadline);
    m = {r.lower, r.protocol.empty() ? upper : r.upper, deadline.elapsed(), r.nodes, 0, true};
  } else {
    SolveOptions options;
    options.timeout_seconds = timeout;
    const SolveResult r = solve({instance.name, instance.matrix}, options);
    m = {r.lower.value, r.upper.value, r.seconds, r.search_nodes, 0, true};
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

void print_group(const std::string& group, const std::vector<Measurement>& ms, std::FILE* out) {
  std::vector<double> times;
  long peak = 0;
  int exact = 0, searched = 0;
  std::string values;
  for (const auto& m : ms) {
    times.push_back(m.seconds);
    peak = std::max(peak, m.peak_kib);
    exact += m.ok && m.lower == m.upper;
    searched += m.nodes > 0;
  }
  fmt::print(out, "{:<34} {:>5} {:>6} {:>9} {:>10.4f} {:>10.4f} {:>9.1f}\n", group, ms.size(),
             exact, searched, median(times), *std::max_element(times.begin(), times.end()),
             static_cast<double>(peak) / 1024.0);
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
  csv << "group,instance,rows,cols,lower,upper,exact,search_nodes,seconds,peak_mib\n";
  fmt::print("{:<34} {:>5} {:>6} {:>9} {:>10} {:>10} {:>9}\n", "group", "count", "exact",
             "searched", "median s", "max s", "peak MiB");
  std::vector<Measurement> group;
  for (std::size_t i = 0; i < suite.size(); ++i) {
    const Instance& instance = suite[i];
    const Measurement m = measure(instance, timeout);
    csv << fmt::format("{},{},{},{},{},{},{},{},{:.6f},{:.1f}\n", instance.group, instance.name,
                       instance.matrix.rows(), instance.matrix.cols(), m.lower, m.upper,
                       m.lower == m.upper, m.nodes, m.seconds,
                       static_cast<double>(m.peak_kib) / 1024.0);
    group.push_back(m);
    if (i + 1 == suite.size() || suite[i + 1].group != instance.group) {
      print_group(instance.group, group, stdout);
      std::fflush(stdout);
      group.clear();
    }
  }
  fmt::print("\nwrote {}\n", csv_path);
}
