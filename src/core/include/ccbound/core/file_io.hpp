// Whole-file reads and atomic writes, for every part of ccbound that touches files.
//
// Writes go to a temporary name in the same directory and are renamed into place, so a reader (or a
// run that is interrupted) never sees a partial file.
#pragma once

#include <string>

namespace ccbound {

// Throws InputError "cannot read '<path>'" if the file cannot be opened.
std::string read_file(const std::string& path);

// Writes `text` to a temporary beside `path`, then renames it into place, so a reader never sees a
// partial file. A target that exists and is not a regular file (/dev/null, /dev/stdout, a FIFO) is
// written in place instead. Throws InputError "cannot write '<path>'" if the file cannot be
// written; leaves no temporary file.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace ccbound
