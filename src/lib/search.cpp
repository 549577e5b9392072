// The branch-and-bound engine behind search_exact (see search.hpp for the idea).
//
// Rectangles are pairs of masks over the rows and columns of the deduplicated matrix T. Inside a
// rectangle, rows with equal patterns form one class (a split never separates them usefully: the
// halves would contain the same submatrices), so splits are subsets of classes, enumerated in Gray
// code order with the first class fixed on one side (a split and its mirror are the same split).
#include "ccbound/search.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "ccbound/oneway.hpp"
#include "ccbound/rank.hpp"
#include "search_key.hpp"

namespace ccbound {

namespace {

using Mask = std::uint64_t;

struct Classes {
  int rows = 0;
  int cols = 0;
  Mask row_class[64];     // rows of T in each row class
  Mask col_class[64];
  Mask row_pattern[64];   // the class's row restricted to C, as a mask over T's columns
};

struct MemoEntry {
  int lower = 0;
  int upper = 64;
  bool ranked = false;
};

constexpr std::size_t kMaxMemoEntries = std::size_t{1} << 21;  // about 300 MiB

Mask all_of(std::size_t count) { return count >= 64 ? ~Mask{0} : (Mask{1} << count) - 1; }

class Searcher {
 public:
  Searcher(const Matrix& original, const Deduplicated& dedup, const Deadline& deadline);

  bool can_finish(Mask rows, Mask cols, int k);
  NodeId build(Protocol& protocol, Mask rows, Mask cols, int k);

  Mask all_rows() const { return all_of(row_bits_.size()); }
  Mask all_cols() const { return all_of(col_bits_.size()); }
  std::uint64_t nodes() const { return nodes_; }
  std::size_t memo_entries() const { return memo_.size(); }

 private:
  Classes classify(Mask rows, Mask cols) const;
  CompactMatrix compact(const Classes& cl) const;
  MemoEntry& entry_for(const Classes& cl, MemoEntry& scratch);
  bool split_rows(const Classes& cl, Mask rows, Mask cols, int k, Mask* found);
  bool split_cols(const Classes& cl, Mask rows, Mask cols, int k, Mask* found);
  std::vector<std::uint32_t> original_rows(Mask rows) const;
  std::vector<std::uint32_t> original_cols(Mask cols) const;

