// The day each use of a provider stops serving: its model's retirement, its provider's contract end
// or retirement; shared by the graph (a fallback gone already is not ready) and dated departures.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "sovaudit/lifecycle.hpp"
#include "sovaudit/model.hpp"

namespace sovaudit {

/// Every retirement and contract-end date of an inventory and a lifecycle file (which may be null).
/// Both must outlive it.
class RetirementDates {
 public:
  RetirementDates(const Inventory& inventory, const Lifecycle* lifecycle);
  /// The day `model` at provider `provider` retires: the earliest `retires` its uses give, else
  /// the lifecycle file's date for the name.
  [[nodiscard]] std::optional<Date> model_date(std::string_view provider, std::string_view model) const;
  /// The first day provider `provider` is gone as a whole: its contract end (unless it renews
  /// automatically) or its lifecycle retirement (a key no use names as a model), the earlier.
  [[nodiscard]] std::optional<Date> provider_end(std::string_view provider) const;
  /// The first day `use` no longer serves: its model's date or its provider's end, the earlier.
  [[nodiscard]] std::optional<Date> gone_on(const ProviderUse& use) const;
  /// True when nothing in the inventory or the file is dated: every query gives none.
  [[nodiscard]] bool empty() const { return own_.empty() && ends_.empty() && (!lifecycle_ || lifecycle_->entries.empty()); }
  /// True when a use names `name` as its model.
  [[nodiscard]] bool named_as_model(std::string_view name) const;

 private:
  std::map<std::pair<std::string_view, std::string_view>, Date> own_;  ///< (provider, model) -> earliest retires
  std::map<std::string_view, Date> ends_;                              ///< provider -> contract end
  std::map<std::string_view, bool> models_;                            ///< every model name a use gives
  const Lifecycle* lifecycle_;
};

/// The earlier of two optional dates.
std::optional<Date> earliest(const std::optional<Date>& a, const std::optional<Date>& b);

}  // namespace sovaudit
