// NumberFormat (rounding, bit patterns), parse_number_format, accumulator_bits and ExactSum: an
// exact count of quanta kept in an int64 while it fits and spilled into a cpp_int when it does not.
#include "ccbound/reductions/number_format.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <cctype>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <utility>

#include "ccbound/error.hpp"

namespace ccbound::reductions {

namespace {

using boost::multiprecision::cpp_int;

constexpr double kBinary16Max = 65504.0;
constexpr std::string_view kAcceptedForms =
    "expected P, fixed:P or fixed:P:F (P bits, F fractional, default P/2; 2 <= P <= 53, "
    "0 <= F <= 52), binary16|fp16|half, binary32|fp32|single or binary64|fp64|double";

[[noreturn]] void unknown_kind() {
  throw std::logic_error("internal error: unknown FormatKind");
}

std::uint64_t low_mask(int bits) {
  return bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
}

// Nearest integer, ties to even, independent of the floating-point rounding mode. Working on the
// magnitude keeps `magnitude - floor` exact (Sterbenz), so the comparison with 0.5 is exact too.
double round_half_even(double x) {
  const double magnitude = std::fabs(x);
  const double floor = std::floor(magnitude);
  const double excess = magnitude - floor;
  const bool up = excess > 0.5 || (excess == 0.5 && std::fmod(floor, 2.0) != 0.0);
  return std::copysign(up ? floor + 1.0 : floor, x);
}

// 2^e for the exponents fixed point uses (|e| <= 52), without a library call: the simulators
// round hundreds of millions of values.
double pow2(int e) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(1023 + e) << 52);
}

// Clamping before rounding equals rounding then saturating, since the bounds are representable
// and rounding is monotone; it also keeps x * 2^f finite.
double round_fixed(double x, int bits, int fraction_bits) {
  const double top = pow2(bits - 1);
  const double units = round_half_even(std::clamp(x * pow2(fraction_bits), -top, top - 1.0));
  return units == 0.0 ? 0.0 : units * pow2(-fraction_bits);  // a single zero, +0
}

// binary16 has 11 significant bits down to 2^-14 and the fixed step 2^-24 below (subnormals).
double round_binary16(double x) {
  const double magnitude = std::min(std::fabs(x), kBinary16Max);
  int exponent = 0;
  std::frexp(magnitude, &exponent);  // magnitude in [2^(exponent-1), 2^exponent)
  const int step = std::max(exponent - 11, -24);
  const double rounded = std::ldexp(round_half_even(std::ldexp(magnitude, -step)), step);
  return std::copysign(rounded, x);
}

// The hardware conversion is correctly rounded, ties to even; only overflow needs saturating.
double round_binary32(double x) {
  const float rounded = static_cast<float>(x);
  return std::isinf(rounded) ? std::copysign(double{FLT_MAX}, x) : double{rounded};
}

std::uint64_t encode_binary16(double x) {
  const std::uint64_t sign = std::signbit(x) ? 0x8000 : 0;
  const double magnitude = std::fabs(x);
  if (magnitude < 0x1p-14) return sign | static_cast<std::uint64_t>(std::ldexp(magnitude, 24));
  int exponent = 0;
  const double fraction = std::frexp(magnitude, &exponent);  // in [0.5, 1)
  const auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 11)) - 1024;
  return sign | static_cast<std::uint64_t>(exponent + 14) << 10 | mantissa;
}

double decode_binary16(std::uint64_t pattern) {
  const auto exponent = static_cast<int>((pattern >> 10) & 0x1f);
  const auto mantissa = static_cast<double>(pattern & 0x3ff);
  if (exponent == 0x1f)
    throw InputError(
        fmt::format("binary16 pattern {:#06x} is an infinity or NaN, not a value", pattern));
  const double magnitude =
      exponent == 0 ? std::ldexp(mantissa, -24) : std::ldexp(1024.0 + mantissa, exponent - 25);
  return (pattern & 0x8000) != 0 ? -magnitude : magnitude;
}

template <typename Float, typename Bits>
double decode_ieee(std::uint64_t pattern, std::string_view name) {
  const auto value = std::bit_cast<Float>(static_cast<Bits>(pattern));
  if (!std::isfinite(value))
    throw InputError(
        fmt::format("{} pattern {:#x} is an infinity or NaN, not a value", name, pattern));
  return double{value};
}

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
  unknown_kind();
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
  std::uint64_t significand = bits & low_mask(52);
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

double saturate(double x) {
  return std::clamp(x, -DBL_MAX, DBL_MAX);
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
  const double result = saturate(std::ldexp(static_cast<double>(top), dropped + quantum_exponent));
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

std::string lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// A decimal number made of digits only (no sign, no spaces) within [low, high].
std::optional<int> parse_int_in(std::string_view text, int low, int high) {
  int value = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return std::nullopt;
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || value < low || value > high) return std::nullopt;
  return value;
}

std::optional<NumberFormat> parse_named_format(std::string_view name) {
  if (name == "binary16" || name == "fp16" || name == "half") return NumberFormat::binary16();
  if (name == "binary32" || name == "fp32" || name == "single") return NumberFormat::binary32();
  if (name == "binary64" || name == "fp64" || name == "double") return NumberFormat::binary64();
  return std::nullopt;
}

