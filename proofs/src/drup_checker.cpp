// The DRUP checker: a clause database with two watched literals, driven by the proof steps.
//
// Top-level (root) assignments persist from one lemma to the next, so each RUP check only pays for
// the propagation its own negated literals cause: it assigns them on a temporary level, propagates,
// and backtracks to the root. Invariant between steps: the root trail is exactly the
// unit-propagation closure of the current database, every root literal's reason clause is live, and
// every live clause of two or more literals is watched by its first two literals. Clauses live in
// one flat arena (header: size, state; then the literals); deleted clauses are skipped lazily by
// propagation and reclaimed by a compaction once they make up half of the arena. A multimap from an
// order-independent hash of the literal set finds the clause a deletion step names.
#include "ccbound/proofs/drup_checker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <unordered_map>
#include <vector>

#include "ccbound/core/error.hpp"

namespace ccbound {

namespace {

using Lit = std::uint32_t;   // 2 * internal variable + (1 if negative); variables are 1..n
using CRef = std::uint32_t;  // offset of a clause header in the arena
constexpr CRef kNoClause = std::numeric_limits<CRef>::max();
constexpr std::uint32_t kLive = 0;
constexpr std::uint32_t kDeleted = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kHeader = 2;  // size, state
// Compaction is amortized by the half-the-arena rule; the minimum only spares tiny databases.
constexpr std::size_t kMinGarbage = std::size_t{1} << 14;
constexpr std::size_t kDirectSlack = std::size_t{1} << 20;  // see Checker::validate

Lit negate(Lit l) {
  return l ^ 1u;
}
std::uint32_t var_of(Lit l) {
  return l >> 1;
}

// splitmix64's finalizer: literal hashes are summed, so each must be well spread on its own.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Order-independent, so a deletion step matches a clause whatever order either lists literals in.
std::uint64_t hash_of(const Lit* lits, std::size_t size) {
  std::uint64_t h = mix(size);
  for (std::size_t i = 0; i < size; ++i) h += mix(lits[i]);
  return h;
}

// For a clause of two literals the blocker is the other literal, so propagating it never touches
// the arena; such watches live in their own lists and are removed eagerly on deletion.
struct Watch {
  CRef clause;
  Lit blocker;  // some other literal of the clause; if it is true the clause need not be visited
};

class Checker {
 public:
  // Throws InputError if a literal of the formula is 0 or beyond cnf.num_vars, and
  // CheckStopped once `stop` (asked every 1024 clauses, if not null) returns true: loading a
  // formula of millions of clauses takes seconds.
  Checker(const Cnf& cnf, const std::function<bool()>* stop);

  bool inconsistent() const { return inconsistent_; }
  // Maps DIMACS literals to sorted, distinct internal ones; false if the clause is a tautology.
  bool normalize(const std::vector<int>& dimacs, std::vector<Lit>& lits);
  // Requires: lits normalized. Ensures: whether lits is RUP; the database is unchanged.
  bool is_rup(const std::vector<Lit>& lits);
  // Requires: lits normalized (reordered here). Adds the clause and propagates at the root.
  void add(std::vector<Lit>& lits);
  // Requires: lits normalized. Ensures: true iff one copy of the clause was deleted.
  bool remove(const std::vector<Lit>& lits);

 private:
  void validate(const Cnf& cnf);
  Lit to_lit(int dimacs);
  void resize_vars(std::uint32_t n);
  void enqueue(Lit l, CRef reason);
  bool propagate();
  bool propagate_binary(Lit false_lit);
  bool propagate_long(Lit false_lit);
  bool move_watch(CRef c, Lit* lits, std::uint32_t size);
  void backtrack();
  CRef store(const std::vector<Lit>& lits);
  void watch(CRef c);
  void unwatch_binary(CRef c);
  std::unordered_multimap<std::uint64_t, CRef>::iterator find(const std::vector<Lit>& lits);
  bool is_reason(CRef c) const;
  void collect_garbage();
  void rebuild_watches_and_index();

