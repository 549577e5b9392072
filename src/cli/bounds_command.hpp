// `ccbound bounds PROBLEM... [--json] [--timeout S] [--proof-dir DIR]`: every lower-bound measure
// with its value, the bound on D it implies and its certificate. One problem gives one row per
// measure; several (a sweep such as EQ:1..6) give one row per problem.
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code.
void add_bounds_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
