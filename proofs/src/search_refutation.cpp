// The independent checker of the search engine's refutation logs, and the log's text form.
//
// The search engine proves "no protocol of depth k" by exhausting splits and logs each conclusion
// as a claim; this file re-derives every claim's justification from the matrix alone, in log
// order, so a lower bound it confirms does not rest on the search being right. The checker shares
// no code with the search engine that wrote the log: the classes, normal forms (see
// rectangle_normal_form.hpp), GF(2) ranks and the split enumeration are all written again here,
// from the contract in search_refutation.hpp.
//
// Choices the header leaves open: a mask naming a row or column beyond T, an empty mask or a
// negative depth is an invalid verdict from the checker (the text parser only checks syntax);
// for claimed_lower <= 1 the log is not consulted at all, as the header says.
#include "ccbound/proofs/search_refutation.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <charconv>
#include <optional>
#include <span>
#include <unordered_map>

#include "ccbound/core/error.hpp"
#include "rectangle_normal_form.hpp"

namespace ccbound {

// ---- The text form -------------------------------------------------------------------------

namespace {

constexpr std::string_view kMagic = "ccbound-search-refutation";
constexpr std::string_view kVersion = "1";

[[noreturn]] void malformed(std::size_t line, std::string_view why) {
  throw InputError(fmt::format("search refutation, line {}: {}", line, why));
}

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (true) {
    pos = line.find_first_not_of(" \t", pos);
    if (pos == std::string_view::npos) return fields;
    const std::size_t end = std::min(line.find_first_of(" \t", pos), line.size());
    fields.push_back(line.substr(pos, end - pos));
    pos = end;
  }
}

// from_chars alone would accept a leading '-' for signed types, so the digits are vetted first.
template <typename Int>
Int parse_number(std::string_view field, int base, std::size_t line, std::string_view what) {
  const std::string_view digits = base == 16 ? "0123456789abcdefABCDEF" : "0123456789";
  if (field.empty() || field.find_first_not_of(digits) != std::string_view::npos)
    malformed(line, fmt::format("{} '{}' is not a {} number", what, field,
                                base == 16 ? "hexadecimal" : "non-negative decimal"));
  Int value{};
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value, base);
  if (error != std::errc{} || end != field.data() + field.size())
    malformed(line, fmt::format("{} '{}' is out of range", what, field));
  return value;
}

void parse_header(std::string_view line, SearchRefutation& log) {
  const auto fields = fields_of(line);
  if (fields.empty() || fields[0] != kMagic)
    malformed(1, fmt::format("expected the header '{} {} <rows> <cols>'", kMagic, kVersion));
  if (fields.size() != 4) malformed(1, "the header needs exactly a version, rows and columns");
  if (fields[1] != kVersion) malformed(1, fmt::format("unsupported version '{}'", fields[1]));
  log.matrix_rows = parse_number<std::size_t>(fields[2], 10, 1, "row count");
  log.matrix_cols = parse_number<std::size_t>(fields[3], 10, 1, "column count");
}

RefutationClaim parse_claim(std::string_view line, std::size_t number) {
  const auto fields = fields_of(line);
  if (fields.size() != 3)
    malformed(number, fmt::format("expected '<depth> <rows in hex> <cols in hex>', found {} fields",
                                  fields.size()));
  return {parse_number<int>(fields[0], 10, number, "depth"),
          parse_number<std::uint64_t>(fields[1], 16, number, "row mask"),
          parse_number<std::uint64_t>(fields[2], 16, number, "column mask")};
}

}  // namespace

std::string refutation_to_text(const SearchRefutation& log) {
  std::string text =
      fmt::format("{} {} {} {}\n", kMagic, kVersion, log.matrix_rows, log.matrix_cols);
  for (const RefutationClaim& c : log.claims)
    text += fmt::format("{} {:x} {:x}\n", c.depth, c.rows, c.cols);
  return text;
}