  const Matrix& original_;
  const Deadline& deadline_;
  std::vector<Mask> row_bits_;  // row i of T as a mask over T's columns
  std::vector<Mask> col_bits_;  // column j of T as a mask over T's rows
  std::vector<std::vector<std::uint32_t>> row_members_;  // original rows in each row of T
  std::vector<std::vector<std::uint32_t>> col_members_;
  std::unordered_map<SearchKey, MemoEntry, SearchKeyHash> memo_;
  std::uint64_t nodes_ = 0;
};

Searcher::Searcher(const Matrix& original, const Deduplicated& d, const Deadline& deadline)
    : original_(original), deadline_(deadline), row_bits_(d.matrix.rows(), 0),
      col_bits_(d.matrix.cols(), 0), row_members_(d.matrix.rows()), col_members_(d.matrix.cols()) {
  for (std::size_t i = 0; i < d.matrix.rows(); ++i)
    for (std::size_t j = 0; j < d.matrix.cols(); ++j)
      if (d.matrix.at(i, j)) {
        row_bits_[i] |= Mask{1} << j;
        col_bits_[j] |= Mask{1} << i;
      }
  for (std::uint32_t x = 0; x < d.row_class.size(); ++x) row_members_[d.row_class[x]].push_back(x);
  for (std::uint32_t y = 0; y < d.col_class.size(); ++y) col_members_[d.col_class[y]].push_back(y);
}

// Groups `members` by pattern & `against`; returns the number of classes.
int group(const std::vector<Mask>& bits, Mask members, Mask against, Mask* classes, Mask* patterns) {
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
  } else if (memo_.size() < kMaxMemoEntries) {
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
  const bool ok = split_rows(cl, rows, cols, k, nullptr) || split_cols(cl, rows, cols, k, nullptr);
  if (ok) {
    entry.upper = std::min(entry.upper, k);
  } else {
    entry.lower = std::max(entry.lower, k + 1);
  }
  return ok;
}

// Tries every split of the row classes; on success stores the rows sending 1 in *found.
bool Searcher::split_rows(const Classes& cl, Mask rows, Mask cols, int k, Mask* found) {
  Mask side = 0;  // rows of the classes whose Gray-code bit is set; class 0 stays on the other side
  const std::uint64_t splits = std::uint64_t{1} << (cl.rows - 1);
  for (std::uint64_t t = 1; t < splits; ++t) {
    side ^= cl.row_class[1 + std::countr_zero(t)];
    const Mask rest = rows & ~side;
    const bool larger_first = std::popcount(side) >= std::popcount(rest);
    const Mask first = larger_first ? side : rest;
    if (can_finish(first, cols, k - 1) && can_finish(rows & ~first, cols, k - 1)) {
      if (found) *found = side;
      return true;
    }
  }
  return false;
}

bool Searcher::split_cols(const Classes& cl, Mask rows, Mask cols, int k, Mask* found) {
  Mask side = 0;
  const std::uint64_t splits = std::uint64_t{1} << (cl.cols - 1);
  for (std::uint64_t t = 1; t < splits; ++t) {
    side ^= cl.col_class[1 + std::countr_zero(t)];
    const Mask rest = cols & ~side;
    const bool larger_first = std::popcount(side) >= std::popcount(rest);
    const Mask first = larger_first ? side : rest;
    if (can_finish(rows, first, k - 1) && can_finish(rows, cols & ~first, k - 1)) {
      if (found) *found = side;
      return true;
    }
  }
  return false;
}

std::vector<std::uint32_t> members(const std::vector<std::vector<std::uint32_t>>& of, Mask mask) {
  std::vector<std::uint32_t> result;
  for (; mask; mask &= mask - 1) {
    const auto& m = of[std::countr_zero(mask)];
    result.insert(result.end(), m.begin(), m.end());
  }
  return result;
}

std::vector<std::uint32_t> Searcher::original_rows(Mask rows) const { return members(row_members_, rows); }
std::vector<std::uint32_t> Searcher::original_cols(Mask cols) const { return members(col_members_, cols); }

// Requires: can_finish(rows, cols, k). Appends a tree of depth <= k and returns its root.
NodeId Searcher::build(Protocol& protocol, Mask rows, Mask cols, int k) {
  const Classes cl = classify(rows, cols);
  const int fewest = std::min(cl.rows, cl.cols);
  if (fewest == 1 || bits_to_name(static_cast<std::size_t>(fewest)) + 1 <= k) {
    const Speaker first = cl.rows <= cl.cols ? Speaker::alice : Speaker::bob;
    return add_oneway_subtree(protocol, original_, original_rows(rows), original_cols(cols), first);
  }
  Mask side = 0;
  if (split_rows(cl, rows, cols, k, &side)) {
    const NodeId zero = build(protocol, rows & ~side, cols, k - 1);
    const NodeId one = build(protocol, side, cols, k - 1);
    return protocol.add_split(Speaker::alice, original_rows(side), zero, one);
  }
  if (split_cols(cl, rows, cols, k, &side)) {
    const NodeId zero = build(protocol, rows, cols & ~side, k - 1);
    const NodeId one = build(protocol, rows, side, k - 1);
    return protocol.add_split(Speaker::bob, original_cols(side), zero, one);
  }
  throw std::logic_error("search: build called on a rectangle that cannot be finished");
}

}  // namespace

SearchResult search_exact(const Matrix& m, int lower, int upper, const Deadline& deadline) {
  const Deduplicated d = deduplicate(m);
  if (d.matrix.rows() > kSearchMaxSide || d.matrix.cols() > kSearchMaxSide)
    throw std::invalid_argument("search_exact: more than 64 distinct rows or columns");
  Searcher searcher(m, d, deadline);
  SearchResult result{lower, upper, {}, false, 0, 0};
  try {
    for (int k = lower; k < upper; ++k, result.lower = k) {
      if (!searcher.can_finish(searcher.all_rows(), searcher.all_cols(), k)) continue;
      result.protocol = Protocol(m.rows(), m.cols());
      searcher.build(result.protocol, searcher.all_rows(), searcher.all_cols(), k);
      result.upper = k;
      break;
    }
  } catch (const TimeoutExpired&) {
    result.timed_out = true;
    result.protocol = Protocol();  // a tree cut short by the deadline proves nothing
    result.upper = upper;
  }
  result.nodes = searcher.nodes();
  result.memo_entries = searcher.memo_entries();
  return result;
}

}  // namespace ccbound
