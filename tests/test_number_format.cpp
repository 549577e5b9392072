// NumberFormat rounding, patterns and parsing; accumulator_bits; ExactSum exactness and bits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "ccbound/core/error.hpp"
#include "ccbound/reductions/exact_sum.hpp"
#include "ccbound/reductions/number_format.hpp"

using ccbound::InputError;
using namespace ccbound::reductions;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bitwise equality, so that 0.0 and -0.0 differ.
bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

std::vector<NumberFormat> all_kinds() {
  return {NumberFormat::fixed(8, 4), NumberFormat::fixed(53, 20), NumberFormat::binary16(),
          NumberFormat::binary32(), NumberFormat::binary64()};
}

// Seeded values of the format spread over its whole range of magnitudes, signs and zero.
std::vector<double> random_values(const NumberFormat& format, int count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  const int top = std::ilogb(format.max_value());
  std::uniform_int_distribution<int> exponent(format.quantum_exponent() - 2, top + 2);
  std::vector<double> values;
  for (int i = 0; i < count; ++i)
    values.push_back(format.round(std::ldexp(unit(rng), exponent(rng))));
  values.push_back(format.max_value());
  values.push_back(-format.max_value());
  values.push_back(0.0);
  return values;
}

ExactSum sum_of(const NumberFormat& format, const std::vector<double>& values, std::size_t begin,
                std::size_t end) {
  ExactSum sum(format);
  for (std::size_t i = begin; i < end; ++i) sum.add(values[i]);
  return sum;
}

ExactSum repeated(const NumberFormat& format, double value, std::uint64_t times) {
  ExactSum sum(format);
  for (std::uint64_t i = 0; i < times; ++i) sum.add(value);
  return sum;
}

}  // namespace

TEST_CASE("binary16: every finite pattern decodes and encodes back", "[number_format]") {
  const NumberFormat half = NumberFormat::binary16();
  int finite = 0;
  for (std::uint64_t pattern = 0; pattern < 0x10000; ++pattern) {
    if (((pattern >> 10) & 0x1f) == 0x1f) {
      CHECK_THROWS_AS(half.decode(pattern), InputError);
      continue;
    }
    const double value = half.decode(pattern);
    ++finite;
    REQUIRE(half.representable(value));
    REQUIRE(same_bits(half.round(value), value));
    REQUIRE(half.encode(value) == pattern);
  }
  CHECK(finite == 63488);
  CHECK(half.decode(0x0001) == std::ldexp(1.0, -24));
  CHECK(half.decode(0x0400) == std::ldexp(1.0, -14));
  CHECK(half.decode(0x3c00) == 1.0);
  CHECK(half.decode(0x7bff) == 65504.0);
  CHECK(half.decode(0xc000) == -2.0);
  CHECK(same_bits(half.decode(0x8000), -0.0));
  CHECK_THROWS_AS(half.decode(0x10000), InputError);
}

TEST_CASE("binary16: midpoints round to the even pattern", "[number_format]") {
  const NumberFormat half = NumberFormat::binary16();
  for (std::uint64_t pattern = 0; pattern < 0x7bff; ++pattern) {
    const double low = half.decode(pattern);
    const double high = half.decode(pattern + 1);
    const double middle = (low + high) / 2;  // exact in double
    const double even = pattern % 2 == 0 ? low : high;
    REQUIRE(half.round(middle) == even);
    REQUIRE(half.round(-middle) == -even);
    REQUIRE(half.round(std::nextafter(middle, 0.0)) == low);
    REQUIRE(half.round(std::nextafter(middle, kInf)) == high);
  }
}

TEST_CASE("binary16: smallest values, saturation and special inputs", "[number_format]") {
  const NumberFormat half = NumberFormat::binary16();
  const double tiny = std::ldexp(1.0, -24);
  CHECK(half.round(tiny / 2) == 0.0);  // a tie, to the even pattern 0
  CHECK(half.round(std::nextafter(tiny / 2, 1.0)) == tiny);
  CHECK(half.round(1.5 * tiny) == 2 * tiny);  // tie between patterns 1 and 2
  CHECK(same_bits(half.round(-tiny / 4), -0.0));
  CHECK(half.encode(-0.0) == 0x8000);
  CHECK(half.round(1.0 + std::ldexp(1.0, -11)) == 1.0);
  CHECK(half.round(1.0 + 3 * std::ldexp(1.0, -11)) == 1.0 + std::ldexp(1.0, -9));
  CHECK(half.round(65519.0) == 65504.0);
  CHECK(half.round(65520.0) == 65504.0);  // IEEE would round to infinity
  CHECK(half.round(1e300) == 65504.0);
  CHECK(half.round(-kInf) == -65504.0);
  CHECK(half.round(kNaN) == 0.0);
  CHECK_FALSE(half.representable(65520.0));
  CHECK_FALSE(half.representable(kInf));
  CHECK_FALSE(half.representable(1.0 + std::ldexp(1.0, -11)));
}

