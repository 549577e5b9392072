// The branch-and-bound engine behind search_exact (see search.hpp for the idea).
//
// Rectangles are pairs of masks over the rows and columns of the deduplicated matrix T. Inside a
// rectangle, rows with equal patterns form one class (a split never separates them usefully: the
// halves would contain the same submatrices), so splits are subsets of classes, enumerated in Gray
// code order with the first class fixed on one side (a split and its mirror are the same split).
#include "ccbound/engines/search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "ccbound/engines/oneway.hpp"
#include "ccbound/engines/rank.hpp"
#include "search_key.hpp"

namespace ccbound {

namespace {

using Mask = std::uint64_t;

struct Classes {
  int rows = 0;
  int cols = 0;
  Mask row_class[64];  // rows of T in each row class
  Mask col_class[64];
  Mask row_pattern[64];  // the class's row restricted to C, as a mask over T's columns
};

struct MemoEntry {
  int lower = 0;
  int upper = 64;
  bool ranked = false;
};

// Memory. The memo and the refutation log are the search's only large structures; both are sized
// at the start against the room left under the memory limit (memory_headroom_bytes()), a quarter
// each. The memo simply stops growing at its cap (a missed hit costs time, never soundness). The
// log cannot drop a claim, and every claim costs its checker a normal form in a hash map after the
// search is gone (plus the log itself, and its copy in the result), so past its cap the search
// stops, like a timeout, with what it proved so far: a log its checker cannot hold proves nothing.
constexpr std::size_t kMaxMemoEntries = std::size_t{1} << 21;  // about 300 MiB
constexpr std::uint64_t kMemoBytesPerEntry = 160;
constexpr std::uint64_t kLogBytesPerClaim = 200;

struct LogOutgrown {};

Mask all_of(std::size_t count) {
  return count >= 64 ? ~Mask{0} : (Mask{1} << count) - 1;
}

class Searcher {
 public:
  Searcher(const PreparedMatrix& p, const Deadline& deadline);

  bool can_finish(Mask rows, Mask cols, int k);
  NodeId build(Protocol& protocol, Mask rows, Mask cols, int k);

  Mask all_rows() const { return all_of(row_bits_.size()); }
  Mask all_cols() const { return all_of(col_bits_.size()); }
  std::uint64_t nodes() const { return nodes_; }
  std::vector<RefutationClaim>& log() { return log_; }
  std::size_t memo_entries() const { return memo_.size(); }

 private:
  Classes classify(Mask rows, Mask cols) const;
  CompactMatrix compact(const Classes& cl) const;
  MemoEntry& entry_for(const Classes& cl, MemoEntry& scratch);
  bool split_rows(const Classes& cl, Mask cols, int k, Mask* found);
  bool split_cols(const Classes& cl, Mask rows, int k, Mask* found);
  std::vector<std::uint32_t> original_rows(Mask rows) const;
  std::vector<std::uint32_t> original_cols(Mask cols) const;

