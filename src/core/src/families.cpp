// Builds family matrices from the CCBOUND_FAMILIES table and parses "NAME:n" specifications.
#include "ccbound/core/families.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "ccbound/core/error.hpp"

namespace ccbound {

namespace {

struct FamilyRow {
  Family family;
  std::string_view name;
  bool square;  // 2^n columns; otherwise n columns (INDEX)
  std::string_view help;
};

constexpr FamilyRow kFamilies[] = {
#define CCBOUND_FAMILY_ROW(id, name, square, entry, help) {Family::id, name, square, help},
    CCBOUND_FAMILIES(CCBOUND_FAMILY_ROW)
#undef CCBOUND_FAMILY_ROW
};

const FamilyRow& row_of(Family family) {
  return kFamilies[static_cast<int>(family)];
}

bool entry(Family family, std::uint64_t x, std::uint64_t y) {
  switch (family) {
#define CCBOUND_FAMILY_ENTRY(id, name, square, expr, help) \
  case Family::id:                                         \
    return (expr) != 0;
    CCBOUND_FAMILIES(CCBOUND_FAMILY_ENTRY)
#undef CCBOUND_FAMILY_ENTRY
  }
  return false;
}

std::string upper(std::string_view text) {
  std::string result(text);
  std::ranges::transform(result, result.begin(), [](unsigned char c) { return std::toupper(c); });
  return result;
}

std::string known_names() {
  std::string names;
  for (const auto& row : kFamilies) names += (names.empty() ? "" : ", ") + std::string(row.name);
  return names;
}

int parse_n(std::string_view text, std::string_view spec) {
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw InputError(fmt::format("bad family size in '{}': n must be an integer >= 1", spec));
  if (n < 1) throw InputError(fmt::format("bad family size in '{}': n must be >= 1", spec));
  return n;
}

}  // namespace

std::string_view family_name(Family family) {
  return row_of(family).name;
}
std::string_view family_help(Family family) {
  return row_of(family).help;
}

bool is_family_name(std::string_view text) {
  const std::string name = upper(text);
  return std::ranges::any_of(kFamilies, [&](const FamilyRow& row) { return row.name == name; });
}

std::optional<FamilyInstance> parse_family_spec(std::string_view spec) {
  const auto colon = spec.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string name = upper(spec.substr(0, colon));
  for (const auto& row : kFamilies)
    if (row.name == name) return FamilyInstance{row.family, parse_n(spec.substr(colon + 1), spec)};
  const bool looks_like_name = !name.empty() && std::ranges::all_of(name, [](unsigned char c) {
    return std::isalnum(c) || c == '_';
  });
  if (!looks_like_name) return std::nullopt;
  throw InputError(
      fmt::format("unknown family '{}' (known: {})", spec.substr(0, colon), known_names()));
}

Matrix family_matrix(Family family, int n) {
  if (n < 1 || n > kMaxFamilyN) {
    throw InputError(fmt::format("{}:{} is too large: n must be between 1 and {} (at most {} rows)",
                                 family_name(family), n, kMaxFamilyN, kMaxSide));
  }
  const std::uint64_t size = std::uint64_t{1} << n;
  const bool square = row_of(family).square;
  Matrix m(size, square ? size : static_cast<std::size_t>(n));
  for (std::uint64_t x = 0; x < m.rows(); ++x)
    for (std::uint64_t y = 0; y < m.cols(); ++y)
      if (entry(family, x, y)) m.set(x, y, true);
  return m;
}

}  // namespace ccbound
