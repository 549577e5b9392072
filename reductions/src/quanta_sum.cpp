// QuantaSum's set-up and its conversions to double (quanta_sum.hpp): the quantum's scale for fixed
// point and binary16, and for binary32 the carry-save digits normalised and rounded through a
// 128-bit window with a sticky bit.
#include "quanta_sum.hpp"

#include <cmath>
#include <stdexcept>

namespace ccbound::reductions {

QuantaSum::QuantaSum(const NumberFormat& format) : format_(format), exact_(format) {
  if (format.kind() == FormatKind::fixed) scale_ = std::ldexp(1.0, format.fraction_bits());
  if (format.kind() == FormatKind::binary16) scale_ = 0x1p24;
}

double QuantaSum::to_double() const {
  switch (format_.kind()) {
    case FormatKind::fixed:
    case FormatKind::binary16:
      return static_cast<double>(units_) / scale_;
    case FormatKind::binary32:
      return binary32_to_double();
    case FormatKind::binary64:
      return exact_.to_double();
  }
  throw std::logic_error("internal error: unknown FormatKind");
}

// Digits 0..kDigits-2 into [0, 2^32), the carries into the (signed) top digit.
void QuantaSum::normalize(Digits& d) {
  for (int i = 0; i + 1 < kDigits; ++i) {
    const std::int64_t carry = d[i] >> 32;
    d[i] -= carry * (std::int64_t{1} << 32);
    d[i + 1] += carry;
  }
}

// The top three nonzero digits in an unsigned __int128, the rest as a sticky bit: at least 65
// significant bits, so one conversion rounds as the whole count would.
double QuantaSum::binary32_to_double() const {
  Digits d = digits_;
  normalize(d);
  const bool negative = d[kDigits - 1] < 0;
  if (negative) {
    for (std::int64_t& digit : d) digit = -digit;
    normalize(d);
  }
  int top = kDigits - 1;
  while (top > 0 && d[top] == 0) --top;
  const int low = std::max(top - 2, 0);
  UInt128 window = 0;
  for (int i = top; i >= low; --i) window = window << 32 | static_cast<std::uint64_t>(d[i]);
  for (int i = 0; i < low; ++i)
    if (d[i] != 0) window |= 1;
  const double magnitude = std::ldexp(static_cast<double>(window), 32 * low - 149);
  return negative ? -magnitude : magnitude;
}

}  // namespace ccbound::reductions
