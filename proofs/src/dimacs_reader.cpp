// DIMACS CNF and DRAT proof readers. The CNF is read line by line (comments and the header are line
// based); the text proof is scanned as a token stream because a step may span lines; the binary
// proof is a byte stream. Every number is range-checked before use, so hostile input can produce an
// InputError but never an overflow, a huge allocation or a hang.
#include "ccbound/proofs/dimacs_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "ccbound/core/error.hpp"

namespace ccbound {

namespace {

constexpr std::int64_t kMaxVar = std::numeric_limits<int>::max();
constexpr std::size_t kShownTokenChars = 20;

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}
bool is_space(char c) {
  return is_blank(c) || c == '\n';
}

// A token as it may appear inside a one-line message: short, and without control characters.
std::string shown(std::string_view token) {
  std::string out;
  for (char c : token.substr(0, kShownTokenChars)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7f) ? c : '?';
  }
  if (token.size() > kShownTokenChars) out += "...";
  return out;
}

// Decimal integer with an optional '-', nothing else; false if malformed. Beyond int64 it
// saturates, so that the caller's range check reports it as out of range rather than as not a
// number.
bool to_integer(std::string_view token, std::int64_t& value) {
  if (token.empty() || token.front() == '+') return false;
  const char* end = token.data() + token.size();
  const auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ptr != end) return false;
  if (ec == std::errc::result_out_of_range) {
    value = token.front() == '-' ? std::numeric_limits<std::int64_t>::min()
                                 : std::numeric_limits<std::int64_t>::max();
    return true;
  }
  return ec == std::errc();
}

// Blank-separated tokens of one line, without allocating.
class Tokens {
 public:
  explicit Tokens(std::string_view line) : rest_(line) {}
  bool next(std::string_view& token) {
    std::size_t i = 0;
    while (i < rest_.size() && is_blank(rest_[i])) ++i;
    std::size_t j = i;
    while (j < rest_.size() && !is_blank(rest_[j])) ++j;
    token = rest_.substr(i, j - i);
    rest_.remove_prefix(j);
    return !token.empty();
  }

 private:
  std::string_view rest_;
};

// Sorts by variable, drops repeated literals; false if the clause holds some l and -l.
bool normalize_clause(std::vector<int>& clause) {
  std::sort(clause.begin(), clause.end(), [](int a, int b) {
    return std::abs(a) != std::abs(b) ? std::abs(a) < std::abs(b) : a < b;
  });
  clause.erase(std::unique(clause.begin(), clause.end()), clause.end());
  for (std::size_t i = 1; i < clause.size(); ++i)
    if (clause[i] == -clause[i - 1]) return false;
  return true;
}

class CnfParser {
 public:
  explicit CnfParser(std::string_view source) : source_(source) {}

  void line(std::string_view text, std::size_t number) {
    line_ = number;
    Tokens tokens(text);
    std::string_view token;
    if (!tokens.next(token) || token.front() == 'c') return;
    if (token == "p") return header(tokens);
    if (!have_header_) fail("clause before the 'p cnf' header");
    for (bool more = true; more; more = tokens.next(token)) literal(token);
  }

  Cnf finish() {
    if (!have_header_) throw InputError(fmt::format("{}: no 'p cnf' header", source_));
    if (!clause_.empty())
      fail(fmt::format("the last clause (from line {}) is not terminated by 0", clause_line_));
    if (count_ != declared_) {
      throw InputError(
          fmt::format("{}: header declares {} clauses, found {}", source_, declared_, count_));
    }
    return std::move(cnf_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(fmt::format("{}: line {}: {}", source_, line_, what));
  }

  void header(Tokens& tokens) {
    if (have_header_) fail("second 'p cnf' header");
    std::string_view fmt_token, vars_token, clauses_token, extra;
    std::int64_t vars = -1, clauses = -1;
    const bool ok = tokens.next(fmt_token) && fmt_token == "cnf" && tokens.next(vars_token) &&
                    tokens.next(clauses_token) && !tokens.next(extra) &&
                    to_integer(vars_token, vars) && to_integer(clauses_token, clauses);
    if (!ok) fail("bad header (expected 'p cnf <variables> <clauses>')");
    if (vars < 0 || vars > kMaxVar || clauses < 0)
      fail(fmt::format("header numbers out of range (variables 0..{}, clauses >= 0)", kMaxVar));
    have_header_ = true;
    cnf_.num_vars = static_cast<int>(vars);
    declared_ = static_cast<std::uint64_t>(clauses);
    // Reserve only a bounded amount: the header is not trusted until the clauses are counted.
    cnf_.clauses.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(declared_, 1u << 16)));
  }

  void literal(std::string_view token) {
    std::int64_t value = 0;
    if (!to_integer(token, value)) fail(fmt::format("'{}' is not an integer", shown(token)));
    if (value == 0) return end_clause();
    if (value < -kMaxVar || value > kMaxVar || std::abs(value) > cnf_.num_vars) {
      fail(fmt::format("literal {} out of range (the header declares {} variables)", shown(token),
                       cnf_.num_vars));
    }
    if (clause_.empty()) clause_line_ = line_;
    clause_.push_back(static_cast<int>(value));
  }

  void end_clause() {
    if (++count_ > declared_) fail(fmt::format("more than the {} declared clauses", declared_));
    if (normalize_clause(clause_)) cnf_.clauses.push_back(clause_);
    clause_.clear();
  }

  std::string source_;
  Cnf cnf_;
  bool have_header_ = false;
  std::uint64_t declared_ = 0;
  std::uint64_t count_ = 0;
  std::vector<int> clause_;
  std::size_t clause_line_ = 0;
  std::size_t line_ = 0;
};

}  // namespace

