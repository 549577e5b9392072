// The bounds pipeline: cheap exact measures first (one-way, ranks), then D, then the SAT-backed
// ones (fooling sets, covers, partitions), each adopted only after proofs/ accepted its witnesses.
#include "ccbound/engines/bounds.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <functional>
#include <initializer_list>
#include <stdexcept>

#include "ccbound/engines/oneway.hpp"
#include "ccbound/engines/proof_dir.hpp"
#include "ccbound/proofs/distinct_rows.hpp"
#include "ccbound/proofs/fooling_set.hpp"
#include "ccbound/proofs/rank_witness.hpp"
#include "ccbound/proofs/rectangle_cover.hpp"
#include "ccbound/proofs/rectangle_size.hpp"

namespace ccbound {

namespace {

struct MeasureRow {
  std::string_view key, label, description;
};
constexpr MeasureRow kMeasures[] = {
#define CCBOUND_MEASURE_ROW(id, label, description) {#id, label, description},
    CCBOUND_MEASURES(CCBOUND_MEASURE_ROW)
#undef CCBOUND_MEASURE_ROW
};

int depth_for_leaves(long long leaves) {
  return leaves <= 1 ? 0 : int(std::bit_width(static_cast<unsigned long long>(leaves - 1)));
}

void require(const WitnessCheck& check, std::string_view what) {
  if (!check.ok)
    throw std::logic_error(fmt::format("internal error: {} rejected: {}", what, check.message));
}

// A measure's detail, and why its SAT step stopped short when it was skipped.
std::string with_skip(std::string detail, const std::string& skipped) {
  return skipped.empty() ? detail : detail + "; " + skipped;
}

// Representatives of the distinct rows, re-checked by proofs/distinct_rows.
std::vector<std::uint32_t> checked_distinct_rows(const Matrix& m,
                                                 const std::vector<std::uint32_t>& class_of,
                                                 std::size_t classes) {
  const auto reps = first_members(class_of, classes);
  const WitnessCheck check = check_distinct_rows(m, reps);
  if (!check.ok)
    throw std::logic_error("internal error: distinct rows miscounted: " + check.message);
  return reps;
}

// Every step has parts that cannot stop and are linear in the entries of the matrix: building a
// trivial cover and checking it, the first greedy pass, verifying the one-way protocol behind D.
// Measured at 80-140 ns per entry per step on IP:12 (16.7M entries) on a loaded 2-core machine.
constexpr double kSecondsPerEntry = 1.5e-7;

class BoundsRun {
 public:
  BoundsRun(const Problem& problem, const BoundsOptions& options)
      : problem_(problem),
        m_(problem.matrix),
        p_(prepare(m_)),
        d_(p_.reduced),
        deadline_(options.timeout_seconds),
        proof_dir_(options.proof_dir),
        keep_(!options.proof_dir.empty()),
        only_(options.only),
        unstoppable_(double(m_.rows()) * double(m_.cols()) * kSecondsPerEntry) {}

  BoundsResult run();

 private:
  Measure& at(MeasureId id) { return r_[id]; }
  void timed(MeasureId id, const std::function<void(Measure&)>& step);
  void set_defaults();
  void oneway(bool alice);
  void rank_q(bool complement);
  void rank_gf2();
  void depth();
  void fooling(bool colour);
  void cover(bool colour, bool partition);
  void partition_total();
  std::pair<int, std::string> size_lower(bool colour) const;
  bool check_affordable(double computed_seconds, Measure& me);
  void implications();
  // Whether the run computes one of `ids` (every measure when BoundsOptions::only is unset).
  bool needs(std::initializer_list<MeasureId> ids) const {
    return !only_ || std::ranges::find(ids, *only_) != ids.end();
  }
  ProofFiles files() { return {proof_dir_.path(), keep_}; }
  // Whether a step may start: before the deadline, or after it (the steps still take their cheap
  // certified bounds) while its unstoppable part fits the slack the run has left.
  bool can_start() const { return deadline_.affords(unstoppable_); }

