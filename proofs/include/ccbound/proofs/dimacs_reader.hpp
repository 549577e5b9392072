// Reading the DIMACS family: CNF formulas and DRAT proofs (text and binary).
//
// These readers feed the DRUP checker (drup_checker.hpp). They are deliberately strict, because
// the checker shares no code with the SAT back end that produced the formula and the proof: a
// file that does not say exactly one thing is refused with an InputError naming the source, the
// line (text) or byte offset (binary), and what was wrong, rather than being guessed at.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ccbound {

// A CNF formula. Variables are 1..num_vars; a literal is +v or -v.
struct Cnf {
  int num_vars = 0;
  std::vector<std::vector<int>> clauses;
};

// Requires: `text` is DIMACS CNF: an optional run of comment lines ('c' first), one header
// `p cnf V C`, then C clauses, each a list of nonzero literals ended by 0 (a clause may span lines;
// comment lines may appear anywhere). `source` names the input in messages.
// Ensures: the formula, with each clause sorted by variable and duplicate literals removed;
// tautological clauses (l and -l) are dropped, so clauses.size() may be less than C.
// Throws InputError "<source>: line N: ..." on a missing or repeated header, a literal with
// |l| > V, a token that is not an integer, a clause without its final 0, or a clause count != C.
Cnf parse_dimacs(std::string_view text, std::string_view source = "cnf");

enum class ProofFormat { detect, text, binary };

// Ensures: binary if the data starts with 'a', starts with 'd' not followed by white space, or has
// a byte among its first 10 that is not printable ASCII or white space (drat-trim's rule, made
// exact for the two step markers); text otherwise, including for empty data.
ProofFormat detect_proof_format(std::string_view data);

// One step of a DRAT proof: the addition of a lemma or the deletion of a clause.
struct ProofStep {
  bool deletion = false;
  std::vector<int> literals;  // in file order, without the final 0; never contains 0 or INT_MIN
  std::size_t position = 0;   // line of the step (text) or byte offset of its marker (binary)
};

// Streams the steps of a DRAT proof, so a proof of millions of lemmas is never held twice.
// Text: steps are literal lists ended by 0 (they may span lines), a leading `d` token marks a
// deletion, lines starting with `c` between steps are comments. Binary: each step is 'a' or 'd'
// followed by literals in the 7-bit variable-length encoding of 2|l| + (l < 0), ended by a 0 byte.
class ProofReader {
 public:
  // Requires: `data` outlives the reader. `format` detect uses detect_proof_format.
  ProofReader(std::string_view data, ProofFormat format, std::string_view source = "proof");

  // Ensures: false at the end of the proof; otherwise fills `step` with the next step.
  // Throws InputError "<source>: line N: ..." / "<source>: byte N: ..." on malformed input.
  bool next(ProofStep& step);

  bool binary() const { return binary_; }
  // "line 12" or "byte 340", for messages about a step this reader produced.
  std::string where(const ProofStep& step) const;

 private:
  bool next_text(ProofStep& step);
  bool next_binary(ProofStep& step);
  bool skip_blanks_and_comments();
  int read_text_literal(std::size_t step_line);
  int read_binary_literal(std::size_t step_offset);

  std::string_view data_;
  std::string source_;
  bool binary_ = false;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace ccbound
