// Runs CaDiCaL on the depth formula and turns a model back into a protocol tree.
//
// A model describes a complete tree of depth k, possibly with nodes whose speaker sends the same
// bit on every input that reaches them. Decoding follows the inputs that actually reach each node
// and skips such nodes, so the tree returned is no deeper than needed by this model.
#include "ccbound/engines/sat_backend.hpp"

#include <cadical.hpp>
#include <stdexcept>
#include <vector>

#include "ccbound/proofs/depth_formula.hpp"
#include "deadline_terminator.hpp"

namespace ccbound {

namespace {

using Inputs = std::vector<std::uint32_t>;  // rows or columns of the deduplicated matrix

class ModelDecoder {
 public:
  ModelDecoder(CaDiCaL::Solver& solver, const DepthFormula& f, const Matrix& m,
               const Deduplicated& d)
      : solver_(solver), f_(f), d_(d), protocol_(m.rows(), m.cols()) {}

  Protocol decode() {
    Inputs rows(d_.matrix.rows()), cols(d_.matrix.cols());
    for (std::uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    for (std::uint32_t j = 0; j < cols.size(); ++j) cols[j] = j;
    decode_node(1, rows, cols);
    return std::move(protocol_);
  }

 private:
  bool value(int var) { return solver_.val(var) > 0; }

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
    return protocol_.add_split(alice ? Speaker::alice : Speaker::bob, originals(sides[1], alice),
                               zero, one);
  }

  // The original inputs whose class is in `classes`.
  std::vector<std::uint32_t> originals(const Inputs& classes, bool alice) const {
    const auto& class_of = alice ? d_.row_class : d_.col_class;
    std::vector<bool> chosen(alice ? d_.matrix.rows() : d_.matrix.cols(), false);
    for (auto c : classes) chosen[c] = true;
    std::vector<std::uint32_t> result;
    for (std::uint32_t i = 0; i < class_of.size(); ++i)
      if (chosen[class_of[i]]) result.push_back(i);
    return result;
  }

  CaDiCaL::Solver& solver_;
  const DepthFormula& f_;
  const Deduplicated& d_;
  Protocol protocol_;
};

}  // namespace

SatAnswer sat_decide_depth(const Matrix& m, int k, const Deadline& deadline,
                           const std::string& proof_path) {
  const Deadline clock;
  const Deduplicated d = deduplicate(m);
  const DepthFormula formula(d.matrix, k);
  CaDiCaL::Solver solver;
  solver.set("quiet", 1);
  if (!proof_path.empty() && !solver.trace_proof(proof_path.c_str()))
    throw std::runtime_error("cannot write the proof file " + proof_path);
  for (const auto& clause : formula.clauses()) {
    for (int lit : clause) solver.add(lit);
    solver.add(0);
  }
  DeadlineTerminator terminator(deadline);
  solver.connect_terminator(&terminator);
  SatAnswer answer;
  answer.variables = formula.num_vars();
  answer.clauses = formula.clauses().size();
  const int result = solver.solve();
  solver.disconnect_terminator();
  if (!proof_path.empty()) solver.close_proof_trace();
  answer.seconds = clock.elapsed();
  if (result == 10) {
    answer.status = SatStatus::sat;
    answer.protocol = ModelDecoder(solver, formula, m, d).decode();
  } else if (result == 20) {
    answer.status = SatStatus::unsat;
  }
  return answer;
}

}  // namespace ccbound
