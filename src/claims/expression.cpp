// Parsing and exact evaluation of claim expressions (grammar in expression.hpp).
//
// The parser is recursive descent straight over the characters, one function per grammar rule,
// building a tree of Nodes; function names and arities are checked while parsing, so evaluation
// only meets value errors (unbound variable, division by zero, inexact log2, bad power). The
// evaluator is one recursive function over the tree. ceil(log2(x)) and floor(log2(x)) are
// recognised as a pair and computed by comparing x with powers of two, never through floating
// point.
#include "ccbound/claims/expression.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <stdexcept>
#include <utility>
#include <vector>

namespace ccbound::claims {

using boost::multiprecision::cpp_int;

namespace detail {

enum class NodeKind {
  number,
  variable,
  negate,
  add,
  sub,
  mul,
  div,
  pow,
  ceil,
  floor,
  log2,
  min,
  max
};

struct Node {
  NodeKind kind;
  int column;              // of the token: the operator for unary and binary nodes
  Rational value;          // number
  std::string name;        // variable
  std::vector<Node> args;  // operands or function arguments
};

}  // namespace detail

namespace {

using detail::Node;
using detail::NodeKind;

// Bounds that keep hostile text cheap: the parser and evaluator recurse once per nesting level and
// tree level, and both are at most the length; no value (numerator or denominator) exceeds 2^14
// bits, because Boost's rationals normalise every result with a gcd that is quadratic in the bits.
constexpr std::size_t kMaxExpressionLength = 256;
constexpr std::size_t kMaxValueBits = std::size_t{1} << 14;

struct FunctionRow {
  std::string_view name;
  NodeKind kind;
  bool variadic;  // min, max: one or more arguments; the others exactly one
};

constexpr std::array<FunctionRow, 5> kFunctions = {{{"ceil", NodeKind::ceil, false},
                                                    {"floor", NodeKind::floor, false},
                                                    {"log2", NodeKind::log2, false},
                                                    {"min", NodeKind::min, true},
                                                    {"max", NodeKind::max, true}}};

const FunctionRow* find_function(std::string_view name) {
  for (const auto& row : kFunctions)
    if (row.name == name) return &row;
  return nullptr;
}

bool is_identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool is_identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

class Parser {
 public:
  Parser(std::string_view text, std::size_t from) : text_(text), pos_(from) {}

  // The whole remaining text as one expr.
  Node parse_all() {
    Node node = expr();
    skip_space();
    if (pos_ < text_.size()) fail(fmt::format("unexpected '{}' after the expression", text_[pos_]));
    return node;
  }

 private:
  std::string_view text_;
  std::size_t pos_;

  int column() const { return static_cast<int>(pos_) + 1; }
  [[noreturn]] void fail(const std::string& message) const {
    throw ExpressionError(message, column());
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  // Skips space; consumes c if it comes next.
  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  void expect(char c, std::string_view what) {
    if (!accept(c)) fail(fmt::format("expected '{}' {}, found {}", c, what, found()));
  }
  std::string found() const {
    return pos_ < text_.size() ? fmt::format("'{}'", text_[pos_]) : "the end of the expression";
  }
  static Node binary(NodeKind kind, int column, Node lhs, Node rhs) {
    Node node{kind, column, {}, {}, {}};
    node.args.push_back(std::move(lhs));
    node.args.push_back(std::move(rhs));
    return node;
  }

  Node expr() {
    Node lhs = term();
    for (;;) {
      skip_space();
      const int at = column();
      if (accept('+'))
        lhs = binary(NodeKind::add, at, std::move(lhs), term());
      else if (accept('-'))
        lhs = binary(NodeKind::sub, at, std::move(lhs), term());
      else
        return lhs;
    }
  }

  Node term() {
    Node lhs = unary();
    for (;;) {
      skip_space();
      const int at = column();
      if (accept('*'))
        lhs = binary(NodeKind::mul, at, std::move(lhs), unary());
      else if (accept('/'))
        lhs = binary(NodeKind::div, at, std::move(lhs), unary());
      else
        return lhs;
    }
  }

  Node unary() {
    skip_space();
    const int at = column();
    if (!accept('-')) return power();
    Node node{NodeKind::negate, at, {}, {}, {}};
    node.args.push_back(unary());
    return node;
  }

  Node power() {
    Node base = atom();
    skip_space();
    const int at = column();
    if (!accept('^')) return base;
    return binary(NodeKind::pow, at, std::move(base), unary());
  }

  Node atom() {
    skip_space();
    if (pos_ >= text_.size())
      fail("expected a number, variable, function or '(', found " + found());
    const char c = text_[pos_];
    if (is_digit(c)) return number();
    if (is_identifier_start(c)) return name();
    if (accept('(')) {
      Node inner = expr();
      expect(')', "to close '('");
      return inner;
    }
    fail("expected a number, variable, function or '(', found " + found());
  }

  Node number() {
    const int at = column();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ - start > 100) throw ExpressionError("integer literal longer than 100 digits", at);
    // Decimal always: cpp_int reads a leading 0 as octal ("010" = 8, "08" throws).
    std::string_view digits = text_.substr(start, pos_ - start);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    return Node{NodeKind::number, at, Rational(cpp_int(std::string(digits))), {}, {}};
  }

