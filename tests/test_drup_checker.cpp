// The DRUP checker and its DIMACS/DRAT readers: handwritten proofs that must pass, the same proofs
// corrupted (a lemma dropped, a literal flipped, a needed clause deleted) that must fail, binary
// and text encodings that must agree, a real CaDiCaL proof, and malformed inputs that must be
// refused with an InputError rather than crash.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/proofs/dimacs_reader.hpp"
#include "ccbound/proofs/drup_checker.hpp"

using namespace ccbound;
using Catch::Matchers::Contains;

namespace {

// All eight clauses over three variables, and a DRUP refutation of it in which every lemma is used.
constexpr const char* kAllEight =
    "c every assignment to x1..x3 falsifies one clause\n"
    "p cnf 3 8\n"
    "1 2 3 0\n1 2 -3 0\n1 -2 3 0\n1 -2 -3 0\n"
    "-1 2 3 0\n-1 2 -3 0\n-1 -2 3 0\n-1 -2 -3 0\n";
constexpr const char* kAllEightProof = "1 2 0\n1 0\n2 0\n0\n";

// Pigeonhole PHP(n, m): n pigeons, m holes; variable i*m + j + 1 says pigeon i sits in hole j.
Cnf pigeonhole(int n, int m) {
  Cnf cnf;
  cnf.num_vars = n * m;
  const auto var = [m](int i, int j) { return i * m + j + 1; };
  for (int i = 0; i < n; ++i) {
    cnf.clauses.emplace_back();
    for (int j = 0; j < m; ++j) cnf.clauses.back().push_back(var(i, j));
  }
  for (int j = 0; j < m; ++j)
    for (int a = 0; a < n; ++a)
      for (int b = a + 1; b < n; ++b) cnf.clauses.push_back({-var(a, j), -var(b, j)});
  return cnf;
}

// Binary DRAT of a text proof made of literals, 'd' and 0 (no comments).
std::string to_binary(const std::string& text) {
  std::istringstream in(text);
  std::string out, token;
  bool at_start = true;
  while (in >> token) {
    if (at_start) out += token == "d" ? 'd' : 'a';
    at_start = token == "0";
    if (token == "d") continue;
    const long lit = std::stol(token);
    std::uint64_t code = 2 * static_cast<std::uint64_t>(std::labs(lit)) + (lit < 0 ? 1 : 0);
    while (code > 127) {
      out += static_cast<char>((code & 127) | 128);
      code >>= 7;
    }
    out += static_cast<char>(code);
  }
  return out;
}

ProofCheck check_text(const char* cnf, const std::string& proof) {
  return check_drup(parse_dimacs(cnf), proof, ProofFormat::text);
}

// The text and binary encodings of a proof must get the same verdict; returns it.
ProofCheck check_both(const Cnf& cnf, const std::string& proof) {
  const ProofCheck text = check_drup(cnf, proof, ProofFormat::text);
  const ProofCheck binary = check_drup(cnf, to_binary(proof));  // detected
  CHECK(binary.valid == text.valid);
  CHECK(binary.lemmas_checked == text.lemmas_checked);
  CHECK(binary.deletions == text.deletions);
  CHECK(binary.ignored_deletions == text.ignored_deletions);
  return text;
}

// CaDiCaL 1.5.3's text DRAT proof of PHP(6,5) (`cadical --no-binary php65.cnf proof`): 161
// lemmas, 81 deletions. Lemma 2 is needed: without it lemma 3 is not RUP.
const std::string kPhp65Proof =
    "-27 -28 -29 -30 0\n-21 -28 -29 -30 0\n-28 -29 -30 0\nd -21 -28 -29 -30 0\n"
    "d -27 -28 -29 -30 0\n-1 -22 -29 -30 0\n-22 -29 -30 0\nd -1 -22 -29 -30 0\n"
    "-3 -21 -29 -30 0\n-21 -29 -30 0\nd -3 -21 -29 -30 0\n-16 -29 -30 0\n-29 -30 0\n"
    "d -16 -29 -30 0\nd -21 -29 -30 0\nd -22 -29 -30 0\nd -28 -29 -30 0\n-13 -1 -17 -30 0\n"
    "-1 -17 -30 0\nd -13 -1 -17 -30 0\n-11 24 9 22 7 -30 0\n-17 3 -30 0\n-13 -4 -16 -30 0\n"
    "-4 -16 -30 0\nd -13 -4 -16 -30 0\n-14 22 7 21 6 -30 0\n-16 3 -30 0\n-6 -24 13 3 -30 0\n"
    "-24 -18 3 -30 0\n-7 -21 13 3 -30 0\n-21 -18 3 -30 0\n-9 -18 3 -30 0\n-18 3 -30 0\n"
    "d -9 -18 3 -30 0\nd -21 -18 3 -30 0\nd -24 -18 3 -30 0\n-11 3 -30 0\n-12 3 -30 0\n"
    "-1 3 -30 0\n3 -30 0\nd -1 3 -30 0\nd -12 3 -30 0\nd -11 3 -30 0\nd -18 3 -30 0\n"
    "d -7 -21 13 3 -30 0\nd -6 -24 13 3 -30 0\nd -16 3 -30 0\nd -17 3 -30 0\n-2 9 -30 0\n"
    "-6 -24 -30 0\n-24 9 -30 0\n-7 24 -30 0\n9 -30 0\nd -24 9 -30 0\nd -2 9 -30 0\n"
    "d -11 22 24 9 7 -30 0\n-11 -30 0\n-30 0\n-23 -16 -12 0\n-8 5 26 1 -12 0\n-16 -12 24 0\n"
    "-6 29 4 5 -12 0\n-25 18 16 -12 0\n-8 18 -12 24 0\n-6 18 -12 24 0\n-3 29 25 -12 24 0\n"
    "-10 18 -12 24 0\n18 -12 24 0\nd -10 18 -12 24 0\nd -6 18 -12 24 0\nd -8 18 -12 24 0\n"
    "-21 28 8 3 27 7 2 0\n-4 10 28 8 27 7 0\n-12 24 0\nd 18 -12 24 0\nd -3 29 25 -12 24 0\n"
    "d -16 -12 24 0\n-18 -29 -25 -11 0\n-29 -25 -11 0\nd -18 -29 -25 -11 0\n-3 18 -25 -11 0\n"
    "-4 18 -25 -11 0\n18 -25 -11 0\nd -4 18 -25 -11 0\nd -3 18 -25 -11 0\n-25 -11 0\n"
    "d 18 -25 -11 0\nd -29 -25 -11 0\n-18 29 -11 24 0\n-27 18 5 -11 24 0\n29 5 -11 24 0\n"
    "-28 5 -11 24 0\n-22 18 19 9 4 5 -11 0\n18 5 -11 24 0\nd -27 18 5 -11 24 0\n5 -11 24 0\n"
    "d 18 5 -11 24 0\nd -28 5 -11 24 0\nd 29 5 -11 24 0\n-18 7 -11 24 0\n-22 -11 24 0\n"
    "-27 18 8 20 10 16 6 0\n-11 24 0\nd -22 -11 24 0\nd -18 7 -11 24 0\nd 5 -11 24 0\n"
    "d -18 29 -11 24 0\n-26 -20 -7 4 24 0\n-20 -7 -14 24 0\n-7 18 -14 24 0\n"
    "-28 25 5 21 1 4 24 0\n-16 8 7 -14 24 0\n-2 28 16 8 7 18 -14 0\n-6 23 28 16 18 -14 24 0\n"
    "23 28 8 18 -14 24 0\n-1 28 16 8 7 18 -14 0\n28 8 18 -14 24 0\nd 23 28 8 18 -14 24 0\n"
    "-17 -6 4 -28 24 0\n-6 -14 -28 16 24 0\n-14 -28 16 24 0\nd -6 -14 -28 16 24 0\n"
    "-6 -15 -28 24 0\n-16 4 -15 -28 24 0\n-9 -15 -28 24 0\n-15 -28 24 0\nd -9 -15 -28 24 0\n"
    "d -16 4 -15 -28 24 0\nd -6 -15 -28 24 0\n-28 24 0\nd -15 -28 24 0\nd -14 16 -28 24 0\n"
    "d -17 -6 4 -28 24 0\nd 21 1 -28 5 25 4 24 0\n-16 -14 24 0\nd 7 8 -16 -14 24 0\n"
    "-5 -8 -14 24 0\n-21 5 3 -14 28 0\n-22 5 3 -14 28 0\n-8 -14 24 0\nd -5 -8 -14 24 0\n"
    "5 7 -14 24 0\n7 -14 24 0\nd 5 7 -14 24 0\n-14 24 0\nd 7 -14 24 0\nd -8 -14 24 0\n"
    "d -16 -14 24 0\nd 8 18 28 -14 24 0\nd -6 23 28 16 18 -14 24 0\n-26 -22 18 20 10 8 0\n"
    "-22 18 20 10 8 28 0\n-5 8 24 0\n-7 -29 -21 5 24 0\n-29 -21 8 24 0\n-20 -21 8 24 0\n"
    "18 -21 8 24 0\n-21 8 24 0\nd 18 -21 8 24 0\nd -20 -21 8 24 0\nd -29 -21 8 24 0\n"
    "-18 8 24 0\n-1 -15 18 8 28 0\n-7 27 1 3 20 18 5 28 0\n27 6 1 3 20 10 18 5 8 28 0\n"
    "6 1 3 20 10 18 5 8 28 0\nd 27 6 1 3 20 10 18 5 8 28 0\n-27 16 1 3 20 18 5 0\n-15 8 24 0\n"
    "-2 20 27 1 8 24 0\n20 27 1 8 24 0\nd -2 20 27 1 8 24 0\n27 1 8 24 0\nd 20 27 1 8 24 0\n"
    "1 8 24 0\nd 27 1 8 24 0\n-27 8 24 0\n-17 8 24 0\n8 24 0\nd -17 8 24 0\nd -27 8 24 0\n"
    "d 1 8 24 0\nd -15 8 24 0\nd -18 8 24 0\nd -21 8 24 0\nd -5 8 24 0\n-19 -22 24 0\n"
    "-22 24 0\nd -19 -22 24 0\n24 0\n-4 0\n-9 0\n-14 0\n-19 0\n-29 0\n-17 -21 0\n-21 20 0\n"
    "-5 -27 -18 0\n-27 -18 0\nd -5 -27 -18 0\n-2 -18 0\n-18 0\n-12 10 20 0\n-11 10 20 0\n"
    "-7 28 20 0\n-5 20 0\n-13 1 20 0\n-16 27 13 1 5 0\n27 1 20 0\n1 20 0\nd 27 1 20 0\n"
    "d -13 1 20 0\n20 0\n-5 0\n-10 0\n-15 0\n-25 0\n-1 27 13 0\n-7 27 13 0\n-6 13 0\n27 13 0\n"
    "d -7 27 13 0\nd -1 27 13 0\nd -16 1 13 27 5 0\n13 0\n-3 0\n-8 0\n-23 0\n-28 0\n-7 0\n6 0\n"
    "-1 0\n-11 0\n-16 0\n-21 0\n-26 0\n-12 0\n2 0\n27 0\n-17 0\n-22 0\n0\n";

}  // namespace

