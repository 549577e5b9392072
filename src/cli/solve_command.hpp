// `ccbound solve PROBLEM... [--json] [--protocol-out FILE] [--dot-out FILE] [--timeout S]
//  [--engine NAME]`: exact D with certificates, one table row (or JSON object) per problem.
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code.
void add_solve_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