SearchRefutation refutation_from_text(std::string_view text) {
  SearchRefutation log;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.ends_with('\r')) line.remove_suffix(1);
    ++number;
    if (number == 1) {
      parse_header(line, log);
    } else {
      log.claims.push_back(parse_claim(line, number));
    }
  }
  if (number == 0) malformed(1, "empty text, expected a header");
  return log;
}

// ---- The checker ---------------------------------------------------------------------------

namespace {

using refutation::ClassedRectangle;
using refutation::CompactMatrix;
using refutation::Mask;

Mask all_of(std::size_t count) {
  return count >= 64 ? ~Mask{0} : (Mask{1} << count) - 1;
}

struct WordsHash {
  using is_transparent = void;
  std::size_t operator()(std::span<const std::uint64_t> words) const {
    std::uint64_t h = 0x243f6a8885a308d3ULL;
    for (std::uint64_t w : words) {
      h = (h ^ w) * 0x9fb21c651e98df25ULL;
      h ^= h >> 29;
    }
    return static_cast<std::size_t>(h);
  }
};

struct WordsEqual {
  using is_transparent = void;
  bool operator()(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b) const {
    return std::ranges::equal(a, b);
  }
};

// The side tests a check has spent against its budget; every 1024th asks the caller's stop. A
// hostile log could keep the split enumeration busy for years; past the budget, or once stopped,
// the check gives up undecided.
class Work {
 public:
  explicit Work(const RefutationBudget& budget) : budget_(budget) {}

  // Counts one side test; false once the check must give up.
  bool spend() {
    ++spent_;
    if (spent_ > budget_.side_tests) return false;
    if (spent_ % 1024 == 0 && budget_.stop && budget_.stop()) stopped_ = true;
    return !stopped_;
  }
  bool exhausted() const { return stopped_ || spent_ > budget_.side_tests; }
  bool stopped() const { return stopped_; }
  std::uint64_t spent() const { return spent_; }
  std::uint64_t allowed() const { return budget_.side_tests; }

 private:
  const RefutationBudget& budget_;
  std::uint64_t spent_ = 0;
  bool stopped_ = false;
};

class Checker {
 public:
  Checker(const Matrix& t, Work& work);

  // Why the claim does not follow from the claims before it; nothing if it does (and it is then
  // available to the claims after it).
  std::optional<std::string> check(const RefutationClaim& claim);
  bool whole_refuted(int depth) const;
  bool refuted(const CompactMatrix& rect, int depth) const;
  // Only the third rule: an earlier checked claim with the same normal form and depth >= depth.
  bool proved(const CompactMatrix& rect, int depth) const;

 private:
  std::optional<std::string> out_of_range(const RefutationClaim& claim) const;
  std::optional<std::string> open_split(const ClassedRectangle& rect, bool alice, int depth);
  void record(const CompactMatrix& k, int depth);

  std::vector<Mask> row_bits_;  // row i of T as a mask over T's columns
  std::vector<Mask> col_bits_;  // column j of T as a mask over T's rows
  // Normal form -> the largest depth proved for it. Looked up by span, so probes never allocate.
  std::unordered_map<std::vector<std::uint64_t>, int, WordsHash, WordsEqual> proved_;
  Work& work_;  // over all claims so far
};

// The depth-first colouring of the header. Side A holds class 0. A branch closes as soon as the
// side that just grew is refuted: every split below it has that side, or a superset of it (which
// is no easier to finish), as one half.
class SplitWalk {
 public:
  SplitWalk(const Checker& checker, const ClassedRectangle& rect, bool alice, int depth, Work& work)
      : checker_(checker), rect_(rect), alice_(alice), depth_(depth), work_(work) {}

  // True iff every split is closed; otherwise open_a | open_b is the first split left open, or
  // the work ran out (work.exhausted()).
  bool all_closed() { return closes(1) || all_closed_from(1, 1, 0); }

  Mask open_a = 0;
  Mask open_b = 0;

 private:
  int classes() const { return alice_ ? rect_.k.rows : rect_.k.cols; }

