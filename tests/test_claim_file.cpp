// The claims file format: good files of each kind read into the right fields, and every kind of
// mistake is an InputError that names the file and the line to fix.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ccbound/claims/claim_file.hpp"
#include "ccbound/core/error.hpp"

using namespace ccbound::claims;
using ccbound::InputError;

namespace {

// The message parse_claims throws for `text` read as "bad.toml"; "" if it accepts the text.
std::string error_of(std::string_view text) {
  try {
    parse_claims(text, "bad.toml");
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

constexpr std::string_view kMeasure = R"toml([[claim]]
id = "eq.D"
statement = "D(EQ_n) = n + 1"
kind = "measure"
family = "eq"
measure = "D"
n = "1..6"
expect = "n + 1"
timeout = 30
)toml";

constexpr std::string_view kReduction = R"toml(
[[claim]]
id = "index.rnn"
statement = "an RNN for INDEX_N needs N bits of state"
kind = "reduction"
task = "index"
arch = "RNN"
N = [4, 8, 16]
precision = ["8", "fp16"]
expect = ">= ceil(N / p)"
)toml";

constexpr std::string_view kConstruction = R"toml(
[[claim]]
id = "eq.tf1.width"
statement = "a one-layer Transformer decides EQ_N with width O(log N)"
kind = "construction"
task = "Eq"
arch = "tf2"
N = "4..64*2"
quantity = "layers"
expect = "<= 2 * ceil(log2(N)) + 4"
)toml";

// A valid measure claim with line `replace` (1-based) replaced by `with` ("" deletes it).
std::string measure_with(int replace, std::string_view with) {
  std::string text, line;
  std::istringstream in{std::string(kMeasure)};
  for (int i = 1; std::getline(in, line); ++i) {
    if (i != replace)
      text += line + "\n";
    else if (!with.empty())
      text += std::string(with) + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a measure claim", "[claims]") {
  const auto claims = parse_claims(kMeasure, "m.toml");
  REQUIRE(claims.size() == 1);
  const Claim& c = claims[0];
  CHECK(c.id == "eq.D");
  CHECK(c.statement == "D(EQ_n) = n + 1");
  CHECK(c.file == "m.toml");
  CHECK(c.line == 1);
  CHECK(c.kind == ClaimKind::measure);
  CHECK(c.family == "EQ");
  CHECK(c.measure == "D");
  CHECK(c.sizes == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6});
  CHECK(c.precisions.empty());
  CHECK(c.timeout_seconds == 30);
  CHECK(c.expect.op == Relation::Op::eq);
  CHECK(c.expect.holds(6, {{"n", 5}}));
}

TEST_CASE("a reduction claim", "[claims]") {
  const auto claims = parse_claims(kReduction, "r.toml");
  REQUIRE(claims.size() == 1);
  const Claim& c = claims[0];
  CHECK(c.line == 2);
  CHECK(c.kind == ClaimKind::reduction);
  CHECK(c.task == "INDEX");
  CHECK(c.arch == "rnn");
  CHECK(c.quantity == "min_size");
  CHECK(c.sizes == std::vector<std::int64_t>{4, 8, 16});
  CHECK(c.precisions == std::vector<std::string>{"fixed:8:4", "binary16"});
  CHECK(c.timeout_seconds == kDefaultTimeoutSeconds);
  CHECK(c.expect.op == Relation::Op::ge);
  CHECK(c.expect.describe({{"N", 10}, {"p", 8}}) == ">= 2");
}

TEST_CASE("a construction claim, and several claims in one file", "[claims]") {
  const std::string text = std::string(kConstruction) + std::string(kReduction);
  const auto claims = parse_claims(text, "c.toml");
  REQUIRE(claims.size() == 2);
  const Claim& c = claims[0];
  CHECK(c.kind == ClaimKind::construction);
  CHECK(c.task == "EQ");
  CHECK(c.arch == "tf2");
  CHECK(c.quantity == "layers");
  CHECK(c.sizes == std::vector<std::int64_t>{4, 8, 16, 32, 64});
  CHECK(c.precisions == std::vector<std::string>{"binary32"});
  CHECK(c.expect.op == Relation::Op::le);
  CHECK(claims[1].id == "index.rnn");
  CHECK(claims[1].line == 12);
}

