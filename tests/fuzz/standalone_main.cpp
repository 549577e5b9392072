// A main() for the fuzz targets when they are built without libFuzzer (g++, or the ASan CI build).
//
// Each argument is a file or a directory; every regular file found (directories one level deep,
// in sorted order) is passed once to LLVMFuzzerTestOneInput. A finding crashes or aborts the
// process exactly as under libFuzzer, so a ctest over the corpus and regression directories keeps
// every fixed finding fixed. Prints how many inputs ran; a missing directory is an error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const fs::path& path) {
  if (!fs::is_directory(path)) return {path};
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(path))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::ranges::sort(files);
  return files;
}

bool run_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ran = 0;
  for (int i = 1; i < argc; ++i) {
    if (!fs::exists(argv[i])) {
      std::fprintf(stderr, "error: no such file or directory '%s'\n", argv[i]);
      return 2;
    }
    for (const auto& file : inputs_of(argv[i])) {
      std::fprintf(stderr, "running %s\n", file.c_str());
      if (!run_file(file)) {
        std::fprintf(stderr, "error: cannot read '%s'\n", file.c_str());
        return 2;
      }
      ++ran;
    }
  }
  std::printf("%zu inputs ran\n", ran);
  return 0;
}
