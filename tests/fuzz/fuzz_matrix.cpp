// Fuzz target: the matrix text parser and problem specs (matrix_io.hpp, problem.hpp).
//
// The whole input is parsed as a matrix. Its first line is also treated as a problem spec: expanded
// as a range by expand_specs and loaded by load_problem, with the rest of the input as standard
// input for "-". Specs that would open a file are skipped (the fuzzer must not read /dev/zero), and
// so are valid family sizes above 8, whose matrices are merely slow to build.
#include <istream>
#include <sstream>
#include <string>

#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"
#include "ccbound/core/problem.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace ccbound;

void check_matrix(std::string_view text) {
  const Matrix m = parse_matrix_text(text, "fuzz");
  fuzz::require(m.rows() >= 1 && m.rows() <= kMaxSide, "matrix rows within limits");
  fuzz::require(m.cols() >= 1 && m.cols() <= kMaxSide, "matrix cols within limits");
}

// Whether load_problem(spec) stays away from the file system and from slow, valid families.
bool safe_to_load(const std::string& spec) {
  if (spec == "-") return true;
  const auto family = parse_family_spec(spec);
  if (!family) return is_family_name(spec);
  return family->n <= 8 || family->n > kMaxFamilyN;
}

void check_spec(const std::string& spec, std::string_view rest) {
  for (const auto& one : expand_specs({spec})) {
    fuzz::expect_input_errors([&] {
      if (!safe_to_load(one)) return;
      std::istringstream in{std::string(rest)};
      const Problem problem = load_problem(one, in);
      fuzz::require(!problem.name.empty(), "a loaded problem has a name");
    });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > fuzz::kMaxFuzzInput) return 0;
  const std::string_view text = fuzz::as_text(data, size);
  fuzz::expect_input_errors([&] { check_matrix(text); });
  const auto newline = text.find('\n');
  const std::string spec(text.substr(0, newline));
  const std::string_view rest = newline == text.npos ? "" : text.substr(newline + 1);
  if (spec.size() <= 64) fuzz::expect_input_errors([&] { check_spec(spec, rest); });
  return 0;
}
