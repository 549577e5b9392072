// Reading and validating claims files (format in claim_file.hpp).
//
// toml++ parses the text; a ClaimReader then walks one [[claim]] table: it reads the kind first,
// rejects keys the kind does not know, reads each field against the names the rest of ccbound
// accepts (families, measure keys, tasks, number formats), expands the sizes, and evaluates
// `expect` once for every binding the runner will use, so an inexact log2 or a division by zero is
// reported here, with the line of `expect`, rather than in the middle of a run. Every message is
// "<file>:<line>: <what>", the line taken from the offending TOML node.
#include "ccbound/claims/claim_file.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/reductions/number_format.hpp"
#include "ccbound/reductions/task.hpp"

namespace ccbound::claims {

namespace {

constexpr Family kAllFamilies[] = {
#define CCBOUND_FAMILY_ID(id, name, square, entry, help) Family::id,
    CCBOUND_FAMILIES(CCBOUND_FAMILY_ID)
#undef CCBOUND_FAMILY_ID
};

// The keys each kind accepts; the first five are common to all kinds.
const std::vector<std::string_view>& allowed_keys(ClaimKind kind) {
  static const std::vector<std::string_view> measure = {"id",      "statement", "kind",    "expect",
                                                        "timeout", "family",    "measure", "n"};
  static const std::vector<std::string_view> model = {
      "id", "statement", "kind", "expect", "timeout", "task", "arch", "N", "precision", "quantity"};
  return kind == ClaimKind::measure ? measure : model;
}

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}
std::string lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::string join(const std::vector<std::string_view>& names) {
  std::string result;
  for (const auto name : names) result += (result.empty() ? "" : ", ") + std::string(name);
  return result;
}

int line_of(const toml::source_region& source) {
  return static_cast<int>(source.begin.line);
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

bool valid_id(std::string_view id) {
  return !id.empty() && std::ranges::all_of(id, [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '.' || c == '-';
  });
}

// One [[claim]] table.
class ClaimReader {
 public:
  ClaimReader(const toml::table& table, const std::string& file) : table_(table), file_(file) {
    claim_.file = file;
    claim_.line = line_of(table.source());
  }

  // Ensures: a fully validated Claim. Throws InputError "<file>:<line>: <what>".
  Claim read() {
    read_kind();
    check_keys();
    claim_.id = required_string("id");
    if (!valid_id(claim_.id))
      fail(table_.get("id"), fmt::format("bad claim id '{}': use [A-Za-z0-9_.-]+", claim_.id));
    read_statement();
    read_timeout();
    if (claim_.kind == ClaimKind::measure)
      read_measure();
    else if (claim_.kind == ClaimKind::reduction)
      read_reduction();
    else
      read_construction();
    read_expect();
    return claim_;
  }

 private:
  const toml::table& table_;
  const std::string& file_;
  Claim claim_;

  // At the node's line, or the claim's when there is no node.
  [[noreturn]] void fail(const toml::node* node, const std::string& what) const {
    const int line = node ? line_of(node->source()) : claim_.line;
    throw InputError(fmt::format("{}:{}: {}", file_, line, what));
  }

  const toml::node& require(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) fail(nullptr, fmt::format("claim is missing the key '{}'", key));
    return *node;
  }

  std::string string_of(const toml::node& node, std::string_view key) const {
    const auto* value = node.as_string();
    if (!value) fail(&node, fmt::format("'{}' must be a string, not {}", key, type_name(node)));
    return value->get();
  }
  std::string required_string(std::string_view key) const { return string_of(require(key), key); }
  std::optional<std::string> optional_string(std::string_view key) const {
    const toml::node* node = table_.get(key);
    return node ? std::optional(string_of(*node, key)) : std::nullopt;
  }

  void read_kind() {
    const std::string kind = required_string("kind");
    for (const auto k : {ClaimKind::measure, ClaimKind::reduction, ClaimKind::construction}) {
      if (kind == claim_kind_name(k)) {
        claim_.kind = k;
        return;
      }
    }
    fail(table_.get("kind"),
         fmt::format("unknown kind '{}' (known: measure, reduction, construction)", kind));
  }

  void check_keys() const {
    const auto& allowed = allowed_keys(claim_.kind);
    for (auto&& [key, node] : table_) {
      if (std::ranges::find(allowed, key.str()) != allowed.end()) continue;
      throw InputError(fmt::format("{}:{}: unknown key '{}' in a {} claim (allowed: {})", file_,
                                   line_of(key.source()), key.str(), claim_kind_name(claim_.kind),
                                   join(allowed)));
    }
  }

  void read_statement() {
    claim_.statement = required_string("statement");
    const bool blank =
        std::ranges::all_of(claim_.statement, [](unsigned char c) { return std::isspace(c); });
    if (blank || claim_.statement.find_first_of("\r\n") != std::string::npos)
      fail(table_.get("statement"), "'statement' must be one non-empty line");
  }

  void read_timeout() {
    const toml::node* node = table_.get("timeout");
    if (!node) return;
    const auto seconds = node->is_number() ? node->value<double>() : std::nullopt;
    if (!seconds || !std::isfinite(*seconds) || *seconds <= 0)
      fail(node, "'timeout' must be a number of seconds > 0");
    claim_.timeout_seconds = *seconds;
  }

  void read_measure() {
    const std::string family = required_string("family");
    const auto it = std::ranges::find_if(kAllFamilies,
                                         [&](Family f) { return family_name(f) == upper(family); });
    if (it == std::end(kAllFamilies)) {
      std::vector<std::string_view> names;
      for (const Family f : kAllFamilies) names.push_back(family_name(f));
      fail(table_.get("family"),
           fmt::format("unknown family '{}' (known: {})", family, join(names)));
    }
    claim_.family = std::string(family_name(*it));
    read_measure_key();
    claim_.sizes = read_sizes("n", 1, kMaxFamilyN);
  }

  void read_measure_key() {
    const std::string measure = required_string("measure");
    if (!parse_measure_key(measure)) {
      std::vector<std::string_view> keys;
      for (std::size_t i = 0; i < kMeasureCount; ++i) keys.push_back(measure_key(MeasureId(i)));
      fail(table_.get("measure"),
           fmt::format("unknown measure '{}' (known: {})", measure, join(keys)));
    }
    claim_.measure = measure;
  }

  // Runs `parse` on the string at `key`, re-throwing its InputError at the key's line.
  template <typename Parse>
  auto parse_at(std::string_view key, const std::string& text, Parse parse) const {
    try {
      return parse(text);
    } catch (const InputError& error) {
      fail(table_.get(key), fmt::format("bad '{}': {}", key, error.what()));
    }
  }

  void read_reduction() {
    const auto task = parse_at("task", required_string("task"), reductions::parse_task);
    claim_.task = std::string(reductions::task_name(task));
    const auto arch = parse_at("arch", required_string("arch"), reductions::parse_architecture);
    claim_.arch = std::string(reductions::architecture_name(arch));
    claim_.sizes = read_sizes("N", 1, reductions::max_task_length(task));
    claim_.precisions = read_precisions(true);
    claim_.quantity = read_choice("quantity", {"min_size", "cc"});
  }

  void read_construction() {
    claim_.task = upper(required_string("task"));
    const std::vector<std::string_view> tasks = {"INDEX", "EQ", "DISJ", "DYCK", "NN"};
    if (std::ranges::find(tasks, claim_.task) == tasks.end())
      fail(table_.get("task"),
           fmt::format("unknown construction task '{}' (known: {})", claim_.task, join(tasks)));
    if (table_.get("arch")) claim_.arch = lower(read_choice("arch", {"rnn", "tf1", "tf2"}, true));
    claim_.sizes = read_sizes("N", 1, kMaxConstructionN);
    claim_.precisions = read_precisions(false);
    claim_.quantity = read_choice("quantity", {"width", "size", "layers", "heads"});
  }

  // The string at `key`, one of `choices` (the first is the default when the key is absent).
  std::string read_choice(std::string_view key, const std::vector<std::string_view>& choices,
                          bool case_insensitive = false) const {
    const auto text = optional_string(key);
    if (!text) return std::string(choices.front());
    const std::string value = case_insensitive ? lower(*text) : *text;
    if (std::ranges::find(choices, value) == choices.end())
      fail(table_.get(key), fmt::format("bad '{}' = '{}' (one of: {})", key, *text, join(choices)));
    return value;
  }

  std::vector<std::string> read_precisions(bool required) const {
    const toml::node* node = table_.get("precision");
    if (!node && required) require("precision");
    if (!node) return {"binary32"};
    std::vector<const toml::node*> items;
    if (const auto* array = node->as_array()) {
      for (const auto& item : *array) items.push_back(&item);
      if (items.empty()) fail(node, "'precision' must not be an empty array");
      if (items.size() > kMaxPrecisions)
        fail(node, fmt::format("'precision' has more than {} formats", kMaxPrecisions));
    } else {
      items.push_back(node);
    }
    std::vector<std::string> names;
    for (const toml::node* item : items) names.push_back(precision_name(*item));
    return names;
  }

  std::string precision_name(const toml::node& item) const {
    const std::string text = string_of(item, "precision");
    try {
      return reductions::parse_number_format(text).name();
    } catch (const InputError& error) {
      fail(&item, fmt::format("bad 'precision': {}", error.what()));
    }
  }

  std::vector<std::int64_t> read_sizes(std::string_view key, std::int64_t lo,
                                       std::int64_t hi) const {
    const toml::node& node = require(key);
    std::vector<std::int64_t> sizes = size_values(node, key);
    if (sizes.empty()) fail(&node, fmt::format("'{}' must list at least one size", key));
    for (const std::int64_t size : sizes)
      if (size < lo || size > hi)
        fail(&node, fmt::format("{} = {} is out of range (allowed: {}..{})", key, size, lo, hi));
    auto sorted = sizes;
    std::ranges::sort(sorted);
    if (const auto dup = std::ranges::adjacent_find(sorted); dup != sorted.end())
      fail(&node, fmt::format("'{}' lists {} twice", key, *dup));
    return sizes;
  }

  std::vector<std::int64_t> size_values(const toml::node& node, std::string_view key) const {
    if (const auto* value = node.as_integer()) return {value->get()};
    if (const auto* text = node.as_string()) return size_range(node, key, text->get());
    const auto* array = node.as_array();
    if (!array)
      fail(&node,
           fmt::format("'{}' must be an integer, an array of integers or a range \"a..b\"", key));
    if (array->size() > kMaxSizes)
      fail(&node, fmt::format("'{}' has more than {} sizes", key, kMaxSizes));
    std::vector<std::int64_t> sizes;
    for (const auto& item : *array) {
      const auto* value = item.as_integer();
      if (!value) fail(&item, fmt::format("'{}' must hold integers, not {}", key, type_name(item)));
      sizes.push_back(value->get());
    }
    return sizes;
  }

  // "a..b" or "a..b*2".
  std::vector<std::int64_t> size_range(const toml::node& node, std::string_view key,
                                       std::string_view text) const {
    const bool doubling = text.ends_with("*2");
    const auto ends = range_ends(doubling ? text.substr(0, text.size() - 2) : text);
    if (!ends || ends->first > ends->second || (doubling && ends->first < 1))
      fail(&node, fmt::format("bad range '{}' for '{}': write \"a..b\" or \"a..b*2\" with a <= b "
                              "(a >= 1 when doubling)",
                              text, key));
    const auto [a, b] = *ends;
    if (!doubling && static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a) >= kMaxSizes)
      fail(&node, fmt::format("range '{}' has more than {} sizes", text, kMaxSizes));
    std::vector<std::int64_t> sizes;
    for (std::int64_t v = a;; v = doubling ? v * 2 : v + 1) {
      sizes.push_back(v);
      if (v == b || (doubling && v > b / 2)) break;  // the next would pass b (or overflow)
    }
    return sizes;
  }

