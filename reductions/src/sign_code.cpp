// Sign codes for index lookup: random and linear families, the all-pairs coherence scan (two
// threads, popcount dispatch) and the linear codes' weight range by Gray code. See sign_code.hpp
// for why the weight range bounds every pair.
#include "ccbound/reductions/sign_code.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <atomic>
#include <bit>
#include <random>
#include <span>
#include <stdexcept>

#include "ccbound/core/error.hpp"
#include "threads.hpp"

namespace ccbound::reductions {

namespace {

constexpr int kThreads = 2;

std::size_t index(int row, int column, int width) {
  return static_cast<std::size_t>(row) * static_cast<std::size_t>(width) +
         static_cast<std::size_t>(column);
}

// ---- Coherence: the extreme Hamming distances over all pairs ----

struct DistanceRange {
  int low;   // least distance seen
  int high;  // largest distance seen
};

// Rows thread, thread + kThreads, ...; each row against the later ones. Stops (setting `stop`)
// once a distance leaves [allowed_low, allowed_high]; throws TimeoutExpired once the deadline has
// expired (polled every 64 rows).
[[gnu::always_inline]] inline DistanceRange scan_rows(const SignCode& code, int thread,
                                                      int allowed_low, int allowed_high,
                                                      std::atomic<bool>& stop,
                                                      const Deadline& deadline) {
  DistanceRange range{code.length, 0};
  const std::uint64_t* bits = code.bits.data();
  const auto words = static_cast<std::size_t>(code.words);
  for (int a = thread; a < code.count && !stop.load(std::memory_order_relaxed); a += kThreads) {
    if ((a / kThreads) % 64 == 0) deadline.check();
    const std::uint64_t* u = bits + static_cast<std::size_t>(a) * words;
    for (int b = a + 1; b < code.count; ++b) {
      const std::uint64_t* v = bits + static_cast<std::size_t>(b) * words;
      int distance = 0;
      for (std::size_t w = 0; w < words; ++w) distance += __builtin_popcountll(u[w] ^ v[w]);
      range.low = std::min(range.low, distance);
      range.high = std::max(range.high, distance);
    }
    if (range.low < allowed_low || range.high > allowed_high) stop = true;
  }
  return range;
}

[[gnu::target("popcnt")]] DistanceRange scan_rows_popcnt(const SignCode& code, int thread, int low,
                                                         int high, std::atomic<bool>& stop,
                                                         const Deadline& deadline) {
  return scan_rows(code, thread, low, high, stop, deadline);
}

DistanceRange scan_rows_plain(const SignCode& code, int thread, int low, int high,
                              std::atomic<bool>& stop, const Deadline& deadline) {
  return scan_rows(code, thread, low, high, stop, deadline);
}

DistanceRange scan_all(const SignCode& code, int allowed_low, int allowed_high,
                       const Deadline& deadline) {
  const auto scan = __builtin_cpu_supports("popcnt") ? scan_rows_popcnt : scan_rows_plain;
  std::atomic<bool> stop = false;
  std::vector<DistanceRange> ranges(kThreads);
  on_threads(kThreads,
             [&](int t) { ranges[t] = scan(code, t, allowed_low, allowed_high, stop, deadline); });
  DistanceRange range{code.length, 0};
  for (const DistanceRange& r : ranges) {
    range.low = std::min(range.low, r.low);
    range.high = std::max(range.high, r.high);
  }
  return range;
}

// ---- Histograms of inner products ----

[[gnu::always_inline]] inline void count_distances(const SignCode& code, int a, int first,
                                                   std::uint32_t* counts) {
  const auto words = static_cast<std::size_t>(code.words);
  const std::uint64_t* u = code.bits.data() + static_cast<std::size_t>(a) * words;
  for (int b = first; b < code.count; ++b) {
    const std::uint64_t* v = code.bits.data() + static_cast<std::size_t>(b) * words;
    int distance = 0;
    for (std::size_t w = 0; w < words; ++w) distance += __builtin_popcountll(u[w] ^ v[w]);
    ++counts[code.length - distance];
  }
}

[[gnu::target("popcnt")]] void count_distances_popcnt(const SignCode& code, int a, int first,
                                                      std::uint32_t* counts) {
  count_distances(code, a, first, counts);
}

void count_distances_plain(const SignCode& code, int a, int first, std::uint32_t* counts) {
  count_distances(code, a, first, counts);
}

// ---- Linear codes ----

using Words = std::span<const std::uint64_t>;

int weight(Words word) {
  int total = 0;
  for (const std::uint64_t w : word) total += std::popcount(w);
  return total;
}

void xor_into(std::span<std::uint64_t> to, Words from) {
  for (std::size_t w = 0; w < to.size(); ++w) to[w] ^= from[w];
}

// Every codeword of the span (2^rows of them, message order) from the generator rows.
std::vector<std::uint64_t> span_of(const std::vector<std::uint64_t>& generator, int rows,
                                   int words) {
  std::vector<std::uint64_t> span(index(1 << rows, 0, words), 0);
  for (int i = 0; i < rows; ++i) {
    const Words row(generator.data() + index(i, 0, words), static_cast<std::size_t>(words));
    const std::size_t half = index(1 << i, 0, words);
    std::copy_n(span.begin(), half, span.begin() + static_cast<std::ptrdiff_t>(half));
    for (std::size_t v = half; v < 2 * half; v += static_cast<std::size_t>(words))
      xor_into(std::span(span.data() + v, static_cast<std::size_t>(words)), row);
  }
  return span;
}

std::vector<std::uint64_t> random_row(std::mt19937_64& rng, int length, int words) {
  std::vector<std::uint64_t> row(static_cast<std::size_t>(words));
  for (std::uint64_t& w : row) w = rng();
  row.back() &= ~std::uint64_t{0} >> (words * 64 - length);
  return row;
}

// Whether row xor s stays in [low, high] for every codeword s of the span so far.
bool coset_in_range(const std::vector<std::uint64_t>& span, Words row, int low, int high) {
  std::vector<std::uint64_t> word(row.size());
  for (std::size_t s = 0; s < span.size(); s += row.size()) {
    for (std::size_t w = 0; w < row.size(); ++w) word[w] = span[s + w] ^ row[w];
    const int wt = weight(word);
    if (wt < low || wt > high) return false;
  }
  return true;
}

// The vectors are the generator's codewords: vector 0 is zero and vector v is vector
// (v & (v - 1)) xor row ctz(v), so by induction on v each is the sum of its message's rows.
bool vectors_are_codewords(const SignCode& code) {
  const auto words = static_cast<std::size_t>(code.words);
  if (code.generator.size() != index(code.dimension(), 0, code.words) ||
      code.bits.size() != index(code.count, 0, code.words))
    return false;
  if (weight(Words(code.bits.data(), words)) != 0) return false;
  for (int v = 1; v < code.count; ++v) {
    const auto bit = static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(v)));
    const std::uint64_t* row = code.generator.data() + bit * words;
    const std::uint64_t* lower = code.bits.data() + index(v & (v - 1), 0, code.words);
    const std::uint64_t* vector = code.bits.data() + index(v, 0, code.words);
    for (std::size_t w = 0; w < words; ++w)
      if (vector[w] != (lower[w] ^ row[w])) return false;
  }
  return true;
}

}  // namespace

