// Turning bounds results and their witnesses into JSON.
#include "bounds_json.hpp"

#include "ccbound/protocols/protocol_io.hpp"

namespace ccbound::cli {

namespace {

using nlohmann::json;

json entries_json(const FoolingSet& set) {
  json entries = json::array();
  for (const Entry e : set.entries) entries.push_back({e.row, e.col});
  return entries;
}

json refutation_json(const std::optional<CheckedRefutation>& r) {
  if (!r) return nullptr;
  json j = {{"statement", r->statement},
            {"lemmas", r->lemmas},
            {"solve_seconds", r->solve_seconds},
            {"check_seconds", r->check_seconds}};
  if (!r->cnf_path.empty()) j["cnf"] = r->cnf_path, j["proof"] = r->proof_path;
  return j;
}

json cover_json(const CoverResult& c) {
  json rectangles = json::array();
  for (const auto& rect : c.best.rectangles)
    rectangles.push_back({{"rows", rect.rows}, {"cols", rect.cols}});
  return {{"rectangles", rectangles},
          {"pinned_fooling_set", entries_json(c.pinned)},
          {"refutation", refutation_json(c.refutation)}};
}

json rank_json(const RankWitness& w) {
  return {{"rows", w.rows}, {"cols", w.cols}, {"prime", w.prime}};
}

json witness_json(const BoundsResult& r, MeasureId id) {
  const BoundsWitnesses& w = r.witnesses;
  switch (id) {
    case MeasureId::rank_q:
    case MeasureId::rank_q_complement: {
      const RationalRank& rank = w.rank_q[id == MeasureId::rank_q_complement];
      json j = rank_json(rank.witness);
      j["primes"] = rank.primes;
      return j;
    }
    case MeasureId::rank_gf2:
      return {{"M", rank_json(w.rank_gf2[0])}, {"J-M", rank_json(w.rank_gf2[1])}};
    case MeasureId::fooling1:
    case MeasureId::fooling0: {
      const FoolingResult& f = w.fooling[id == MeasureId::fooling1];
      return {{"entries", entries_json(f.best)}, {"refutation", refutation_json(f.refutation)}};
    }
    case MeasureId::chi1:
      return cover_json(w.chi[1]);
    case MeasureId::chi0:
      return cover_json(w.chi[0]);
    case MeasureId::cover1:
      return cover_json(w.cover[1]);
    case MeasureId::cover0:
      return cover_json(w.cover[0]);
    case MeasureId::oneway_ab:
      return {{"distinct_rows", w.distinct_rows}};
    case MeasureId::oneway_ba:
      return {{"distinct_cols", w.distinct_cols}};
    case MeasureId::D:
      return {{"protocol", protocol_to_json(r.d.protocol)}};
    case MeasureId::chi:
      break;
  }
  return nullptr;
}

json measure_json(const BoundsResult& r, MeasureId id) {
  const Measure& m = r[id];
  return {{"value", m.settled() ? json(m.lower) : json(nullptr)},
          {"lower", m.lower},
          {"upper", m.upper},
          {"implies", m.implies ? json(*m.implies) : json(nullptr)},
          {"certificate", m.certificate},
          {"checked", m.checked},
          {"seconds", m.seconds},
          {"detail", m.detail},
          {"witness", witness_json(r, id)}};
}

}  // namespace

json bounds_result_json(const BoundsResult& r) {
  json measures = json::object();
  for (std::size_t i = 0; i < kMeasureCount; ++i) {
    const auto id = MeasureId(i);
    measures[std::string(measure_key(id))] = measure_json(r, id);
  }
  return {{"problem", r.problem}, {"rows", r.rows},           {"cols", r.cols},
          {"seconds", r.seconds}, {"timed_out", r.timed_out}, {"measures", measures}};
}

json bounds_results_json(const std::vector<BoundsResult>& results) {
  if (results.size() == 1) return bounds_result_json(results.front());
  json all = json::array();
  for (const auto& r : results) all.push_back(bounds_result_json(r));
  return {{"results", all}};
}

}  // namespace ccbound::cli
