// Saving a solve result as a certificate directory (format: proofs/certificate_dir.hpp), so that
// `ccbound verify DIR` or any external checker can re-establish the answer from files alone.
#pragma once

#include <string>

#include "ccbound/engines/solve.hpp"

namespace ccbound {

// Requires: r = solve(problem, options) with options.proof_dir == dir (the DRUP files, if any, are
// already there). Writes matrix.txt, protocol.json and certificate.json, each under a temporary
// name renamed into place. Throws InputError if the directory cannot be written.
void write_certificate_dir(const SolveResult& r, const Matrix& m, const std::string& dir);

}  // namespace ccbound
