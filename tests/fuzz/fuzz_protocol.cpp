// Fuzz target: the protocol JSON reader (protocols/protocol_io.hpp).
//
// The input is read with protocol_from_json_text. A protocol that is accepted must survive a
// round trip: written back with protocol_to_json and read again, it gives the same JSON, and
// protocol_to_dot must render it.
#include <nlohmann/json.hpp>
#include <string>

#include "ccbound/protocols/protocol_io.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccbound;
  if (size > fuzz::kMaxFuzzInput) return 0;
  const std::string text(fuzz::as_text(data, size));
  fuzz::expect_input_errors([&] {
    const Protocol protocol = protocol_from_json_text(text);
    const nlohmann::json written = protocol_to_json(protocol);
    const Protocol again = protocol_from_json(written);
    fuzz::require(protocol_to_json(again) == written, "protocol JSON round trip");
    fuzz::require(!protocol_to_dot(protocol, "fuzz").empty(), "protocol renders as DOT");
  });
  return 0;
}
