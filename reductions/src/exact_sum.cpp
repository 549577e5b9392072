// accumulator_bits and ExactSum: an exact count of quanta kept in an int64 while it fits and
// spilled into a cpp_int when it does not.
#include "ccbound/reductions/exact_sum.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

namespace ccbound::reductions {

namespace {

using boost::multiprecision::cpp_int;

int significand_digits(FormatKind kind) {
  switch (kind) {
    case FormatKind::binary16:
      return 11;
    case FormatKind::binary32:
      return 24;
    case FormatKind::binary64:
      return 53;
    case FormatKind::fixed:
      return 0;
  }
  throw std::logic_error("internal error: unknown FormatKind");
}

// A finite nonzero double as (-1)^negative * odd * 2^exponent with odd odd: in this form,
// whether a value belongs to a format is a couple of integer comparisons.
struct OddForm {
  bool negative;
  std::uint64_t odd;
  int exponent;
};

OddForm odd_form(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const auto biased = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t significand = bits & ((std::uint64_t{1} << 52) - 1);
  int exponent = -1074;
  if (biased != 0) {
    significand |= std::uint64_t{1} << 52;
    exponent = biased - 1075;
  }
  const int zeros = std::countr_zero(significand);
  return {(bits >> 63) != 0, significand >> zeros, exponent + zeros};
}

// A value as a count of quanta: (-1)^negative * (odd << shift). Zero is odd == 0.
struct Quanta {
  bool negative = false;
  std::uint64_t odd = 0;
  int shift = 0;

  bool fits_int64() const { return static_cast<int>(std::bit_width(odd)) + shift <= 63; }
  std::int64_t to_int64() const {
    const auto magnitude = static_cast<std::int64_t>(odd << shift);
    return negative ? -magnitude : magnitude;
  }
  cpp_int to_cpp_int() const {
    cpp_int count = odd;
    count <<= shift;
    return negative ? cpp_int(-count) : count;
  }
};

// 2^exponent for 0 <= exponent <= 1023, built from its bits (no libm call on the hot path).
double power_of_two(int exponent) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(1023 + exponent) << 52);
}

// value * 2^f as an integer, or nothing when the value is not one of the fixed-point format's.
// The product is exact: the scale is at least 1 and an overflow to infinity fails the range test.
std::optional<std::int64_t> fixed_units(const NumberFormat& format, double value) {
  const double units = value * power_of_two(format.fraction_bits());
  const double top = power_of_two(format.bits() - 1);
  if (!(units >= -top && units < top)) return std::nullopt;  // also rejects NaN
  const auto whole = static_cast<std::int64_t>(units);
  if (static_cast<double>(whole) != units) return std::nullopt;
  return whole;
}

// The count of quanta of `value`, or nothing when the value is not one of the (floating-point)
// format's.
std::optional<Quanta> float_quanta(const NumberFormat& format, double value) {
  if (!std::isfinite(value)) return std::nullopt;
  if (value == 0.0) return Quanta{};
  const OddForm form = odd_form(value);
  const Quanta quanta{form.negative, form.odd, form.exponent - format.quantum_exponent()};
  if (quanta.shift < 0) return std::nullopt;
  const bool fits =
      static_cast<int>(std::bit_width(quanta.odd)) <= significand_digits(format.kind()) &&
      std::fabs(value) <= format.max_value();
  return fits ? std::optional(quanta) : std::nullopt;
}

cpp_int max_units(const NumberFormat& format) {
  return float_quanta(format, format.max_value())->to_cpp_int();
}

// Adds `term` to the pair whose value is small + big, keeping the machine integer while it can.
void add_to_pair(std::int64_t& small, cpp_int& big, std::int64_t term) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(small, term, &sum)) {
    small = sum;
    return;
  }
  big += small;
  small = term;
}

// A term too wide for int64. The scratch integer keeps its storage between calls, and negating
// it in place then adding measured a third faster than subtracting.
void add_to_big(cpp_int& big, const Quanta& quanta) {
  static thread_local cpp_int term;
  term = quanta.odd;
  term <<= quanta.shift;
  if (quanta.negative) term.backend().negate();
  big += term;
}

