// ccbound's command-line entry point: parse the subcommand, run it, and map every failure to a
// one-line message and an exit status (2 for bad input, 3 for an internal error).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bounds_command.hpp"
#include "ccbound/error.hpp"
#include "check_command.hpp"
#include "cli_support.hpp"
#include "construct_command.hpp"
#include "explain_command.hpp"
#include "reduce_command.hpp"
#include "separations_command.hpp"
#include "solve_command.hpp"
#include "verify_command.hpp"

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
    fmt::print(stderr, "error: out of memory\n");
    return kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return kExitInternal;
  }
  return exit_code;
}