  std::vector<std::int8_t> value_;  // per literal: 1 true, -1 false, 0 unassigned
  std::vector<CRef> reason_;        // per variable; meaningful for root literals only
  // [l]: the clauses to visit when l becomes false, of two literals and of more.
  std::vector<std::vector<Watch>> binary_watches_;
  std::vector<std::vector<Watch>> watches_;
  std::vector<Lit> trail_;
  std::size_t binary_head_ = 0;  // trail_[binary_head_..] still to propagate over binary clauses
  std::size_t qhead_ = 0;        // trail_[qhead_..] still to propagate over longer clauses
  std::size_t root_size_ = 0;    // trail_[0, root_size_) is the root level
  bool probing_ = false;         // inside a RUP check: assignments are temporary
  bool inconsistent_ = false;    // root propagation found a conflict: the empty clause is RUP
  std::vector<std::uint32_t> arena_;
  std::size_t garbage_ = 0;  // arena words of deleted clauses
  std::unordered_multimap<std::uint64_t, CRef> index_;
  std::vector<std::uint32_t> stamp_;  // per literal, for set comparison in find()
  std::uint32_t stamp_now_ = 0;
  std::uint32_t direct_vars_ = 0;  // DIMACS variables 1..direct_vars_ are their own internal index
  std::unordered_map<std::uint32_t, std::uint32_t> other_vars_;  // the rest, numbered on sight
  std::uint32_t num_vars_ = 0;
};

Checker::Checker(const Cnf& cnf, const std::function<bool()>* stop) {
  validate(cnf);
  std::vector<Lit> lits;
  std::size_t loaded = 0;
  for (const auto& clause : cnf.clauses) {
    if (inconsistent_) break;
    if (stop && ++loaded % 1024 == 0 && (*stop)()) throw CheckStopped{};
    if (normalize(clause, lits)) add(lits);
  }
}

void Checker::validate(const Cnf& cnf) {
  if (cnf.num_vars < 0) throw InputError("cnf: negative variable count");
  std::size_t total = 0;
  int max_var = 0;
  for (std::size_t i = 0; i < cnf.clauses.size(); ++i) {
    for (int lit : cnf.clauses[i]) {
      if (lit == 0 || lit == INT_MIN || std::abs(lit) > cnf.num_vars) {
        throw InputError(fmt::format("cnf: clause {}: literal {} out of range ({} variables)",
                                     i + 1, lit, cnf.num_vars));
      }
      max_var = std::max(max_var, std::abs(lit));
    }
    total += cnf.clauses[i].size();
  }
  // Index variables directly unless a few huge variable numbers would make the arrays sparse.
  if (static_cast<std::size_t>(max_var) <= 2 * total + kDirectSlack)
    direct_vars_ = static_cast<std::uint32_t>(max_var);
  resize_vars(direct_vars_);
}

void Checker::resize_vars(std::uint32_t n) {
  num_vars_ = n;
  const std::size_t lits = 2 * static_cast<std::size_t>(n) + 2;
  value_.resize(lits, 0);
  watches_.resize(lits);
  binary_watches_.resize(lits);
  stamp_.resize(lits, 0);
  reason_.resize(static_cast<std::size_t>(n) + 1, kNoClause);
}

Lit Checker::to_lit(int dimacs) {
  const auto var = static_cast<std::uint32_t>(dimacs < 0 ? -dimacs : dimacs);
  std::uint32_t internal = var;
  if (var > direct_vars_) {
    const auto [it, fresh] = other_vars_.try_emplace(var, num_vars_ + 1);
    if (fresh) resize_vars(num_vars_ + 1);
    internal = it->second;
  }
  return 2 * internal + (dimacs < 0 ? 1u : 0u);
}

bool Checker::normalize(const std::vector<int>& dimacs, std::vector<Lit>& lits) {
  lits.clear();
  for (int lit : dimacs) lits.push_back(to_lit(lit));
  std::sort(lits.begin(), lits.end());
  lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
  for (std::size_t i = 1; i < lits.size(); ++i)
    if (lits[i] == negate(lits[i - 1])) return false;
  return true;
}

void Checker::enqueue(Lit l, CRef reason) {
  value_[l] = 1;
  value_[negate(l)] = -1;
  if (!probing_) reason_[var_of(l)] = reason;
  trail_.push_back(l);
}

// Returns true on conflict. Binary clauses go first: they are cheap and often reach the conflict.
bool Checker::propagate() {
  bool conflict = false;
  while (!conflict) {
    if (binary_head_ < trail_.size())
      conflict = propagate_binary(negate(trail_[binary_head_++]));
    else if (qhead_ < trail_.size())
      conflict = propagate_long(negate(trail_[qhead_++]));
    else
      return false;
  }
  binary_head_ = qhead_ = trail_.size();
  return true;
}

bool Checker::propagate_binary(Lit false_lit) {
  for (const Watch& w : binary_watches_[false_lit]) {
    const std::int8_t other = value_[w.blocker];
    if (other < 0) return true;
    if (other == 0) enqueue(w.blocker, w.clause);
  }
  return false;
}

// Visits the clauses watching false_lit, dropping watches of deleted clauses on the way.
bool Checker::propagate_long(Lit false_lit) {
  std::vector<Watch>& ws = watches_[false_lit];
  std::size_t i = 0, j = 0;
  bool conflict = false;
  while (i < ws.size() && !conflict) {
    const Watch w = ws[i++];
    if (value_[w.blocker] > 0) {
      ws[j++] = w;
      continue;
    }
    std::uint32_t* header = &arena_[w.clause];
    if (header[1] == kDeleted) continue;
    Lit* lits = header + kHeader;
    if (lits[0] == false_lit) std::swap(lits[0], lits[1]);
    const Lit first = lits[0];
    if (value_[first] > 0) {
      ws[j++] = {w.clause, first};
    } else if (!move_watch(w.clause, lits, header[0])) {
      ws[j++] = {w.clause, first};
      if (value_[first] < 0)
        conflict = true;
      else
        enqueue(first, w.clause);
    }
  }
  while (i < ws.size()) ws[j++] = ws[i++];
  ws.resize(j);
  return conflict;
}

// Looks for a non-false literal to watch instead of lits[1] (which is false).
bool Checker::move_watch(CRef c, Lit* lits, std::uint32_t size) {
  for (std::uint32_t k = 2; k < size; ++k) {
    if (value_[lits[k]] >= 0) {
      std::swap(lits[1], lits[k]);
      watches_[lits[1]].push_back({c, lits[0]});
      return true;
    }
  }
  return false;
}

void Checker::backtrack() {
  for (std::size_t i = root_size_; i < trail_.size(); ++i) {
    value_[trail_[i]] = 0;
    value_[negate(trail_[i])] = 0;
  }
  trail_.resize(root_size_);
  binary_head_ = qhead_ = root_size_;
}

bool Checker::is_rup(const std::vector<Lit>& lits) {
  if (inconsistent_) return true;
  probing_ = true;
  bool conflict = false;
  for (Lit l : lits) {
    if (value_[l] > 0) {  // true at the root, so its negation conflicts at once
      conflict = true;
      break;
    }
    if (value_[l] == 0) enqueue(negate(l), kNoClause);
  }
  if (!conflict) conflict = propagate();
  backtrack();
  probing_ = false;
  return conflict;
}

void Checker::add(std::vector<Lit>& lits) {
  if (lits.empty()) {
    inconsistent_ = true;
    return;
  }
  // Non-false literals first, so the watches go to literals that can still become true.
  const auto open_end =
      std::partition(lits.begin(), lits.end(), [this](Lit l) { return value_[l] >= 0; });
  const auto open = open_end - lits.begin();
  const CRef c = store(lits);
  if (lits.size() >= 2) watch(c);
  if (inconsistent_) return;
  if (open == 0) {
    inconsistent_ = true;
  } else if (open == 1 && value_[lits[0]] == 0) {
    enqueue(lits[0], c);
    if (propagate()) inconsistent_ = true;
  }
  root_size_ = trail_.size();
}

CRef Checker::store(const std::vector<Lit>& lits) {
  if (arena_.size() + kHeader + lits.size() >= kNoClause)
    throw InputError("proof: clause database exceeds the checker's capacity");
  const auto c = static_cast<CRef>(arena_.size());
  arena_.push_back(static_cast<std::uint32_t>(lits.size()));
  arena_.push_back(kLive);
  arena_.insert(arena_.end(), lits.begin(), lits.end());
  index_.emplace(hash_of(lits.data(), lits.size()), c);
  return c;
}

void Checker::watch(CRef c) {
  const Lit* lits = &arena_[c + kHeader];
  auto& lists = arena_[c] == 2 ? binary_watches_ : watches_;
  lists[lits[0]].push_back({c, lits[1]});
  lists[lits[1]].push_back({c, lits[0]});
}

void Checker::unwatch_binary(CRef c) {
  for (std::size_t k = 0; k < 2; ++k) {
    std::vector<Watch>& ws = binary_watches_[arena_[c + kHeader + k]];
    const auto it =
        std::find_if(ws.begin(), ws.end(), [c](const Watch& w) { return w.clause == c; });
    if (it == ws.end()) continue;
    *it = ws.back();  // the order of a watch list does not matter
    ws.pop_back();
  }
}

std::unordered_multimap<std::uint64_t, CRef>::iterator Checker::find(const std::vector<Lit>& lits) {
  if (++stamp_now_ == 0) {  // wrapped: old stamps could collide with new ones
    std::fill(stamp_.begin(), stamp_.end(), 0);
    stamp_now_ = 1;
  }
  for (Lit l : lits) stamp_[l] = stamp_now_;
  auto [it, last] = index_.equal_range(hash_of(lits.data(), lits.size()));
  for (; it != last; ++it) {
    const std::uint32_t* header = &arena_[it->second];
    if (header[0] != lits.size()) continue;
    const Lit* begin = header + kHeader;
    if (std::all_of(begin, begin + header[0], [this](Lit l) { return stamp_[l] == stamp_now_; }))
      return it;
  }
  return index_.end();
}

bool Checker::is_reason(CRef c) const {
  const Lit* begin = &arena_[c + kHeader];
  return std::any_of(begin, begin + arena_[c],
                     [this, c](Lit l) { return value_[l] > 0 && reason_[var_of(l)] == c; });
}

bool Checker::remove(const std::vector<Lit>& lits) {
  if (lits.size() <= 1) return false;  // unit deletions are ignored, as drat-trim does
  const auto it = find(lits);
  if (it == index_.end() || is_reason(it->second)) return false;
  const CRef c = it->second;
  arena_[c + 1] = kDeleted;
  index_.erase(it);
  if (lits.size() == 2) unwatch_binary(c);
  garbage_ += kHeader + lits.size();
  if (garbage_ > kMinGarbage && 2 * garbage_ > arena_.size()) collect_garbage();
  return true;
}

// Compacts the arena; reasons are remapped through forwarding addresses left in the old headers.
void Checker::collect_garbage() {
  std::vector<std::uint32_t> fresh;
  fresh.reserve(arena_.size() - garbage_);
  for (std::size_t c = 0; c < arena_.size(); c += kHeader + arena_[c]) {
    if (arena_[c + 1] == kDeleted) continue;
    const auto moved = static_cast<std::uint32_t>(fresh.size());
    fresh.insert(fresh.end(), arena_.begin() + c, arena_.begin() + c + kHeader + arena_[c]);
    arena_[c + 1] = moved;
  }
  for (Lit l : trail_) {
    CRef& reason = reason_[var_of(l)];
    if (reason != kNoClause) reason = arena_[reason + 1];
  }
  arena_.swap(fresh);
  garbage_ = 0;
  rebuild_watches_and_index();
}

void Checker::rebuild_watches_and_index() {
  for (auto& ws : watches_) ws.clear();
  for (auto& ws : binary_watches_) ws.clear();
  index_.clear();
  for (std::size_t c = 0; c < arena_.size(); c += kHeader + arena_[c]) {
    const auto ref = static_cast<CRef>(c);
    index_.emplace(hash_of(&arena_[c + kHeader], arena_[c]), ref);
    if (arena_[c] >= 2) watch(ref);
  }
}

// Drives a Checker with the steps of a proof and turns the outcome into a ProofCheck.
class Replay {
 public:
  Replay(const Cnf& cnf, std::string_view proof, ProofFormat format, std::string_view source,
         const std::function<bool()>* stop = nullptr)
      : checker_(cnf, stop), reader_(proof, format, source), stop_(stop) {}