TEST_CASE("parse_dimacs reads header, comments and clauses spanning lines", "[drup][dimacs]") {
  const Cnf cnf =
      parse_dimacs("c hello\np cnf 4 4\n1 -2\n\t3 0\nc mid\n-4 0 2 2 -1 0\r\n4 1 -4 0\n");
  CHECK(cnf.num_vars == 4);
  REQUIRE(cnf.clauses.size() == 3);  // the tautology (4 1 -4) is dropped
  CHECK(cnf.clauses[0] == std::vector<int>{1, -2, 3});
  CHECK(cnf.clauses[1] == std::vector<int>{-4});
  CHECK(cnf.clauses[2] == std::vector<int>{-1, 2});  // sorted by variable, duplicate removed
  CHECK(parse_dimacs("p cnf 0 0\n").clauses.empty());
  CHECK(parse_dimacs("p cnf 2 1\n0\n").clauses == std::vector<std::vector<int>>{{}});
}

TEST_CASE("parse_dimacs refuses malformed formulas with the line", "[drup][dimacs]") {
  CHECK_THROWS_WITH(parse_dimacs(""), Contains("cnf: no 'p cnf' header"));
  CHECK_THROWS_WITH(parse_dimacs("c only a comment\n"), Contains("no 'p cnf' header"));
  CHECK_THROWS_WITH(parse_dimacs("c x\n1 2 0\np cnf 2 1\n"), Contains("line 2: clause before"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 3\n"), Contains("cnf: line 1: bad header"));
  CHECK_THROWS_WITH(parse_dimacs("p dnf 3 1\n1 0\n"), Contains("bad header"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 3 -1\n"), Contains("out of range"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 3 1\np cnf 3 1\n1 0\n"), Contains("line 2: second"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n1 3 0\n", "f.cnf"),
                    Contains("f.cnf: line 2: literal 3 out of range"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n1 -3 0\n"), Contains("literal -3 out of range"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n1 x 0\n"), Contains("line 2: 'x' is not an integer"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n1 2 0 c\n"), Contains("not an integer"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n+1 0\n"), Contains("not an integer"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n1 2\n"), Contains("not terminated by 0"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 2\n1 2 0\n"), Contains("declares 2 clauses, found 1"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n1 0\n2 0\n"), Contains("line 3: more than the 1"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 99999999999 0\n"), Contains("out of range"));
  CHECK_THROWS_WITH(parse_dimacs("p cnf 2 1\n-99999999999999999999 0\n"),
                    Contains("line 2: literal -9999999999999999999... out of range"));
}

TEST_CASE("proof format detection", "[drup][drat]") {
  CHECK(detect_proof_format("") == ProofFormat::text);
  CHECK(detect_proof_format("1 2 0\nd 1 2 0\n") == ProofFormat::text);
  CHECK(detect_proof_format("c comment\n-1 0\n") == ProofFormat::text);
  CHECK(detect_proof_format(to_binary("1 2 0")) == ProofFormat::binary);
  CHECK(detect_proof_format(to_binary("d 1 2 0")) == ProofFormat::binary);
  CHECK(detect_proof_format(std::string("1 2\x01 0", 6)) == ProofFormat::binary);
}

TEST_CASE("ProofReader reads text and binary steps alike", "[drup][drat]") {
  const std::string text = "c c\n1 -2\n  3 0\nd 3 1 -2 0\n0\n";
  for (const std::string& data : {text, to_binary("1 -2 3 0 d 3 1 -2 0 0")}) {
    ProofReader reader(data, ProofFormat::detect);
    ProofStep step;
    REQUIRE(reader.next(step));
    CHECK_FALSE(step.deletion);
    CHECK(step.literals == std::vector<int>{1, -2, 3});
    REQUIRE(reader.next(step));
    CHECK(step.deletion);
    CHECK(step.literals == std::vector<int>{3, 1, -2});
    REQUIRE(reader.next(step));
    CHECK(step.literals.empty());
    CHECK_FALSE(reader.next(step));
  }
  ProofReader text_reader(text, ProofFormat::detect);
  ProofStep step;
  text_reader.next(step);
  CHECK(text_reader.where(step) == "line 2");
  const std::string big = to_binary("-300000 2147483647 0");
  ProofReader binary_reader(big, ProofFormat::binary);
  REQUIRE(binary_reader.next(step));
  CHECK(step.literals == std::vector<int>{-300000, 2147483647});
  CHECK(binary_reader.where(step) == "byte 0");
}

TEST_CASE("malformed proofs are refused with an InputError", "[drup][drat]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const auto text = [&](const std::string& proof) {
    return check_drup(cnf, proof, ProofFormat::text, "p.drat");
  };
  CHECK_THROWS_WITH(text("1 2 0\n1 x 0\n"), Contains("p.drat: line 2: 'x' is not an integer"));
  CHECK_THROWS_WITH(text("1 2 0\n1 2\n"), Contains("p.drat: line 2: step not terminated by 0"));
  CHECK_THROWS_WITH(text("d\n"), Contains("not terminated"));
  CHECK_THROWS_WITH(text("d1 2 0\n"), Contains("'d1' is not an integer"));
  CHECK_THROWS_WITH(text("1 2 c 0\n"), Contains("'c' is not an integer"));
  CHECK_THROWS_WITH(text("3000000000 0\n"), Contains("literal 3000000000 out of range"));
  CHECK_THROWS_WITH(text("-99999999999999999999 0\n"), Contains("out of range"));
  // A malformed tail is refused even after the empty clause.
  CHECK_THROWS_AS(text(std::string(kAllEightProof) + "1 2\n"), InputError);

  const std::string good = to_binary(kAllEightProof);
  const auto binary = [&](const std::string& proof) {
    return check_drup(cnf, proof, ProofFormat::binary, "p.bin");
  };
  CHECK(binary(good).valid);
  CHECK_THROWS_WITH(binary(good.substr(0, good.size() - 1)),
                    Contains("not terminated by a 0 byte"));
  CHECK_THROWS_WITH(binary(good.substr(0, 3)), Contains("p.bin: byte 0: step not terminated"));
  CHECK_THROWS_WITH(binary(std::string("b\x02\x00", 3)), Contains("byte 0: expected step marker"));
  CHECK_THROWS_WITH(binary(std::string("a\x01\x00", 3)), Contains("byte 1: literal out of range"));
  CHECK_THROWS_WITH(binary(std::string("a\xff\xff\xff\xff\xff\x01\x00", 8)),
                    Contains("literal encoding too long"));
  CHECK_THROWS_WITH(binary(std::string("a\xff\xff\xff\xff\x7f\x00", 7)),
                    Contains("literal out of range"));
}

TEST_CASE("a formula with an invalid literal is refused", "[drup]") {
  Cnf cnf;
  cnf.num_vars = 2;
  cnf.clauses = {{1, 2}, {3}};
  CHECK_THROWS_WITH(check_drup(cnf, "0\n"), Contains("clause 2: literal 3 out of range"));
  cnf.clauses = {{1, 0}};
  CHECK_THROWS_AS(check_drup(cnf, "0\n"), InputError);
  CHECK_THROWS_WITH(check_drup_files("/nonexistent/a.cnf", "/nonexistent/a.drat"),
                    Contains("cannot open '/nonexistent/a.cnf'"));
}

TEST_CASE("a correct proof of the eight-clause formula is accepted", "[drup]") {
  const ProofCheck r = check_both(parse_dimacs(kAllEight), kAllEightProof);
  CHECK(r.valid);
  CHECK(r.lemmas_checked == 4);
  CHECK(r.message == "empty clause derived (lemma 4, line 4)");
  const ProofCheck commented = check_text(kAllEight, "c start\n1 2\n0\nc x\n1 0 2 0 0\n");
  CHECK(commented.valid);
  CHECK(commented.message == "empty clause derived (lemma 4, line 5)");
}

TEST_CASE("a needed lemma dropped or a literal flipped is rejected", "[drup]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck dropped = check_both(cnf, "1 0\n2 0\n0\n");
  CHECK_FALSE(dropped.valid);
  CHECK(dropped.lemmas_checked == 1);
  CHECK(dropped.message == "lemma 1 (line 1) is not RUP");

  const ProofCheck flipped = check_both(cnf, "1 2 0\n-1 0\n2 0\n0\n");
  CHECK_FALSE(flipped.valid);
  CHECK(flipped.message == "lemma 2 (line 2) is not RUP");

  const ProofCheck binary = check_drup(cnf, to_binary("1 2 0\n-1 0\n2 0\n0\n"));
  CHECK(binary.message == "lemma 2 (byte 4) is not RUP");

  // Without the last unit the empty clause is not RUP.
  const ProofCheck early = check_both(cnf, "1 2 0\n1 0\n0\n");
  CHECK_FALSE(early.valid);
  CHECK(early.message == "lemma 3 (line 3) is not RUP");
}

TEST_CASE("a lemma that is RAT but not RUP is rejected", "[drup][rat]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  // "4 0" on a fresh variable is RAT (no clause holds -4: extended resolution's first step) and
  // the rest is a correct refutation, so DRAT accepts the proof; it is not RUP, so DRUP must not.
  const ProofCheck extension = check_both(cnf, "4 0\n1 2 0\n1 0\n2 0\n0\n");
  CHECK_FALSE(extension.valid);
  CHECK(extension.lemmas_checked == 1);
  CHECK(extension.message == "lemma 1 (line 1) is not RUP");
  // RAT on an existing variable: no clause of the formula holds -1, so "1 0" is RAT (blocked), but
  // asserting -1 propagates 2 and 3 without a conflict.
  const ProofCheck blocked = check_text("p cnf 3 2\n1 2 0\n-2 3 0\n", "1 0\n0\n");
  CHECK_FALSE(blocked.valid);
  CHECK(blocked.message == "lemma 1 (line 1) is not RUP");
}

TEST_CASE("the empty clause must be reached", "[drup]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck unfinished = check_both(cnf, "1 2 0\n1 0\n");
  CHECK_FALSE(unfinished.valid);
  CHECK(unfinished.message == "the proof ends without deriving the empty clause");
  CHECK_FALSE(check_both(cnf, "").valid);

  // Unstated but implied by unit propagation: accepted, and the message says so.
  const ProofCheck implied = check_both(cnf, "1 2 0\n1 0\n2 0\n");
  CHECK(implied.valid);
  CHECK(implied.lemmas_checked == 3);
  CHECK_THAT(implied.message,
             Contains("does not state the empty clause") && Contains("after lemma 3 (line 3)"));

  const ProofCheck trivial = check_drup(parse_dimacs("p cnf 1 2\n1 0\n-1 0\n"), "");
  CHECK(trivial.valid);
  CHECK_THAT(trivial.message, Contains("the formula itself is refuted"));
}

TEST_CASE("no proof refutes a satisfiable formula", "[drup]") {
  const char* sat = "p cnf 3 3\n1 2 0\n-1 2 0\n1 -2 3 0\n";  // x1 = x2 = 1 satisfies it
  const ProofCheck units = check_text(sat, "2 0\n1 3 0\n");
  CHECK_FALSE(units.valid);
  CHECK(units.lemmas_checked == 2);
  CHECK(units.message == "the proof ends without deriving the empty clause");
  const ProofCheck claimed = check_text(sat, "2 0\n1 3 0\n0\n");
  CHECK_FALSE(claimed.valid);
  CHECK(claimed.message == "lemma 3 (line 3) is not RUP");
  CHECK_FALSE(check_text(sat, "-2 0\n0\n").valid);
}

TEST_CASE("pigeonhole PHP(3,2)", "[drup]") {
  const Cnf php = pigeonhole(3, 2);
  // Pigeon 0 in hole 0 pushes pigeons 1 and 2 into hole 1: so -1; then pigeon 0 is in hole 1,
  // which pushes the others into hole 0.
  const ProofCheck r = check_both(php, "-1 0\n0\n");
  CHECK(r.valid);
  CHECK(r.message == "empty clause derived (lemma 2, line 2)");
  CHECK(check_both(php, "0\n").message == "lemma 1 (line 1) is not RUP");
  CHECK_FALSE(check_both(php, "-1 -3 0\n0\n").valid);  // (-1 -3) is original; 0 still not RUP
  // Without the binary clause (-1 -3) the formula is satisfiable: pigeons 0 and 1 share hole 0.
  const ProofCheck deleted = check_both(php, "d -3 -1 0\n-1 0\n0\n");
  CHECK(deleted.deletions == 1);
  CHECK(deleted.message == "lemma 1 (line 2) is not RUP");
}

TEST_CASE("deletions remove clauses; needed ones then fail", "[drup][deletion]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  // The two clauses with 1 2 are needed for lemma (1 2), in whatever order the deletion lists them.
  const ProofCheck needed = check_both(cnf, "d 3 2 1 0\n1 2 0\n1 0\n2 0\n0\n");
  CHECK_FALSE(needed.valid);
  CHECK(needed.deletions == 1);
  CHECK(needed.message == "lemma 1 (line 2) is not RUP");

  // Once (1 2) is a lemma, they and later the lemma itself are no longer needed.
  const ProofCheck unneeded = check_both(
      cnf, "1 2 0\nd 1 2 3 0\nd -3 2 1 0\n1 0\nd 2 1 0\nd 1 -2 3 0\nd 1 -2 -3 0\n2 0\n0\n");
  CHECK(unneeded.valid);
  CHECK(unneeded.deletions == 5);
  CHECK(unneeded.ignored_deletions == 0);
}

TEST_CASE("a deletion removes one copy of a clause", "[drup][deletion]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck once = check_both(cnf, "1 2 3 0\nd 1 2 3 0\n1 2 0\n1 0\n2 0\n0\n");
  CHECK(once.valid);
  CHECK(once.deletions == 1);
  const ProofCheck twice = check_both(cnf, "1 2 3 0\nd 1 2 3 0\nd 3 1 2 0\n1 2 0\n1 0\n2 0\n0\n");
  CHECK_FALSE(twice.valid);
  CHECK(twice.deletions == 2);
  CHECK(twice.message == "lemma 2 (line 4) is not RUP");
}

TEST_CASE("deletions of absent, unit and reason clauses are ignored", "[drup][deletion]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck absent =
      check_both(cnf, "d 1 2 0\nd 1 -1 2 0\nd 7 8 0\nd 0\n" + std::string(kAllEightProof));
  CHECK(absent.valid);
  CHECK(absent.deletions == 0);
  CHECK(absent.ignored_deletions == 4);

  // Deleting the unit (1) would make (2) non-RUP; the deletion is ignored.
  const ProofCheck unit = check_both(cnf, "1 2 0\n1 0\nd 1 0\n2 0\n0\n");
  CHECK(unit.valid);
  CHECK(unit.ignored_deletions == 1);

  // (1 5) is the reason of the top-level literal 1; (2) is RUP only while 1 is kept.
  const char* reason = "p cnf 5 6\n-5 0\n1 5 0\n-1 2 3 0\n-1 2 -3 0\n-2 4 0\n-2 -4 0\n";
  const ProofCheck kept = check_drup(parse_dimacs(reason), to_binary("d 5 1 0 2 0 0"));
  CHECK(kept.valid);
  CHECK(kept.deletions == 0);
  CHECK(kept.ignored_deletions == 1);
  // Deleting a clause that is not a reason is honoured, and is then missed.
  const ProofCheck honoured = check_text(reason, "d -1 2 -3 0\n2 0\n0\n");
  CHECK_FALSE(honoured.valid);
  CHECK(honoured.deletions == 1);
}

TEST_CASE("duplicate literals, tautologies and fresh variables in lemmas", "[drup]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck r = check_both(cnf, "2 1 2 1 0\n1 -1 0\n1 1 0\n9 -9 4 0\n2 0\n0\n");
  CHECK(r.valid);
  CHECK(r.lemmas_checked == 6);
  // A lemma over a variable beyond the formula: RUP because of its other literals.
  const ProofCheck fresh = check_both(cnf, "1 2 1000000 0\n1 2 0\n1 0\n2 0\nd 5 6 0\n0\n");
  CHECK(fresh.valid);
  CHECK(fresh.ignored_deletions == 1);
  // A unit over a fresh variable is not RUP.
  CHECK(check_both(cnf, "77 0\n").message == "lemma 1 (line 1) is not RUP");
}

TEST_CASE("steps after the empty clause or a failure are not checked", "[drup]") {
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck after_empty = check_both(cnf, std::string(kAllEightProof) + "3 0\n-3 0\n");
  CHECK(after_empty.valid);
  CHECK(after_empty.lemmas_checked == 4);
  const ProofCheck after_failure = check_both(cnf, "3 0\n1 2 0\n1 0\n2 0\n0\n");
  CHECK_FALSE(after_failure.valid);
  CHECK(after_failure.lemmas_checked == 1);
}

TEST_CASE("a real CaDiCaL proof of PHP(6,5)", "[drup][regression]") {
  const Cnf php = pigeonhole(6, 5);
  const ProofCheck r = check_both(php, kPhp65Proof);
  CHECK(r.valid);
  CHECK(r.lemmas_checked == 161);
  CHECK(r.deletions == 81);
  CHECK(r.ignored_deletions == 0);
  CHECK(r.message == "empty clause derived (lemma 161, line 242)");

  // Dropping the second lemma breaks the third, which is now the second.
  const std::size_t second = kPhp65Proof.find('\n') + 1;
  const std::size_t third = kPhp65Proof.find('\n', second) + 1;
  const std::string dropped = kPhp65Proof.substr(0, second) + kPhp65Proof.substr(third);
  CHECK(check_both(php, dropped).message == "lemma 2 (line 2) is not RUP");

  // Cut in the middle: the database is not yet refuted.
  const std::string half = kPhp65Proof.substr(0, kPhp65Proof.size() / 2);
  const ProofCheck cut = check_both(php, half.substr(0, half.rfind('\n') + 1));
  CHECK_FALSE(cut.valid);
  CHECK(cut.message == "the proof ends without deriving the empty clause");

  // Without the final "0" the database is already refuted by propagation.
  const std::string no_final = kPhp65Proof.substr(0, kPhp65Proof.size() - 2);
  const ProofCheck implied = check_both(php, no_final);
  CHECK(implied.valid);
  CHECK_THAT(implied.message, Contains("does not state the empty clause"));

  // The formula without its last at-most-one clause is satisfiable, so the proof must fail.
  Cnf weaker = php;
  weaker.clauses.pop_back();
  CHECK_FALSE(check_both(weaker, kPhp65Proof).valid);
}

TEST_CASE("check_drup_files reads both files", "[drup]") {
  const std::string dir = "/tmp";
  const std::string cnf_path = dir + "/ccbound_test_drup.cnf";
  const std::string proof_path = dir + "/ccbound_test_drup.bin";
  {
    std::FILE* f = std::fopen(cnf_path.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fputs(kAllEight, f);
    std::fclose(f);
    const std::string proof = to_binary(kAllEightProof);
    f = std::fopen(proof_path.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(proof.data(), 1, proof.size(), f);
    std::fclose(f);
  }
  const ProofCheck r = check_drup_files(cnf_path, proof_path);
  CHECK(r.valid);
  CHECK(r.lemmas_checked == 4);
  CHECK_THROWS_WITH(check_drup_files(cnf_path, proof_path, ProofFormat::text),
                    Contains(proof_path + ": line 1:"));
  CHECK_THROWS_WITH(check_drup_files(proof_path, cnf_path), Contains(proof_path + ": line 1:"));
  std::remove(cnf_path.c_str());
  std::remove(proof_path.c_str());
}

TEST_CASE("many deletions: the compacted database behaves the same", "[drup][deletion]") {
  // Each lemma (1 2 3 v) is RUP in both formulas below (negating 1 alone already conflicts in the
  // second); deleting them all leaves far more garbage than live clauses, so the arena is compacted
  // several times on the way.
  const auto churn = [](int count) {
    std::string proof;
    for (int v = 10; v < 10 + count; ++v) {
      const std::string lemma = "1 2 3 " + std::to_string(v % 2 == 0 ? v : -v) + " 0\n";
      proof += lemma + "d " + lemma;
    }
    return proof;
  };
  const Cnf cnf = parse_dimacs(kAllEight);
  const ProofCheck valid = check_both(cnf, churn(30000) + kAllEightProof);
  CHECK(valid.valid);
  CHECK(valid.lemmas_checked == 30004);
  CHECK(valid.deletions == 30000);
  const ProofCheck needed = check_both(cnf, churn(30000) + "d 1 2 3 0\n" + kAllEightProof);
  CHECK_FALSE(needed.valid);
  CHECK(needed.message == "lemma 30001 (line 60002) is not RUP");

  // The reason of a top-level literal is still recognised after compaction moved it: lemma (1 5)
  // becomes the reason of 1 once -5 is a unit, with garbage before it and after it.
  const Cnf reason = parse_dimacs(
      "p cnf 7 8\n1 5 7 0\n-7 0\n-5 6 0\n-5 -6 0\n-1 2 3 0\n-1 2 -3 0\n-2 4 0\n-2 -4 0\n");
  const ProofCheck kept =
      check_both(reason, churn(5001) + "1 5 0\n-5 0\n" + churn(30000) + "d 5 1 0\n2 0\n0\n");
  CHECK(kept.valid);
  CHECK(kept.deletions == 35001);
  CHECK(kept.ignored_deletions == 1);
}

TEST_CASE("a caller can stop a long check; it then neither accepts nor rejects", "[drup]") {
  const Cnf php = pigeonhole(6, 5);
  std::string padded;  // 2000 deletions of a clause that is not there: ignored, but steps
  for (int i = 0; i < 2000; ++i) padded += "d 1 2 0\n";
  padded += kPhp65Proof;
  int asked = 0;
  const auto never = [&] { return ++asked < 0; };
  const ProofCheck r = check_drup(php, padded, never);
  CHECK(r.valid);
  CHECK(r.ignored_deletions == 2000);
  CHECK(asked == 2);  // every 1024 steps of about 2240
  CHECK_THROWS_AS(check_drup(php, padded, [] { return true; }), CheckStopped);
  CHECK(check_drup(php, kPhp65Proof, [] { return true; }).valid);  // under 1024 steps: never asked
}

TEST_CASE("a caller can stop the check while the formula is still being loaded", "[drup][limits]") {
  // Loading millions of clauses takes seconds, so `stop` is asked there too, every 1024 clauses.
  Cnf big;
  big.num_vars = 3001;
  for (int v = 1; v <= 3000; ++v) big.clauses.push_back({v, v + 1});
  int asked = 0;
  CHECK_THROWS_AS(check_drup(big, "", [&] { return ++asked > 0; }), CheckStopped);
  CHECK(asked == 1);  // at the 1024th clause, before any proof step
  asked = 0;
  const ProofCheck r = check_drup(big, "", [&] { return ++asked < 0; });
  CHECK_FALSE(r.valid);  // satisfiable, and the proof is empty
  CHECK(asked == 2);     // clauses 1024 and 2048; the empty proof has no steps to ask at
}