[[noreturn]] void throw_not_a_value(const NumberFormat& format, double value) {
  throw std::logic_error(
      fmt::format("ExactSum::add: {} is not a value of {}", value, format.name()));
}

cpp_int total(std::int64_t small, const cpp_int& big) {
  cpp_int sum = big;
  sum += small;
  return sum;
}

// count * 2^quantum_exponent to the nearest double, ties to even. The count keeps its top 53 bits;
// the first dropped bit and a sticky bit (any lower bit set) decide the rounding. Scaling is then
// exact: a count of 54 or more bits is at least 2^53 * 2^-1074, beyond the subnormal range.
double cpp_int_to_double(const cpp_int& count, int quantum_exponent) {
  if (count.is_zero()) return 0.0;
  const cpp_int magnitude = abs(count);
  const auto length = static_cast<int>(msb(magnitude)) + 1;
  const int dropped = std::max(length - 53, 0);
  auto top = static_cast<std::uint64_t>(magnitude >> dropped);
  if (dropped > 0 && bit_test(magnitude, static_cast<unsigned>(dropped - 1))) {
    const bool sticky = static_cast<int>(lsb(magnitude)) < dropped - 1;
    if (sticky || (top & 1) != 0) ++top;
  }
  const double result = NumberFormat::binary64().round(
      std::ldexp(static_cast<double>(top), dropped + quantum_exponent));
  return count.sign() < 0 ? -result : result;
}

// Two's complement range check: -2^(width-1) <= value < 2^(width-1).
bool fits_width(const cpp_int& value, int width) {
  const cpp_int half = cpp_int(1) << (width - 1);
  return value >= -half && value < half;
}

std::vector<bool> int64_to_bits(std::int64_t value, int width) {
  const bool fits = width >= 64 || (value >= -(std::int64_t{1} << (width - 1)) &&
                                    value < (std::int64_t{1} << (width - 1)));
  if (!fits) throw std::logic_error(fmt::format("ExactSum {} does not fit {} bits", value, width));
  std::vector<bool> bits(static_cast<std::size_t>(width));
  for (int i = 0; i < width; ++i) bits[i] = i < 63 ? ((value >> i) & 1) != 0 : value < 0;
  return bits;
}

std::vector<bool> cpp_int_to_bits(const cpp_int& value, int width) {
  if (!fits_width(value, width))
    throw std::logic_error(fmt::format("ExactSum does not fit {} bits", width));
  const cpp_int pattern = value.sign() < 0 ? cpp_int(value + (cpp_int(1) << width)) : value;
  std::vector<bool> bits(static_cast<std::size_t>(width));
  for (int i = 0; i < width; ++i) bits[i] = bit_test(pattern, static_cast<unsigned>(i));
  return bits;
}

std::int64_t int64_from_bits(const std::vector<bool>& bits) {
  std::uint64_t pattern = bits.back() ? ~std::uint64_t{0} : 0;  // sign extension
  for (std::size_t i = 0; i < bits.size(); ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    pattern = bits[i] ? pattern | bit : pattern & ~bit;
  }
  return static_cast<std::int64_t>(pattern);
}

cpp_int cpp_int_from_bits(const std::vector<bool>& bits) {
  cpp_int value = 0;
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i]) bit_set(value, static_cast<unsigned>(i));
  if (bits.back()) value -= cpp_int(1) << bits.size();
  return value;
}

}  // namespace

int accumulator_bits(const NumberFormat& format, std::uint64_t terms) {
  if (terms == 0) throw std::logic_error("accumulator_bits: needs at least one term");
  if (format.kind() == FormatKind::fixed)
    return format.bits() + static_cast<int>(std::bit_width(terms - 1));
  const cpp_int largest = max_units(format) * terms;
  return 2 + static_cast<int>(msb(largest));
}

ExactSum::ExactSum(const NumberFormat& format) : format_(format) {}

