// Reading matrices from text.
//
// Format: one row per line of '0'/'1' characters, spaces or tabs allowed between them, LF or CRLF
// line ends; lines that are blank or start with '#' (after leading blanks) are ignored. All rows
// have the same length and there is at least one row. Anything else is an InputError naming the
// line.
#pragma once

#include <istream>
#include <string>
#include <string_view>

#include "ccbound/core/matrix.hpp"

namespace ccbound {

// Requires: `source` names the input in messages (a path or "<stdin>").
// Ensures: a Matrix within the size limits, or throws InputError "<source>:<line>: ...".
Matrix parse_matrix(std::istream& in, std::string_view source);
Matrix parse_matrix_text(std::string_view text, std::string_view source = "<text>");

// Reads the file at path (throws InputError if it cannot be opened).
Matrix read_matrix_file(const std::string& path);

}  // namespace ccbound