  const Problem& problem_;
  const Matrix& m_;
  const PreparedMatrix p_;
  const Deduplicated& d_;
  const Deadline deadline_;
  ProofDir proof_dir_;
  bool keep_;
  std::optional<MeasureId> only_;
  double unstoppable_;  // seconds of a step's unstoppable part
  BoundsResult r_;
  std::array<FoolingSet, 2> pins_;  // greedy fooling sets, pinned in the cover formulas
};

// Runs one step with its clock; a timeout leaves the measure at its defaults (an interval), and
// so does a step that cannot start any more.
void BoundsRun::timed(MeasureId id, const std::function<void(Measure&)>& step) {
  const Deadline clock;
  try {
    if (!can_start()) throw TimeoutExpired{};
    step(at(id));  // even past the deadline: the steps still take their cheap certified bounds
  } catch (const TimeoutExpired&) {
    r_.timed_out = true;
    if (at(id).detail.empty()) at(id).detail = "not settled within the time limit";
  } catch (const CheckStopped&) {  // a witness check stopped by the deadline adopts nothing
    r_.timed_out = true;
    if (at(id).detail.empty()) at(id).detail = "not settled within the time limit";
  }
  at(id).seconds = clock.elapsed();
}

// Intervals that hold before anything is computed: every measure here is at most the number of
// distinct rows or columns (trivial covers by rows or columns).
void BoundsRun::set_defaults() {
  const int side = int(std::min(d_.matrix.rows(), d_.matrix.cols()));
  for (auto& measure : r_.measures) measure = {0, side, std::nullopt, "none", false, "", 0};
  at(MeasureId::chi) = {0, 2 * side, std::nullopt, "none", false, "", 0};
  at(MeasureId::D) = {0, bits_to_name(std::size_t(side)) + 1, std::nullopt, "none", false, "", 0};
}

void BoundsRun::oneway(bool alice) {
  timed(alice ? MeasureId::oneway_ab : MeasureId::oneway_ba, [&](Measure& me) {
    auto& reps = alice ? r_.witnesses.distinct_rows : r_.witnesses.distinct_cols;
    reps = alice ? checked_distinct_rows(m_, d_.row_class, d_.matrix.rows())
                 : checked_distinct_rows(m_.transposed(), d_.col_class, d_.matrix.cols());
    me.lower = me.upper = bits_to_name(reps.size());
    me.certificate = fmt::format("{} distinct {}", reps.size(), alice ? "rows" : "columns");
    me.checked = true;
    me.detail = fmt::format(
        "{} must name one of {} different {}; not a lower bound on D, but "
        "D <= {}",
        alice ? "Alice" : "Bob", reps.size(), alice ? "rows" : "columns", me.upper + 1);
  });
}

// The rank checks of proofs/rank_witness cannot be stopped and repeat the engine's eliminations
// (a determinant mod p; the rank mod every prime) at up to kRankCheckFactor times their cost. One
// starts only when it would end within the stop slack of the deadline; otherwise the measure
// keeps its interval, labelled.
bool BoundsRun::check_affordable(double computed_seconds, Measure& me) {
  const double check_seconds = kRankCheckFactor * computed_seconds;
  if (deadline_.affords(check_seconds)) return true;
  me.detail =
      fmt::format("skipped: checking the witnesses would take up to {:.1f} s, past the time limit",
                  check_seconds);
  r_.timed_out = true;
  return false;
}

void BoundsRun::rank_q(bool complement) {
  timed(complement ? MeasureId::rank_q_complement : MeasureId::rank_q, [&](Measure& me) {
    const Deadline clock;
    RationalRank rank = rank_rational(d_.matrix, complement, deadline_);
    if (!check_affordable(clock.elapsed(), me)) return;
    rank.witness = in_original_indices(rank.witness, d_);
    require(check_rank_witness(m_, rank.witness, deadline_.stop_request()), "rank witness");
    require(check_rank_at_most(m_, complement, rank.rank, rank.primes, deadline_.stop_request()),
            "rank upper bound");
    me.lower = me.upper = rank.rank;
    me.certificate = fmt::format("{0}x{0} submatrix, det != 0 mod {1}; rank <= {0} mod {2} primes",
                                 rank.rank, rank.witness.prime, rank.primes.size());
    me.checked = true;
    me.detail =
        "both sides re-checked: the determinant mod p, and the ranks mod primes whose "
        "product exceeds the Hadamard bound on larger minors";
    r_.witnesses.rank_q[complement] = std::move(rank);
  });
}

void BoundsRun::rank_gf2() {
  timed(MeasureId::rank_gf2, [&](Measure& me) {
    auto& w = r_.witnesses.rank_gf2;
    for (const bool complement : {false, true}) {
      const Deadline clock;
      w[complement] = in_original_indices(rank_witness(d_.matrix, complement, 2, deadline_), d_);
      if (!check_affordable(clock.elapsed(), me)) return void(w = {});
      require(check_rank_witness(m_, w[complement], deadline_.stop_request()), "GF(2) rank witness");
      require(check_rank_mod_at_most(m_, complement, 2, int(w[complement].rows.size()),
                                     deadline_.stop_request()),
              "GF(2) rank upper bound");
    }
    me.lower = me.upper = int(w[0].rows.size());
    me.certificate = fmt::format("{0}x{0} submatrix nonsingular over GF(2)", me.lower);
    me.checked = true;
    me.detail = fmt::format("rank_GF2(J-M) = {}; upper sides by the checker's own elimination",
                            w[1].rows.size());
  });
}

void BoundsRun::depth() {
  timed(MeasureId::D, [&](Measure& me) {
    SolveOptions options;
    options.timeout_seconds = deadline_.remaining_seconds();
    r_.d = solve(problem_.name, p_, options);
    me.lower = r_.d.lower.value;
    me.upper = r_.d.upper.value;
    me.certificate = fmt::format("{} / {}", certificate_name(r_.d.lower.certificate),
                                 certificate_name(r_.d.upper.certificate));
    me.checked = r_.d.lower.checked && r_.d.upper.checked;
    me.detail = with_skip(fmt::format("lower: {}; upper: {}", r_.d.lower.method, r_.d.upper.method),
                          r_.d.timed_out ? "" : r_.d.note);
    if (r_.d.timed_out) throw TimeoutExpired{};
  });
}

std::string refutation_text(const std::optional<CheckedRefutation>& refutation) {
  if (!refutation) return "";
  return fmt::format(" + DRUP refutation ({} lemmas, checked)", refutation->lemmas);
}

MeasureId cover_id(bool colour, bool partition) {
  if (partition) return colour ? MeasureId::chi1 : MeasureId::chi0;
  return colour ? MeasureId::cover1 : MeasureId::cover0;
}

void BoundsRun::fooling(bool colour) {
  timed(colour ? MeasureId::fooling1 : MeasureId::fooling0, [&](Measure& me) {
    FoolingResult& f = r_.witnesses.fooling[colour];
    const Measure& covering = at(cover_id(colour, false));
    const bool hint = covering.checked;
    f = max_fooling_set(
        p_, colour, hint ? covering.upper : -1,
        fmt::format("a {}-cover of {} rectangles (checked)", int(colour), covering.upper),
        deadline_, files());
    require(check_fooling_set(m_, f.best), "fooling set");
    me.lower = int(f.best.entries.size());
    me.upper = f.upper;
    me.certificate = fmt::format("fooling set of {}{}", me.lower, refutation_text(f.refutation));
    me.checked = true;
    me.detail = with_skip("upper side: " + f.upper_reason, f.skipped);
    if (f.timed_out) throw TimeoutExpired{};
  });
}

std::pair<int, std::string> partition_lower(const Measure& rank, const Measure& covering) {
  if (rank.lower >= covering.lower)
    return {rank.lower, fmt::format("rank over Q is {}", rank.lower)};
  return {covering.lower, fmt::format("the cover number is >= {}", covering.lower)};
}

// The size bound: every rectangle holds at most the largest one's entries.
std::pair<int, std::string> BoundsRun::size_lower(bool colour) const {
  const auto bound = rectangle_size_bound(m_, colour);
  if (!bound) return {0, ""};
  return {bound->cover_lower(),
          fmt::format("{} {}-entries, at most {} in any rectangle (enumerated)", bound->entries,
                      int(colour), bound->largest)};
}

void BoundsRun::cover(bool colour, bool partition) {
  timed(cover_id(colour, partition), [&](Measure& me) {
    const Measure& rank = at(colour ? MeasureId::rank_q : MeasureId::rank_q_complement);
    const Measure& covering = at(cover_id(colour, false));
    auto [known, reason] = partition ? partition_lower(rank, covering) : size_lower(colour);
    CoverResult& c = (partition ? r_.witnesses.chi : r_.witnesses.cover)[colour];
    c = min_rectangle_cover(p_, colour, partition, pins_[colour], known, reason, deadline_,
                            files());
    require(check_rectangle_cover(m_, c.best), "rectangle cover");
    require(check_fooling_set(m_, c.pinned), "pinned fooling set");
    me.lower = c.lower;
    me.upper = c.upper();
    me.certificate = fmt::format("{} of {} rectangles{}", partition ? "partition" : "cover",
                                 me.upper, refutation_text(c.refutation));
    me.checked = true;
    me.detail = with_skip("lower side: " + c.lower_reason, c.skipped);
    if (c.timed_out) throw TimeoutExpired{};
  });
}

void BoundsRun::partition_total() {
  const Measure& one = at(MeasureId::chi1);
  const Measure& zero = at(MeasureId::chi0);
  Measure& me = at(MeasureId::chi);
  me.lower = one.lower + zero.lower;
  me.upper = one.upper + zero.upper;
  me.certificate = "chi1 + chi0";
  me.checked = one.checked && zero.checked;
  me.detail = "the 1-rectangles and 0-rectangles of a partition are independent";
  me.seconds = one.seconds + zero.seconds;
}

void BoundsRun::implications() {
  const auto sum = [&](MeasureId a, MeasureId b) {
    return depth_for_leaves(static_cast<long long>(at(a).lower) + at(b).lower);
  };
  const auto& gf2 = r_.witnesses.rank_gf2;
  const int by_rank = sum(MeasureId::rank_q, MeasureId::rank_q_complement);
  const int by_fooling = sum(MeasureId::fooling1, MeasureId::fooling0);
  const int by_partition = depth_for_leaves(at(MeasureId::chi).lower);
  const int by_cover = sum(MeasureId::cover1, MeasureId::cover0);
  at(MeasureId::rank_q).implies = at(MeasureId::rank_q_complement).implies = by_rank;
  at(MeasureId::rank_gf2).implies = depth_for_leaves(long(gf2[0].rows.size() + gf2[1].rows.size()));
  at(MeasureId::fooling1).implies = at(MeasureId::fooling0).implies = by_fooling;
  at(MeasureId::chi1).implies = at(MeasureId::chi0).implies = by_partition;
  at(MeasureId::chi).implies = by_partition;
  at(MeasureId::cover1).implies = at(MeasureId::cover0).implies = by_cover;
  at(MeasureId::D).implies = at(MeasureId::D).lower;
  for (const auto& measure : r_.measures)
    if (measure.implies && *measure.implies > at(MeasureId::D).upper)
      throw std::logic_error("internal error: a lower bound exceeds a verified protocol's depth");
}

BoundsResult BoundsRun::run() {
  const Deadline clock;
  r_.problem = problem_.name;
  r_.rows = m_.rows();
  r_.cols = m_.cols();
  set_defaults();
  using M = MeasureId;
  if (needs({M::oneway_ab})) oneway(true);
  if (needs({M::oneway_ba})) oneway(false);
  if (needs({M::rank_q, M::chi1, M::chi})) rank_q(false);
  if (needs({M::rank_q_complement, M::chi0, M::chi})) rank_q(true);
  if (needs({M::rank_gf2})) rank_gf2();
  if (needs({M::D})) depth();
  for (const bool colour : {true, false}) {
    const M chi_c = colour ? M::chi1 : M::chi0, cover_c = colour ? M::cover1 : M::cover0;
    const M fooling_c = colour ? M::fooling1 : M::fooling0;
    if (!needs({chi_c, M::chi, cover_c, fooling_c})) continue;
    if (can_start()) pins_[colour] = greedy_fooling_set(p_, colour, deadline_);
    cover(colour, false);
    if (needs({chi_c, M::chi})) cover(colour, true);
    if (needs({fooling_c})) fooling(colour);  // the cover number bounds it above
  }
  partition_total();
  implications();
  r_.seconds = clock.elapsed();
  return std::move(r_);
}

}  // namespace

std::string_view measure_key(MeasureId id) {
  return kMeasures[std::size_t(id)].key;
}
std::optional<MeasureId> parse_measure_key(std::string_view key) {
  for (std::size_t i = 0; i < kMeasureCount; ++i)
    if (kMeasures[i].key == key) return MeasureId(i);
  return std::nullopt;
}
std::string_view measure_label(MeasureId id) {
  return kMeasures[std::size_t(id)].label;
}
std::string_view measure_description(MeasureId id) {
  return kMeasures[std::size_t(id)].description;
}

BoundsResult compute_bounds(const Problem& problem, const BoundsOptions& options) {
  return BoundsRun(problem, options).run();
}

}  // namespace ccbound
