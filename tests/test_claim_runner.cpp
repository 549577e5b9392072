// The claims runner: verdicts decided soundly on intervals, a pass only on checked sides (an
// unchecked side, a cited value or a sampled construction never passes), real claims
// re-established by the engines, false claims failing at the right instance, and the parallel run
// keeping the order.
#include <catch2/catch.hpp>

#include "ccbound/claims/claim_runner.hpp"

using namespace ccbound::claims;

namespace {

Verdict on(std::int64_t lower, std::optional<std::int64_t> upper, const char* relation) {
  return verdict_on_interval(lower, upper, Relation::parse(relation), {{"n", 4}});
}

std::vector<ClaimResult> run(const char* toml, int jobs = 2) {
  ClaimCheckOptions options;
  options.jobs = jobs;
  return check_claims(parse_claims(toml, "test.toml"), options);
}

}  // namespace

TEST_CASE("verdicts on intervals are pass, FAIL or timeout, never a guess") {
  CHECK(on(5, 5, "n + 1") == Verdict::pass);
  CHECK(on(4, 4, "n + 1") == Verdict::fail);
  CHECK(on(4, 6, "n + 1") == Verdict::timeout);  // 5 is possible, not proved
  CHECK(on(6, 9, "n + 1") == Verdict::fail);     // 5 is excluded
  CHECK(on(1, 3, "n + 1") == Verdict::fail);
  CHECK(on(5, std::nullopt, ">= n") == Verdict::pass);
  CHECK(on(3, std::nullopt, ">= n") == Verdict::timeout);
  CHECK(on(3, 3, ">= n") == Verdict::fail);
  CHECK(on(3, 5, "> 2") == Verdict::pass);
  CHECK(on(3, 5, "<= 5") == Verdict::pass);
  CHECK(on(3, 6, "<= 5") == Verdict::timeout);
  CHECK(on(6, std::nullopt, "<= 5") == Verdict::fail);
  CHECK(on(3, std::nullopt, "< 4") == Verdict::timeout);
  CHECK(on(4, 9, "< 4") == Verdict::fail);
}

TEST_CASE("the verdict table: names, counts, and severity order") {
  CHECK(verdict_name(Verdict::fail) == "FAIL");
  CHECK(verdict_name(Verdict::cited) == "cited");
  CHECK(verdict_counted(Verdict::timeout) == "timed out");
  CHECK(verdict_json_key(Verdict::timeout) == "timed_out");
  CHECK(verdict_json_key(Verdict::pass) == "passed");
  CHECK(kVerdictCount == 6);
  CHECK(Verdict::fail < Verdict::timeout);  // a claim takes its most severe instance's verdict
  CHECK(Verdict::sample < Verdict::pass);
}

namespace {

// Known [lower, upper] with no checked side at all.
Established known_only(std::int64_t lower, std::int64_t upper, Verdict short_of) {
  return {{0, std::nullopt}, {lower, upper}, short_of, Verdict::pass};
}

Verdict on(const Established& e, const char* relation) {
  return verdict_on(e, Relation::parse(relation), {{"n", 4}});
}

}  // namespace

TEST_CASE("an unchecked or cited side is never a pass, and never a FAIL") {
  for (const Verdict short_of : {Verdict::unchecked, Verdict::cited}) {
    CHECK(on(known_only(5, 5, short_of), "n + 1") == short_of);  // would pass
    CHECK(on(known_only(4, 4, short_of), "n + 1") == short_of);  // would fail
    CHECK(on(known_only(5, 9, short_of), ">= 5") == short_of);
    CHECK(on(known_only(4, 6, short_of), "n + 1") == Verdict::timeout);  // decides nothing
  }
  // One side checked: the relation needing only that side passes; one needing the other does not.
  const Established lower_only{{5, std::nullopt}, {5, 5}, Verdict::unchecked, Verdict::pass};
  CHECK(on(lower_only, ">= n") == Verdict::pass);
  CHECK(on(lower_only, "<= 5") == Verdict::unchecked);
  CHECK(on(lower_only, "n + 1") == Verdict::unchecked);
  CHECK(on(lower_only, "< 5") == Verdict::fail);  // refuted by the checked side alone
  const Established upper_only{{0, 5}, {5, 5}, Verdict::unchecked, Verdict::pass};
  CHECK(on(upper_only, "<= 5") == Verdict::pass);
  CHECK(on(upper_only, ">= 5") == Verdict::unchecked);
  CHECK(on(upper_only, "> 5") == Verdict::fail);
  // Both sides checked: the interval decides.
  const Established both{{5, 5}, {5, 5}, Verdict::unchecked, Verdict::pass};
  CHECK(on(both, "n + 1") == Verdict::pass);
  CHECK(on(both, "n") == Verdict::fail);
}

