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
  int lower = 0;  // as certificate.json claims them: established only when valid()
  int upper = 0;
  std::vector<CertificateCheckItem> items;  // one per side, when certificate.json could be read
  std::string malformed;  // why the files form no checkable certificate (empty: they do)

  // Nothing malformed, and every side's certificate accepted.
  bool valid() const;
  // Why not valid: `malformed`, else the first rejected side ("lower bound 5: ..."); "" if valid.
  std::string reason() const;
};

// Throws InputError only when `dir` is not a readable certificate directory: it does not exist,
// is not a directory, has no certificate.json (then it is "not a certificate directory"), or
// certificate.json cannot be read. Anything else that keeps the certificate from establishing its
// claim yields valid() == false with the reason: certificate.json malformed or not a ccbound
// certificate (`malformed`), a member file missing or malformed (`malformed` for the matrix, the
// side's item for the others), a protocol that does not compute the matrix, a witness or a lemma
// the checkers reject.
CertificateCheck check_certificate_dir(const std::string& dir);

}  // namespace ccbound
