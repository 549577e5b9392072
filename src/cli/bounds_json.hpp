// The JSON form of `ccbound bounds`: one object per problem with a `measures` map keyed as in
// CCBOUND_MEASURES; each entry has value (null when not settled), lower, upper, implies,
// certificate, checked, seconds, detail and the witness itself.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "ccbound/engines/bounds.hpp"

namespace ccbound::cli {

nlohmann::json bounds_result_json(const BoundsResult& r);

// One result: its object; several: {"results": [...]}.
nlohmann::json bounds_results_json(const std::vector<BoundsResult>& results);

}  // namespace ccbound::cli
