// Exact expressions for the claims catalogue: the `expect` value of a claim ("= ceil(log2(n)) + 1",
// ">= ceil(N/p)") is a relation whose right-hand side is evaluated exactly, over the rationals,
// with the claim's sizes bound to its variables.
//
// Grammar (whitespace is free between tokens; columns in errors are 1-based, in the text given):
//   relation := [ "=" | "==" | "<=" | ">=" | "<" | ">" ] expr      no operator means "="
//   expr     := term (("+" | "-") term)*
//   term     := unary (("*" | "/") unary)*
//   unary    := "-" unary | power
//   power    := atom [ "^" unary ]                                  so 2^-3 = 1/8, -2^2 = -4
//   atom     := integer | variable | func "(" expr {"," expr} ")" | "(" expr ")"
//   func     := ceil | floor | log2 | min | max                      (reserved: not variables)
//   variable := [A-Za-z_][A-Za-z0-9_]*                               case-sensitive: n and N differ
//
// Values are exact rationals (Rational). ceil, floor and log2 take one argument, min and max one or
// more. log2(x) is exact when x is a power of two 2^k (k any integer); otherwise log2 may appear
// only as the direct argument of ceil() or floor(), which compute ceil/floor(log2 x) exactly by
// integer comparison. "^" needs an integer exponent e with |e| <= 4096. An expression is at most
// 256 characters (a parse error beyond), and no value may exceed 2^14 bits (numerator or
// denominator; "+ - * / ^" refuse to compute one). Division by zero, log2 of a value <= 0 and an
// unbound variable are evaluation errors. Parsing and evaluation both live in expression.cpp (one
// small recursive-descent parser building an AST, and one recursive evaluator over it).
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "ccbound/core/error.hpp"

namespace ccbound::claims {

using Rational = boost::multiprecision::cpp_rational;
using Bindings = std::map<std::string, std::int64_t, std::less<>>;  // variable -> value

// "7", "-1/8": the rational in lowest terms.
std::string to_string(const Rational& value);

// A parse or evaluation error. what() is the bare message; column() is the 1-based column in the
// parsed text where the offending token or operation starts. An InputError, so a caller that does
// not care about columns reports it like any other bad input.
class ExpressionError : public InputError {
 public:
  ExpressionError(const std::string& message, int column) : InputError(message), column_(column) {}
  int column() const { return column_; }

 private:
  int column_;
};

namespace detail {
struct Node;
}

class Expression {
 public:
  // An empty expression: text() is "", variables() empty, evaluate() throws std::logic_error.
  Expression() = default;

  // Parses the whole of `text` as an expr. Throws ExpressionError{message, column} on bad syntax,
  // an unknown function or a wrong number of arguments.
  static Expression parse(std::string_view text);
  // Parses text[from..]; columns in errors still count from the start of `text`.
  static Expression parse(std::string_view text, std::size_t from);

  // Every variable the expression mentions.
  std::set<std::string> variables() const;
  // Requires: every variable bound. Throws ExpressionError (with the column of the offending node)
  // on an unbound variable, division by zero, an inexact log2 or an out-of-range power.
  Rational evaluate(const Bindings& bindings) const;
  // The source text, trimmed of surrounding whitespace.
  std::string text() const { return text_; }

 private:
  std::shared_ptr<const detail::Node> root_;
  std::string text_;
};

struct Relation {
  enum class Op { eq, le, ge, lt, gt };
  Op op = Op::eq;
  Expression rhs;

  // Parses a relation (see the grammar above). Throws ExpressionError with the column in `text`.
  static Relation parse(std::string_view text);
  // Whether `value op rhs` holds, rhs evaluated under `bindings` (throws as Expression::evaluate).
  bool holds(const Rational& value, const Bindings& bindings) const;
  // The operator and the evaluated rhs: "= 7", ">= 2", "< 1/8".
  std::string describe(const Bindings& bindings) const;
  // The operator and the rhs as written: ">= ceil(N/p)".
  std::string text() const;
};

std::string_view op_symbol(Relation::Op op);  // "=", "<=", ">=", "<", ">"

}  // namespace ccbound::claims
