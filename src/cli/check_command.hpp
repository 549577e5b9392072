// `ccbound check [FILE|DIR ...] [--json] [--jobs K] [--filter TEXT]`: re-establish the claims of
// the catalogue (default: the shipped proofs/claims/) and report each as pass, FAIL, timeout,
// unchecked, cited or sample (claim_runner.hpp's verdict table).
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code: 0 when every
// instance of every claim passes, 1 otherwise (whatever the other verdict).
void add_check_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