int SignCode::sign(int vector, int coordinate) const {
  const std::uint64_t word = bits[index(vector, coordinate / 64, words)];
  return ((word >> (coordinate % 64)) & 1) != 0 ? -1 : 1;
}

int SignCode::inner_product(int a, int b) const {
  int distance = 0;
  for (int w = 0; w < words; ++w)
    distance += __builtin_popcountll(bits[index(a, w, words)] ^ bits[index(b, w, words)]);
  return length - 2 * distance;
}

int SignCode::dimension() const {
  return linear ? message_bits(count) : 0;
}

int message_bits(int count) {
  return count <= 1 ? 0 : std::bit_width(static_cast<unsigned>(count - 1));
}

SignCode random_sign_code(int count, int length, std::uint64_t seed) {
  if (count < 1 || length < 1) throw InputError("a sign code needs count >= 1 and length >= 1");
  SignCode code{count, length, (length + 63) / 64, {}, false, {}};
  std::mt19937_64 rng(seed);
  code.bits.resize(index(count, 0, code.words));
  const int spare = code.words * 64 - length;
  for (std::size_t v = 0; v < code.bits.size(); v += static_cast<std::size_t>(code.words)) {
    for (int w = 0; w < code.words; ++w) code.bits[v + static_cast<std::size_t>(w)] = rng();
    code.bits[v + static_cast<std::size_t>(code.words - 1)] &= ~std::uint64_t{0} >> spare;
  }
  return code;
}

