// A forward checker for DRUP proofs of unsatisfiability.
//
// When the SAT back end answers "unsatisfiable", the answer becomes a certificate only if an
// independent program confirms it. This checker is that program: it shares no code with the SAT
// back end that produced the proof, reads the formula and the proof from their DIMACS/DRAT bytes,
// and replays the proof forward. Every added lemma must be RUP (reverse unit propagation: asserting
// the negation of each of its literals and unit-propagating over the current clauses yields a
// conflict), and the empty clause must be reached. RAT lemmas (extended resolution) are not
// accepted: a lemma that is RAT but not RUP makes the proof invalid.
//
// Deletions follow drat-trim's defaults: deleting a clause that is not present, a unit clause, or a
// clause that is the reason of a top-level assignment is ignored and counted. For DRUP this is
// sound: every clause ever in the database is implied by the formula, so keeping one never admits a
// lemma the formula does not imply.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "ccbound/core/check_stop.hpp"
#include "ccbound/proofs/dimacs_reader.hpp"

namespace ccbound {

struct ProofCheck {
  bool valid = false;
  // Additions checked, up to the empty clause or the first failing lemma.
  std::size_t lemmas_checked = 0;
  // Deletions applied to the database, and deletions skipped (absent, unit or reason clause).
  std::size_t deletions = 0;
  std::size_t ignored_deletions = 0;
  // Why invalid ("lemma 17 (line 20) is not RUP"), or how valid ("empty clause derived ...").
  std::string message;
};

// Requires: nothing (literals of `cnf` are validated; proof literals beyond cnf.num_vars are
// accepted as fresh variables).
// Ensures: valid iff every lemma up to the empty clause is RUP and the empty clause is reached,
// either stated ("0") or, if the proof ends without it, implied by unit propagation on the final
// database (the message then says so). Steps after the empty clause or after the first failing
// lemma are parsed but not checked. A proof that is merely wrong yields valid == false.
// Throws InputError if a literal of `cnf` is 0 or beyond num_vars, or the proof is malformed
// (messages name `source`).
ProofCheck check_drup(const Cnf& cnf, std::string_view proof,
                      ProofFormat format = ProofFormat::detect, std::string_view source = "proof");

// As above, but asks `stop` every 1024 formula clauses loaded and every 1024 proof steps, and
// throws CheckStopped once it returns true, so a caller with a deadline (or an interrupt) is
// held up neither by a long proof nor by a formula of millions of clauses.
ProofCheck check_drup(const Cnf& cnf, std::string_view proof, const StopRequest& stop,
                      ProofFormat format = ProofFormat::detect, std::string_view source = "proof");

// As check_drup on the contents of two files; throws InputError if a file cannot be read or the
// CNF is malformed (messages name the paths).
ProofCheck check_drup_files(const std::string& cnf_path, const std::string& proof_path,
                            ProofFormat format = ProofFormat::detect);

}  // namespace ccbound
