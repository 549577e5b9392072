// Protocol trees on disk: JSON (read and write) and Graphviz DOT (write).
//
// JSON shape: {"format": "ccbound-protocol", "version": 1, "rows": R, "cols": C, "depth": d,
//              "tree": NODE}, where NODE is {"output": 0|1} for a leaf or
//              {"speaker": "alice"|"bob", "ones": [inputs that send 1], "zero": NODE, "one": NODE}.
// The reader checks shape, index ranges and a nesting limit, and throws InputError otherwise; it
// does not check that the protocol computes anything (that is the verifier's job).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "ccbound/protocols/protocol.hpp"

namespace ccbound {

inline constexpr int kMaxProtocolDepth = 256;

nlohmann::json protocol_to_json(const Protocol& protocol);
// Throws InputError on anything malformed.
Protocol protocol_from_json(const nlohmann::json& json);
Protocol protocol_from_json_text(const std::string& text);

// Graphviz DOT of the tree; long input sets are abbreviated.
std::string protocol_to_dot(const Protocol& protocol, const std::string& title);

}  // namespace ccbound