TEST_CASE("binary16: rounding agrees with a nearest search over the table", "[number_format]") {
  const NumberFormat half = NumberFormat::binary16();
  std::vector<double> table;  // all nonnegative finite values, increasing
  for (std::uint64_t pattern = 0; pattern <= 0x7bff; ++pattern)
    table.push_back(half.decode(pattern));
  std::mt19937_64 rng(16);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-27, 16);
  for (int i = 0; i < 20000; ++i) {
    const double x = std::ldexp(unit(rng), exponent(rng));
    const auto above = std::lower_bound(table.begin(), table.end(), x);
    double expected = table.back();
    if (above != table.end()) {
      expected = *above;
      if (above != table.begin() && x - above[-1] <= *above - x) expected = above[-1];
      if (above != table.begin() && x - above[-1] == *above - x && (above - table.begin()) % 2 == 0)
        expected = *above;
    }
    REQUIRE(half.round(x) == expected);
  }
}

TEST_CASE("fixed point: rounding, ties to even and saturation", "[number_format]") {
  const NumberFormat f = NumberFormat::fixed(8, 4);
  CHECK(f.max_value() == 7.9375);
  CHECK(f.round(100.0) == 7.9375);
  CHECK(f.round(kInf) == 7.9375);
  CHECK(f.round(7.96875) == 7.9375);  // the tie would go to 8, which saturates
  CHECK(f.round(-100.0) == -8.0);
  CHECK(f.round(-kInf) == -8.0);
  CHECK(f.round(0.03125) == 0.0);
  CHECK(f.round(0.09375) == 0.125);
  CHECK(f.round(-0.09375) == -0.125);
  CHECK(f.round(0.0937) == 0.0625);
  CHECK(same_bits(f.round(-0.01), 0.0));  // fixed point has only +0
  CHECK(f.round(kNaN) == 0.0);
  CHECK(f.representable(-8.0));
  CHECK_FALSE(f.representable(8.0));
  CHECK_FALSE(f.representable(0.03125));
  CHECK(f.encode(-8.0) == 0x80);
  CHECK(f.encode(-0.0625) == 0xff);
  CHECK(f.encode(7.9375) == 0x7f);
  CHECK_THROWS_AS(f.encode(0.03125), std::logic_error);
  CHECK_THROWS_AS(f.decode(256), InputError);

  const NumberFormat integers = NumberFormat::fixed(4, 0);
  CHECK(integers.round(2.5) == 2.0);
  CHECK(integers.round(3.5) == 4.0);
  CHECK(integers.round(7.5) == 7.0);  // the tie would go to 8, which saturates
  CHECK(integers.round(6.5) == 6.0);
  CHECK(integers.round(-7.5) == -8.0);
  CHECK(integers.round(-8.5) == -8.0);
}

TEST_CASE("fixed point: every fixed:6:2 pattern round-trips", "[number_format]") {
  const NumberFormat f = NumberFormat::fixed(6, 2);
  std::vector<double> values;
  for (std::uint64_t pattern = 0; pattern < 64; ++pattern) {
    const double value = f.decode(pattern);
    const double expected = (pattern < 32 ? double(pattern) : double(pattern) - 64) / 4;
    CHECK(value == expected);
    CHECK(f.representable(value));
    CHECK(f.encode(value) == pattern);
    values.push_back(value);
  }
  std::sort(values.begin(), values.end());
  CHECK(values.front() == -8.0);
  CHECK(values.back() == 7.75);
  for (std::size_t i = 1; i < values.size(); ++i) CHECK(values[i] - values[i - 1] == 0.25);
  CHECK_THROWS_AS(f.decode(64), InputError);
}

