// The claims catalogue's file format: TOML files of [[claim]] tables, each a statement with its
// expected value written as an exact relation (expression.hpp), read and fully validated here. The
// runner that re-establishes each claim with the engines lives elsewhere; a Claim that comes out
// of parse_claims names only families, measures, tasks, architectures and formats that exist, and
// sizes within their ranges, so the runner never meets bad input.
//
// A complete example, one claim of each kind:
//
//   [[claim]]
//   id = "eq.D"                          # [A-Za-z0-9_.-]+, unique across all files loaded together
//   statement = "D(EQ_n) = n + 1"        # one line
//   kind = "measure"
//   family = "EQ"                        # a family of families.hpp, case-insensitive
//   measure = "D"                        # a measure key of bounds.hpp: rank_q, ..., oneway_ba, D
//   n = "1..6"                           # within 1..kMaxFamilyN
//   expect = "n + 1"                     # variable: n
//   timeout = 30                         # seconds, optional, > 0, default 60
//
//   [[claim]]
//   id = "index.rnn.min_size"
//   statement = "an RNN for INDEX_N needs N bits of state"
//   kind = "reduction"
//   task = "INDEX"                       # INDEX | EQ | DISJ | DYCK, case-insensitive
//   arch = "rnn"                         # rnn | tf1
//   N = [4, 8, 16]                       # each within max_task_length(task)
//   precision = ["8", "binary16"]        # a string or array of at most 16, each accepted by
//                                        # parse_number_format
//   quantity = "min_size"                # min_size (default) | cc
//   expect = ">= ceil(N / p)"            # variables: N, p (p = the format's bits)
//
//   [[claim]]
//   id = "eq.tf1.width"
//   statement = "a one-layer Transformer decides EQ_N with width O(log N)"
//   kind = "construction"
//   task = "EQ"                          # INDEX | EQ | DISJ | DYCK | NN, case-insensitive
//   arch = "tf1"                         # optional: rnn | tf1 | tf2
//   N = "4..1024*2"                      # 1 <= N <= 1048576
//   precision = "binary32"               # optional, default "binary32"
//   quantity = "width"                   # width (default) | size | layers | heads
//   expect = "<= 2 * ceil(log2(N)) + 4"  # variables: N, p
//
// Sizes (n or N) are an integer, an array of distinct integers, or a string "a..b" (every integer
// from a to b) or "a..b*2" (a, 2a, 4a, ... up to b); at most 4096 values. Any other key, a missing
// required key, a value of the wrong type or out of range, an expression that does not parse or
// uses a variable its kind does not bind, or a duplicate id is an error, as is TOML that does not
// parse: each is an InputError whose message is "<file>:<line>: <what>".
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ccbound/claims/expression.hpp"

namespace ccbound::claims {

enum class ClaimKind { measure, reduction, construction };

std::string_view claim_kind_name(ClaimKind kind);  // "measure", "reduction", "construction"
// The variables `expect` may use: {"n"} for measures, {"N", "p"} otherwise.
std::set<std::string> allowed_variables(ClaimKind kind);

inline constexpr std::int64_t kMaxConstructionN = 1048576;
inline constexpr std::size_t kMaxSizes = 4096;
// `expect` is checked under every (size, precision) pair, so the pairs must stay few.
inline constexpr std::size_t kMaxPrecisions = 16;
inline constexpr double kDefaultTimeoutSeconds = 60;

struct Claim {
  std::string id, statement;
  std::string file;  // as given to parse_claims
  int line = 0;      // of the [[claim]] header
  ClaimKind kind = ClaimKind::measure;
  std::string family;    // measure: canonical name, "EQ"
  std::string measure;   // measure: the key, "rank_q"
  std::string task;      // reduction, construction: upper case, "INDEX"
  std::string arch;      // reduction: "rnn" | "tf1"; construction: "", "rnn", "tf1" or "tf2"
  std::string quantity;  // reduction: "min_size" | "cc"; construction: "width" | ... ; measure: ""
  std::vector<std::int64_t> sizes;      // n (measure) or N, in the order written, distinct
  std::vector<std::string> precisions;  // canonical NumberFormat names ("fixed:8:4"); measure: none
  Relation expect;
  double timeout_seconds = kDefaultTimeoutSeconds;
};

// Parses and validates one claims file's text. `file_name` is used only in messages and
// Claim::file. Ensures: ids are unique within the text and every field is valid as described
// above. Throws InputError "<file_name>:<line>: <what>" on the first problem.
std::vector<Claim> parse_claims(std::string_view toml_text, const std::string& file_name);

// Loads every path: a file is read as claims (whatever its extension); a directory contributes its
// own *.toml files in sorted order, not those of its subdirectories. Ensures: ids are unique
// across all files. Throws InputError for a missing or unreadable path or any bad claim.
std::vector<Claim> load_claims(const std::vector<std::string>& paths);

}  // namespace ccbound::claims