  ProofCheck run() {
    if (checker_.inconsistent()) refuted_ = "the formula itself is refuted by unit propagation";
    ProofStep step;
    std::size_t steps = 0;
    while (reader_.next(step)) {  // after the verdict, still read on: a malformed tail is an error
      if (stop_ && ++steps % 1024 == 0 && (*stop_)()) throw CheckStopped{};
      if (decided_) continue;
      if (step.deletion)
        deletion(step);
      else
        lemma(step);
    }
    if (!decided_ && checker_.inconsistent())
      decide(true, "the proof does not state the empty clause, but " + refuted_);
    else if (!decided_)
      decide(false, "the proof ends without deriving the empty clause");
    return result_;
  }

 private:
  void decide(bool valid, std::string message) {
    decided_ = true;
    result_.valid = valid;
    result_.message = std::move(message);
  }

  void lemma(const ProofStep& step) {
    const std::size_t n = ++result_.lemmas_checked;
    const bool tautology = !checker_.normalize(step.literals, lits_);
    if (!tautology && !checker_.is_rup(lits_))
      return decide(false, fmt::format("lemma {} ({}) is not RUP", n, reader_.where(step)));
    if (lits_.empty())
      return decide(true,
                    fmt::format("empty clause derived (lemma {}, {})", n, reader_.where(step)));
    if (tautology) return;
    const bool was_inconsistent = checker_.inconsistent();
    checker_.add(lits_);
    if (!was_inconsistent && checker_.inconsistent()) {
      refuted_ = fmt::format("unit propagation refutes the database after lemma {} ({})", n,
                             reader_.where(step));
    }
  }