TEST_CASE("sizes: single integers, ranges and their limits", "[claims]") {
  CHECK(parse_claims(measure_with(7, "n = 12"), "f")[0].sizes == std::vector<std::int64_t>{12});
  CHECK(parse_claims(measure_with(7, "n = \"3..3\""), "f")[0].sizes ==
        std::vector<std::int64_t>{3});
  CHECK(parse_claims(measure_with(7, "n = \"1..12*2\""), "f")[0].sizes ==
        std::vector<std::int64_t>{1, 2, 4, 8});
  CHECK(starts_with(error_of(measure_with(7, "n = \"5..4\"")), "bad.toml:7: bad range"));
  CHECK(starts_with(error_of(measure_with(7, "n = \"0..4*2\"")), "bad.toml:7: bad range"));
  CHECK(starts_with(error_of(measure_with(7, "n = \"1..4*3\"")), "bad.toml:7: bad range"));
  CHECK(starts_with(error_of(measure_with(7, "n = [1, 2, 1]")), "bad.toml:7: 'n' lists 1 twice"));
  CHECK(starts_with(error_of(measure_with(7, "n = []")), "bad.toml:7:"));
  CHECK(starts_with(error_of(measure_with(7, "n = [1,\n 2.5]")), "bad.toml:8: 'n' must hold"));
  CHECK(starts_with(error_of(measure_with(7, "n = true")), "bad.toml:7: 'n' must be"));
}

TEST_CASE("malformed files name the file and line", "[claims][errors]") {
  SECTION("TOML syntax") {
    CHECK(starts_with(error_of(measure_with(5, "measure = \"D")), "bad.toml:5:"));
  }
  SECTION("unknown key") {
    const auto message = error_of(measure_with(9, "colour = \"red\""));
    CHECK(starts_with(message, "bad.toml:9: unknown key 'colour'"));
  }
  SECTION("key of another kind") {
    CHECK(starts_with(error_of(measure_with(9, "precision = \"8\"")), "bad.toml:9: unknown key"));
  }
  SECTION("unknown measure") {
    CHECK(starts_with(error_of(measure_with(6, "measure = \"rank_r\"")),
                      "bad.toml:6: unknown measure 'rank_r'"));
  }
  SECTION("unknown family") {
    CHECK(starts_with(error_of(measure_with(5, "family = \"NEQ\"")),
                      "bad.toml:5: unknown family 'NEQ'"));
  }
  SECTION("bad expression, with its column") {
    CHECK(starts_with(error_of(measure_with(8, "expect = \"n +\"")),
                      "bad.toml:8: bad expect 'n +' at column 4:"));
  }
  SECTION("inexact log2 found when loading") {
    const auto message = error_of(measure_with(8, "expect = \"log2(n)\""));
    CHECK(starts_with(message, "bad.toml:8: expect 'log2(n)' at column 1, n = 3:"));
  }
  SECTION("n out of range") {
    CHECK(starts_with(error_of(measure_with(7, "n = [4, 13]")),
                      "bad.toml:7: n = 13 is out of range (allowed: 1..12)"));
  }
  SECTION("wrong variable") {
    CHECK(starts_with(error_of(measure_with(8, "expect = \"N + 1\"")),
                      "bad.toml:8: expect 'N + 1' uses the variable 'N'"));
  }
  SECTION("missing statement") {
    CHECK(starts_with(error_of(measure_with(3, "")),
                      "bad.toml:1: claim is missing the key 'statement'"));
  }
  SECTION("statement on two lines") {
    CHECK(starts_with(error_of(measure_with(3, "statement = \"a\\nb\"")), "bad.toml:3:"));
  }
  SECTION("wrong type") {
    CHECK(starts_with(error_of(measure_with(2, "id = 3")), "bad.toml:2: 'id' must be a string"));
  }
  SECTION("bad id") {
    CHECK(starts_with(error_of(measure_with(2, "id = \"a b\"")), "bad.toml:2: bad claim id"));
  }
  SECTION("bad kind") {
    CHECK(starts_with(error_of(measure_with(4, "kind = \"lemma\"")), "bad.toml:4: unknown kind"));
  }
  SECTION("bad timeout") {
    CHECK(starts_with(error_of(measure_with(9, "timeout = 0")), "bad.toml:9: 'timeout'"));
    CHECK(error_of(measure_with(9, "timeout = 2.5")).empty());
  }
  SECTION("duplicate id") {
    const std::string text = std::string(kMeasure) + "\n" + std::string(kMeasure);
    CHECK(starts_with(error_of(text),
                      "bad.toml:11: duplicate claim id 'eq.D' (first at bad.toml:1)"));
  }
  SECTION("top level is only [[claim]]") {
    CHECK(starts_with(error_of("title = \"x\"\n"), "bad.toml:1:"));
    CHECK(starts_with(error_of("\n[claim]\nid = \"x\"\n"), "bad.toml:2:"));
  }
}

