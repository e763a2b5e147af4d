// Internal to the loader: the frame that reads a whole inventory document.
#pragma once

#include "frames.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit::load {

/// A frame for the document root: expects one map and reads it as an inventory into `target`.
/// With `whole_document` false it reads a piece of a split file: no key is required and the
/// inventory's closing step waits for `finish_inventory` on the joined pieces.
FramePtr make_root_frame(Inventory& target, bool whole_document = true);

/// The top-level keys every inventory must have ("sovaudit", "organization").
std::vector<std::string_view> required_top_level_keys();

/// What the inventory's map does once it is read whole (self-operated providers take the
/// organisation's jurisdiction), for pieces joined after a split parse.
void finish_inventory(Diagnostics& diags, Inventory& inventory);

/// The format tables of the entries `--set` can change (what_if.cpp), the same the loader reads by.
const MapSchema<Organization>& organization_format();
const MapSchema<Policy>& policy_format();
const MapSchema<Provider>& provider_format();
const MapSchema<Capability>& capability_format();
const MapSchema<DataFlow>& data_flow_format();
const MapSchema<ProviderUse>& primary_format();
const MapSchema<ProviderUse>& fallback_format();
const MapSchema<ExitPlan>& exit_plan_format();
const MapSchema<Criteria>& criteria_format();

}  // namespace sovaudit::load
