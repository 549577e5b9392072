// The check subcommand: load and validate the claim files, run check_claims(), print a table (or
// JSON) with one line per claim, every instance that did not pass (FAIL, timeout, unchecked,
// cited, sample: claim_runner.hpp's verdict table), and the summary "N passed, N failed, ...".
#include "check_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

#include "ccbound/claims/claim_runner.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "cli_support.hpp"
#include "table.hpp"

#ifndef CCBOUND_CLAIMS_DIR
#define CCBOUND_CLAIMS_DIR "proofs/claims"
#endif

namespace ccbound::cli {
namespace {

using nlohmann::json;
using namespace ccbound::claims;

struct CheckArgs {
  std::vector<std::string> paths;
  int jobs = 0;  // 0: hardware threads
  std::string filter;
  bool json_output = false;
  double timeout = 0;  // 0: each claim's own timeout
  LimitArgs limits;
};

constexpr int kMaxJobs = 256;

// Claims by verdict.
struct Tally {
  std::array<int, kVerdictCount> claims{};
  int operator[](Verdict v) const { return claims[std::size_t(v)]; }
  bool all_passed() const { return std::size_t((*this)[Verdict::pass]) == total(); }
  std::size_t total() const {
    return std::size_t(std::accumulate(claims.begin(), claims.end(), 0));
  }
};

Tally tally(const std::vector<ClaimResult>& results) {
  Tally t;
  for (const ClaimResult& r : results) ++t.claims[std::size_t(r.verdict)];
  return t;
}

// "3 passed, 1 failed", then the other verdicts that occur: ", 2 cited, 1 sample".
std::string summary(const Tally& t) {
  std::string text = fmt::format("{} passed, {} failed", t[Verdict::pass], t[Verdict::fail]);
  for (std::size_t v = 0; v < kVerdictCount; ++v) {
    const auto verdict = Verdict(v);
    if (verdict != Verdict::pass && verdict != Verdict::fail && t[verdict] > 0)
      text += fmt::format(", {} {}", t[verdict], verdict_counted(verdict));
  }
  return text;
}

// How the claim was established: the first failing or unsettled instance's account, else the last
// (largest) instance's, which is the most telling.
const InstanceResult* telling_instance(const ClaimResult& r) {
  for (const InstanceResult& i : r.instances)
    if (i.verdict != Verdict::pass) return &i;
  return r.instances.empty() ? nullptr : &r.instances.back();
}

void print_results(const std::vector<ClaimResult>& results) {
  Table table({"claim", ">instances", "verdict", "how", ">seconds"});
  for (const ClaimResult& r : results) {
    const InstanceResult* i = telling_instance(r);
    table.add_row({r.claim.id, std::to_string(r.instances.size()),
                   std::string(verdict_name(r.verdict)), i ? i->how : "",
                   fmt::format("{:.2f}", r.seconds)});
  }
  fmt::print("{}", table.render());
  for (const ClaimResult& r : results)
    for (const InstanceResult& i : r.instances)
      if (i.verdict != Verdict::pass)
        fmt::print("{} {} at {} ({}:{}): \"{}\" expected {}, value {}: {}\n",
                   verdict_name(i.verdict), r.claim.id, i.instance, r.claim.file, r.claim.line,
                   r.claim.statement, i.expected, i.value.empty() ? "none" : i.value, i.how);
  fmt::print("{}\n", summary(tally(results)));
  if (!stop_label().empty())
    fmt::print("{}: unsettled instances show the intervals proved so far\n", stop_label());
}

json instance_json(const InstanceResult& i) {
  return {{"instance", i.instance}, {"verdict", verdict_name(i.verdict)},
          {"value", i.value},       {"expected", i.expected},
          {"how", i.how},           {"seconds", i.seconds}};
}

json results_json(const std::vector<ClaimResult>& results) {
  json claims = json::array();
  for (const ClaimResult& r : results) {
    json instances = json::array();
    for (const InstanceResult& i : r.instances) instances.push_back(instance_json(i));
    claims.push_back({{"id", r.claim.id},
                      {"statement", r.claim.statement},
                      {"file", r.claim.file},
                      {"line", r.claim.line},
                      {"verdict", verdict_name(r.verdict)},
                      {"instances", instances},
                      {"seconds", r.seconds}});
  }
  const Tally t = tally(results);
  json j = {{"claims", claims}};
  for (std::size_t v = 0; v < kVerdictCount; ++v)
    j[std::string(verdict_json_key(Verdict(v)))] = t[Verdict(v)];
  if (stop_reason() == StopReason::memory) j["memory_limit"] = true;
  if (stop_reason() == StopReason::interrupt || stop_reason() == StopReason::terminate)
    j["interrupted"] = true;
  return j;
}

int run_check(const CheckArgs& args) {
  if (args.jobs < 0 || args.jobs > kMaxJobs)
    throw InputError(fmt::format("--jobs must be between 1 and {}", kMaxJobs));
  const std::vector<std::string> paths =
      args.paths.empty() ? std::vector<std::string>{CCBOUND_CLAIMS_DIR} : args.paths;
  if (args.timeout < 0) throw InputError("--timeout must be >= 0");
  begin_limits(args.limits, true);
  std::vector<Claim> claims = filter_claims(load_claims(paths), args.filter);
  if (args.timeout > 0)
    for (Claim& claim : claims)
      claim.timeout_seconds = std::min(claim.timeout_seconds, args.timeout);
  if (claims.empty()) throw InputError("no claims to check (empty files, or --filter kept none)");
  ClaimCheckOptions options;
  options.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::thread::hardware_concurrency());
  const Progress progress;
  options.progress = [&progress](std::size_t done, std::size_t all) {
    progress.update(fmt::format("check: {}/{} instances", done, all));
  };
  const std::vector<ClaimResult> results = check_claims(claims, options);
  progress.finish();
  if (args.json_output) {
    fmt::print("{}\n", results_json(results).dump());
  } else {
    print_results(results);
  }
  return tally(results).all_passed() ? kExitOk : kExitFailed;
}

}  // namespace

void add_check_command(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd =
      app.add_subcommand("check", "re-establish the claims catalogue with checked certificates");
  cmd->add_option("paths", args->paths,
                  "claim files or directories (default: the shipped proofs/claims)");
  cmd->add_option("--jobs", args->jobs, "instances at once (default: the hardware threads)");
  cmd->add_option("--filter", args->filter, "only claims whose id or statement contains TEXT");
  cmd->add_option("--timeout", args->timeout,
                  "seconds per instance, capping each claim's own timeout (0: the claims' own)");
  cmd->add_flag("--json", args->json_output, "one JSON object on stdout");
  add_limit_options(*cmd, args->limits);
  cmd->callback([args, exit_code] { *exit_code = run_check(*args); });
}

}  // namespace ccbound::cli