  const PreparedMatrix& p_;
  const Deadline& deadline_;
  std::vector<Mask> row_bits_;  // row i of T as a mask over T's columns
  std::vector<Mask> col_bits_;  // column j of T as a mask over T's rows
  std::unordered_map<SearchKey, MemoEntry, SearchKeyHash> memo_;
  std::vector<RefutationClaim> log_;  // exhaustive refutations in the order they were concluded
  std::uint64_t nodes_ = 0;
  std::size_t memo_cap_ = 0;
  std::size_t log_cap_ = 0;
};

Searcher::Searcher(const PreparedMatrix& p, const Deadline& deadline)
    : p_(p),
      deadline_(deadline),
      row_bits_(p.distinct().rows(), 0),
      col_bits_(p.distinct().cols(), 0) {
  const std::uint64_t quarter = memory_headroom_bytes() / 4;
  memo_cap_ = std::size_t(std::min<std::uint64_t>(kMaxMemoEntries, quarter / kMemoBytesPerEntry));
  log_cap_ = std::size_t(quarter / kLogBytesPerClaim);
  const Matrix& t = p.distinct();
  for (std::size_t i = 0; i < t.rows(); ++i)
    for (std::size_t j = 0; j < t.cols(); ++j)
      if (t.at(i, j)) {
        row_bits_[i] |= Mask{1} << j;
        col_bits_[j] |= Mask{1} << i;
      }
}

// Groups `members` by pattern & `against`; returns the number of classes.
int group(const std::vector<Mask>& bits, Mask members, Mask against, Mask* classes,
          Mask* patterns) {
  int count = 0;
  for (; members; members &= members - 1) {
    const int i = std::countr_zero(members);
    const Mask pattern = bits[i] & against;
    int c = 0;
    while (c < count && patterns[c] != pattern) ++c;
    if (c == count) {
      patterns[count] = pattern;
      classes[count++] = 0;
    }
    classes[c] |= Mask{1} << i;
  }
  return count;
}

Classes Searcher::classify(Mask rows, Mask cols) const {
  Classes cl;
  Mask col_patterns[64];
  cl.rows = group(row_bits_, rows, cols, cl.row_class, cl.row_pattern);
  cl.cols = group(col_bits_, cols, rows, cl.col_class, col_patterns);
  return cl;
}

CompactMatrix Searcher::compact(const Classes& cl) const {
  CompactMatrix cm;
  cm.rows = cl.rows;
  cm.cols = cl.cols;
  for (int a = 0; a < cl.rows; ++a) {
    Mask row = 0;
    for (int b = 0; b < cl.cols; ++b)
      if ((cl.row_pattern[a] >> std::countr_zero(cl.col_class[b])) & 1) row |= Mask{1} << b;
    cm.bits[a] = row;
  }
  return cm;
}

MemoEntry& Searcher::entry_for(const Classes& cl, MemoEntry& scratch) {
  const CompactMatrix cm = compact(cl);
  SearchKey key = canonical_key(cm);
  auto it = memo_.find(key);
  MemoEntry* entry = &scratch;
  if (it != memo_.end()) {
    entry = &it->second;
  } else if (memo_.size() < memo_cap_) {
    entry = &memo_.emplace(std::move(key), MemoEntry{}).first->second;
  }
  if (!entry->ranked) {
    // Leaves >= rank(M) + rank(J - M) over GF(2); a depth-k tree has at most 2^k leaves.
    Mask complement[64];
    for (int a = 0; a < cm.rows; ++a) complement[a] = cm.bits[a] ^ all_of(cm.cols);
    const int leaves = rank_gf2_small(cm.bits, cm.rows) + rank_gf2_small(complement, cm.rows);
    entry->lower = std::max(entry->lower, bits_to_name(static_cast<std::size_t>(leaves)));
    entry->ranked = true;
  }
  return *entry;
}

bool Searcher::can_finish(Mask rows, Mask cols, int k) {
  if ((++nodes_ & 1023) == 1) deadline_.check();  // the first node, then every 1024th
  const Classes cl = classify(rows, cols);
  if (cl.rows == 1 && cl.cols == 1) return true;
  if (k <= 0) return false;
  if (bits_to_name(static_cast<std::size_t>(std::min(cl.rows, cl.cols))) + 1 <= k) return true;
  MemoEntry scratch;
  MemoEntry& entry = entry_for(cl, scratch);
  if (entry.lower > k) return false;
  if (entry.upper <= k) return true;
  const bool ok = split_rows(cl, cols, k, nullptr) || split_cols(cl, rows, k, nullptr);
  if (ok) {
    entry.upper = std::min(entry.upper, k);
  } else {
    entry.lower = std::max(entry.lower, k + 1);
    if (log_.size() >= log_cap_) throw LogOutgrown{};
    log_.push_back({k, rows, cols});
  }
  return ok;
}

// Finishability is inherited by sub-rectangles, so the sides that can be finished in k - 1 bits
// form a down-closed family. Splits are therefore built class by class, each class joining side A
// or B, and a branch is cut as soon as either partial side cannot be finished: the search visits
// only splits whose every prefix is feasible, instead of all 2^(classes - 1). Class 0 is always in
// A.
class SplitSearch {
 public:
  SplitSearch(Searcher& searcher, const Mask* classes, int count, bool by_rows, Mask fixed, int k)
      : searcher_(searcher),
        classes_(classes),
        count_(count),
        by_rows_(by_rows),
        fixed_(fixed),
        k_(k) {}

  // On success, *found holds side A.
  bool run(Mask* found) { return finishable(classes_[0]) && assign(1, classes_[0], 0, found); }

 private:
  bool finishable(Mask side) {
    return by_rows_ ? searcher_.can_finish(side, fixed_, k_ - 1)
                    : searcher_.can_finish(fixed_, side, k_ - 1);
  }

