// NumberFormat (rounding, bit patterns) and parse_number_format.
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

#include "ccbound/core/error.hpp"

namespace ccbound::reductions {

namespace {

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

double saturate(double x) {
  return std::clamp(x, -DBL_MAX, DBL_MAX);
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
}  // namespace ccbound::reductions
