// Column widths are the longest cell (in bytes; our cells are ASCII) of each column.
#include "table.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace ccbound::cli {

Table::Table(std::vector<std::string> headers) {
  for (auto& h : headers) {
    right_.push_back(!h.empty() && h.front() == '>');
    headers_.push_back(right_.back() ? h.substr(1) : h);
  }
}

void Table::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::render() const {
  std::vector<std::size_t> width(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    width[c] = headers_[c].size();
    for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) text += "  ";
      text += right_[c] ? fmt::format("{:>{}}", cells[c], width[c])
                        : fmt::format("{:<{}}", cells[c], width[c]);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text + "\n";
  };
  std::string text = line(headers_);
  for (const auto& row : rows_) text += line(row);
  return text;
}

}  // namespace ccbound::cli
