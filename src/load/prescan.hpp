// Internal to the loader: checks on the raw bytes, before yaml-cpp sees them.
#pragma once

#include <string_view>

#include "sovaudit/diagnostics.hpp"
#include "sovaudit/loader.hpp"

namespace sovaudit::load {

/// Refuses bytes no inventory should hold (invalid UTF-8, NUL and other control characters) and
/// flow nesting ("[[[[" or "{{{{") deeper than the depth limit. yaml-cpp buffers a flow collection
/// up to its end before it emits a single event, so deep flow nesting must be caught here: a 2 MB
/// file of '[' would otherwise cost 280 MB. Returns false when the text must not be parsed.
bool prescan(std::string_view text, const LoadLimits& limits, Diagnostics& diags);

}  // namespace sovaudit::load
