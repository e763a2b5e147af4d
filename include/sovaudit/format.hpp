// A description of the inventory format as the loader reads it, for docs and consistency tests.
#pragma once

#include <string>
#include <vector>

namespace sovaudit {

/// One kind of map in the inventory format and the keys it accepts.
struct FormatMap {
  std::string name;                   ///< as in the JSON Schema's $defs ("provider"); "inventory" is the root
  std::vector<std::string> keys;      ///< every accepted key, in reading order
  std::vector<std::string> required;  ///< the keys that must be present
};

/// Every map the loader reads. The JSON Schema in schemas/ must describe exactly these keys.
std::vector<FormatMap> inventory_format();

}  // namespace sovaudit
