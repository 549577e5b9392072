// The reductions benchmark: for each task, architecture and length, the communication value, the
// minimum size it forces, and how fast the extracted protocols are checked against the models.
// Prints one table; exits 1 if any simulation fails.
//
//   ccbound_bench_reduce [--quick]
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ccbound/reductions/reduction.hpp"

using namespace ccbound::reductions;

namespace {

struct Case {
  TaskKind kind;
  Architecture arch;
  int length;
  std::string precision;
};

std::vector<Case> cases(bool quick) {
  std::vector<Case> all;
  const std::vector<int> lengths =
      quick ? std::vector<int>{4, 8} : std::vector<int>{4, 8, 10, 16, 32};
  for (const TaskKind kind : {TaskKind::index, TaskKind::eq, TaskKind::disj, TaskKind::dyck})
    for (const Architecture arch : {Architecture::rnn, Architecture::tf1})
      for (const int n : lengths)
        for (const char* precision : {"fixed:8:4", "binary16"})
          if (n <= max_task_length(kind)) all.push_back({kind, arch, n, precision});
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  fmt::print("{:<9} {:<4} {:>7} {:<10} {:>4} {:<9} {:>8} {:>10} {:<9} {:>12} {:>9} {:>9}\n", "task",
             "arch", "N", "precision", "CC", "CC is", "min size", "of", "verified", "inputs",
             "seconds", "inputs/s");
  bool all_verified = true;
  for (const Case& c : cases(quick)) {
    ReductionOptions options;
    options.arch = c.arch;
    options.format = parse_number_format(c.precision);
    const ReductionReport r = run_reduction(Task(c.kind, c.length), options);
    all_verified = all_verified && r.simulation_passed();
    fmt::print("{:<9} {:<4} {:>7} {:<10} {:>4} {:<9} {:>8} {:>10} {:<9} {:>12} {:>9.3f} {:>9.0f}\n",
               task_name(c.kind), architecture_name(c.arch), c.length, r.format.name(), r.cc.lower,
               evidence_name(r.cc.evidence()), r.bound.min_size, r.bound.quantity,
               !r.simulation_passed()      ? "NO"
               : r.simulation_exhaustive() ? "yes"
                                           : "sample",
               r.inputs_checked(), r.seconds,
               static_cast<double>(r.inputs_checked()) / std::max(r.seconds, 1e-9));
  }
  return all_verified ? 0 : 1;
}
