// Runs CaDiCaL on the depth formula and turns a model back into a protocol tree.
//
// A model describes a complete tree of depth k, possibly with nodes whose speaker sends the same
// bit on every input that reaches them. Decoding follows the inputs that actually reach each node
// and skips such nodes, so the tree returned is no deeper than needed by this model.
#include "ccbound/engines/sat_backend.hpp"

#include <numeric>

namespace ccbound {

namespace {

using Inputs = std::vector<std::uint32_t>;  // rows or columns of the deduplicated matrix

class ModelDecoder {
 public:
  ModelDecoder(const DepthFormula& f, const PreparedMatrix& p, const std::vector<bool>& model)
      : f_(f), p_(p), model_(model), protocol_(p.original.rows(), p.original.cols()) {}

  Protocol decode() {
    Inputs rows(p_.distinct().rows()), cols(p_.distinct().cols());
    std::iota(rows.begin(), rows.end(), 0U);
    std::iota(cols.begin(), cols.end(), 0U);
    decode_node(1, rows, cols);
    return std::move(protocol_);
  }

 private:
  bool value(int var) const { return model_[std::size_t(var)]; }

  NodeId decode_node(int v, const Inputs& rows, const Inputs& cols) {
    if (v > f_.internal_nodes()) return protocol_.add_leaf(value(f_.label(v)));
    const bool alice = value(f_.speaker(v));
    const Inputs& mine = alice ? rows : cols;
    Inputs sides[2];
    for (auto i : mine) sides[value(alice ? f_.alice_bit(v, i) : f_.bob_bit(v, i))].push_back(i);
    if (sides[0].empty() || sides[1].empty()) {  // no real split here: follow the only side
      const int child = 2 * v + (sides[0].empty() ? 1 : 0);
      return alice ? decode_node(child, mine, cols) : decode_node(child, rows, mine);
    }
    const NodeId zero =
        alice ? decode_node(2 * v, sides[0], cols) : decode_node(2 * v, rows, sides[0]);
    const NodeId one =
        alice ? decode_node(2 * v + 1, sides[1], cols) : decode_node(2 * v + 1, rows, sides[1]);
    return protocol_.add_split(alice ? Speaker::alice : Speaker::bob,
                               original_members(p_, sides[1], alice), zero, one);
  }

  const DepthFormula& f_;
  const PreparedMatrix& p_;
  const std::vector<bool>& model_;
  Protocol protocol_;
};

}  // namespace

Protocol decode_depth_model(const DepthFormula& formula, const PreparedMatrix& p,
                            const std::vector<bool>& model) {
  return ModelDecoder(formula, p, model).decode();
}

SatAnswer sat_decide_depth(const PreparedMatrix& p, int k, const Deadline& deadline,
                           const std::string& proof_path) {
  const Deadline clock;
  const DepthFormula formula(p.distinct(), k);
  SatAnswer answer;
  answer.variables = formula.num_vars();
  answer.clauses = formula.clauses().size();
  std::vector<bool> model;
  answer.status =
      run_cadical(formula.num_vars(), formula.clauses(), deadline, proof_path, model);
  answer.seconds = clock.elapsed();
  if (answer.status == SatStatus::sat) answer.protocol = decode_depth_model(formula, p, model);
  return answer;
}

}  // namespace ccbound