  // The rules of Checker::refuted, with the leaf bound taken on the side's rows as they are: it
  // settles most sides before their classes are merged and their normal form is built.
  bool closes(Mask side) {
    if (!work_.spend()) return false;  // all_closed_from then gives up: nothing is concluded
    if (depth_ > 0 && exceeds_leaf_bound(side)) return true;
    const CompactMatrix compact = alice_ ? rect_.alice_side(side) : rect_.bob_side(side);
    if (depth_ == 0) return !compact.is_constant();
    return checker_.proved(compact, depth_);
  }

  bool exceeds_leaf_bound(Mask side) const {
    if (!alice_) {
      const std::span<const Mask> rows(rect_.k.row, static_cast<std::size_t>(rect_.k.rows));
      return refutation::exceeds_leaf_bound(rows, side, depth_);
    }
    Mask rows[refutation::kMaxClasses];
    std::size_t count = 0;
    for (; side != 0; side &= side - 1) rows[count++] = rect_.k.row[std::countr_zero(side)];
    return refutation::exceeds_leaf_bound({rows, count}, all_of(rect_.k.cols), depth_);
  }

  bool all_closed_from(int next, Mask a, Mask b) {
    if (work_.exhausted()) return false;
    if (next == classes()) {
      if (b == 0) return true;  // not a split: B is empty
      open_a = a;
      open_b = b;
      return false;
    }
    const Mask bit = Mask{1} << next;
    if (!closes(a | bit) && !all_closed_from(next + 1, a | bit, b)) return false;
    return closes(b | bit) || all_closed_from(next + 1, a, b | bit);
  }

  const Checker& checker_;
  const ClassedRectangle& rect_;
  bool alice_;
  int depth_;
  Work& work_;
};

Checker::Checker(const Matrix& t, Work& work)
    : row_bits_(t.rows(), 0), col_bits_(t.cols(), 0), work_(work) {
  for (std::size_t i = 0; i < t.rows(); ++i)
    for (std::size_t j = 0; j < t.cols(); ++j)
      if (t.at(i, j)) {
        row_bits_[i] |= Mask{1} << j;
        col_bits_[j] |= Mask{1} << i;
      }
}

// The three "refuted at depth d" rules of the header, cheapest first.
bool Checker::refuted(const CompactMatrix& rect, int depth) const {
  if (rect.is_constant()) return false;
  if (depth == 0 || refutation::exceeds_leaf_bound(rect, depth)) return true;
  return proved(rect, depth);
}

bool Checker::proved(const CompactMatrix& rect, int depth) const {
  if (proved_.empty()) return false;
  const auto it = proved_.find(refutation::NormalFormKey(rect).words());
  return it != proved_.end() && it->second >= depth;
}

void Checker::record(const CompactMatrix& k, int depth) {
  const refutation::NormalFormKey key(k);
  const auto words = key.words();
  auto [it, inserted] = proved_.try_emplace({words.begin(), words.end()}, depth);
  if (!inserted) it->second = std::max(it->second, depth);
}

std::optional<std::string> Checker::out_of_range(const RefutationClaim& claim) const {
  if (claim.depth < 0) return fmt::format("negative depth {}", claim.depth);
  if (claim.rows == 0 || claim.cols == 0) return "the rectangle is empty";
  if ((claim.rows & ~all_of(row_bits_.size())) != 0)
    return fmt::format("the row mask {:x} names rows beyond the {} rows of T", claim.rows,
                       row_bits_.size());
  if ((claim.cols & ~all_of(col_bits_.size())) != 0)
    return fmt::format("the column mask {:x} names columns beyond the {} columns of T", claim.cols,
                       col_bits_.size());
  return std::nullopt;
}

std::optional<std::string> Checker::open_split(const ClassedRectangle& rect, bool alice,
                                               int depth) {
  SplitWalk walk(*this, rect, alice, depth, work_);
  if (walk.all_closed()) return std::nullopt;
  if (work_.exhausted()) return std::string("undecided");  // the caller words it
  // Report the split in T's rows (or columns), which is what a reader of the log can look up.
  const Mask* members = alice ? rect.row_members : rect.col_members;
  Mask a = 0;
  Mask b = 0;
  for (Mask c = walk.open_a; c != 0; c &= c - 1) a |= members[std::countr_zero(c)];
  for (Mask c = walk.open_b; c != 0; c &= c - 1) b |= members[std::countr_zero(c)];
  return fmt::format("{} split of the {} into {:x} | {:x} leaves neither side refuted at depth {}",
                     alice ? "Alice's" : "Bob's", alice ? "rows" : "columns", a, b, depth);
}

std::optional<std::string> Checker::check(const RefutationClaim& claim) {
  if (auto why = out_of_range(claim)) return why;
  const ClassedRectangle rect = refutation::classify(row_bits_, col_bits_, claim.rows, claim.cols);
  if (rect.k.is_constant()) return std::string("the rectangle is monochromatic");
  const bool by_rules = claim.depth == 0 || refutation::exceeds_leaf_bound(rect.k, claim.depth);
  if (!by_rules) {
    for (bool alice : {true, false})
      if (auto why = open_split(rect, alice, claim.depth - 1)) return why;
  }
  record(rect.k, claim.depth);
  return std::nullopt;
}

bool Checker::whole_refuted(int depth) const {
  const ClassedRectangle whole = refutation::classify(
      row_bits_, col_bits_, all_of(row_bits_.size()), all_of(col_bits_.size()));
  return refuted(whole.k, depth);
}

RefutationCheck invalid(std::size_t checked, std::string message) {
  return {false, false, checked, 0, std::move(message)};
}

// Neither accepted nor rejected: the certificate is not established within the budget.
RefutationCheck undecided(std::size_t checked, const Work& work) {
  const std::string why =
      work.stopped()
          ? fmt::format("the check was stopped after {} side tests", work.spent())
          : fmt::format("the check needs more than its budget of {} side tests", work.allowed());
  return {false, true, checked, work.spent(),
          fmt::format("not established: {} ({} claims checked)", why, checked)};
}

}  // namespace