TEST_CASE("a construction checked on samples is sample at best, and FAIL when its shape is wrong") {
  const Established sampled{{7, 7}, {7, 7}, Verdict::unchecked, Verdict::sample};
  CHECK(on(sampled, "= 7") == Verdict::sample);
  CHECK(on(sampled, "<= 6") == Verdict::fail);
  const Established proved{{7, 7}, {7, 7}, Verdict::unchecked, Verdict::pass};
  CHECK(on(proved, "= 7") == Verdict::pass);
}

TEST_CASE("true measure claims pass with checked certificates") {
  const auto results = run(R"toml(
[[claim]]
id = "eq.D"
statement = "D(EQ_n) = n + 1"
kind = "measure"
family = "EQ"
measure = "D"
n = "1..4"
expect = "n + 1"

[[claim]]
id = "index.oneway_ba"
statement = "one-way INDEX from Bob"
kind = "measure"
family = "INDEX"
measure = "oneway_ba"
n = [3, 5, 8]
expect = "ceil(log2(n))"
)toml");
  REQUIRE(results.size() == 2);
  CHECK(results[0].verdict == Verdict::pass);
  REQUIRE(results[0].instances.size() == 4);
  CHECK(results[0].instances[3].instance == "n = 4");
  CHECK(results[0].instances[3].value == "5");
  CHECK(results[1].verdict == Verdict::pass);
  CHECK(results[1].instances[1].value == "3");
}

TEST_CASE("a false claim fails at the instance that refutes it") {
  const auto results = run(R"toml(
[[claim]]
id = "false"
statement = "D(IP_n) = n"
kind = "measure"
family = "IP"
measure = "D"
n = "1..3"
expect = "n"
)toml");
  REQUIRE(results.size() == 1);
  CHECK(results[0].verdict == Verdict::fail);
  for (const InstanceResult& i : results[0].instances) CHECK(i.verdict == Verdict::fail);
  CHECK(results[0].instances[0].value == "2");
  CHECK(results[0].instances[0].expected == "= 1");
}

TEST_CASE("reduction and construction claims") {
  const auto results = run(R"toml(
[[claim]]
id = "rnn.index"
statement = "d >= ceil(N/p)"
kind = "reduction"
task = "INDEX"
arch = "rnn"
N = "3..5"
precision = ["fixed:4:2", "fixed:8:4"]
expect = "= ceil(N / p)"

[[claim]]
id = "index.width"
statement = "log width"
kind = "construction"
task = "index"
N = [16, 1024]
expect = "<= 16 * log2(N)"

[[claim]]
id = "dyck.too.small"
statement = "false: the Dyck RNN has 7 units, not 6"
kind = "construction"
task = "DYCK"
N = 2
precision = "fixed:8:4"
expect = "6"
)toml");
  REQUIRE(results.size() == 3);
  CHECK(results[0].verdict == Verdict::pass);
  CHECK(results[0].instances.size() == 6);
  CHECK(results[0].instances[1].instance == "N = 3, fixed:8:4");
  CHECK(results[1].verdict == Verdict::pass);
  CHECK(results[2].verdict == Verdict::fail);
  CHECK(results[2].instances[0].value == "7");
}

