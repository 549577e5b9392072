// The bounds benchmark: binary rank (chi1) on the published EBMF matrices against their exact
// values and the published tool's times, chi1 of random 10x10 matrices, and all measures of the
// families at n = 4. Prints one table; exits 1 if any chi1 differs from the published value.
//
//   ccbound_bench_bounds [--ebmf DIR] [--quick]
#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ccbound/engines/bounds.hpp"
#include "ccbound/core/families.hpp"

using namespace ccbound;

namespace {

struct Instance {
  Matrix matrix;
  int published = -1;  // chi1 from the stats file
  double published_seconds = 0;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Matrix from_json(const nlohmann::json& rows) {
  Matrix m(rows.size(), rows.at(0).size());
  for (std::size_t x = 0; x < rows.size(); ++x)
    for (std::size_t y = 0; y < rows[x].size(); ++y) m.set(x, y, rows[x][y].get<int>() != 0);
  return m;
}

// NAME.json (matrices) and NAME_stats.csv (id, density, linear rank, best, packing, trivial,
// runtime), in the same order.
std::vector<Instance> load_ebmf(const std::string& dir, const std::string& name) {
  std::ifstream matrices(dir + "/" + name + ".json"), stats(dir + "/" + name + "_stats.csv");
  if (!matrices || !stats) return {};
  const nlohmann::json all = nlohmann::json::parse(matrices);
  std::vector<Instance> instances;
  std::string line;
  std::getline(stats, line);  // header
  for (const auto& rows : all) {
    std::getline(stats, line);
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
    instances.push_back({from_json(rows), std::stoi(fields.at(3)), std::stod(fields.at(6))});
  }
  return instances;
}

struct Chi1 {
  int value = -1;
  bool checked = false;
  double seconds = 0;  // all measures: chi1 needs the rank, the greedy pin and the cover first
};

Chi1 chi1_of(const Matrix& m) {
  const BoundsResult r = compute_bounds({"m", m}, {});
  const Measure& chi1 = r[MeasureId::chi1];
  return {chi1.settled() ? chi1.lower : -1, chi1.checked, r.seconds};
}

struct Row {
  std::string group;
  std::size_t count = 0, mismatches = 0;
  double ours_median = 0, ours_max = 0, theirs_median = 0, theirs_max = 0;
};

Row run_ebmf(const std::string& dir, const std::string& name, bool quick) {
  std::vector<Instance> instances = load_ebmf(dir, name);
  if (quick && instances.size() > 20) instances.resize(20);
  Row row{"ebmf " + name};
  std::vector<double> ours, theirs;
  for (const auto& instance : instances) {
    const Chi1 c = chi1_of(instance.matrix);
    if (c.value != instance.published || !c.checked) ++row.mismatches;
    ours.push_back(c.seconds);
    theirs.push_back(instance.published_seconds);
  }
  row.count = instances.size();
  row.ours_median = median(ours);
  row.theirs_median = median(theirs);
  row.ours_max = ours.empty() ? 0 : *std::max_element(ours.begin(), ours.end());
  row.theirs_max = theirs.empty() ? 0 : *std::max_element(theirs.begin(), theirs.end());
  return row;
}

Row run_random(std::size_t count) {
  std::mt19937_64 rng(10);
  std::bernoulli_distribution bit(0.5);
  Row row{"random 10x10 d=0.5"};
  std::vector<double> ours;
  for (std::size_t i = 0; i < count; ++i) {
    Matrix m(10, 10);
    for (std::size_t x = 0; x < 10; ++x)
      for (std::size_t y = 0; y < 10; ++y) m.set(x, y, bit(rng));
    const Chi1 c = chi1_of(m);
    if (c.value < 0 || !c.checked) ++row.mismatches;
    ours.push_back(c.seconds);
  }
  row.count = count;
  row.ours_median = median(ours);
  row.ours_max = *std::max_element(ours.begin(), ours.end());
  return row;
}

void print_families() {
  fmt::print("\nall measures, families at n = 4\n{:<8} {:>9}  {}\n", "problem", "seconds",
             "slowest measure");
  double total = 0;
  for (const Family f : {Family::eq, Family::disj, Family::ip, Family::gt}) {
    const std::string name = fmt::format("{}:4", family_name(f));
    const BoundsResult r = compute_bounds({name, family_matrix(f, 4)}, {});
    std::size_t slowest = 0;
    for (std::size_t i = 0; i < kMeasureCount; ++i)
      if (r.measures[i].seconds > r.measures[slowest].seconds) slowest = i;
    fmt::print("{:<8} {:>9.3f}  {} ({:.3f} s)\n", name, r.seconds, measure_key(MeasureId(slowest)),
               r.measures[slowest].seconds);
    total += r.seconds;
  }
  fmt::print("{:<8} {:>9.3f}\n", "total", total);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = "../shared/data/ebmf";
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--ebmf" && i + 1 < argc) dir = argv[++i];
    if (arg == "--quick") quick = true;
  }
  std::vector<Row> rows;
  for (const char* name : {"random_10x10", "optimality_10x10", "gap_10x10_2", "gap_10x10_3",
                           "gap_10x10_4", "gap_10x10_5"}) {
    Row row = run_ebmf(dir, name, quick);
    if (row.count > 0) rows.push_back(row);
  }
  if (rows.empty()) fmt::print("(no EBMF data under {}: pass --ebmf DIR)\n", dir);
  rows.push_back(run_random(quick ? 10 : 100));
  fmt::print(
      "chi1 (binary rank), exact with checked certificates; 'ours' = all 13 measures, "
      "'theirs' = published runtime for chi1\n");
  fmt::print("{:<24} {:>5} {:>9} {:>11} {:>9} {:>13} {:>11}\n", "group", "count", "wrong",
             "ours med s", "ours max", "theirs med s", "theirs max");
  std::size_t wrong = 0;
  for (const Row& r : rows) {
    const bool published = r.group.starts_with("ebmf");
    fmt::print("{:<24} {:>5} {:>9} {:>11.4f} {:>9.4f} {:>13} {:>11}\n", r.group, r.count,
               r.mismatches, r.ours_median, r.ours_max,
               published ? fmt::format("{:.4f}", r.theirs_median) : "-",
               published ? fmt::format("{:.2f}", r.theirs_max) : "-");
    wrong += r.mismatches;
  }
  print_families();
  return wrong == 0 ? 0 : 1;
}