RefutationCheck check_search_refutation(const Matrix& m, const SearchRefutation& log,
                                        int claimed_lower, const RefutationBudget& budget) {
  if (claimed_lower <= 0) return {true, false, 0, 0, "a lower bound of 0 needs no proof"};
  if (claimed_lower == 1) {
    if (m.is_constant()) return invalid(0, "the matrix is constant, so D = 0");
    return {true, false, 0, 0, "the matrix is not constant, so D >= 1"};
  }
  if (m.empty()) return invalid(0, "the matrix is empty");
  const Matrix t = deduplicate(m).matrix;
  if (t.rows() > 64 || t.cols() > 64)
    return invalid(0, fmt::format("T is {} x {}, beyond the 64 x 64 a refutation log can describe",
                                  t.rows(), t.cols()));
  if (log.matrix_rows != t.rows() || log.matrix_cols != t.cols())
    return invalid(0, fmt::format("the log is for a {} x {} matrix, but T is {} x {}",
                                  log.matrix_rows, log.matrix_cols, t.rows(), t.cols()));
  Work work(budget);
  Checker checker(t, work);
  for (std::size_t i = 0; i < log.claims.size(); ++i) {
    const RefutationClaim& c = log.claims[i];
    const auto why = checker.check(c);
    if (work.exhausted()) return undecided(i, work);
    if (why)
      return invalid(i, fmt::format("claim {} (line {}: {} {:x} {:x}) does not check: {}", i + 1,
                                    i + 2, c.depth, c.rows, c.cols, *why));
  }
  if (!checker.whole_refuted(claimed_lower - 1))
    return invalid(log.claims.size(),
                   fmt::format("all {} claims check, but neither they nor the rank bound refute "
                               "the whole {} x {} matrix T at depth {}",
                               log.claims.size(), t.rows(), t.cols(), claimed_lower - 1));
  return {true, false, log.claims.size(), work.spent(),
          fmt::format("{} claims check ({} side tests); T ({} x {}) has no protocol of depth {}",
                      log.claims.size(), work.spent(), t.rows(), t.cols(), claimed_lower - 1)};
}

}  // namespace ccbound
