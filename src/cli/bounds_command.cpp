// The bounds subcommand: run compute_bounds() per problem, print a table or JSON.
#include "bounds_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "bounds_json.hpp"
#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "cli_support.hpp"
#include "table.hpp"

namespace ccbound::cli {

namespace {

struct BoundsArgs {
  std::vector<std::string> problems;
  bool json_output = false;
  double timeout = 0;
  std::string proof_dir;
  LimitArgs limits;
};

constexpr MeasureId kAll[] = {
#define CCBOUND_MEASURE_ID(id, label, description) MeasureId::id,
    CCBOUND_MEASURES(CCBOUND_MEASURE_ID)
#undef CCBOUND_MEASURE_ID
};

std::string value_text(const Measure& m) {
  return m.settled() ? fmt::format("{}", m.lower) : fmt::format("{}..{}", m.lower, m.upper);
}

// "5 *" when the implied bound meets D (the technique is tight there).
std::string implies_text(const Measure& m, const Measure& d) {
  if (!m.implies) return "-";
  return fmt::format("{}{}", *m.implies, d.settled() && *m.implies == d.lower ? " *" : "");
}

// Why the intervals are not all settled: the time limit, or the stop the run was given.
std::string unsettled_text(const BoundsResult& r, bool stopped) {
  if (stopped) return fmt::format(", {}: intervals are what was proved so far", stop_label());
  return r.timed_out ? ", time limit reached: intervals are what was proved" : "";
}

// One line per measure whose step was skipped for want of memory or time ("note: C1: skipped:
// the formula would need ~3.0M clauses ..."): its interval is labelled, not only in the JSON.
std::string skipped_notes(const BoundsResult& r) {
  std::string notes;
  for (const MeasureId id : kAll) {
    const std::string& detail = r[id].detail;
    const std::size_t at = detail.find("skipped: ");
    if (at != std::string::npos)
      notes += fmt::format("note: {}: {}\n", measure_label(id), detail.substr(at));
  }
  return notes;
}

void print_measures(const BoundsResult& r, bool stopped) {
  fmt::print("{} ({}x{}): {:.3f} s{}\n", r.problem, r.rows, r.cols, r.seconds,
             unsettled_text(r, stopped));
  Table table({"measure", ">value", ">D >=", "certificate", "checked", ">seconds"});
  for (const MeasureId id : kAll) {
    const Measure& m = r[id];
    table.add_row({std::string(measure_label(id)), value_text(m), implies_text(m, r[MeasureId::D]),
                   m.certificate, m.checked ? "yes" : "no", fmt::format("{:.3f}", m.seconds)});
  }
  fmt::print("{}* the bound meets D\n{}", table.render(), skipped_notes(r));
}

// The technique a measure belongs to, for the sweep's "best lower bound" column.
std::string_view technique(MeasureId id) {
  switch (id) {
    case MeasureId::rank_q:
    case MeasureId::rank_q_complement:
      return "rank_Q";
    case MeasureId::rank_gf2:
      return "rank_GF2";
    case MeasureId::fooling1:
    case MeasureId::fooling0:
      return "fooling";
    case MeasureId::chi1:
    case MeasureId::chi0:
    case MeasureId::chi:
      return "partition";
    case MeasureId::cover1:
    case MeasureId::cover0:
      return "cover";
    default:
      return "";
  }
}

// The strongest implied lower bound and the techniques that give it.
std::string best_lower(const BoundsResult& r) {
  int best = 0;
  for (const MeasureId id : kAll)
    if (id != MeasureId::D && r[id].implies) best = std::max(best, *r[id].implies);
  std::vector<std::string_view> who;
  for (const MeasureId id : kAll)
    if (!technique(id).empty() && r[id].implies == best && best > 0 &&
        std::find(who.begin(), who.end(), technique(id)) == who.end())
      who.push_back(technique(id));
  return who.empty() ? fmt::format("{}", best) : fmt::format("{} ({})", best, fmt::join(who, ", "));
}

void print_sweep(const std::vector<BoundsResult>& results) {
  std::vector<std::string> headers{"problem", ">size"};
  for (const MeasureId id : kAll) headers.push_back(">" + std::string(measure_label(id)));
  headers.push_back("best lower bound on D");
  Table table(headers);
  for (const auto& r : results) {
    std::vector<std::string> row{r.problem, fmt::format("{}x{}", r.rows, r.cols)};
    for (const MeasureId id : kAll) row.push_back(value_text(r[id]));
    row.push_back(best_lower(r));
    table.add_row(std::move(row));
  }
  fmt::print("{}", table.render());
}

// The JSON of every result, the one the run was stopped in marked "interrupted" or "memory_limit".
nlohmann::json results_json(const std::vector<BoundsResult>& results, bool stopped) {
  nlohmann::json j = bounds_results_json(results);
  if (!stopped) return j;
  nlohmann::json& last = results.size() == 1 ? j : j["results"].back();
  last[stop_reason() == StopReason::memory ? "memory_limit" : "interrupted"] = true;
  return j;
}

int run_bounds(const BoundsArgs& args) {
  if (args.timeout < 0) throw InputError("--timeout must be >= 0");
  begin_limits(args.limits, true);
  const auto specs = expand_specs(args.problems);
  if (specs.size() > 1 && !args.proof_dir.empty())
    throw InputError("--proof-dir takes a single problem");
  std::vector<Problem> problems;
  for (const auto& spec : specs) problems.push_back(load_problem(spec, std::cin));
  std::vector<BoundsResult> results;
  const Progress progress;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    progress.update(fmt::format("bounds for {} ({}/{})", problems[i].name, i + 1, problems.size()));
    results.push_back(compute_bounds(problems[i], {args.timeout, args.proof_dir, std::nullopt}));
    if (stop_reason() != StopReason::none) break;  // the problems after it are not started
  }
  const bool stopped = stop_reason() != StopReason::none;
  progress.finish();
  if (args.json_output) {
    fmt::print("{}\n", results_json(results, stopped).dump());
  } else if (results.size() == 1) {
    print_measures(results.front(), stopped);
  } else {
    print_sweep(results);
    if (stopped)
      fmt::print("{}: {}: intervals are what was proved so far\n", stop_label(),
                 results.back().problem);
  }
  return kExitOk;
}

}  // namespace

void add_bounds_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BoundsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "bounds", "every lower-bound measure (ranks, fooling sets, partitions, covers) beside D");
  cmd->add_option("problem", args->problems,
                  "EQ:n, DISJ:n, IP:n, GT:n, INDEX:n, a range NAME:a..b (one table), a matrix "
                  "file, or - for stdin")
      ->required();
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  cmd->add_option("--timeout", args->timeout,
                  "seconds per problem for all measures (0: none); then report intervals");
  cmd->add_option("--proof-dir", args->proof_dir,
                  "keep the DRUP refutations (<measure>.cnf, <measure>.drat) in this directory");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] { *exit_code = run_bounds(*args); });
}

}  // namespace ccbound::cli
