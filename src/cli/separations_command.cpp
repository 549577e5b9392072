// The separations subcommand: separation_table() printed as a table, JSON, CSV, or a gnuplot SVG.
#include "separations_command.hpp"

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/core/file_io.hpp"
#include "ccbound/reductions/separation.hpp"
#include "cli_support.hpp"
#include "construct_command.hpp"
#include "separation_plot.hpp"
#include "table.hpp"

namespace ccbound::cli {
namespace {

using nlohmann::json;
using namespace ccbound::reductions;

struct SeparationsArgs {
  int max_length = 256;
  std::string precision = "binary32";
  std::uint64_t seed = 1;
  double timeout = 30;
  bool json_output = false;
  std::string csv_path;
  std::string plot_path;
  LimitArgs limits;
};

std::string cc_text(const SplitComplexity& cc) {
  const std::string value =
      cc.exact() ? fmt::format("{}", cc.lower) : fmt::format("{}..{}", cc.lower, cc.upper);
  return value + (cc.computed ? "" : "*");
}

std::string built_text(const BuiltModel& built) {
  if (!built.report) return "-";
  const ConstructionReport& r = *built.report;
  const std::string verdict = r.check.verified() ? "" : " FAILED";
  if (r.architecture == "rnn") return fmt::format("{}{}", r.width, verdict);
  return fmt::format("{} ({}L, m={}, H={}){}", r.size, r.layers, r.width, r.heads, verdict);
}

void print_table(const std::vector<SeparationRow>& rows, const NumberFormat& format) {
  Table table({"task", ">N", ">RNN CC", ">RNN d >=", ">RNN built d", ">tf1 D",
               ">tf1 H(m+1) >=", "Transformer built H(m+1)"});
  for (const SeparationRow& r : rows)
    table.add_row({std::string(task_name(r.kind)), std::to_string(r.length), cc_text(r.rnn_cc),
                   std::to_string(r.rnn_bound.min_size), built_text(r.rnn_built), cc_text(r.tf1_cc),
                   std::to_string(r.tf1_bound.min_size), built_text(r.transformer_built)});
  fmt::print("Separations at {} (p = {} bits per value)\n{}", format.name(), format.bits(),
             table.render());
  fmt::print(
      "CC: one-way Alice -> Bob for the RNN split, D for the one-layer split; * = closed form "
      "(computed with checked certificates where the split matrix fits).\n"
      "Every built model was verified by simulation: {}\n",
      all_verified(rows) ? "yes" : "NO");
  if (!stop_label().empty())
    fmt::print("{}: the CC columns are the intervals proved so far\n", stop_label());
}

json built_json(const BuiltModel& built) {
  if (!built.report) return {{"missing", built.missing}};
  return construction_json(*built.report);
}

json cc_json(const SplitComplexity& cc) {
  return {
      {"lower", cc.lower}, {"upper", cc.upper}, {"computed", cc.computed}, {"source", cc.source}};
}

json row_json(const SeparationRow& r) {
  return {{"task", std::string(task_name(r.kind))},
          {"length", r.length},
          {"rnn_cc", cc_json(r.rnn_cc)},
          {"rnn_min_size", r.rnn_bound.min_size},
          {"rnn_bound", r.rnn_bound.formula},
          {"rnn_built", built_json(r.rnn_built)},
          {"tf1_cc", cc_json(r.tf1_cc)},
          {"tf1_min_size", r.tf1_bound.min_size},
          {"tf1_bound", r.tf1_bound.formula},
          {"transformer_built", built_json(r.transformer_built)}};
}

std::string csv_cell(const BuiltModel& built, bool size) {
  if (!built.report) return "";
  return std::to_string(size ? built.report->size : built.report->layers);
}

std::string csv(const std::vector<SeparationRow>& rows, const NumberFormat& format) {
  std::string text =
      "task,length,precision,rnn_cc,rnn_min_d,rnn_built_d,tf1_cc,tf1_min_size,transformer_built_"
      "size,transformer_built_layers,verified\n";
  for (const SeparationRow& r : rows)
    text += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", task_name(r.kind), r.length,
                        format.name(), r.rnn_cc.lower, r.rnn_bound.min_size,
                        csv_cell(r.rnn_built, true), r.tf1_cc.lower, r.tf1_bound.min_size,
                        csv_cell(r.transformer_built, true), csv_cell(r.transformer_built, false),
                        all_verified({r}) ? 1 : 0);
  return text;
}

int run_separations(const SeparationsArgs& args) {
  if (args.timeout < 0) throw InputError("--timeout must be >= 0");
  begin_limits(args.limits, true);
  SeparationOptions options;
  options.max_length = args.max_length;
  options.format = parse_number_format(args.precision);
  options.seed = args.seed;
  options.timeout_seconds = args.timeout;
  separation_lengths(options.max_length);  // reject bad options before any work
  check_output_target(args.csv_path);
  if (!args.plot_path.empty()) check_plot_target(args.plot_path);
  const Progress progress;
  options.progress = [&progress](const std::string& message) { progress.update(message); };
  const std::vector<SeparationRow> rows = separation_table(options);
  progress.finish();
  if (!args.csv_path.empty()) write_file_atomically(args.csv_path, csv(rows, options.format));
  if (!args.plot_path.empty()) plot_separations(rows, args.plot_path);
  if (args.json_output) {
    json list = json::array();
    for (const SeparationRow& r : rows) list.push_back(row_json(r));
    json out{
        {"precision", options.format.name()}, {"rows", list}, {"verified", all_verified(rows)}};
    if (stop_reason() == StopReason::memory) out["memory_limit"] = true;
    if (stop_reason() == StopReason::interrupt || stop_reason() == StopReason::terminate)
      out["interrupted"] = true;
    fmt::print("{}\n", out.dump());
  } else {
    print_table(rows, options.format);
  }
  return all_verified(rows) ? kExitOk : kExitFailed;
}

}  // namespace

void add_separations_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SeparationsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "separations", "lower bounds against verified constructions, per task and length");
  cmd->add_option("--max-length", args->max_length,
                  "largest N (powers of two from 4; default 256, at most 65536)");
  cmd->add_option("--precision", args->precision, "number format (default binary32)");
  cmd->add_option("--seed", args->seed, "seed of the constructions and their sampled inputs");
  cmd->add_option("--timeout", args->timeout, "seconds per computed D; then an interval");
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  add_limit_options(*cmd, args->limits);
  cmd->add_option("--csv", args->csv_path, "also write the table as CSV");
  cmd->add_option("--plot", args->plot_path, "also draw size against N (SVG, needs gnuplot)");
  cmd->callback([args, exit_code] { *exit_code = run_separations(*args); });
}

}  // namespace ccbound::cli