  Node name() {
    const int at = column();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_identifier_char(text_[pos_])) ++pos_;
    std::string word(text_.substr(start, pos_ - start));
    skip_space();
    const bool call = pos_ < text_.size() && text_[pos_] == '(';
    const FunctionRow* function = find_function(word);
    if (call && !function)
      throw ExpressionError(
          fmt::format("unknown function '{}' (known: ceil, floor, log2, min, max)", word), at);
    if (function) return arguments(*function, at);
    return Node{NodeKind::variable, at, {}, std::move(word), {}};
  }

  // After a function name at column `at`: "(" expr {"," expr} ")".
  Node arguments(const FunctionRow& function, int at) {
    expect('(', fmt::format("after '{}'", function.name));
    Node node{function.kind, at, {}, {}, {}};
    do node.args.push_back(expr());
    while (accept(','));
    expect(')', fmt::format("to close '{}('", function.name));
    if (!function.variadic && node.args.size() != 1)
      throw ExpressionError(
          fmt::format("{}() takes one argument, not {}", function.name, node.args.size()), at);
    return node;
  }
};

// --- evaluation
// -----------------------------------------------------------------------------------

[[noreturn]] void eval_fail(const Node& node, const std::string& message) {
  throw ExpressionError(message, node.column);
}

Rational floor_of(const Rational& x) {
  const cpp_int& num = boost::multiprecision::numerator(x);
  const cpp_int& den = boost::multiprecision::denominator(x);  // > 0
  cpp_int q = num / den;                                       // truncates toward zero
  if (num < 0 && q * den != num) --q;
  return Rational(q);
}
Rational ceil_of(const Rational& x) {
  return -floor_of(-x);
}

Rational pow2(long k) {
  const cpp_int one = 1;
  return k >= 0 ? Rational(one << k) : Rational(one, cpp_int(one << -k));
}

bool is_power_of_two(const cpp_int& x) {
  return x > 0 && boost::multiprecision::lsb(x) == boost::multiprecision::msb(x);
}

// The largest k with 2^k <= x. Requires x > 0.
long floor_log2(const Rational& x) {
  const long k =
      static_cast<long>(boost::multiprecision::msb(boost::multiprecision::numerator(x))) -
      static_cast<long>(boost::multiprecision::msb(boost::multiprecision::denominator(x)));
  return x >= pow2(k) ? k : k - 1;  // x is in [2^(k-1), 2^(k+1))
}

Rational evaluate_node(const Node& node, const Bindings& bindings);

Rational positive_argument(const Node& log2_node, const Bindings& bindings) {
  Rational x = evaluate_node(log2_node.args[0], bindings);
  if (x <= 0)
    eval_fail(log2_node, fmt::format("log2({}): the argument must be positive", to_string(x)));
  return x;
}

Rational exact_log2(const Node& node, const Bindings& bindings) {
  const Rational x = positive_argument(node, bindings);
  const cpp_int& num = boost::multiprecision::numerator(x);
  const cpp_int& den = boost::multiprecision::denominator(x);
  if (den == 1 && is_power_of_two(num)) return Rational(boost::multiprecision::msb(num));
  if (num == 1 && is_power_of_two(den)) return -Rational(boost::multiprecision::msb(den));
  eval_fail(node, fmt::format("log2({}) is not an integer power of two; write ceil(log2(...)) or "
                              "floor(log2(...))",
                              to_string(x)));
}

// ceil(...) or floor(...): exact on a log2 argument by comparison with powers of two.
Rational rounded(const Node& node, const Bindings& bindings) {
  const Node& arg = node.args[0];
  const bool up = node.kind == NodeKind::ceil;
  if (arg.kind != NodeKind::log2) {
    const Rational x = evaluate_node(arg, bindings);
    return up ? ceil_of(x) : floor_of(x);
  }
  const Rational x = positive_argument(arg, bindings);
  const long k = floor_log2(x);
  return Rational(up && x != pow2(k) ? k + 1 : k);
}

Rational power(const Node& node, const Bindings& bindings) {
  const Rational base = evaluate_node(node.args[0], bindings);
  const Rational exponent = evaluate_node(node.args[1], bindings);
  if (boost::multiprecision::denominator(exponent) != 1 || abs(exponent) > 4096)
    eval_fail(node, fmt::format("'^' needs an integer exponent between -4096 and 4096, not {}",
                                to_string(exponent)));
  const long e = boost::multiprecision::numerator(exponent).convert_to<long>();
  if (base == 0) {
    if (e < 0) eval_fail(node, "division by zero (0 to a negative power)");
    return e == 0 ? Rational(1) : Rational(0);
  }
  const cpp_int num = abs(boost::multiprecision::numerator(base));
  const cpp_int& den = boost::multiprecision::denominator(base);
  const auto bits = std::max(boost::multiprecision::msb(num), boost::multiprecision::msb(den)) + 1;
  if (bits * static_cast<unsigned long>(std::abs(e)) > kMaxValueBits)
    eval_fail(node, "'^': the result would exceed 2^14 bits");
  const auto u = static_cast<unsigned>(std::abs(e));
  Rational result(boost::multiprecision::pow(boost::multiprecision::numerator(base), u),
                  boost::multiprecision::pow(den, u));
  return e < 0 ? 1 / result : result;
}

Rational extremum(const Node& node, const Bindings& bindings) {
  Rational best = evaluate_node(node.args[0], bindings);
  for (std::size_t i = 1; i < node.args.size(); ++i) {
    const Rational x = evaluate_node(node.args[i], bindings);
    if (node.kind == NodeKind::min ? x < best : x > best) best = x;
  }
  return best;
}

Rational variable(const Node& node, const Bindings& bindings) {
  const auto it = bindings.find(node.name);
  if (it == bindings.end()) eval_fail(node, fmt::format("unknown variable '{}'", node.name));
  return Rational(it->second);
}

// Bits of the larger of |numerator| and denominator.
std::size_t bits_of(const Rational& x) {
  const cpp_int& num = boost::multiprecision::numerator(x);
  const cpp_int& den = boost::multiprecision::denominator(x);
  return std::max(num == 0 ? 0 : boost::multiprecision::msb(abs(num)) + 1,
                  boost::multiprecision::msb(den) + 1);
}

// +, -, * and /: their result has at most bits(lhs) + bits(rhs) + 1 bits in each part, so a sum
// over kMaxValueBits is refused before it is computed (else "x*x*x*..." grows without bound).
Rational arithmetic(const Node& node, const Bindings& bindings) {
  const Rational lhs = evaluate_node(node.args[0], bindings);
  const Rational rhs = evaluate_node(node.args[1], bindings);
  if (bits_of(lhs) + bits_of(rhs) > kMaxValueBits)
    eval_fail(node, "the result would exceed 2^14 bits");
  switch (node.kind) {
    case NodeKind::add:
      return lhs + rhs;
    case NodeKind::sub:
      return lhs - rhs;
    case NodeKind::mul:
      return lhs * rhs;
    default:
      if (rhs == 0) eval_fail(node, "division by zero");
      return lhs / rhs;
  }
}

Rational evaluate_node(const Node& node, const Bindings& bindings) {
  const auto arg = [&](std::size_t i) { return evaluate_node(node.args[i], bindings); };
  switch (node.kind) {
    case NodeKind::number:
      return node.value;
    case NodeKind::variable:
      return variable(node, bindings);
    case NodeKind::negate:
      return -arg(0);
    case NodeKind::add:
    case NodeKind::sub:
    case NodeKind::mul:
    case NodeKind::div:
      return arithmetic(node, bindings);
    case NodeKind::pow:
      return power(node, bindings);
    case NodeKind::ceil:
    case NodeKind::floor:
      return rounded(node, bindings);
    case NodeKind::log2:
      return exact_log2(node, bindings);
    case NodeKind::min:
    case NodeKind::max:
      return extremum(node, bindings);
  }
  throw std::logic_error("evaluate: unknown node kind");
}

void collect_variables(const Node& node, std::set<std::string>& names) {
  if (node.kind == NodeKind::variable) names.insert(node.name);
  for (const Node& arg : node.args) collect_variables(arg, names);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::string to_string(const Rational& value) {
  const cpp_int& den = boost::multiprecision::denominator(value);
  const std::string num = boost::multiprecision::numerator(value).str();
  return den == 1 ? num : num + "/" + den.str();
}

Expression Expression::parse(std::string_view text) {
  return parse(text, 0);
}

Expression Expression::parse(std::string_view text, std::size_t from) {
  if (text.size() > from && text.size() - from > kMaxExpressionLength) {
    throw ExpressionError(
        fmt::format("expression longer than the limit of {} characters", kMaxExpressionLength),
        static_cast<int>(from + kMaxExpressionLength) + 1);
  }
  Expression expression;
  expression.root_ = std::make_shared<const Node>(Parser(text, from).parse_all());
  expression.text_ = std::string(trim(text.substr(std::min(from, text.size()))));
  return expression;
}

std::set<std::string> Expression::variables() const {
  std::set<std::string> names;
  if (root_) collect_variables(*root_, names);
  return names;
}

Rational Expression::evaluate(const Bindings& bindings) const {
  if (!root_) throw std::logic_error("evaluate: empty expression");
  return evaluate_node(*root_, bindings);
}

std::string_view op_symbol(Relation::Op op) {
  switch (op) {
    case Relation::Op::eq:
      return "=";
    case Relation::Op::le:
      return "<=";
    case Relation::Op::ge:
      return ">=";
    case Relation::Op::lt:
      return "<";
    case Relation::Op::gt:
      return ">";
  }
  return "?";
}

Relation Relation::parse(std::string_view text) {
  // Longest operators first, so "<=" is not read as "<" followed by "=".
  static constexpr std::pair<std::string_view, Op> kOps[] = {
      {"==", Op::eq}, {"<=", Op::le}, {">=", Op::ge}, {"=", Op::eq}, {"<", Op::lt}, {">", Op::gt}};
  std::size_t from = 0;
  while (from < text.size() && std::isspace(static_cast<unsigned char>(text[from]))) ++from;
  Relation relation;
  for (const auto& [symbol, op] : kOps) {
    if (text.substr(from).starts_with(symbol)) {
      relation.op = op;
      from += symbol.size();
      break;
    }
  }
  relation.rhs = Expression::parse(text, from);
  return relation;
}

bool Relation::holds(const Rational& value, const Bindings& bindings) const {
  const Rational rhs_value = rhs.evaluate(bindings);
  switch (op) {
    case Op::eq:
      return value == rhs_value;
    case Op::le:
      return value <= rhs_value;
    case Op::ge:
      return value >= rhs_value;
    case Op::lt:
      return value < rhs_value;
    case Op::gt:
      return value > rhs_value;
  }
  return false;
}

std::string Relation::describe(const Bindings& bindings) const {
  return fmt::format("{} {}", op_symbol(op), to_string(rhs.evaluate(bindings)));
}

std::string Relation::text() const {
  return fmt::format("{} {}", op_symbol(op), rhs.text());
}

}  // namespace ccbound::claims
