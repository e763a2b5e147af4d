// Internal to the loader: the frame that reads a whole inventory document.
#pragma once

#include "frames.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit::load {

/// A frame for the document root: expects one map and reads it as an inventory into `target`.
FramePtr make_root_frame(Inventory& target);

}  // namespace sovaudit::load
