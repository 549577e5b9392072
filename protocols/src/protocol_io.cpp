// JSON and DOT for protocol trees. JSON is built and read with nlohmann::json; the reader walks the
// nested tree with an explicit stack so a hostile file cannot overflow ours.
#include "ccbound/protocols/protocol_io.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "ccbound/core/error.hpp"
#include "ccbound/core/matrix.hpp"

namespace ccbound {

using nlohmann::json;

namespace {

json node_to_json(const Protocol& p, NodeId id) {
  const auto& n = p.node(id);
  if (n.is_leaf) return json{{"output", n.output ? 1 : 0}};
  return json{{"speaker", n.speaker == Speaker::alice ? "alice" : "bob"},
              {"ones", n.ones},
              {"zero", node_to_json(p, n.child[0])},
              {"one", node_to_json(p, n.child[1])}};
}

std::vector<std::uint32_t> read_ones(const json& node, std::size_t limit) {
  const auto it = node.find("ones");
  if (it == node.end() || !it->is_array()) throw InputError("protocol node without an 'ones' list");
  std::vector<std::uint32_t> ones;
  // Indices are stored as uint32: a larger one must be refused, not truncated to another input.
  limit = std::min<std::size_t>(limit, std::size_t{1} << 32);
  for (const auto& v : *it) {
    if (!v.is_number_unsigned() || v.get<std::uint64_t>() >= limit)
      throw InputError(
          fmt::format("protocol input index {} out of range [0, {})", v.dump(), limit));
    ones.push_back(v.get<std::uint32_t>());
  }
  return ones;
}

Speaker read_speaker(const json& node) {
  const auto it = node.find("speaker");
  if (it != node.end() && *it == "alice") return Speaker::alice;
  if (it != node.end() && *it == "bob") return Speaker::bob;
  throw InputError("protocol node needs \"speaker\": \"alice\" or \"bob\", or an \"output\"");
}

bool read_output(const json& node) {
  const auto& v = node.at("output");
  if (v == 0 || v == 1) return v == 1;
  throw InputError("protocol leaf output must be 0 or 1");
}

std::size_t read_size(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned() || it->get<std::uint64_t>() == 0)
    throw InputError(fmt::format("protocol needs a positive integer '{}'", key));
  // Refused before any allocation: a protocol is for a matrix, and matrices stop at kMaxSide.
  if (it->get<std::uint64_t>() > kMaxSide)
    throw InputError(fmt::format("protocol '{}' is {}, more than the limit {}", key,
                                 it->get<std::uint64_t>(), kMaxSide));
  return it->get<std::size_t>();
}

// Post-order walk with an explicit stack: children are added before their parent.
Protocol read_tree(const json& root, std::size_t rows, std::size_t cols) {
  Protocol protocol(rows, cols);
  struct Frame {
    const json* node;
    int depth;
    int children_done;
    NodeId child[2];
  };
  std::vector<Frame> stack{{&root, 0, 0, {0, 0}}};
  NodeId last = 0;
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (!f.node->is_object()) throw InputError("protocol node must be a JSON object");
    if (f.node->contains("output")) {
      last = protocol.add_leaf(read_output(*f.node));
    } else if (f.children_done < 2) {
      if (f.depth >= kMaxProtocolDepth)
        throw InputError(fmt::format("protocol deeper than the limit of {}", kMaxProtocolDepth));
      const char* key = f.children_done == 0 ? "zero" : "one";
      const auto it = f.node->find(key);
      if (it == f.node->end())
        throw InputError(fmt::format("protocol node without '{}' child", key));
      stack.push_back({&*it, f.depth + 1, 0, {0, 0}});
      continue;
    } else {
      const Speaker s = read_speaker(*f.node);
      last = protocol.add_split(s, read_ones(*f.node, s == Speaker::alice ? rows : cols),
                                f.child[0], f.child[1]);
    }
    stack.pop_back();
    if (!stack.empty()) stack.back().child[stack.back().children_done++] = last;
  }
  return protocol;
}

}  // namespace

json protocol_to_json(const Protocol& protocol) {
  return json{{"format", "ccbound-protocol"}, {"version", 1},
              {"rows", protocol.rows()},      {"cols", protocol.cols()},
              {"depth", protocol.depth()},    {"tree", node_to_json(protocol, protocol.root())}};
}

Protocol protocol_from_json(const json& j) {
  // Not j.value("format", ""): it throws json::type_error when "format" is not a string.
  if (!j.is_object() || !j.contains("format") || j.at("format") != "ccbound-protocol")
    throw InputError("not a ccbound protocol (missing \"format\": \"ccbound-protocol\")");
  if (!j.contains("tree")) throw InputError("protocol without a 'tree'");
  return read_tree(j["tree"], read_size(j, "rows"), read_size(j, "cols"));
}

Protocol protocol_from_json_text(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw InputError("protocol file is not valid JSON");
  return protocol_from_json(j);
}

namespace {

std::string set_label(const std::vector<std::uint32_t>& ones) {
  const std::size_t shown = std::min<std::size_t>(ones.size(), 8);
  std::string label = fmt::format("{}", fmt::join(ones.begin(), ones.begin() + shown, ","));
  if (ones.size() > shown) label += fmt::format(",... ({} in all)", ones.size());
  return label;
}

}  // namespace

std::string protocol_to_dot(const Protocol& protocol, const std::string& title) {
  std::string dot = fmt::format(
      "digraph protocol {{\n  label=\"{}\";\n  node [fontname=\"Helvetica\"];\n", title);
  for (NodeId id = 0; id < protocol.size(); ++id) {
    const auto& n = protocol.node(id);
    if (n.is_leaf) {
      dot += fmt::format("  n{} [shape=box, label=\"{}\"];\n", id, n.output ? 1 : 0);
      continue;
    }
    const char* who = n.speaker == Speaker::alice ? "Alice" : "Bob";
    const char* side = n.speaker == Speaker::alice ? "x" : "y";
    dot += fmt::format("  n{} [shape=ellipse, label=\"{}: 1 iff {} in {{{}}}\"];\n", id, who, side,
                       set_label(n.ones));
    dot += fmt::format("  n{} -> n{} [label=\"0\"];\n  n{} -> n{} [label=\"1\"];\n", id, n.child[0],
                       id, n.child[1]);
  }
  return dot + "}\n";
}

}  // namespace ccbound