// "P" or, after "fixed:", "P" or "P:F".
std::optional<NumberFormat> parse_fixed_format(std::string_view text) {
  const bool prefixed = text.starts_with("fixed:");
  if (prefixed) text.remove_prefix(6);
  const std::size_t colon = prefixed ? text.find(':') : std::string_view::npos;
  const std::optional<int> bits = parse_int_in(text.substr(0, colon), 2, 53);
  if (!bits) return std::nullopt;
  if (colon == std::string_view::npos) return NumberFormat::fixed(*bits, *bits / 2);
  const std::optional<int> fraction_bits = parse_int_in(text.substr(colon + 1), 0, 52);
  if (!fraction_bits) return std::nullopt;
  return NumberFormat::fixed(*bits, *fraction_bits);
}

}  // namespace

NumberFormat NumberFormat::fixed(int bits, int fraction_bits) {
  if (bits < 2 || bits > 53 || fraction_bits < 0 || fraction_bits > 52)
    throw InputError(fmt::format(
        "fixed point needs 2 <= bits <= 53 and 0 <= fraction bits <= 52, got fixed:{}:{}", bits,
        fraction_bits));
  NumberFormat format;
  format.kind_ = FormatKind::fixed;
  format.bits_ = bits;
  format.fraction_bits_ = fraction_bits;
  return format;
}

NumberFormat NumberFormat::binary16() {
  NumberFormat format;
  format.kind_ = FormatKind::binary16;
  format.bits_ = 16;
  format.fraction_bits_ = 0;
  return format;
}

NumberFormat NumberFormat::binary32() {
  NumberFormat format = binary16();
  format.kind_ = FormatKind::binary32;
  format.bits_ = 32;
  return format;
}

NumberFormat NumberFormat::binary64() {
  NumberFormat format = binary16();
  format.kind_ = FormatKind::binary64;
  format.bits_ = 64;
  return format;
}

std::string NumberFormat::name() const {
  switch (kind_) {
    case FormatKind::fixed:
      return fmt::format("fixed:{}:{}", bits_, fraction_bits_);
    case FormatKind::binary16:
      return "binary16";
    case FormatKind::binary32:
      return "binary32";
    case FormatKind::binary64:
      return "binary64";
  }
  unknown_kind();
}

double NumberFormat::round(double x) const {
  if (std::isnan(x)) return 0.0;
  switch (kind_) {
    case FormatKind::fixed:
      return round_fixed(x, bits_, fraction_bits_);
    case FormatKind::binary16:
      return round_binary16(x);
    case FormatKind::binary32:
      return round_binary32(x);
    case FormatKind::binary64:
      return saturate(x);
  }
  unknown_kind();
}

bool NumberFormat::representable(double x) const {
  return std::isfinite(x) && round(x) == x;
}

double NumberFormat::max_value() const {
  switch (kind_) {
    case FormatKind::fixed:
      return std::ldexp(static_cast<double>(low_mask(bits_ - 1)), -fraction_bits_);
    case FormatKind::binary16:
      return kBinary16Max;
    case FormatKind::binary32:
      return FLT_MAX;
    case FormatKind::binary64:
      return DBL_MAX;
  }
  unknown_kind();
}

int NumberFormat::quantum_exponent() const {
  switch (kind_) {
    case FormatKind::fixed:
      return -fraction_bits_;
    case FormatKind::binary16:
      return -24;
    case FormatKind::binary32:
      return -149;
    case FormatKind::binary64:
      return -1074;
  }
  unknown_kind();
}

std::uint64_t NumberFormat::encode(double x) const {
  if (!representable(x))
    throw std::logic_error(fmt::format("encode: {} is not a value of {}", x, name()));
  switch (kind_) {
    case FormatKind::fixed: {
      const auto units = static_cast<std::int64_t>(std::ldexp(x, fraction_bits_));
      return static_cast<std::uint64_t>(units) & low_mask(bits_);
    }
    case FormatKind::binary16:
      return encode_binary16(x);
    case FormatKind::binary32:
      return std::bit_cast<std::uint32_t>(static_cast<float>(x));
    case FormatKind::binary64:
      return std::bit_cast<std::uint64_t>(x);
  }
  unknown_kind();
}

double NumberFormat::decode(std::uint64_t pattern) const {
  if ((pattern & ~low_mask(bits_)) != 0)
    throw InputError(
        fmt::format("pattern {:#x} has more than the {} bits of {}", pattern, bits_, name()));
  switch (kind_) {
    case FormatKind::fixed: {
      const std::uint64_t sign = std::uint64_t{1} << (bits_ - 1);
      const auto units = static_cast<std::int64_t>((pattern ^ sign) - sign);  // sign extension
      return std::ldexp(static_cast<double>(units), -fraction_bits_);
    }
    case FormatKind::binary16:
      return decode_binary16(pattern);
    case FormatKind::binary32:
      return decode_ieee<float, std::uint32_t>(pattern, "binary32");
    case FormatKind::binary64:
      return decode_ieee<double, std::uint64_t>(pattern, "binary64");
  }
  unknown_kind();
}

int NumberFormat::pattern_bits() const {
  return kind_ == FormatKind::fixed ? bits_ : bits_ - 2;
}

NumberFormat parse_number_format(std::string_view text) {
  const std::string lower = lowercase(text);
  if (std::optional<NumberFormat> format = parse_named_format(lower)) return *format;
  if (std::optional<NumberFormat> format = parse_fixed_format(lower)) return *format;
  throw InputError(fmt::format("invalid precision '{}': {}", text, kAcceptedForms));
}

// Fixed point: T values in [-2^(p-1), 2^(p-1)) sum into [-T 2^(p-1), T 2^(p-1)), which needs
// p + ceil(log2 T) bits. Floats: the range is symmetric, +-T * max_units, needing one bit more
// than the bit length of T * max_units.
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
