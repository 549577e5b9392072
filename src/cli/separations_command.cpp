// The separations subcommand: separation_table() printed as a table, JSON, CSV, or a gnuplot SVG.
// Every number says how it was established: a communication value and the size bound derived from
// it are checked, unchecked or cited (a marker and a legend in the table, *_evidence fields in the
// JSON and the CSV), a built model exhaustive, proof or sample (a sample is not verified).
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

// A number with the marker of its evidence (evidence_marker: "" when checked).
std::string marked(const std::string& value, ValueEvidence evidence) {
  return value + std::string(evidence_marker(evidence));
}

std::string cc_text(const SplitComplexity& cc) {
  return marked(cc.text(), cc.evidence());
}

std::string bound_text(const SizeBound& bound, const SplitComplexity& cc) {
  return marked(std::to_string(bound.min_size), cc.bound_evidence());
}

std::string built_text(const BuiltModel& built) {
  if (!built.report) return "-";
  const ConstructionReport& r = *built.report;
  const std::string evidence =
      built.report->check.passed ? std::string(built.evidence()) : std::string("FAILED");
  if (r.architecture == "rnn") return fmt::format("{} [{}]", r.width, evidence);
  return fmt::format("{} ({}L, m={}, H={}) [{}]", r.size, r.layers, r.width, r.heads, evidence);
}

// Built models by outcome: verified (exhaustive or proof), passed on samples only, failed.
struct BuiltTally {
  int verified = 0, sample = 0, failed = 0;
};

BuiltTally built_tally(const std::vector<SeparationRow>& rows) {
  BuiltTally t;
  for (const SeparationRow& row : rows)
    for (const BuiltModel* built : {&row.rnn_built, &row.transformer_built}) {
      if (!built->report) continue;
      if (built->verified())
        ++t.verified;
      else if (built->report->check.passed)
        ++t.sample;
      else
        ++t.failed;
    }
  return t;
}

void print_legend(const std::vector<SeparationRow>& rows) {
  fmt::print("CC: one-way Alice -> Bob for the RNN split, D for the one-layer split.\n");
  for (const ValueEvidence e :
       {ValueEvidence::checked, ValueEvidence::unchecked, ValueEvidence::cited}) {
    const std::string_view marker = evidence_marker(e);
    fmt::print("  {:<4} {}: {}\n", marker.empty() ? "none" : marker, evidence_name(e),
               evidence_meaning(e));
  }
  fmt::print(
      "A size bound (d >=, H(m+1) >=) carries the mark of the CC it is derived from.\n"
      "Built models: [exhaustive] every input run; [proof] a worst-case argument covering every "
      "input; [sample] seeded inputs only, not verified; [FAILED] a wrong output found.\n");
  const BuiltTally t = built_tally(rows);
  fmt::print(
      "Every built model verified (exhaustive or proof): {} ({} verified, {} sample, {} failed)\n",
      all_verified(rows) ? "yes" : "NO", t.verified, t.sample, t.failed);
}

void print_table(const std::vector<SeparationRow>& rows, const NumberFormat& format) {
  Table table({"task", ">N", ">RNN CC", ">RNN d >=", ">RNN built d", ">tf1 D",
               ">tf1 H(m+1) >=", "Transformer built H(m+1)"});
  for (const SeparationRow& r : rows)
    table.add_row({std::string(task_name(r.kind)), std::to_string(r.length), cc_text(r.rnn_cc),
                   bound_text(r.rnn_bound, r.rnn_cc), built_text(r.rnn_built), cc_text(r.tf1_cc),
                   bound_text(r.tf1_bound, r.tf1_cc), built_text(r.transformer_built)});
  fmt::print("Separations at {} (p = {} bits per value)\n{}", format.name(), format.bits(),
             table.render());
  print_legend(rows);
  if (!stop_label().empty())
    fmt::print("{}: the CC columns are the intervals proved so far\n", stop_label());
}

json built_json(const BuiltModel& built) {
  if (!built.report) return {{"missing", built.missing}};
  return construction_json(*built.report);
}

json cc_json(const SplitComplexity& cc) {
  return {{"lower", cc.lower},
          {"upper", cc.upper},
          {"lower_evidence", evidence_name(cc.lower_evidence)},
          {"upper_evidence", evidence_name(cc.upper_evidence)},
          {"source", cc.source}};
}

// The model's evidence (BuiltModel::evidence), null when there is none.
json built_evidence_json(const BuiltModel& built) {
  return built.report ? json(built.evidence()) : json(nullptr);
}