Cnf parse_dimacs(std::string_view text, std::string_view source) {
  CnfParser parser(source);
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    parser.line(text.substr(0, end), ++number);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return parser.finish();
}

ProofFormat detect_proof_format(std::string_view data) {
  if (data.empty()) return ProofFormat::text;
  if (data[0] == 'a') return ProofFormat::binary;  // no text step starts with 'a'
  if (data[0] == 'd' && data.size() > 1 && !is_space(data[1])) return ProofFormat::binary;
  for (char c : data.substr(0, 10)) {
    const auto u = static_cast<unsigned char>(c);
    if (!(u >= 0x20 && u < 0x7f) && !is_space(c)) return ProofFormat::binary;
  }
  return ProofFormat::text;
}

ProofReader::ProofReader(std::string_view data, ProofFormat format, std::string_view source)
    : data_(data), source_(source) {
  if (format == ProofFormat::detect) format = detect_proof_format(data);
  binary_ = format == ProofFormat::binary;
}

bool ProofReader::next(ProofStep& step) {
  step.literals.clear();
  step.deletion = false;
  return binary_ ? next_binary(step) : next_text(step);
}

std::string ProofReader::where(const ProofStep& step) const {
  return fmt::format("{} {}", binary_ ? "byte" : "line", step.position);
}

// Moves to the first token of the next step; false at the end of the data.
bool ProofReader::skip_blanks_and_comments() {
  while (pos_ < data_.size()) {
    const char c = data_[pos_];
    if (c == 'c') {
      const std::size_t eol = data_.find('\n', pos_);
      pos_ = eol == std::string_view::npos ? data_.size() : eol;
    } else if (is_space(c)) {
      if (c == '\n') ++line_;
      ++pos_;
    } else {
      return true;
    }
  }
  return false;
}

bool ProofReader::next_text(ProofStep& step) {
  if (!skip_blanks_and_comments()) return false;
  step.position = line_;
  if (data_[pos_] == 'd' && (pos_ + 1 == data_.size() || is_space(data_[pos_ + 1]))) {
    step.deletion = true;
    ++pos_;
  }
  while (const int lit = read_text_literal(step.position)) step.literals.push_back(lit);
  return true;
}

int ProofReader::read_text_literal(std::size_t step_line) {
  while (pos_ < data_.size() && is_space(data_[pos_])) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ == data_.size()) {
    throw InputError(fmt::format("{}: line {}: step not terminated by 0 (proof truncated?)",
                                 source_, step_line));
  }
  const std::size_t start = pos_;
  while (pos_ < data_.size() && !is_space(data_[pos_])) ++pos_;
  const std::string_view token = data_.substr(start, pos_ - start);
  std::int64_t value = 0;
  if (!to_integer(token, value)) {
    throw InputError(
        fmt::format("{}: line {}: '{}' is not an integer", source_, line_, shown(token)));
  }
  if (value < -kMaxVar || value > kMaxVar) {
    throw InputError(
        fmt::format("{}: line {}: literal {} out of range", source_, line_, shown(token)));
  }
  return static_cast<int>(value);
}

bool ProofReader::next_binary(ProofStep& step) {
  if (pos_ == data_.size()) return false;
  step.position = pos_;
  const char marker = data_[pos_++];
  if (marker != 'a' && marker != 'd') {
    throw InputError(fmt::format("{}: byte {}: expected step marker 'a' or 'd', found 0x{:02x}",
                                 source_, step.position, static_cast<unsigned char>(marker)));
  }
  step.deletion = marker == 'd';
  while (const int lit = read_binary_literal(step.position)) step.literals.push_back(lit);
  return true;
}

int ProofReader::read_binary_literal(std::size_t step_offset) {
  const std::size_t start = pos_;
  std::uint64_t code = 0;
  for (unsigned shift = 0;; shift += 7) {
    if (pos_ == data_.size()) {
      throw InputError(fmt::format(
          "{}: byte {}: step not terminated by a 0 byte (proof truncated?)", source_, step_offset));
    }
    const auto byte = static_cast<unsigned char>(data_[pos_++]);
    code |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
    if (shift >= 28) {
      throw InputError(fmt::format("{}: byte {}: literal encoding too long", source_, start));
    }
  }
  const std::uint64_t var = code >> 1;
  if (code == 1 || var > static_cast<std::uint64_t>(kMaxVar))
    throw InputError(fmt::format("{}: byte {}: literal out of range", source_, start));
  const int magnitude = static_cast<int>(var);
  return (code & 1) != 0 ? -magnitude : magnitude;
}

}  // namespace ccbound
