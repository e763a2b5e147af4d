// Internal to the writers: the confidence section (scan --simulate) in each format that has one.
#pragma once

#include <string>

#include "json_out.hpp"
#include "sovaudit/report.hpp"

namespace sovaudit {
class StreamedText;
}

namespace sovaudit {

/// "Confidence (10000 samples, seed 1)" for the terminal; nothing without a simulation.
void write_simulation_terminal(const Report& r, std::string& out);
/// "## Confidence" for the Markdown review; nothing without a simulation.
void simulation_markdown(StreamedText& out, const Report& r);
/// The "simulation" member of the JSON report; none without a simulation.
void simulation_json(JsonOut& j, const Report& r);
/// "10000 samples, seed 1", for the formats that carry only the run's settings; "" without one.
std::string simulation_settings(const Report& r);

}  // namespace sovaudit