TEST_CASE("fixed point: constructor limits", "[number_format]") {
  CHECK_NOTHROW(NumberFormat::fixed(2, 0));
  CHECK_NOTHROW(NumberFormat::fixed(53, 52));
  CHECK_THROWS_AS(NumberFormat::fixed(1, 0), InputError);
  CHECK_THROWS_AS(NumberFormat::fixed(54, 0), InputError);
  CHECK_THROWS_AS(NumberFormat::fixed(8, -1), InputError);
  CHECK_THROWS_AS(NumberFormat::fixed(8, 53), InputError);
  const NumberFormat wide = NumberFormat::fixed(53, 0);
  const double top = std::ldexp(1.0, 52);
  CHECK(wide.max_value() == top - 1);
  CHECK(wide.round(top) == top - 1);
  CHECK(wide.decode(wide.encode(-top)) == -top);
}

TEST_CASE("binary32: rounding and saturation", "[number_format]") {
  const NumberFormat single = NumberFormat::binary32();
  const double ulp = std::ldexp(1.0, -23);
  CHECK(single.round(1.0 + ulp / 2) == 1.0);
  CHECK(single.round(1.0 + 1.5 * ulp) == 1.0 + 2 * ulp);
  CHECK(single.round(std::nextafter(1.0 + ulp / 2, 2.0)) == 1.0 + ulp);
  CHECK(single.round(std::ldexp(1.0, -150)) == 0.0);
  CHECK(single.round(std::ldexp(3.0, -151)) == std::ldexp(1.0, -149));
  CHECK(single.round(1e39) == FLT_MAX);
  CHECK(single.round(-1e39) == -double{FLT_MAX});
  CHECK(single.round(kInf) == FLT_MAX);
  CHECK(single.round(kNaN) == 0.0);
  CHECK_FALSE(single.representable(0.1));
  CHECK(single.encode(1.0) == 0x3f800000);
  CHECK_THROWS_AS(single.decode(0x7f800000), InputError);
  CHECK_THROWS_AS(single.decode(0xffc00000), InputError);
  CHECK_THROWS_AS(single.decode(std::uint64_t{1} << 32), InputError);
}

TEST_CASE("binary64: saturation and special patterns", "[number_format]") {
  const NumberFormat dbl = NumberFormat::binary64();
  CHECK(dbl.round(kInf) == DBL_MAX);
  CHECK(dbl.round(-kInf) == -DBL_MAX);
  CHECK(dbl.round(kNaN) == 0.0);
  CHECK(dbl.round(0.1) == 0.1);
  CHECK(same_bits(dbl.round(-0.0), -0.0));
  CHECK(dbl.encode(-0.0) == 0x8000000000000000);
  CHECK_THROWS_AS(dbl.decode(0x7ff0000000000000), InputError);
  CHECK_THROWS_AS(dbl.decode(0x7ff8000000000000), InputError);
}

TEST_CASE("binary32 and binary64: random patterns and values round-trip", "[number_format]") {
  std::mt19937_64 rng(3264);
  for (const NumberFormat& format : {NumberFormat::binary32(), NumberFormat::binary64()}) {
    const std::uint64_t mask = format.bits() == 32 ? 0xffffffff : ~std::uint64_t{0};
    for (int i = 0; i < 20000; ++i) {
      const std::uint64_t pattern = rng() & mask;
      const int exponent_bits = format.bits() == 32 ? 8 : 11;
      const std::uint64_t exponent_mask = (std::uint64_t{1} << exponent_bits) - 1;
      if (((pattern >> (format.bits() - 1 - exponent_bits)) & exponent_mask) == exponent_mask) {
        CHECK_THROWS_AS(format.decode(pattern), InputError);
        continue;
      }
      REQUIRE(format.encode(format.decode(pattern)) == pattern);
    }
    for (double x : random_values(format, 20000, 64)) {
      REQUIRE(format.representable(x));
      REQUIRE(same_bits(format.decode(format.encode(x)), x));
    }
  }
}