  bool assign(int i, Mask a, Mask b, Mask* found) {
    if (i == count_) {
      if (b == 0) return false;
      if (found) *found = a;
      return true;
    }
    const Mask next_a = a | classes_[i];
    if (finishable(next_a) && assign(i + 1, next_a, b, found)) return true;
    const Mask next_b = b | classes_[i];
    return finishable(next_b) && assign(i + 1, a, next_b, found);
  }

  Searcher& searcher_;
  const Mask* classes_;
  int count_;
  bool by_rows_;
  Mask fixed_;
  int k_;
};

// Looks for a split of the row (column) classes; on success *found holds the side that sends 1.
bool Searcher::split_rows(const Classes& cl, Mask cols, int k, Mask* found) {
  return SplitSearch(*this, cl.row_class, cl.rows, true, cols, k).run(found);
}

bool Searcher::split_cols(const Classes& cl, Mask rows, int k, Mask* found) {
  return SplitSearch(*this, cl.col_class, cl.cols, false, rows, k).run(found);
}

std::vector<std::uint32_t> bit_indices(Mask mask) {
  std::vector<std::uint32_t> result;
  for (; mask; mask &= mask - 1) result.push_back(std::uint32_t(std::countr_zero(mask)));
  return result;
}

std::vector<std::uint32_t> Searcher::original_rows(Mask rows) const {
  return original_members(p_, bit_indices(rows), true);
}
std::vector<std::uint32_t> Searcher::original_cols(Mask cols) const {
  return original_members(p_, bit_indices(cols), false);
}

// Requires: can_finish(rows, cols, k). Appends a tree of depth <= k and returns its root.
NodeId Searcher::build(Protocol& protocol, Mask rows, Mask cols, int k) {
  const Classes cl = classify(rows, cols);
  const int fewest = std::min(cl.rows, cl.cols);
  if (fewest == 1 || bits_to_name(static_cast<std::size_t>(fewest)) + 1 <= k) {
    const Speaker first = cl.rows <= cl.cols ? Speaker::alice : Speaker::bob;
    return add_oneway_subtree(protocol, p_.original, original_rows(rows), original_cols(cols),
                              first);
  }
  Mask side = 0;
  if (split_rows(cl, cols, k, &side)) {
    const NodeId zero = build(protocol, rows & ~side, cols, k - 1);
    const NodeId one = build(protocol, side, cols, k - 1);
    return protocol.add_split(Speaker::alice, original_rows(side), zero, one);
  }
  if (split_cols(cl, rows, k, &side)) {
    const NodeId zero = build(protocol, rows, cols & ~side, k - 1);
    const NodeId one = build(protocol, rows, side, k - 1);
    return protocol.add_split(Speaker::bob, original_cols(side), zero, one);
  }
  throw std::logic_error("search: build called on a rectangle that cannot be finished");
}

}  // namespace

SearchResult search_exact(const PreparedMatrix& p, int lower, int upper, const Deadline& deadline) {
  const Matrix& t = p.distinct();
  if (t.rows() > kSearchMaxSide || t.cols() > kSearchMaxSide)
    throw std::invalid_argument("search_exact: more than 64 distinct rows or columns");
  Searcher searcher(p, deadline);
  SearchResult result;
  result.lower = lower;
  result.upper = upper;
  try {
    for (int k = lower; k < upper; ++k, result.lower = k) {
      if (!searcher.can_finish(searcher.all_rows(), searcher.all_cols(), k)) continue;
      result.protocol = Protocol(p.original.rows(), p.original.cols());
      searcher.build(result.protocol, searcher.all_rows(), searcher.all_cols(), k);
      result.upper = k;
      break;
    }
  } catch (const TimeoutExpired&) {
    result.timed_out = true;
    result.protocol = Protocol();  // a tree cut short by the deadline proves nothing
    result.upper = upper;
  } catch (const LogOutgrown&) {
    result.skipped = fmt::format(
        "skipped: the search's refutation log passed {} claims, more than its checker could hold "
        "within the memory limit",
        searcher.log().size());
    result.protocol = Protocol();
    result.upper = upper;
  }
  result.nodes = searcher.nodes();
  result.memo_entries = searcher.memo_entries();
  result.refutation = {t.rows(), t.cols(), std::move(searcher.log())};
  return result;
}

}  // namespace ccbound