void ExactSum::add(double value) {
  if (format_.kind() == FormatKind::fixed) {
    const std::optional<std::int64_t> units = fixed_units(format_, value);
    if (!units) throw_not_a_value(format_, value);
    add_to_pair(small_, big_, *units);
    return;
  }
  const std::optional<Quanta> quanta = float_quanta(format_, value);
  if (!quanta) throw_not_a_value(format_, value);
  if (quanta->fits_int64())
    add_to_pair(small_, big_, quanta->to_int64());
  else
    add_to_big(big_, *quanta);
}

// The count of quanta times `times`: in int64 when the product fits, else in a cpp_int.
void ExactSum::add(double value, std::uint64_t times) {
  std::int64_t units = 0;
  cpp_int wide;
  if (format_.kind() == FormatKind::fixed) {
    const std::optional<std::int64_t> fixed = fixed_units(format_, value);
    if (!fixed) throw_not_a_value(format_, value);
    units = *fixed;
  } else {
    const std::optional<Quanta> quanta = float_quanta(format_, value);
    if (!quanta) throw_not_a_value(format_, value);
    if (quanta->fits_int64())
      units = quanta->to_int64();
    else
      wide = quanta->to_cpp_int();
  }
  std::int64_t product = 0;
  if (wide.is_zero() &&
      times <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) &&
      !__builtin_mul_overflow(units, static_cast<std::int64_t>(times), &product)) {
    add_to_pair(small_, big_, product);
    return;
  }
  if (wide.is_zero()) wide = units;
  wide *= times;
  big_ += wide;
}

ExactSum& ExactSum::operator+=(const ExactSum& other) {
  if (!(format_ == other.format_))
    throw std::logic_error("ExactSum: adding sums of different formats");
  const cpp_int other_big = other.big_;  // a copy, so that `sum += sum` is safe
  add_to_pair(small_, big_, other.small_);
  if (!other_big.is_zero()) big_ += other_big;
  return *this;
}

// The int64 conversion is correctly rounded by the hardware; scaling by the quantum is exact for
// the reason given at cpp_int_to_double. Sums beyond the double range saturate to +-DBL_MAX.
double ExactSum::to_double() const {
  if (big_.is_zero()) return std::ldexp(static_cast<double>(small_), format_.quantum_exponent());
  return cpp_int_to_double(total(small_, big_), format_.quantum_exponent());
}

bool ExactSum::is_zero() const {
  return big_.is_zero() ? small_ == 0 : total(small_, big_).is_zero();
}

std::vector<bool> ExactSum::to_bits(int width) const {
  if (width < 1) throw std::logic_error("ExactSum::to_bits: width must be positive");
  if (big_.is_zero()) return int64_to_bits(small_, width);
  return cpp_int_to_bits(total(small_, big_), width);
}

ExactSum ExactSum::from_bits(const NumberFormat& format, const std::vector<bool>& bits) {
  if (bits.empty()) throw std::logic_error("ExactSum::from_bits: no bits");
  ExactSum sum(format);
  if (bits.size() <= 64) {
    sum.small_ = int64_from_bits(bits);
    return sum;
  }
  cpp_int value = cpp_int_from_bits(bits);
  if (fits_width(value, 64))  // back to the fast path whenever the value allows it
    sum.small_ = value.convert_to<std::int64_t>();
  else
    sum.big_ = std::move(value);
  return sum;
}

// Exact values compare equal whatever the formats: counts are aligned to the finer quantum.
bool ExactSum::operator==(const ExactSum& other) const {
  const int shift = format_.quantum_exponent() - other.format_.quantum_exponent();
  if (shift == 0 && big_.is_zero() && other.big_.is_zero()) return small_ == other.small_;
  cpp_int mine = total(small_, big_);
  cpp_int theirs = total(other.small_, other.big_);
  if (shift > 0) mine <<= shift;
  if (shift < 0) theirs <<= -shift;
  return mine == theirs;
}

}  // namespace ccbound::reductions
