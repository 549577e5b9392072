// A plain-text table with columns sized to their contents, for every command's human output.
#pragma once

#include <string>
#include <vector>

namespace ccbound::cli {

class Table {
 public:
  // A header starting with '>' is right-aligned (the '>' is not printed).
  explicit Table(std::vector<std::string> headers);
  void add_row(std::vector<std::string> cells);
  std::string render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace ccbound::cli
