// The constructions benchmark: every construction of constructions.hpp at growing N, built and
// verified, with its width, width / log2 N (flat for the O(log N) constructions), how it was
// verified and the seconds taken. For index lookup both position-code families are shown.
// Prints one table; exits 1 if any model fails its check.
//
//   ccbound_bench_construct [--quick]
#include <fmt/format.h>

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
  if (quick) return {{"INDEX", "tf1", {16, 1024}}, {"DYCK", "rnn", {6}}, {"EQ", "tf2", {8, 64}}};
  return {{"INDEX", "tf1", {16, 64, 256, 1024, 4096, 16384, 65536}},
          {"INDEX", "rnn", {64, 4096, 65536}},
          {"EQ", "tf2", {4, 10, 64, 256, 1024, 4096}},
          {"DISJ", "tf2", {10, 256, 1024}},
          {"EQ", "rnn", {64, 4096, 65536}},
          {"DYCK", "rnn", {6, 1024}},
          {"NN", "tf2", {16, 256, 1024}}};
}

void print_row(const ConstructionReport& r, const std::string& family) {
  const double per_log = r.length > 1 ? r.width / std::log2(double(r.length)) : 0;
  fmt::print("{:<6} {:<4} {:>7} {:<7} {:>6} {:>6} {:>8.2f} {:<9} {:<34} {:>10} {:>8.2f}\n", r.task,
             r.architecture, r.length, family, r.width, r.size, per_log,
             r.check.verified() ? "yes" : "NO", r.check.method, r.check.inputs_checked,
             r.check.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const NumberFormat format = NumberFormat::binary32();
  fmt::print("{:<6} {:<4} {:>7} {:<7} {:>6} {:>6} {:>8} {:<9} {:<34} {:>10} {:>8}\n", "task",
             "arch", "N", "code", "width", "size", "m/log2N", "verified", "method", "inputs",
             "seconds");
  bool all_verified = true;
  for (const Case& c : cases(quick)) {
    for (const int n : c.lengths) {
      const ConstructionReport r = construct(c.task, c.arch, n, format, 1);
      all_verified = all_verified && r.check.verified();
      print_row(r, c.task == "INDEX" && c.arch == "tf1" ? "linear" : "-");
      if (c.task != "INDEX" || c.arch != "tf1" || n > 16384) continue;
      const ConstructionReport random = construct_index_lookup(n, format, 1, CodeFamily::random);
      all_verified = all_verified && random.check.verified();
      print_row(random, "random");
    }
  }
  return all_verified ? 0 : 1;
}