TEST_CASE("malformed reduction and construction claims", "[claims][errors]") {
  const auto reduction = [](std::string_view from, std::string_view to) {
    std::string text(kReduction);
    text.replace(text.find(from), from.size(), to);
    return error_of(text);
  };
  CHECK(starts_with(reduction("task = \"index\"", "task = \"NN\""), "bad.toml:6: bad 'task'"));
  CHECK(starts_with(reduction("arch = \"RNN\"", "arch = \"tf2\""), "bad.toml:7: bad 'arch'"));
  CHECK(starts_with(reduction("[4, 8, 16]", "[4, 64]"), "bad.toml:8: N = 64 is out of range"));
  CHECK(starts_with(reduction("\"fp16\"", "\"fp12\""), "bad.toml:9: bad 'precision'"));
  CHECK(starts_with(reduction("N / p", "N / q"), "bad.toml:10: expect '>= ceil(N / q)' uses"));
  CHECK(starts_with(reduction("precision = [\"8\", \"fp16\"]\n", ""),
                    "bad.toml:2: claim is missing the key 'precision'"));
  CHECK(reduction("ceil(N / p)", "N - p").empty());

  std::string construction(kConstruction);
  construction.replace(construction.find("\"layers\""), 8, "\"depth\"");
  CHECK(starts_with(error_of(construction), "bad.toml:9: bad 'quantity'"));
  construction = kConstruction;
  construction.replace(construction.find("\"4..64*2\""), 9, "2097152");
  CHECK(starts_with(error_of(construction), "bad.toml:8: N = 2097152 is out of range"));
}

TEST_CASE("hostile claims are refused before they are expensive", "[claims][errors][fuzz]") {
  // Found by fuzzing: 4096 sizes times thousands of precisions built millions of bindings.
  std::string many(kReduction);
  std::string formats = "\"8\"";
  for (int i = 0; i < 16; ++i) formats += ", \"8\"";
  many.replace(many.find("\"8\", \"fp16\""), 11, formats);
  CHECK(starts_with(error_of(many), "bad.toml:9: 'precision' has more than 16 formats"));
  // Deep nesting overflowed the expression parser's stack.
  const std::string deep = std::string(20000, '(') + "n" + std::string(20000, ')');
  CHECK(starts_with(error_of(measure_with(8, "expect = \"" + deep + "\"")),
                    "bad.toml:8: bad expect"));
}

TEST_CASE("load_claims reads files and directories", "[claims][files]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "ccbound_test_claim_file";
  fs::remove_all(dir);
  fs::create_directories(dir / "examples");
  std::ofstream(dir / "b.toml") << kReduction;
  std::ofstream(dir / "a.toml") << kMeasure;
  std::ofstream(dir / "notes.txt") << "not a claims file";
  std::ofstream(dir / "examples" / "c.toml") << "this is not TOML";

  const auto claims = load_claims({dir.string()});
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].id == "eq.D");
  CHECK(claims[0].file == (dir / "a.toml").string());
  CHECK(claims[1].id == "index.rnn");

  std::ofstream(dir / "copy.toml") << kMeasure;
  try {
    load_claims({dir.string()});
    FAIL("duplicate id across files accepted");
  } catch (const InputError& error) {
    CHECK(starts_with(error.what(), (dir / "copy.toml").string() + ":1: duplicate claim id"));
  }
  CHECK_THROWS_AS(load_claims({(dir / "missing.toml").string()}), InputError);
  CHECK_THROWS_AS(load_claims({(dir / "examples").string()}), InputError);  // bad TOML
  fs::remove_all(dir);
}
