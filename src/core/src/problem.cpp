// Turns a problem spec into a Problem: a family, a matrix file, or standard input.
#include "ccbound/core/problem.hpp"

#include <fmt/format.h>
#include <charconv>
#include <regex>

#include "ccbound/core/error.hpp"
#include "ccbound/core/families.hpp"
#include "ccbound/core/matrix_io.hpp"

namespace ccbound {

namespace {

int range_end(const std::string& text, const std::string& spec) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw InputError(fmt::format("bad range in '{}'", spec));
  return value;
}

}  // namespace

std::vector<std::string> expand_specs(const std::vector<std::string>& specs) {
  static const std::regex range(R"(^([A-Za-z_]+):(\d+)\.\.(\d+)$)");
  std::vector<std::string> expanded;
  for (const auto& spec : specs) {
    std::smatch match;
    if (!std::regex_match(spec, match, range)) {
      expanded.push_back(spec);
      continue;
    }
    const int first = range_end(match[2], spec);
    const int last = range_end(match[3], spec);
    if (first > last) throw InputError(fmt::format("empty range in '{}'", spec));
    if (last > kMaxFamilyN)
      throw InputError(fmt::format("range '{}' exceeds the largest n, {}", spec, kMaxFamilyN));
    for (int n = first; n <= last; ++n) expanded.push_back(fmt::format("{}:{}", match[1].str(), n));
  }
  return expanded;
}

Problem load_problem(std::string_view spec, std::istream& stdin_stream) {
  if (spec.empty()) throw InputError("empty problem spec");
  if (spec == "-") return {"<stdin>", parse_matrix(stdin_stream, "<stdin>")};
  if (auto family = parse_family_spec(spec)) {
    return {fmt::format("{}:{}", family_name(family->family), family->n),
            family_matrix(family->family, family->n)};
  }
  if (is_family_name(spec))
    throw InputError(fmt::format("family '{}' needs a size, as in {}:4", spec, spec));
  return {std::string(spec), read_matrix_file(std::string(spec))};
}

}  // namespace ccbound