  void deletion(const ProofStep& step) {
    if (checker_.normalize(step.literals, lits_) && checker_.remove(lits_))
      ++result_.deletions;
    else
      ++result_.ignored_deletions;
  }

  Checker checker_;
  ProofReader reader_;
  ProofCheck result_;
  bool decided_ = false;
  const std::function<bool()>* stop_ = nullptr;  // asked every 1024 steps; null: never stop
  std::string refuted_;  // when and why the database became refuted by unit propagation
  std::vector<Lit> lits_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open '{}'", path));
  std::string data;
  std::vector<char> buffer(std::size_t{1} << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    data.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw InputError(fmt::format("cannot read '{}'", path));
  return data;
}

}  // namespace

ProofCheck check_drup(const Cnf& cnf, std::string_view proof, ProofFormat format,
                      std::string_view source) {
  return Replay(cnf, proof, format, source).run();
}

ProofCheck check_drup(const Cnf& cnf, std::string_view proof, const StopRequest& stop,
                      ProofFormat format, std::string_view source) {
  return Replay(cnf, proof, format, source, &stop).run();
}

ProofCheck check_drup_files(const std::string& cnf_path, const std::string& proof_path,
                            ProofFormat format) {
  const Cnf cnf = parse_dimacs(read_file(cnf_path), cnf_path);
  const std::string proof = read_file(proof_path);
  return check_drup(cnf, proof, format, proof_path);
}

}  // namespace ccbound
