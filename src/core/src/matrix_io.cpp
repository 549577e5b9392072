// The matrix text format: parse line by line, keep the bits of each row, check the shape at the
// end. Rows are collected as strings first so that an oversize or ragged input is refused with the
// line that broke the rule, before the packed Matrix is allocated.
#include "ccbound/core/matrix_io.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <vector>

#include "ccbound/core/error.hpp"

namespace ccbound {

namespace {

// Returns the row's bits, or an empty string for a blank or comment line.
std::string parse_line(std::string_view line, std::string_view source, std::size_t number) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string bits;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '#' && bits.empty()) return {};
    if (c == ' ' || c == '\t') continue;
    if (c != '0' && c != '1') {
      throw InputError(fmt::format("{}:{}: unexpected character '{}' (rows are made of 0 and 1)",
                                   source, number,
                                   std::isprint(static_cast<unsigned char>(c))
                                       ? std::string(1, c)
                                       : fmt::format("\\x{:02x}", static_cast<unsigned char>(c))));
    }
    bits.push_back(c);
    if (bits.size() > kMaxSide) {
      throw InputError(
          fmt::format("{}:{}: row longer than the limit of {} columns", source, number, kMaxSide));
    }
  }
  return bits;
}

}  // namespace

Matrix parse_matrix(std::istream& in, std::string_view source) {
  std::vector<std::string> rows;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string bits = parse_line(line, source, number);
    if (bits.empty()) continue;
    if (!rows.empty() && bits.size() != rows.front().size()) {
      throw InputError(fmt::format("{}:{}: ragged rows: this row has {} entries, the first has {}",
                                   source, number, bits.size(), rows.front().size()));
    }
    if (rows.size() == kMaxSide)
      throw InputError(
          fmt::format("{}:{}: more than the limit of {} rows", source, number, kMaxSide));
    rows.push_back(std::move(bits));
  }
  if (in.bad()) throw InputError(fmt::format("{}: read error", source));
  if (rows.empty()) throw InputError(fmt::format("{}: no matrix rows found", source));
  Matrix m(rows.size(), rows.front().size());
  for (std::size_t x = 0; x < rows.size(); ++x)
    for (std::size_t y = 0; y < rows[x].size(); ++y) m.set(x, y, rows[x][y] == '1');
  return m;
}

Matrix parse_matrix_text(std::string_view text, std::string_view source) {
  std::istringstream in{std::string(text)};
  return parse_matrix(in, source);
}

Matrix read_matrix_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open '{}'", path));
  return parse_matrix(in, path);
}

}  // namespace ccbound
