// `ccbound verify DIR [--json]`: re-check a saved certificate directory from its files alone.
// Exit 0 when the certificate is valid; 1 when it does not establish its claim, for any reason (a
// rejected lemma, witness or protocol, a truncated or malformed member file, a missing member
// file, a malformed certificate.json); 2 for usage errors and a directory that is missing,
// unreadable or has no certificate.json.
#pragma once

#include <CLI/CLI.hpp>

namespace ccbound::cli {

void add_verify_command(CLI::App& app, int* exit_code);

}  // namespace ccbound::cli