SignCode linear_sign_code(int count, int length, std::vector<std::uint64_t> generator) {
  if (count < 1 || length < 1) throw InputError("a sign code needs count >= 1 and length >= 1");
  const int words = (length + 63) / 64, rows = message_bits(count);
  if (generator.size() != index(rows, 0, words))
    throw InputError(
        fmt::format("a linear code of {} vectors needs {} generator rows", count, rows));
  SignCode code{count, length, words, {}, true, std::move(generator)};
  code.bits = span_of(code.generator, rows, words);
  code.bits.resize(index(count, 0, words));
  return code;
}

std::optional<SignCode> search_linear_code(int count, int length, int min_weight,
                                           std::uint64_t seed, int attempts,
                                           const Deadline& deadline) {
  if (count < 1 || length < 1) throw InputError("a sign code needs count >= 1 and length >= 1");
  const int words = (length + 63) / 64, rows = message_bits(count);
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> generator, span(static_cast<std::size_t>(words), 0);
  for (int i = 0; i < rows; ++i) {
    int tries = 0;
    std::vector<std::uint64_t> row = random_row(rng, length, words);
    while (!coset_in_range(span, row, min_weight, length - min_weight)) {
      deadline.check();
      if (++tries >= attempts) return std::nullopt;
      row = random_row(rng, length, words);
    }
    generator.insert(generator.end(), row.begin(), row.end());
    span = span_of(generator, i + 1, words);
  }
  return linear_sign_code(count, length, std::move(generator));
}

// |k - 2d| <= S for every distance d means d in [ceil((k - S) / 2), floor((k + S) / 2)].
int max_inner_product(const SignCode& code, int stop_above, const Deadline& deadline) {
  if (code.count < 2) return 0;
  const int k = code.length;
  const int allowed_low = stop_above >= k ? 0 : (k - stop_above + 1) / 2;
  const int allowed_high = stop_above >= k ? k : (k + stop_above) / 2;
  const DistanceRange range = scan_all(code, allowed_low, allowed_high, deadline);
  return std::max(k - 2 * range.low, 2 * range.high - k);
}

std::vector<std::uint32_t> inner_product_histogram(const SignCode& code, int a, int first) {
  if (a < 0 || a >= code.count || first < 0)
    throw std::logic_error("inner_product_histogram: vector out of range");
  static const auto count =
      __builtin_cpu_supports("popcnt") ? count_distances_popcnt : count_distances_plain;
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(code.length + 1), 0);
  count(code, a, first, counts.data());
  return counts;
}

WeightRange codeword_weights(const SignCode& code) {
  if (!code.linear) throw InputError("codeword weights need a linear code");
  const int rows = code.dimension();
  const auto words = static_cast<std::size_t>(code.words);
  WeightRange range{code.length, 0};
  std::vector<std::uint64_t> word(words, 0);
  for (std::uint32_t m = 1; m < (std::uint32_t{1} << rows); ++m) {
    const auto row = static_cast<std::size_t>(std::countr_zero(m)) * words;
    xor_into(word, Words(code.generator.data() + row, words));
    const int wt = weight(word);
    range.low = std::min(range.low, wt);
    range.high = std::max(range.high, wt);
  }
  return range;
}

Coherence prove_coherence(const SignCode& code, const Deadline& deadline) {
  if (!code.linear) return {max_inner_product(code, 1 << 30, deadline), "all pairs", ""};
  if (!vectors_are_codewords(code))
    return {0, "codeword weights", "the code's vectors are not its generator's codewords"};
  const WeightRange range = codeword_weights(code);
  const int k = code.length;
  Coherence result{code.count < 2 ? 0 : std::max(k - 2 * range.low, 2 * range.high - k),
                   "codeword weights", ""};
  if (code.count > kPairScanMaxCount) return result;
  result.method = "codeword weights + all pairs";
  const int scanned = max_inner_product(code, 1 << 30, deadline);
  if (scanned != result.mu)
    result.error = fmt::format("codeword weights give mu = {}, the pairs {}", result.mu, scanned);
  return result;
}

}  // namespace ccbound::reductions