TEST_CASE("format constants", "[number_format]") {
  const NumberFormat fixed = NumberFormat::fixed(8, 4);
  CHECK(fixed.quantum_exponent() == -4);
  CHECK(NumberFormat::binary16().quantum_exponent() == -24);
  CHECK(NumberFormat::binary32().quantum_exponent() == -149);
  CHECK(NumberFormat::binary64().quantum_exponent() == -1074);
  CHECK(fixed.pattern_bits() == 8);
  CHECK(NumberFormat::binary16().pattern_bits() == 14);
  CHECK(NumberFormat::binary32().pattern_bits() == 30);
  CHECK(NumberFormat::binary64().pattern_bits() == 62);
  CHECK(NumberFormat::binary16().max_value() == 65504.0);
  CHECK(NumberFormat::binary32().max_value() == FLT_MAX);
  CHECK(NumberFormat::binary64().max_value() == DBL_MAX);
  // pattern_bits: every pattern below 2^pattern_bits is a finite value.
  for (const NumberFormat& format : all_kinds()) {
    const std::uint64_t last = (std::uint64_t{1} << format.pattern_bits()) - 1;
    CHECK(std::isfinite(format.decode(last)));
  }
}

TEST_CASE("parse_number_format: accepted forms and names", "[number_format]") {
  CHECK(parse_number_format("8") == NumberFormat::fixed(8, 4));
  CHECK(parse_number_format("7") == NumberFormat::fixed(7, 3));
  CHECK(parse_number_format("fixed:16") == NumberFormat::fixed(16, 8));
  CHECK(parse_number_format("FIXED:16:3") == NumberFormat::fixed(16, 3));
  CHECK(parse_number_format("fixed:53:52") == NumberFormat::fixed(53, 52));
  CHECK(parse_number_format("fixed:2:0") == NumberFormat::fixed(2, 0));
  for (const char* name : {"binary16", "FP16", "Half"})
    CHECK(parse_number_format(name) == NumberFormat::binary16());
  for (const char* name : {"binary32", "fp32", "SINGLE"})
    CHECK(parse_number_format(name) == NumberFormat::binary32());
  for (const char* name : {"Binary64", "fp64", "double"})
    CHECK(parse_number_format(name) == NumberFormat::binary64());
  for (const NumberFormat& format : all_kinds())
    CHECK(parse_number_format(format.name()) == format);
  CHECK(NumberFormat::fixed(8, 4).name() == "fixed:8:4");
  CHECK(NumberFormat::binary16().name() == "binary16");
}

