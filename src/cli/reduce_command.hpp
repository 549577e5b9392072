// `ccbound reduce TASK --arch rnn|tf1 --length N [--precision P] [--json]`: the communication value
// of the task's split, the minimum model size it forces, and the check that real models' protocols
// reproduce them on every input (or a seeded sample).
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

// Adds the subcommand to app; its callback stores the exit code in *exit_code: 0 when every
// model's protocol agreed with the model on every input pair checked (exhaustively or on a sample,
// which the report labels), 1 otherwise.
void add_reduce_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
