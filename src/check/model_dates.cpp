// Retirement dates that disagree: one model at one provider retires once.
#include <map>

#include "checks_internal.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::check {

void check_model_dates(const Inventory& inventory, Diagnostics& diags) {
  // (provider, model) -> the earliest `retires` seen so far, and where.
  std::map<std::pair<std::string_view, std::string_view>, const Located<Date>*> first;
  std::vector<std::pair<const ProviderUse*, const Located<Date>*>> dated;
  for (const Capability& c : inventory.capabilities) {
    for (const Need& n : c.needs) {
      const auto visit = [&](const ProviderUse& u) {
        if (u.model && u.model->name.present && u.model->retires.present) dated.emplace_back(&u, &u.model->retires);
      };
      if (n.primary) visit(*n.primary);
      for (const ProviderUse& f : n.fallbacks) visit(f);
    }
  }
  // The earliest date of each model is the one used; every other date is reported against it.
  for (const auto& [use, date] : dated) {
    const Located<Date>*& earliest = first[{use->provider.value, use->model->name.value}];
    if (!earliest || days_since_epoch(date->value) < days_since_epoch(earliest->value)) earliest = date;
  }
  for (const auto& [use, date] : dated) {
    const Located<Date>* earliest = first[{use->provider.value, use->model->name.value}];
    if (earliest == date || earliest->value == date->value) continue;
    diags.warning(date->loc,
                  "model " + quote(use->model->name.value) + " at " + quote(use->provider.value) + " retires on " +
                      to_string(date->value) + " here but on " + to_string(earliest->value) +
                      " elsewhere; the earlier date is used for every use of it",
                  10);
    diags.note(earliest->loc, "the earlier date", 10);
  }
}

}  // namespace sovaudit::check