TEST_CASE("the filter keeps claims by id or statement, case-insensitively") {
  const auto claims = parse_claims(R"toml(
[[claim]]
id = "a.one"
statement = "About EQ"
kind = "measure"
family = "EQ"
measure = "D"
n = 1
expect = "2"

[[claim]]
id = "b.two"
statement = "about GT"
kind = "measure"
family = "GT"
measure = "D"
n = 1
expect = "2"
)toml",
                                   "f.toml");
  CHECK(filter_claims(claims, "eq").size() == 1);
  CHECK(filter_claims(claims, "B.TWO").size() == 1);
  CHECK(filter_claims(claims, "about").size() == 2);
  CHECK(filter_claims(claims, "zzz").empty());
}

TEST_CASE("results keep claim and instance order whatever the number of jobs") {
  const char* toml = R"toml(
[[claim]]
id = "gt.D"
statement = "D(GT_n) = n + 1"
kind = "measure"
family = "GT"
measure = "D"
n = "1..5"
expect = "n + 1"
)toml";
  const auto one = run(toml, 1);
  const auto four = run(toml, 4);
  REQUIRE(one[0].instances.size() == four[0].instances.size());
  for (std::size_t i = 0; i < one[0].instances.size(); ++i) {
    CHECK(one[0].instances[i].instance == four[0].instances[i].instance);
    CHECK(one[0].instances[i].value == four[0].instances[i].value);
  }
}

TEST_CASE("a reduction value beyond the computed sizes is cited, never a pass") {
  const auto results = run(R"toml(
[[claim]]
id = "index.rnn.cc.big"
statement = "the one-way cost of INDEX_N is N bits, beyond the split matrices ccbound computes"
kind = "reduction"
task = "INDEX"
arch = "rnn"
N = "20..24"
precision = "fixed:8:4"
quantity = "cc"
expect = "N"

[[claim]]
id = "index.rnn.min_size.big"
statement = "so an RNN needs ceil(N / p) coordinates"
kind = "reduction"
task = "INDEX"
arch = "rnn"
N = 20
precision = "fixed:8:4"
expect = "= ceil(N / p)"

[[claim]]
id = "index.rnn.cc.false"
statement = "false, and only cited: the one-way cost of INDEX_20 is 21"
kind = "reduction"
task = "INDEX"
arch = "rnn"
N = 20
precision = "fixed:8:4"
quantity = "cc"
expect = "21"

[[claim]]
id = "index.rnn.cc.small"
statement = "computed: the one-way cost of INDEX_12 is 12 bits"
kind = "reduction"
task = "INDEX"
arch = "rnn"
N = 12
precision = "fixed:8:4"
quantity = "cc"
expect = "N"
)toml");
  REQUIRE(results.size() == 4);
  CHECK(results[0].verdict == Verdict::cited);
  REQUIRE(results[0].instances.size() == 5);
  for (const InstanceResult& i : results[0].instances) {
    CHECK(i.verdict == Verdict::cited);
    CHECK(i.how.find("CC cited: theorem") == 0);
  }
  CHECK(results[0].instances[4].value == "24");
  CHECK(results[1].verdict == Verdict::cited);
  CHECK(results[1].instances[0].value == "3");
  CHECK(results[2].verdict == Verdict::cited);  // not a FAIL: nothing checked refutes it
  CHECK(results[2].instances[0].how.find("the relation FAILS on this cited value") !=
        std::string::npos);
  CHECK(results[3].verdict == Verdict::pass);
  CHECK(results[3].instances[0].how.find("CC checked") == 0);
}

TEST_CASE("a construction checked on samples only is sample, never a pass") {
  const auto results = run(R"toml(
[[claim]]
id = "nn.width.small"
statement = "nearest neighbour at N = 4: width <= 36 + 2 log2 N"
kind = "construction"
task = "NN"
arch = "tf2"
N = 4
expect = "<= 36 + 2 * log2(N)"

[[claim]]
id = "nn.width.wrong"
statement = "false: its width is below 10"
kind = "construction"
task = "NN"
arch = "tf2"
N = 4
expect = "< 10"
)toml");
  REQUIRE(results.size() == 2);
  CHECK(results[0].verdict == Verdict::sample);
  CHECK(results[0].instances[0].how.find("; sample (") != std::string::npos);
  CHECK(results[1].verdict == Verdict::fail);  // the width is exact: a wrong bound on it fails
}