  static std::optional<std::pair<std::int64_t, std::int64_t>> range_ends(std::string_view text) {
    const auto dots = text.find("..");
    if (dots == std::string_view::npos) return std::nullopt;
    const auto a = parse_int(text.substr(0, dots));
    const auto b = parse_int(text.substr(dots + 2));
    if (!a || !b) return std::nullopt;
    return std::pair(*a, *b);
  }

  void read_expect() {
    const toml::node& node = require("expect");
    const std::string text = string_of(node, "expect");
    try {
      claim_.expect = Relation::parse(text);
    } catch (const ExpressionError& error) {
      fail(&node,
           fmt::format("bad expect '{}' at column {}: {}", text, error.column(), error.what()));
    }
    const auto allowed = allowed_variables(claim_.kind);
    for (const auto& name : claim_.expect.rhs.variables())
      if (!allowed.contains(name))
        fail(&node, fmt::format("expect '{}' uses the variable '{}'; a {} claim binds only {}",
                                text, name, claim_kind_name(claim_.kind),
                                claim_.kind == ClaimKind::measure ? "n" : "N and p"));
    for (const Bindings& bindings : all_bindings()) check_evaluates(node, text, bindings);
  }

  // Every binding the runner will evaluate `expect` under.
  std::vector<Bindings> all_bindings() const {
    std::vector<Bindings> result;
    for (const std::int64_t size : claim_.sizes) {
      if (claim_.kind == ClaimKind::measure) result.push_back({{"n", size}});
      for (const auto& precision : claim_.precisions) {
        const std::int64_t p = reductions::parse_number_format(precision).bits();
        result.push_back({{"N", size}, {"p", p}});
      }
    }
    return result;
  }

