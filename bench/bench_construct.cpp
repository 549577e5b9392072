// The constructions benchmark: every construction of constructions.hpp at growing N, built and
// checked, with its width, width / log2 N (flat for the O(log N) constructions), its evidence
// (exhaustive or proof: verified; sample: not verified), the method and the seconds taken (build
// and check). For index lookup both position-code families are shown. Prints one table; exits 1 if
// any model fails its check (a sample that passes is reported, unverified, but is no failure).
//
//   ccbound_bench_construct [--quick]
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "ccbound/reductions/constructions.hpp"
#include "ccbound/reductions/index_lookup.hpp"

using namespace ccbound::reductions;

namespace {

struct Case {
  std::string task, arch;
  std::vector<int> lengths;
};

std::vector<Case> cases(bool quick) {
  if (quick)
    return {{"INDEX", "tf1", {16, 1024}}, {"DYCK", "rnn", {6}}, {"EQ", "tf2", {8, 64, 4096}}};
  return {{"INDEX", "tf1", {16, 64, 256, 1024, 4096, 16384, 65536}},
          {"INDEX", "rnn", {16, 64, 4096, 65536}},
          {"EQ", "tf2", {4, 10, 64, 256, 1024, 4096, 16384}},
          {"DISJ", "tf2", {10, 256, 1024, 4096, 16384}},
          {"EQ", "rnn", {10, 64, 4096, 65536}},
          {"DYCK", "rnn", {6, 1024, 65536}},
          {"NN", "tf2", {16, 256, 1024}}};
}

// "yes", "no" (a sample or a stopped check that found nothing wrong) or "FAILED".
std::string verdict(const ConstructionCheck& check) {
  return check.verified() ? "yes" : check.passed ? "no" : "FAILED";
}

void print_row(const ConstructionReport& r, const std::string& family, double seconds) {
  const double per_log = r.length > 1 ? r.width / std::log2(double(r.length)) : 0;
  fmt::print("{:<6} {:<4} {:>7} {:<7} {:>6} {:>6} {:>8.2f} {:<8} {:<10} {:<34} {:>10} {:>8.2f}\n",
             r.task, r.architecture, r.length, family, r.width, r.size, per_log, verdict(r.check),
             evidence_name(r.check.evidence), r.check.method.substr(0, 34), r.check.inputs_checked,
             seconds);
}

// construct() with the wall time of build and check together.
ConstructionReport timed(const std::string& task, const std::string& arch, int n,
                         const NumberFormat& format, CodeFamily family, double& seconds) {
  const auto start = std::chrono::steady_clock::now();
  ConstructionReport r = family == CodeFamily::random
                             ? construct_index_lookup(n, format, 1, CodeFamily::random)
                             : construct(task, arch, n, format, 1);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const NumberFormat format = NumberFormat::binary32();
  fmt::print("{:<6} {:<4} {:>7} {:<7} {:>6} {:>6} {:>8} {:<8} {:<10} {:<34} {:>10} {:>8}\n", "task",
             "arch", "N", "code", "width", "size", "m/log2N", "verified", "evidence", "method",
             "inputs", "seconds");
  bool none_failed = true;
  double seconds = 0;
  for (const Case& c : cases(quick)) {
    for (const int n : c.lengths) {
      const ConstructionReport r = timed(c.task, c.arch, n, format, CodeFamily::linear, seconds);
      none_failed = none_failed && r.check.passed && !r.check.stopped;
      print_row(r, c.task == "INDEX" && c.arch == "tf1" ? "linear" : "-", seconds);
      if (c.task != "INDEX" || c.arch != "tf1" || n > 16384) continue;
      const ConstructionReport random =
          timed(c.task, c.arch, n, format, CodeFamily::random, seconds);
      none_failed = none_failed && random.check.passed && !random.check.stopped;
      print_row(random, "random", seconds);
    }
  }
  return none_failed ? 0 : 1;
}
