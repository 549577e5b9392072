// The claim expression language: exact values, precedence, the log2 rule, relations, and errors
// that point at the right column.
#include <catch2/catch.hpp>

#include "ccbound/claims/expression.hpp"

using ccbound::claims::Bindings;
using ccbound::claims::Expression;
using ccbound::claims::ExpressionError;
using ccbound::claims::Rational;
using ccbound::claims::Relation;

namespace {

Rational value(std::string_view text, const Bindings& bindings = {}) {
  return Expression::parse(text).evaluate(bindings);
}

// The column of the ExpressionError that parsing (and then evaluating) `text` throws; 0 if none.
int error_column(std::string_view text, const Bindings& bindings = {}) {
  try {
    Expression::parse(text).evaluate(bindings);
  } catch (const ExpressionError& error) {
    return error.column();
  }
  return 0;
}

std::string error_message(std::string_view text, const Bindings& bindings = {}) {
  try {
    Expression::parse(text).evaluate(bindings);
  } catch (const ExpressionError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("expressions evaluate exactly", "[expression]") {
  CHECK(value("n+1", {{"n", 5}}) == 6);
  CHECK(value("ceil(log2(n)) + 1", {{"n", 5}}) == 4);
  CHECK(value("ceil(log2(n)) + 1", {{"n", 8}}) == 4);
  CHECK(value("floor(log2(n))", {{"n", 5}}) == 2);
  CHECK(value("floor(log2(n))", {{"n", 8}}) == 3);
  CHECK(value("16*log2(N)", {{"N", 1024}}) == 160);
  CHECK(value("ceil(N/p)", {{"N", 10}, {"p", 8}}) == 2);
  CHECK(value("floor(N/p)", {{"N", 10}, {"p", 8}}) == 1);
  CHECK(value("N/p", {{"N", 10}, {"p", 8}}) == Rational(5, 4));
}

TEST_CASE("log2 is exact on powers of two, including fractions", "[expression]") {
  CHECK(value("log2(1)") == 0);
  CHECK(value("log2(1/8)") == -3);
  CHECK(value("log2(2^100)") == 100);
  CHECK(value("ceil(log2(3/8))") == -1);
  CHECK(value("floor(log2(3/8))") == -2);
  CHECK(value("ceil(log2(2^100 + 1))") == 101);
  CHECK(value("floor(log2(2^100 - 1))") == 99);
}

TEST_CASE("min, max, precedence and unary minus", "[expression]") {
  CHECK(value("min(3, 1, 2)") == 1);
  CHECK(value("max(3, n, 2)", {{"n", 7}}) == 7);
  CHECK(value("max(4)") == 4);
  CHECK(value("1 + 2 * 3") == 7);
  CHECK(value("(1 + 2) * 3") == 9);
  CHECK(value("10 - 4 - 3") == 3);
  CHECK(value("12 / 2 / 3") == 2);
  CHECK(value("2 * 3 ^ 2") == 18);
  CHECK(value("2 ^ 3 ^ 2") == 512);
  CHECK(value("-2 ^ 2") == -4);
  CHECK(value("--3") == 3);
  CHECK(value("1 - -1") == 2);
  CHECK(value("2^-3") == Rational(1, 8));
  CHECK(value("(-1/2)^3") == Rational(-1, 8));
  CHECK(value("ceil(-3/2)") == -1);
  CHECK(value("floor(-3/2)") == -2);
}

TEST_CASE("variables are case-sensitive and listed", "[expression]") {
  const auto e = Expression::parse("  n + N*ceil(log2(x_1))  ");
  CHECK(e.variables() == std::set<std::string>{"N", "n", "x_1"});
  CHECK(e.text() == "n + N*ceil(log2(x_1))");
  CHECK(e.evaluate({{"n", 1}, {"N", 2}, {"x_1", 4}}) == 5);
  CHECK(error_message("N", {{"n", 3}}) == "unknown variable 'N'");
}

TEST_CASE("relations compare exactly", "[expression][relation]") {
  const auto r = Relation::parse(">= ceil(N/p)");
  const Bindings b{{"N", 10}, {"p", 8}};
  CHECK(r.op == Relation::Op::ge);
  CHECK(r.holds(2, b));
  CHECK_FALSE(r.holds(1, b));
  CHECK(r.describe(b) == ">= 2");
  CHECK(r.text() == ">= ceil(N/p)");

  CHECK(Relation::parse("n + 1").op == Relation::Op::eq);
  CHECK(Relation::parse("== 3").holds(3, {}));
  CHECK(Relation::parse("<= 3").holds(3, {}));
  CHECK_FALSE(Relation::parse("< 3").holds(3, {}));
  CHECK(Relation::parse("> 2^-3").holds(Rational(1, 4), {}));
  CHECK(Relation::parse("= 1/3").describe({}) == "= 1/3");
}

TEST_CASE("parse errors carry the column", "[expression][errors]") {
  CHECK(error_column("n +") == 4);
  CHECK(error_column("foo(n)") == 1);
  CHECK(error_message("foo(n)").find("unknown function 'foo'") != std::string::npos);
  CHECK(error_column("n + foo(n)") == 5);
  CHECK(error_column("") == 1);
  CHECK(error_column("(n + 1") == 7);
  CHECK(error_column("n n") == 3);
  CHECK(error_column("ceil(1, 2)") == 1);
  CHECK(error_column("min()") == 5);
  CHECK(error_column("ceil n") == 6);
  CHECK(error_column("3 % 2") == 3);
  try {
    Relation::parse(">= n +");
    FAIL("no error");
  } catch (const ExpressionError& error) {
    CHECK(error.column() == 7);
  }
}

TEST_CASE("evaluation errors carry the column", "[expression][errors]") {
  CHECK(error_column("1 + log2(6)") == 5);
  CHECK(error_message("1 + log2(6)") ==
        "log2(6) is not an integer power of two; write ceil(log2(...)) or floor(log2(...))");
  CHECK(error_column("ceil(2 * log2(6))") == 10);  // log2 must be ceil's direct argument
  CHECK(error_column("1 / (n - 2)", {{"n", 2}}) == 3);
  CHECK(error_message("1 / (n - 2)", {{"n", 2}}) == "division by zero");
  CHECK(error_column("0 ^ -1") == 3);
  CHECK(error_column("2 ^ (1/2)") == 3);
  CHECK(error_column("2 ^ 4097") == 3);
  CHECK(error_column("2 ^ -4096") == 0);
  CHECK(error_column("log2(0)") == 1);
  CHECK(error_column("ceil(log2(-1))") == 6);
  CHECK(error_column("n + m", {{"n", 1}}) == 5);
  CHECK_THROWS_AS(Expression{}.evaluate({}), std::logic_error);
}

TEST_CASE("hostile expressions are refused cheaply", "[expression][errors][fuzz]") {
  // Deep nesting overflowed the recursive parser's stack; long chains the evaluator's.
  CHECK_THROWS_WITH(Expression::parse(std::string(30000, '(') + "1" + std::string(30000, ')')),
                    Catch::Contains("longer than the limit of 256"));
  CHECK_THROWS_WITH(Relation::parse(std::string(300, '-') + "1"),
                    Catch::Contains("longer than the limit"));
  CHECK(value(std::string(255, '-') + "1") == -1);
  CHECK(value(std::string(127, '(') + "1" + std::string(127, ')')) == 1);
  // Products of huge values grew without bound, and Boost normalises each with a slow gcd:
  // every value is limited to 2^14 bits.
  CHECK(error_message("(2^4095)^3 * (2^4095)^2") == "the result would exceed 2^14 bits");
  CHECK(error_column("(2^4095)^3 * (2^4095)^2") == 12);
  CHECK(error_message("1444444444444444444444444443^4008") ==
        "'^': the result would exceed 2^14 bits");
  CHECK(value("(2^4095)^2 / 2^4095") == value("2^4095"));
}

TEST_CASE("integers with leading zeros are decimal", "[expression][fuzz]") {
  // Found by fuzzing: "08" threw a non-InputError from Boost, and "010" was read as octal 8.
  CHECK(value("08") == 8);
  CHECK(value("010") == 10);
  CHECK(value("000") == 0);
  CHECK_THROWS_AS(Expression::parse("0x10"), ExpressionError);  // nor hexadecimal
}