  void check_evaluates(const toml::node& node, const std::string& text,
                       const Bindings& bindings) const {
    try {
      claim_.expect.rhs.evaluate(bindings);
    } catch (const ExpressionError& error) {
      std::string where;
      for (const auto& [name, value] : bindings) where += fmt::format(", {} = {}", name, value);
      fail(&node, fmt::format("expect '{}' at column {}{}: {}", text, error.column(), where,
                              error.what()));
    }
  }
};

std::vector<const toml::table*> claim_tables(const toml::table& root, const std::string& file) {
  std::vector<const toml::table*> tables;
  for (auto&& [key, node] : root) {
    const auto* array = node.as_array();
    if (key.str() != "claim" || !array || !array->is_array_of_tables())
      throw InputError(fmt::format("{}:{}: a claims file holds only [[claim]] tables, not '{}'",
                                   file, line_of(key.source()), key.str()));
    for (const auto& item : *array) tables.push_back(item.as_table());
  }
  return tables;
}

toml::table parse_toml(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& error) {
    throw InputError(fmt::format("{}:{}: {}", file, line_of(error.source()), error.description()));
  }
}

// Throws at `claim` if its id is already in `seen` (id -> "file:line"); else records it.
void check_unique(const Claim& claim, std::map<std::string, std::string>& seen) {
  const auto [it, fresh] = seen.emplace(claim.id, fmt::format("{}:{}", claim.file, claim.line));
  if (!fresh)
    throw InputError(fmt::format("{}:{}: duplicate claim id '{}' (first at {})", claim.file,
                                 claim.line, claim.id, it->second));
}

