// The dates on which uses stop serving, from the inventory and a lifecycle file.
#include "sovaudit/retirements.hpp"

namespace sovaudit {

std::optional<Date> earliest(const std::optional<Date>& a, const std::optional<Date>& b) {
  if (!a) return b;
  if (!b) return a;
  return days_since_epoch(*b) < days_since_epoch(*a) ? b : a;
}

RetirementDates::RetirementDates(const Inventory& inventory, const Lifecycle* lifecycle) : lifecycle_(lifecycle) {
  for (const Provider& p : inventory.providers) {
    if (p.contract_ends.present && !p.renews_automatically.value) ends_.emplace(p.id.value, p.contract_ends.value);
  }
  for (const Capability& c : inventory.capabilities) {
    for (const Need& n : c.needs) {
      const auto visit = [&](const ProviderUse& u) {
        if (!u.model || !u.model->name.present) return;
        models_.emplace(u.model->name.value, true);
        if (!u.model->retires.present) return;
        const auto [at, inserted] = own_.emplace(std::make_pair(std::string_view(u.provider.value),
                                                                std::string_view(u.model->name.value)),
                                                 u.model->retires.value);
        if (!inserted && days_since_epoch(u.model->retires.value) < days_since_epoch(at->second)) {
          at->second = u.model->retires.value;
        }
      };
      if (n.primary) visit(*n.primary);
      for (const ProviderUse& f : n.fallbacks) visit(f);
    }
  }
}

bool RetirementDates::named_as_model(std::string_view name) const { return models_.contains(name); }

std::optional<Date> RetirementDates::model_date(std::string_view provider, std::string_view model) const {
  if (const auto it = own_.find({provider, model}); it != own_.end()) return it->second;
  if (const LifecycleEntry* e = lifecycle_ ? lifecycle_->find(model) : nullptr) return e->retires.value;
  return std::nullopt;
}

std::optional<Date> RetirementDates::provider_end(std::string_view provider) const {
  std::optional<Date> out;
  if (const auto it = ends_.find(provider); it != ends_.end()) out = it->second;
  if (const LifecycleEntry* e = lifecycle_ ? lifecycle_->find(provider) : nullptr; e && !named_as_model(provider)) {
    out = earliest(out, e->retires.value);
  }
  return out;
}

std::optional<Date> RetirementDates::gone_on(const ProviderUse& use) const {
  std::optional<Date> out = provider_end(use.provider.value);
  if (use.model && use.model->name.present) out = earliest(out, model_date(use.provider.value, use.model->name.value));
  return out;
}

}  // namespace sovaudit
