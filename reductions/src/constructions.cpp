// The construction table: one row per (task, architecture) ccbound builds, the lookup the CLI
// uses, and what every construction shares about deadlines (the report of a stopped build, the
// cause of a stop). Adding a construction means adding a row here.
#include "ccbound/reductions/constructions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <utility>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/dyck_rnn.hpp"
#include "ccbound/reductions/equality_transformer.hpp"
#include "ccbound/reductions/index_lookup.hpp"
#include "ccbound/reductions/nearest_neighbour.hpp"
#include "ccbound/reductions/register_rnn.hpp"

namespace ccbound::reductions {

namespace {

ConstructionReport index_rnn(int n, const NumberFormat& format, std::uint64_t seed,
                             const Deadline& deadline) {
  return construct_register_rnn(TaskKind::index, n, format, seed, deadline);
}
ConstructionReport index_tf1(int n, const NumberFormat& format, std::uint64_t seed,
                             const Deadline& deadline) {
  return construct_index_lookup(n, format, seed, CodeFamily::linear, deadline);
}
ConstructionReport eq_rnn(int n, const NumberFormat& format, std::uint64_t seed,
                          const Deadline& deadline) {
  return construct_register_rnn(TaskKind::eq, n, format, seed, deadline);
}
ConstructionReport eq_tf2(int n, const NumberFormat& format, std::uint64_t seed,
                          const Deadline& deadline) {
  return construct_equality_transformer(TaskKind::eq, n, format, seed, deadline);
}
ConstructionReport disj_rnn(int n, const NumberFormat& format, std::uint64_t seed,
                            const Deadline& deadline) {
  return construct_register_rnn(TaskKind::disj, n, format, seed, deadline);
}
ConstructionReport disj_tf2(int n, const NumberFormat& format, std::uint64_t seed,
                            const Deadline& deadline) {
  return construct_equality_transformer(TaskKind::disj, n, format, seed, deadline);
}

//  task     arch   preferred  help
constexpr std::array kKinds = {
    ConstructionKind{"INDEX", "tf1", true, "one-layer Transformer, width 2k+1 from a position code",
                     index_tf1},
    ConstructionKind{"INDEX", "rnn", false, "shift register, about N/p coordinates", index_rnn},
    ConstructionKind{"EQ", "tf2", true, "two-layer Transformer of width O(log N)", eq_tf2},
    ConstructionKind{"EQ", "rnn", false, "register RNN, about N/p coordinates", eq_rnn},
    ConstructionKind{"DISJ", "tf2", true, "two-layer Transformer of width O(log N)", disj_tf2},
    ConstructionKind{"DISJ", "rnn", false, "register RNN, about N/p coordinates", disj_rnn},
    ConstructionKind{"DYCK", "rnn", true, "constant-size RNN for bounded Dyck-(2,2)",
                     construct_dyck_rnn},
    ConstructionKind{"NN", "tf2", true, "two-layer Transformer under a margin assumption",
                     construct_nearest_neighbour},
};

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) ==
           std::toupper(static_cast<unsigned char>(y));
  });
}

std::string names_for(std::string_view task) {
  std::string names;
  for (const ConstructionKind& kind : kKinds) {
    if (!task.empty() && kind.task != task) continue;
    const std::string_view name = task.empty() ? kind.task : kind.arch;
    if (names.find(name) != std::string::npos) continue;
    names += names.empty() ? "" : ", ";
    names += name;
  }
  return names;
}

}  // namespace

std::string_view evidence_name(ConstructionEvidence evidence) {
  switch (evidence) {
    case ConstructionEvidence::exhaustive:
      return "exhaustive";
    case ConstructionEvidence::proof:
      return "proof";
    case ConstructionEvidence::sample:
      return "sample";
  }
  return "?";
}

std::string stop_cause() {
  const StopReason reason = stop_reason();
  return reason == StopReason::none ? "time limit" : stop_reason_label(reason);
}

ConstructionCheck stopped_check(std::string method, ConstructionEvidence evidence, double seconds,
                                const std::string& progress) {
  ConstructionCheck check;
  check.passed = true;
  check.stopped = true;
  check.method = std::move(method);
  check.evidence = evidence;
  check.seconds = seconds;
  check.detail = fmt::format("stopped ({}) after {:.2f} s{}{}", stop_cause(), seconds,
                             progress.empty() ? "" : ", ", progress);
  return check;
}

ConstructionReport ConstructionKind::build(int n, const NumberFormat& format, std::uint64_t seed,
                                           const Deadline& deadline) const {
  try {
    return run(n, format, seed, deadline);
  } catch (const TimeoutExpired&) {
    ConstructionReport report;
    report.task = std::string(task);
    report.length = n;
    report.architecture = std::string(arch);
    report.format = format;
    report.model = "not built";
    report.check = stopped_check("build", ConstructionEvidence::sample, deadline.elapsed(),
                                 "while the model was being built");
    return report;
  }
}

std::span<const ConstructionKind> construction_kinds() {
  return kKinds;
}

const ConstructionKind& find_construction(std::string_view task, std::string_view arch) {
  const auto for_task = [&](const ConstructionKind& k) { return same_name(k.task, task); };
  const auto of_task = std::ranges::find_if(kKinds, for_task);
  if (of_task == kKinds.end())
    throw InputError(
        fmt::format("unknown task '{}' (constructions exist for {})", task, names_for("")));
  for (const ConstructionKind& kind : kKinds)
    if (for_task(kind) && (arch.empty() ? kind.preferred : same_name(kind.arch, arch))) return kind;
  throw InputError(fmt::format("no {} construction for {} (built: {})", arch, of_task->task,
                               names_for(of_task->task)));
}

ConstructionReport construct(std::string_view task, std::string_view arch, int n,
                             const NumberFormat& format, std::uint64_t seed,
                             const Deadline& deadline) {
  const ConstructionKind& kind = find_construction(task, arch);
  const auto start = std::chrono::steady_clock::now();
  ConstructionReport report = kind.build(n, format, seed, deadline);
  if (report.check.seconds == 0)
    report.check.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace ccbound::reductions
