// The reduce subcommand: run_reduction() for one task, architecture and format; a report or JSON.
// The communication value and the size bound derived from it say whether they are checked,
// unchecked or cited; the simulation whether it covered every input pair or a seeded sample (only
// the former is "verified").
#include "reduce_command.hpp"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/reductions/reduction.hpp"
#include "cli_support.hpp"
#include "table.hpp"

namespace ccbound::cli {
namespace {

using nlohmann::json;
using namespace ccbound::reductions;

struct ReduceArgs {
  std::string task;
  std::string arch;
  int length = 0;
  std::string precision = "8";
  int width = 0;
  int heads = 0;  // 0: not given
  std::uint64_t seed = 1;
  std::uint64_t samples = std::uint64_t{1} << 16;
  double timeout = 0;
  bool json_output = false;
  LimitArgs limits;
};

constexpr int kMaxWidth = 1024;
constexpr int kMaxHeads = 64;
constexpr std::uint64_t kMaxSamples = std::uint64_t{1} << 24;

ReductionOptions reduction_options(const ReduceArgs& args, Architecture arch) {
  if (args.timeout < 0) throw InputError("--timeout must be >= 0");
  if (args.width < 0 || args.width > kMaxWidth)
    throw InputError(fmt::format("--width must be between 1 and {}", kMaxWidth));
  if (args.heads != 0 && arch != Architecture::tf1)
    throw InputError("--heads applies to --arch tf1 only");
  if (args.heads < 0 || args.heads > kMaxHeads)
    throw InputError(fmt::format("--heads must be between 1 and {}", kMaxHeads));
  if (args.samples < 1 || args.samples > kMaxSamples)
    throw InputError(fmt::format("--samples must be between 1 and {}", kMaxSamples));
  ReductionOptions options;
  options.arch = arch;
  options.format = parse_number_format(args.precision);
  options.timeout_seconds = args.timeout;
  options.width = args.width;
  options.heads = args.heads == 0 ? 1 : args.heads;
  options.seed = args.seed;
  options.check.seed = args.seed;
  options.check.samples = args.samples;
  return options;
}

// The coverage of a simulation check, as in the JSON: every input pair, or a seeded sample.
std::string_view coverage_name(bool exhaustive) {
  return exhaustive ? "exhaustive" : "sample";
}

std::string inputs_text(const ExtractionCheck& check) {
  return fmt::format("{} ({})", check.inputs_checked, check.exhaustive ? "all" : "seeded sample");
}

std::string yes_no(bool ok) {
  return ok ? "yes" : "NO";
}

void print_models(const ReductionReport& r) {
  Table table(
      {"model", "size", "protocol = model", "model = task", ">inputs checked", "message bits"});
  for (const ModelCheck& m : r.models) {
    const ExtractionCheck& c = m.check;
    table.add_row({m.model, m.size, yes_no(c.protocol_mismatches == 0 && c.size_mismatches == 0),
                   m.construction ? yes_no(c.task_mismatches == 0) : "-", inputs_text(c),
                   fmt::format("{} = {}", c.size.total(), c.size.formula)});
  }
  fmt::print("{}", table.render());
}

void print_machines(const ReductionReport& r) {
  if (!r.dfa) {
    fmt::print("machines       minimal DFA not built (its trie would be too large)\n");
    return;
  }
  const int t = r.split_level;
  fmt::print(
      "machines       minimal DFA of the language: {} states in all, {} live after Alice's "
      "{} tokens{}\n",
      r.dfa->states, r.dfa->states_at(t), t,
      r.dfa->dead_at_level.at(t) ? " (and the dead state)" : "");
}

// The simulation's verdict: verified on every input pair, passed on a seeded sample only, or
// failed.
void print_simulation(const ReductionReport& r) {
  if (!r.simulation_passed())
    fmt::print("simulation FAILED: {} inputs checked\n", r.inputs_checked());
  else if (r.simulation_exhaustive())
    fmt::print("simulation verified: {} inputs checked\n", r.inputs_checked());
  else
    fmt::print(
        "simulation sample: {} seeded input pairs agreed, not every pair (evidence, not a "
        "verification)\n",
        r.inputs_checked());
}

void print_report(const ReductionReport& r) {
  fmt::print("{}, {}, {} (sequence length {}): {:.3f} s\n", r.task.name(),
             architecture_name(r.arch), r.format.name(), r.task.sequence_length(), r.seconds);
  fmt::print("communication  {} = {} bits, {} ({})\n", r.cc.measure, r.cc.text(),
             evidence_name(r.cc.evidence()), r.cc.source);
  if (!stop_label().empty() && !r.cc.exact())
    fmt::print("{}: interval {} proved so far\n", stop_label(), r.cc.text());
  fmt::print("bound          {}, {} (as the CC's lower end it is derived from)\n", r.bound.formula,
             evidence_name(r.cc.bound_evidence()));
  if (r.arch == Architecture::rnn) print_machines(r);
  print_models(r);
  print_simulation(r);
}

json model_json(const ModelCheck& m) {
  const ExtractionCheck& c = m.check;
  json j = {{"model", m.model},
            {"size", m.size},
            {"size_value", m.size_value},
            {"construction", m.construction},
            {"inputs_checked", c.inputs_checked},
            {"exhaustive", c.exhaustive},
            {"protocol_mismatches", c.protocol_mismatches},
            {"size_mismatches", c.size_mismatches},
            {"task_mismatches", c.task_mismatches},
            {"message_bits", c.size.total()},
            {"message_formula", c.size.formula},
            {"passed", c.passed()},
            {"verified", c.passed() && c.exhaustive}};
  if (c.first_failure) j["first_failure"] = {c.first_failure->first, c.first_failure->second};
  return j;
}

json machines_json(const ReductionReport& r) {
  if (!r.dfa) return nullptr;
  return {{"states", r.dfa->states},
          {"trie_nodes", r.dfa->trie_nodes},
          {"split_level", r.split_level},
          {"live_at_split", r.dfa->states_at(r.split_level)},
          {"dead_at_split", static_cast<bool>(r.dfa->dead_at_level.at(r.split_level))}};
}

// The message of a model of the minimum size: what the bound says cannot go below CC.
std::uint64_t message_bits_at_min_size(const ReductionReport& r) {
  const auto unit = static_cast<std::uint64_t>(r.bound.unit_bits);
  return static_cast<std::uint64_t>(r.bound.min_size) * unit +
         static_cast<std::uint64_t>(r.bound.other_bits);
}

json report_json(const ReductionReport& r) {
  json models = json::array();
  for (const ModelCheck& m : r.models) models.push_back(model_json(m));
  return {{"task", std::string(task_name(r.task.kind()))},
          {"arch", std::string(architecture_name(r.arch))},
          {"length", r.task.length()},
          {"sequence_length", r.task.sequence_length()},
          {"precision", r.format.name()},
          {"precision_bits", r.format.bits()},
          {"cc", r.cc.exact() ? json(r.cc.lower) : json(nullptr)},
          {"cc_lower", r.cc.lower},
          {"cc_upper", r.cc.upper},
          {"cc_measure", r.cc.measure},
          {"cc_source", r.cc.source},
          {"cc_evidence", evidence_name(r.cc.evidence())},
          {"cc_lower_evidence", evidence_name(r.cc.lower_evidence)},
          {"cc_upper_evidence", evidence_name(r.cc.upper_evidence)},
          {"min_size", r.bound.min_size},
          {"min_size_evidence", evidence_name(r.cc.bound_evidence())},
          {"min_size_of", r.bound.quantity},
          {"bound", r.bound.formula},
          {"unit_bits", r.bound.unit_bits},
          {"message_bits", message_bits_at_min_size(r)},
          {"machines", machines_json(r)},
          {"models", models},
          {"simulation_passed", r.simulation_passed()},
          {"simulation_coverage", coverage_name(r.simulation_exhaustive())},
          {"simulation_verified", r.simulation_verified()},
          {"inputs_checked", r.inputs_checked()},
          {"seconds", r.seconds}};
}

// The report, marked "interrupted" or "memory_limit" when the run was stopped early.
json stopped_json(json report) {
  if (stop_reason() == StopReason::memory) report["memory_limit"] = true;
  if (stop_reason() == StopReason::interrupt || stop_reason() == StopReason::terminate)
    report["interrupted"] = true;
  return report;
}

int run_reduce(const ReduceArgs& args) {
  begin_limits(args.limits, true);
  const TaskKind kind = parse_task(args.task);
  const Architecture arch = parse_architecture(args.arch);
  const Task task(kind, args.length);
  const ReductionOptions options = reduction_options(args, arch);
  const Progress progress;
  progress.update(fmt::format("reduce {} {}", task.name(), architecture_name(arch)));
  const ReductionReport report = run_reduction(task, options);
  progress.finish();
  if (args.json_output) {
    fmt::print("{}\n", stopped_json(report_json(report)).dump());
  } else {
    print_report(report);
  }
  return report.simulation_passed() ? kExitOk : kExitFailed;
}

}  // namespace

void add_reduce_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReduceArgs>();
  CLI::App* cmd = app.add_subcommand(
      "reduce", "the model size a task forces through communication, checked on real models");
  cmd->add_option("task", args->task, "INDEX, EQ, DISJ or DYCK (case-insensitive)")->required();
  cmd->add_option("--arch", args->arch,
                  "rnn (split prefix | suffix) or tf1 (one-layer Transformer)")
      ->required();
  cmd->add_option("--length", args->length, "N: INDEX/EQ/DISJ up to 63, DYCK (N pairs) up to 31")
      ->required();
  cmd->add_option("--precision", args->precision,
                  "P (fixed point, P bits, P/2 fractional), fixed:P, fixed:P:F, binary16, "
                  "binary32, binary64 (default 8)");
  cmd->add_option("--width", args->width,
                  "random model: d (rnn) or m (tf1); default from the bound");
  cmd->add_option("--heads", args->heads, "random tf1 model: heads (default 1)");
  cmd->add_option("--seed", args->seed, "seed of the random model and of the sampled inputs");
  cmd->add_option("--samples", args->samples,
                  "inputs to sample when there are more than 2^20 pairs (default 65536)");
  cmd->add_option("--timeout", args->timeout, "seconds for computing D (tf1); then an interval");
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] { *exit_code = run_reduce(*args); });
}

}  // namespace ccbound::cli