json row_json(const SeparationRow& r) {
  return {{"task", std::string(task_name(r.kind))},
          {"length", r.length},
          {"rnn_cc", cc_json(r.rnn_cc)},
          {"rnn_cc_evidence", evidence_name(r.rnn_cc.evidence())},
          {"rnn_min_size", r.rnn_bound.min_size},
          {"rnn_min_size_evidence", evidence_name(r.rnn_cc.bound_evidence())},
          {"rnn_bound", r.rnn_bound.formula},
          {"rnn_built", built_json(r.rnn_built)},
          {"rnn_built_evidence", built_evidence_json(r.rnn_built)},
          {"tf1_cc", cc_json(r.tf1_cc)},
          {"tf1_cc_evidence", evidence_name(r.tf1_cc.evidence())},
          {"tf1_min_size", r.tf1_bound.min_size},
          {"tf1_min_size_evidence", evidence_name(r.tf1_cc.bound_evidence())},
          {"tf1_bound", r.tf1_bound.formula},
          {"transformer_built", built_json(r.transformer_built)},
          {"transformer_built_evidence", built_evidence_json(r.transformer_built)}};
}

// The CSV's columns, in order: a name and the cell of a row at the table's format.
using Row = SeparationRow;
using Format = NumberFormat;
struct CsvColumn {
  const char* name;
  std::string (*cell)(const Row&, const Format&);
};

std::string built_cell(const BuiltModel& built, int ConstructionReport::*field) {
  return built.report ? std::to_string((*built.report).*field) : "";
}

std::string name_of(ValueEvidence evidence) {
  return std::string(evidence_name(evidence));
}

constexpr CsvColumn kCsvColumns[] = {
    {"task", [](const Row& r, const Format&) { return std::string(task_name(r.kind)); }},
    {"length", [](const Row& r, const Format&) { return std::to_string(r.length); }},
    {"precision", [](const Row&, const Format& f) { return f.name(); }},
    {"rnn_cc", [](const Row& r, const Format&) { return std::to_string(r.rnn_cc.lower); }},
    {"rnn_cc_upper", [](const Row& r, const Format&) { return std::to_string(r.rnn_cc.upper); }},
    {"rnn_cc_evidence", [](const Row& r, const Format&) { return name_of(r.rnn_cc.evidence()); }},
    {"rnn_min_d", [](const Row& r, const Format&) { return std::to_string(r.rnn_bound.min_size); }},
    {"rnn_min_d_evidence",
     [](const Row& r, const Format&) { return name_of(r.rnn_cc.bound_evidence()); }},
    {"rnn_built_d",
     [](const Row& r, const Format&) {
       return built_cell(r.rnn_built, &ConstructionReport::size);
     }},
    {"rnn_built_evidence",
     [](const Row& r, const Format&) { return std::string(r.rnn_built.evidence()); }},
    {"tf1_cc", [](const Row& r, const Format&) { return std::to_string(r.tf1_cc.lower); }},
    {"tf1_cc_upper", [](const Row& r, const Format&) { return std::to_string(r.tf1_cc.upper); }},
    {"tf1_cc_evidence", [](const Row& r, const Format&) { return name_of(r.tf1_cc.evidence()); }},
    {"tf1_min_size",
     [](const Row& r, const Format&) { return std::to_string(r.tf1_bound.min_size); }},
    {"tf1_min_size_evidence",
     [](const Row& r, const Format&) { return name_of(r.tf1_cc.bound_evidence()); }},
    {"transformer_built_size",
     [](const Row& r, const Format&) {
       return built_cell(r.transformer_built, &ConstructionReport::size);
     }},
    {"transformer_built_layers",
     [](const Row& r, const Format&) {
       return built_cell(r.transformer_built, &ConstructionReport::layers);
     }},
    {"transformer_built_evidence",
     [](const Row& r, const Format&) { return std::string(r.transformer_built.evidence()); }},
    {"verified",
     [](const Row& r, const Format&) { return std::string(all_verified({r}) ? "1" : "0"); }},
};

std::string csv(const std::vector<SeparationRow>& rows, const NumberFormat& format) {
  std::string text;
  for (const CsvColumn& c : kCsvColumns)
    text += fmt::format("{}{}", text.empty() ? "" : ",", c.name);
  for (const SeparationRow& r : rows) {
    text += '\n';
    for (const CsvColumn& c : kCsvColumns)
      text += (&c == kCsvColumns ? "" : ",") + c.cell(r, format);
  }
  return text + '\n';
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
    const BuiltTally t = built_tally(rows);
    json out{{"precision", options.format.name()},
             {"rows", list},
             {"verified", all_verified(rows)},
             {"built", {{"verified", t.verified}, {"sample", t.sample}, {"failed", t.failed}}}};
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