std::vector<std::string> files_of(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.is_regular_file() && entry.path().extension() == ".toml")
        files.push_back(entry.path().string());
    if (ec) throw InputError(fmt::format("{}: cannot list the directory: {}", path, ec.message()));
    std::ranges::sort(files);
    return files;
  }
  if (!fs::exists(path, ec)) throw InputError(fmt::format("{}: no such file or directory", path));
  return {path};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InputError(fmt::format("{}: cannot read the file", path));
  return text.str();
}

}  // namespace

std::string_view claim_kind_name(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::measure:
      return "measure";
    case ClaimKind::reduction:
      return "reduction";
    case ClaimKind::construction:
      return "construction";
  }
  return "?";
}

std::set<std::string> allowed_variables(ClaimKind kind) {
  if (kind == ClaimKind::measure) return {"n"};
  return {"N", "p"};
}

std::vector<Claim> parse_claims(std::string_view toml_text, const std::string& file_name) {
  const toml::table root = parse_toml(toml_text, file_name);
  std::vector<Claim> claims;
  std::map<std::string, std::string> seen;
  for (const toml::table* table : claim_tables(root, file_name)) {
    claims.push_back(ClaimReader(*table, file_name).read());
    check_unique(claims.back(), seen);
  }
  return claims;
}

std::vector<Claim> load_claims(const std::vector<std::string>& paths) {
  std::vector<Claim> claims;
  std::map<std::string, std::string> seen;
  for (const auto& path : paths) {
    for (const auto& file : files_of(path)) {
      for (auto& claim : parse_claims(read_file(file), file)) {
        check_unique(claim, seen);
        claims.push_back(std::move(claim));
      }
    }
  }
  return claims;
}

}  // namespace ccbound::claims
