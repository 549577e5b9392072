// ccbound's command-line entry point: parse the subcommand, run it, and map every failure to a
// one-line message and an exit status (2 for bad input, 3 for an internal error, 130 after SIGINT
// and 143 after SIGTERM once the interval proved so far has been printed; see cli_support.hpp).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bounds_command.hpp"
#include "ccbound/core/deadline.hpp"
#include "ccbound/core/error.hpp"
#include "check_command.hpp"
#include "cli_support.hpp"
#include "construct_command.hpp"
#include "explain_command.hpp"
#include "reduce_command.hpp"
#include "separations_command.hpp"
#include "solve_command.hpp"
#include "verify_command.hpp"

namespace {

// CLI11 would say only "A subcommand is required" for `ccbound frobnicate`: name it and the known
// commands instead.
void reject_unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return;
  std::string known;
  for (const CLI::App* cmd : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (cmd->get_name() == argv[1]) return;
    known += (known.empty() ? "" : ", ") + cmd->get_name();
  }
  throw ccbound::InputError(fmt::format("unknown command '{}' (known: {})", argv[1], known));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace ccbound::cli;
  CLI::App app{"ccbound: exact communication complexity with checked certificates"};
  app.require_subcommand(1);
  int exit_code = kExitOk;
  add_solve_command(app, &exit_code);
  add_explain_command(app, &exit_code);
  add_bounds_command(app, &exit_code);
  add_verify_command(app, &exit_code);
  add_reduce_command(app, &exit_code);
  add_construct_command(app, &exit_code);
  add_separations_command(app, &exit_code);
  add_check_command(app, &exit_code);
  try {
    reject_unknown_command(app, argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const ccbound::InputError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    const auto limit = memory_limit_mib();
    fmt::print(stderr, "error: out of memory{}\n",
               limit > 0 ? fmt::format(" (limit {} MiB)", limit) : "");
    return kExitBadInput;
  } catch (const ccbound::TimeoutExpired&) {
    // An engine stopped where no caller could report an interval: say so rather than abort.
    if (ccbound::stop_reason() == ccbound::StopReason::none) {
      fmt::print(stderr, "internal error: a timeout escaped its engine\n");
      return kExitInternal;
    }
    fmt::print(stderr, "error: {} before anything was proved\n", stop_label());
    return final_status(kExitBadInput);
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return kExitInternal;
  }
  return final_status(exit_code);
}
