// `ccbound separations [--max-length N] [--precision P] [--json] [--csv FILE] [--plot FILE.svg]`:
// for each task and length, the model sizes communication forces on an RNN and on a one-layer
// Transformer, beside the smallest models ccbound builds. Every number carries its evidence: a
// communication value and the size derived from it are checked, unchecked or cited; a built model
// is exhaustive, proof or sample (then not verified).
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code (1 when a built
// model is not verified: it failed its check, or was checked on samples only).
void add_separations_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