TEST_CASE("parse_number_format: rejected forms", "[number_format]") {
  for (const char* text : {"",           "1",           "54",         "+8",
                           "-8",         " 8",          "8 ",         "8x",
                           "08x",        "fixed",       "fixed:",     "fixed:8:",
                           "fixed::4",   "fixed:8:4:1", "fixed:8:53", "fixed:1:0",
                           "fixed:-8:4", "fixed:8:-1",  "fixed:8:x",  "fixed8",
                           "binary128",  "fp8",         "float",      "99999999999999999999"}) {
    INFO("text: '" << text << "'");
    try {
      parse_number_format(text);
      FAIL("accepted");
    } catch (const InputError& error) {
      const std::string message = error.what();
      CHECK(message.find("fixed:P:F") != std::string::npos);
      CHECK(message.find("binary16") != std::string::npos);
      CHECK(message.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("accumulator_bits", "[number_format]") {
  const NumberFormat f = NumberFormat::fixed(8, 4);
  CHECK(accumulator_bits(f, 1) == 8);
  CHECK(accumulator_bits(f, 2) == 9);
  CHECK(accumulator_bits(f, 3) == 10);
  CHECK(accumulator_bits(f, 4) == 10);
  CHECK(accumulator_bits(f, 5) == 11);
  CHECK(accumulator_bits(f, 1024) == 18);
  CHECK(accumulator_bits(f, 1025) == 19);
  CHECK_THROWS_AS(accumulator_bits(f, 0), std::logic_error);
  // max_units: 2047 * 2^29, (2^24 - 1) * 2^253, (2^53 - 1) * 2^2045.
  CHECK(accumulator_bits(NumberFormat::binary16(), 1) == 41);
  CHECK(accumulator_bits(NumberFormat::binary32(), 1) == 278);
  CHECK(accumulator_bits(NumberFormat::binary64(), 1) == 2099);
  CHECK(accumulator_bits(NumberFormat::binary16(), 2) == 42);
}

TEST_CASE("accumulator_bits is the least width for T extreme values", "[number_format]") {
  for (const NumberFormat& format : all_kinds()) {
    for (std::uint64_t terms : {1, 2, 3, 5, 1000, 4096, 5000}) {
      INFO(format.name() << " T=" << terms);
      const int width = accumulator_bits(format, terms);
      const ExactSum highest = repeated(format, format.max_value(), terms);
      const bool fixed = format.kind() == FormatKind::fixed;
      const ExactSum lowest = repeated(format, format.round(-kInf), terms);  // -2^(p-1) quanta
      CHECK_NOTHROW(highest.to_bits(width));
      CHECK_NOTHROW(lowest.to_bits(width));
      CHECK_THROWS_AS(lowest.to_bits(width - 1), std::logic_error);
      if (!fixed) CHECK_THROWS_AS(highest.to_bits(width - 1), std::logic_error);
      CHECK(ExactSum::from_bits(format, lowest.to_bits(width)) == lowest);
      CHECK(ExactSum::from_bits(format, highest.to_bits(width)) == highest);
    }
  }
}

TEST_CASE("ExactSum: any split into two partial sums gives the same sum", "[number_format]") {
  std::uint64_t seed = 1;
  for (const NumberFormat& format : all_kinds()) {
    INFO(format.name());
    const std::vector<double> values = random_values(format, 300, seed++);
    const ExactSum forward = sum_of(format, values, 0, values.size());
    const int width = accumulator_bits(format, values.size());
    const std::vector<bool> bits = forward.to_bits(width);
    CHECK(ExactSum::from_bits(format, bits) == forward);
    CHECK(ExactSum::from_bits(format, bits).to_bits(width) == bits);
    ExactSum backward(format);
    for (auto it = values.rbegin(); it != values.rend(); ++it) backward.add(*it);
    CHECK(backward == forward);
    for (std::size_t split = 0; split <= values.size(); split += 7) {
      ExactSum alice = sum_of(format, values, 0, split);
      const ExactSum bob = sum_of(format, values, split, values.size());
      alice += bob;
      REQUIRE(alice == forward);
      REQUIRE(alice.to_bits(width) == bits);
      REQUIRE(same_bits(alice.to_double(), forward.to_double()));
    }
  }
}

TEST_CASE("ExactSum: add accepts exactly the representable values", "[number_format]") {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (const NumberFormat& format : all_kinds()) {
    std::uniform_int_distribution<int> exponent(format.quantum_exponent() - 3,
                                                std::ilogb(format.max_value()) + 3);
    for (int i = 0; i < 20000; ++i) {
      double x = std::ldexp(unit(rng), exponent(rng));
      if (i % 2 == 0) x = format.round(x);
      ExactSum sum(format);
      if (format.representable(x))
        REQUIRE_NOTHROW(sum.add(x));
      else
        REQUIRE_THROWS_AS(sum.add(x), std::logic_error);
    }
    ExactSum sum(format);
    CHECK_THROWS_AS(sum.add(kInf), std::logic_error);
    CHECK_THROWS_AS(sum.add(kNaN), std::logic_error);
    CHECK_NOTHROW(sum.add(-0.0));
    CHECK(sum.is_zero());
  }
}

TEST_CASE("ExactSum: to_double rounds the exact value", "[number_format]") {
  const NumberFormat dbl = NumberFormat::binary64();
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> units(-(std::int64_t{1} << 30),
                                                    std::int64_t{1} << 30);
  ExactSum sum(dbl);
  double plain = 0.0;  // every partial sum is a multiple of 2^-20 below 2^41: exact in double
  for (int i = 0; i < 1000; ++i) {
    const double x = std::ldexp(static_cast<double>(units(rng)), -20);
    sum.add(x);
    plain += x;
  }
  CHECK(sum.to_double() == plain);

  const double two53 = std::ldexp(1.0, 53);
  auto total = [&](std::vector<double> values) { return sum_of(dbl, values, 0, values.size()); };
  CHECK(total({two53, 1.0}).to_double() == two53);  // tie, to even
  CHECK(total({two53, 3.0}).to_double() == two53 + 4);
  CHECK(total({two53, 1.0, std::ldexp(1.0, -1074)}).to_double() == two53 + 2);  // sticky bit
  CHECK(total({-two53, -1.0}).to_double() == -two53);
  CHECK(total({DBL_MAX, DBL_MAX}).to_double() == DBL_MAX);  // saturates
  CHECK(total({-DBL_MAX, -DBL_MAX}).to_double() == -DBL_MAX);
  CHECK(total({std::ldexp(1.0, -1074), std::ldexp(1.0, -1073)}).to_double() ==
        std::ldexp(3.0, -1074));

  const NumberFormat wide = NumberFormat::fixed(53, 0);
  const double top = wide.max_value();                                       // 2^52 - 1
  CHECK(repeated(wide, top, 3).to_double() == 3 * std::ldexp(1.0, 52) - 4);  // 3*2^52-3, a tie
  CHECK(repeated(NumberFormat::fixed(8, 4), 0.0625, 5).to_double() == 0.3125);
}

TEST_CASE("ExactSum: the machine and big integer paths agree", "[number_format]") {
  const NumberFormat dbl = NumberFormat::binary64();
  const double small = std::ldexp(1.0, -1070);  // 16 quanta
  ExactSum through_big(dbl);
  for (double x : {std::ldexp(1.0, 1000), small, -std::ldexp(1.0, 1000)}) through_big.add(x);
  ExactSum direct(dbl);
  direct.add(small);
  CHECK(through_big == direct);
  CHECK(through_big.to_bits(8) == direct.to_bits(8));
  CHECK(same_bits(through_big.to_double(), small));
  CHECK_THROWS_AS(through_big.to_bits(5), std::logic_error);
  through_big.add(-small);
  CHECK(through_big.is_zero());
  CHECK(through_big == ExactSum(dbl));

  ExactSum tiny_big(dbl);  // 2^1000 and 2^-1000 summed then subtracted
  for (double x : {std::ldexp(1.0, 1000), std::ldexp(1.0, -1000), -std::ldexp(1.0, 1000)})
    tiny_big.add(x);
  CHECK(tiny_big.to_double() == std::ldexp(1.0, -1000));
  tiny_big.add(-std::ldexp(1.0, -1000));
  CHECK(tiny_big.is_zero());

  // fixed:53:0 overflows int64 after 2048 maximal terms, then comes back.
  const NumberFormat wide = NumberFormat::fixed(53, 0);
  const double top = wide.max_value();
  ExactSum sum = repeated(wide, top, 5000);
  CHECK_FALSE(sum.is_zero());
  for (int i = 0; i < 4999; ++i) sum.add(-top);
  CHECK(sum == repeated(wide, top, 1));
  CHECK(sum.to_double() == top);
  CHECK(sum.to_bits(53) == repeated(wide, top, 1).to_bits(53));

  ExactSum half_a = repeated(wide, top, 2000);
  half_a += repeated(wide, top, 2000);  // overflows in +=
  CHECK(half_a == repeated(wide, top, 4000));
  const int width = accumulator_bits(wide, 4000);
  CHECK(ExactSum::from_bits(wide, half_a.to_bits(width)) == half_a);
  ExactSum doubled = repeated(wide, top, 2000);
  doubled += doubled;
  CHECK(doubled == half_a);
}

TEST_CASE("ExactSum: bits, equality and formats", "[number_format]") {
  const NumberFormat f = NumberFormat::fixed(8, 4);
  ExactSum sum(f);
  sum.add(-0.0625);  // -1 quantum
  CHECK(sum.to_bits(1) == std::vector<bool>{true});
  CHECK(sum.to_bits(3) == std::vector<bool>{true, true, true});
  sum.add(0.5);  // 7 quanta
  CHECK(sum.to_bits(4) == std::vector<bool>{true, true, true, false});
  CHECK_THROWS_AS(sum.to_bits(3), std::logic_error);
  CHECK_THROWS_AS(sum.to_bits(0), std::logic_error);
  CHECK(sum.to_bits(70) == ExactSum::from_bits(f, sum.to_bits(70)).to_bits(70));
  CHECK(ExactSum::from_bits(f, {true, false, false}).to_double() == 0.0625);
  CHECK(ExactSum::from_bits(f, {true, true, false, true}).to_double() == -0.3125);  // 11 - 16
  std::vector<bool> wide(100, true);  // -1 in 100 bits
  CHECK(ExactSum::from_bits(f, wide).to_double() == -0.0625);
  CHECK_THROWS_AS(ExactSum::from_bits(f, {}), std::logic_error);

  ExactSum other_format(NumberFormat::fixed(16, 8));
  other_format.add(0.4375);  // the same exact value, in finer quanta
  CHECK(other_format == sum);
  CHECK_THROWS_AS(sum += other_format, std::logic_error);
}
