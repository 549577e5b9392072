// The nearest-neighbour task of nearest_neighbour.hpp: instances and their tokens, the nearest
// point's label and the margin, and the instance generators under the margin assumption (seeded
// random, and adversarial at the edge of the assumption).
#include "ccbound/reductions/nearest_neighbour.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <limits>
#include <random>

#include "ccbound/core/error.hpp"
#include "nearest_neighbour_parts.hpp"

namespace ccbound::reductions {

using namespace nearest_neighbour_parts;  // the helpers shared with the sibling unit

std::vector<Triple> nearest_neighbour_parts::admissible_triples(
    const NearestNeighbourConstruction& construction) {
  std::vector<Triple> triples;
  const int v = construction.codebook_size;
  for (int q = 0; q < v; ++q)
    for (int p = 0; p < v; ++p)
      for (int r = 0; r < v; ++r) {
        const int gap = construction.inner_product(q, p) - construction.inner_product(q, r);
        if (construction.n == 1 ? r == p : gap >= construction.gamma) triples.push_back({q, p, r});
      }
  return triples;
}

namespace {

int draw(std::mt19937_64& rng, std::size_t count) {
  return static_cast<int>(rng() % count);
}

NearestNeighbourInstance edge_instance(const NearestNeighbourConstruction& construction,
                                       const Triple& triple, int label, bool first) {
  const auto n = static_cast<std::size_t>(construction.n);
  NearestNeighbourInstance instance{std::vector<int>(n, triple.runner_up),
                                    std::vector<int>(n, 1 - label), triple.query};
  const std::size_t place = first ? 0 : n - 1;
  instance.points[place] = triple.nearest;
  instance.labels[place] = label;
  return instance;
}

}  // namespace

int NearestNeighbourConstruction::inner_product(int a, int b) const {
  int sum = 0;
  for (int i = 0; i < dimension; ++i)
    sum += codebook[at(a, i, dimension)] * codebook[at(b, i, dimension)];
  return sum;
}

std::vector<Token> nearest_neighbour_tokens(const NearestNeighbourInstance& instance) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < instance.points.size(); ++i) {
    tokens.push_back(2 + instance.points[i]);
    tokens.push_back(instance.labels[i]);
  }
  tokens.push_back(2 + instance.query);
  return tokens;
}

namespace {

void check_instance(const NearestNeighbourConstruction& construction,
                    const NearestNeighbourInstance& instance) {
  const auto in_codebook = [&](int v) { return v >= 0 && v < construction.codebook_size; };
  bool fine = instance.points.size() == static_cast<std::size_t>(construction.n) &&
              instance.labels.size() == instance.points.size() && in_codebook(instance.query);
  for (std::size_t i = 0; fine && i < instance.points.size(); ++i)
    fine = in_codebook(instance.points[i]) && (instance.labels[i] == 0 || instance.labels[i] == 1);
  if (!fine)
    throw InputError(fmt::format("not a nearest-neighbour instance for N = {}", construction.n));
}

std::size_t nearest_index(const NearestNeighbourConstruction& construction,
                          const NearestNeighbourInstance& instance) {
  check_instance(construction, instance);
  std::size_t best = 0;
  for (std::size_t i = 1; i < instance.points.size(); ++i)
    if (construction.inner_product(instance.query, instance.points[i]) >
        construction.inner_product(instance.query, instance.points[best]))
      best = i;
  return best;
}

}  // namespace

int nearest_neighbour_label(const NearestNeighbourConstruction& construction,
                            const NearestNeighbourInstance& instance) {
  return instance.labels[nearest_index(construction, instance)];
}

int nearest_neighbour_margin(const NearestNeighbourConstruction& construction,
                             const NearestNeighbourInstance& instance) {
  const std::size_t best = nearest_index(construction, instance);
  if (instance.points.size() < 2) return kUnboundedMargin;
  int runner_up = std::numeric_limits<int>::min();
  for (std::size_t i = 0; i < instance.points.size(); ++i)
    if (i != best)
      runner_up =
          std::max(runner_up, construction.inner_product(instance.query, instance.points[i]));
  return construction.inner_product(instance.query, instance.points[best]) - runner_up;
}

bool satisfies_margin(const NearestNeighbourConstruction& construction,
                      const NearestNeighbourInstance& instance) {
  return nearest_neighbour_margin(construction, instance) >= construction.gamma;
}

NearestNeighbourInstance random_nearest_neighbour_instance(
    const NearestNeighbourConstruction& construction, std::uint64_t seed) {
  std::mt19937_64 rng(mix(seed));
  const std::vector<Triple> triples = admissible_triples(construction);
  const Triple chosen = triples[static_cast<std::size_t>(draw(rng, triples.size()))];
  std::vector<int> others;  // vectors at least gamma below the nearest, for this query
  for (const Triple& t : triples)
    if (t.query == chosen.query && t.nearest == chosen.nearest) others.push_back(t.runner_up);
  const auto n = static_cast<std::size_t>(construction.n);
  NearestNeighbourInstance instance{std::vector<int>(n), std::vector<int>(n), chosen.query};
  const auto place = static_cast<std::size_t>(draw(rng, n));
  for (std::size_t i = 0; i < n; ++i) {
    instance.points[i] =
        i == place ? chosen.nearest : others[static_cast<std::size_t>(draw(rng, others.size()))];
    instance.labels[i] = draw(rng, 2);
  }
  return instance;
}

std::vector<NearestNeighbourInstance> adversarial_nearest_neighbour_instances(
    const NearestNeighbourConstruction& construction) {
  const std::vector<Triple> triples = admissible_triples(construction);
  const auto gap = [&](const Triple& t) {
    return construction.inner_product(t.query, t.nearest) -
           construction.inner_product(t.query, t.runner_up);
  };
  const auto score = [&](const Triple& t) {
    return construction.inner_product(t.query, t.nearest);
  };
  const auto tightest = std::ranges::min_element(triples, {}, gap);
  const auto lowest = std::ranges::min_element(triples, {}, score);
  const auto highest = std::ranges::min_element(triples, [&](const Triple& a, const Triple& b) {
    return std::pair(-score(a), gap(a)) < std::pair(-score(b), gap(b));
  });
  std::vector<NearestNeighbourInstance> instances;
  bool first = true;
  for (const auto& triple : {*tightest, *lowest, *highest}) {
    instances.push_back(edge_instance(construction, triple, 1, first));
    instances.push_back(edge_instance(construction, triple, 0, !first));
    first = !first;
  }
  return instances;
}

}  // namespace ccbound::reductions
