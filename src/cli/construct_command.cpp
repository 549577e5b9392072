// The construct subcommand: look the construction up in the table of constructions.hpp, build and
// verify it within --timeout (SIGINT/SIGTERM and --memory-limit stop it the same way), print its
// verdict first (verified by a proof or exhaustively; not verified because it was only sampled or
// was stopped; failed) and then its shape. Exit 0 only when verified.
#include "construct_command.hpp"

#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/reductions/constructions.hpp"
#include "cli_support.hpp"

namespace ccbound::cli {
namespace {

using nlohmann::json;
using namespace ccbound::reductions;

struct ConstructArgs {
  std::string task;
  std::string arch;  // empty: the task's preferred construction
  int length = 0;
  std::string precision = "binary32";
  std::uint64_t seed = 1;
  double timeout = 0;  // seconds, 0: none
  bool json_output = false;
  LimitArgs limits;
};

std::string architecture_title(const ConstructionReport& r) {
  if (r.architecture == "rnn") return "an RNN";
  if (r.layers == 0) return "a Transformer";  // stopped before it was built
  return r.layers == 1 ? "a one-layer Transformer"
                       : fmt::format("a {}-layer Transformer", r.layers);
}

// width / log2 N: flat as N grows for the O(log N) constructions.
double width_per_log2(const ConstructionReport& r) {
  return r.length > 1 ? r.width / std::log2(static_cast<double>(r.length)) : 0.0;
}

// The verdict, evidence first: "verified (proof: worst case)", "verified (exhaustive)",
// "NOT VERIFIED (sample: 48 inputs, random+adversarial ...)", "NOT VERIFIED (stopped: ...)" or
// "FAILED (method: what failed)".
std::string verdict(const ConstructionCheck& c) {
  if (c.stopped)
    return fmt::format("NOT VERIFIED (stopped: {}, during {})", stop_cause(), c.method);
  if (!c.passed) return fmt::format("FAILED ({}: {})", c.method, c.detail);
  if (c.evidence == ConstructionEvidence::sample)
    return fmt::format("NOT VERIFIED (sample: {} inputs, {})", c.inputs_checked, c.method);
  if (c.method == evidence_name(c.evidence)) return fmt::format("verified ({})", c.method);
  return fmt::format("verified ({}: {})", evidence_name(c.evidence), c.method);
}

void print_report(const ConstructionReport& r) {
  const ConstructionCheck& c = r.check;
  fmt::print("{} by {} ({}), {}: {}, {:.3f} s\n", r.task + "_" + std::to_string(r.length),
             architecture_title(r), r.architecture, r.format.name(), verdict(c), c.seconds);
  if (r.width == 0) {  // stopped before the model was built
    fmt::print("checked   {}\n", c.detail);
    return;
  }
  if (r.architecture == "rnn") {
    fmt::print("shape     d = {} coordinates of {} bits\n", r.width, r.format.bits());
  } else {
    fmt::print("shape     layers {}, width m = {}, heads {}, H*(m+1) = {}, m/log2 N = {:.2f}\n",
               r.layers, r.width, r.heads, r.size, width_per_log2(r));
  }
  fmt::print("model     {}\n", r.model);
  const bool proof = c.evidence == ConstructionEvidence::proof;
  fmt::print("checked   {} {} ({})\n", c.inputs_checked,
             proof ? "cases bounded exactly, covering every input" : "inputs", c.detail);
  if (c.margin_one != 0 || c.margin_zero != 0)
    fmt::print("margins   {:.6g} on label 1, {:.6g} on label 0\n", c.margin_one, c.margin_zero);
}

// The construction polls a Deadline of --timeout, which a SIGINT/SIGTERM or the soft memory limit
// also expires: the report then says the model was not verified, and the exit status is 1 (130 or
// 143 after a signal, applied by main).
int run_construct(const ConstructArgs& args) {
  if (!(args.timeout >= 0)) throw InputError("--timeout must be >= 0");
  const NumberFormat format = parse_number_format(args.precision);
  const ConstructionKind& kind = find_construction(args.task, args.arch);
  begin_limits(args.limits, true);
  const Deadline deadline(args.timeout);
  const Progress progress;
  progress.update(fmt::format("construct {} {} N = {}", kind.task, kind.arch, args.length));
  const ConstructionReport report =
      construct(kind.task, kind.arch, args.length, format, args.seed, deadline);
  progress.finish();
  if (args.json_output) {
    fmt::print("{}\n", construction_json(report).dump());
  } else {
    print_report(report);
  }
  return report.check.verified() ? kExitOk : kExitFailed;
}

}  // namespace

json construction_json(const ConstructionReport& r) {
  const ConstructionCheck& c = r.check;
  return {{"task", r.task},
          {"length", r.length},
          {"arch", r.architecture},
          {"layers", r.layers},
          {"width", r.width},
          {"heads", r.heads},
          {"size", r.size},
          {"width_per_log2_length", width_per_log2(r)},
          {"precision", r.format.name()},
          {"precision_bits", r.format.bits()},
          {"model", r.model},
          {"verified", c.verified()},
          {"evidence", evidence_name(c.evidence)},
          {"stopped", c.stopped},
          {"method", c.method},
          {"inputs_checked", c.inputs_checked},
          {"margin_one", c.margin_one},
          {"margin_zero", c.margin_zero},
          {"detail", c.detail},
          {"seconds", c.seconds}};
}

void add_construct_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ConstructArgs>();
  CLI::App* cmd = app.add_subcommand(
      "construct",
      "build a small model for a task and verify it at finite precision (exhaustively or by a "
      "proof; sampled checks are reported as not verified)");
  cmd->add_option("task", args->task, "INDEX, EQ, DISJ, DYCK or NN (case-insensitive)")->required();
  cmd->add_option("--length", args->length, "N (DYCK: strings of length 2N)")->required();
  cmd->add_option("--arch", args->arch,
                  "rnn, tf1 or tf2 (default: INDEX tf1, EQ/DISJ/NN tf2, DYCK rnn)");
  cmd->add_option("--precision", args->precision,
                  "binary16, binary32 (default), binary64, or fixed point P, fixed:P, fixed:P:F");
  cmd->add_option("--seed", args->seed, "seed of the position codes and of the sampled inputs");
  cmd->add_option("--timeout", args->timeout,
                  "seconds (0: none); when they run out the model is reported not verified");
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] { *exit_code = run_construct(*args); });
}

}  // namespace ccbound::cli
