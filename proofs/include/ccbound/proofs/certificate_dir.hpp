// Saved certificates: a directory a user can re-check without trusting the engines.
//
// Layout (written by `ccbound solve --proof-dir DIR`):
//   certificate.json  {"format": "ccbound-certificate", "version": 1, "problem": NAME,
//                      "matrix": "matrix.txt", "lower": L, "upper": U, "D": L or null,
//                      "upper_certificate": {"kind": "protocol", "file": "protocol.json"},
//                      "lower_certificate": one of
//                        {"kind": "trivial"}                      L = 0, or L = 1 and M not
//                        constant
//                        {"kind": "rank", "prime": p, "ones": {"rows": [...], "cols": [...]},
//                                                     "zeros": {"rows": [...], "cols": [...]}}
//                        {"kind": "drup", "refuted_depth": L - 1, "cnf": "problem.cnf",
//                         "proof": "problem.drat"}
//                        {"kind": "search", "log": "search.log"}  (proofs/search_refutation.hpp)
//                        {"kind": "none", "method": "..."}         not re-checkable
//   matrix.txt        the matrix in ccbound's text format
//   protocol.json     the protocol tree (protocols/protocol_io.hpp)
//   problem.cnf, problem.drat   DIMACS CNF of "depth <= L-1" and its DRAT proof, for "drup"
// The checker re-derives everything from matrix.txt: it runs the protocol on every input,
// recomputes the witness determinants, and for a DRUP proof first regenerates the depth formula
// from the matrix and requires problem.cnf to be exactly that formula, so a valid proof of some
// other formula proves nothing here. It includes nothing from the engines.
#pragma once

#include <string>
#include <vector>

namespace ccbound {

struct CertificateCheckItem {
  std::string what;    // "upper bound 4", "lower bound 4"
  std::string method;  // "protocol tree", "rank witnesses", "DRUP proof", ...
  bool ok = false;
  std::string detail;
};

struct CertificateCheck {
  std::string problem;
  int lower = 0;
  int upper = 0;
  std::vector<CertificateCheckItem> items;
  bool valid() const;
};

// Throws InputError when the directory, a named file or certificate.json is missing or malformed;
// a certificate that is well formed but wrong yields items with ok == false.
CertificateCheck check_certificate_dir(const std::string& dir);

}  // namespace ccbound
