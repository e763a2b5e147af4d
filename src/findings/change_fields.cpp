// Which keys of an inventory entry differ between two reviews: providers, capabilities, data flows
// and accepted risks.
#include "change_fields.hpp"

namespace sovaudit::changes {
namespace {

template <class T>
bool same(const Located<T>& a, const Located<T>& b) {
  return a.present == b.present && a.value == b.value;
}

bool same(const Located<WeeksRange>& a, const Located<WeeksRange>& b) {
  return a.present == b.present && a.value.low == b.value.low && a.value.likely == b.value.likely &&
         a.value.high == b.value.high;
}

template <class T>
bool same(const std::vector<Located<T>>& a, const std::vector<Located<T>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].value != b[i].value) return false;
  }
  return true;
}

bool same(const Boxed<UltimateParent>& a, const Boxed<UltimateParent>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (same(a->name, b->name) && same(a->hq, b->hq));
}

bool same(const Boxed<ExitPlan>& a, const Boxed<ExitPlan>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (same(a->exists, b->exists) && same(a->tested, b->tested) && same(a->document, b->document));
}

bool same(const std::vector<UpstreamLink>& a, const std::vector<UpstreamLink>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i].provider, b[i].provider) || !same(a[i].role, b[i].role) ||
        !same(a[i].price_passthrough, b[i].price_passthrough)) {
      return false;
    }
  }
  return true;
}

bool same(const Boxed<ModelVersion>& a, const Boxed<ModelVersion>& b) {
  const auto name = [](const Boxed<ModelVersion>& m) { return m && m->name.present ? m->name.value : std::string(); };
  const auto retires = [](const Boxed<ModelVersion>& m) {
    return m && m->retires.present ? std::optional<Date>(m->retires.value) : std::nullopt;
  };
  return name(a) == name(b) && retires(a) == retires(b);
}

bool same(const ProviderUse& a, const ProviderUse& b) {
  return same(a.provider, b.provider) && same(a.integration, b.integration) && same(a.features, b.features) &&
         same(a.tested, b.tested) && same(a.regions.list(), b.regions.list()) && same(a.model, b.model);
}

bool same(const std::vector<Need>& a, const std::vector<Need>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i].slot, b[i].slot) || a[i].primary.has_value() != b[i].primary.has_value() ||
        (a[i].primary && !same(*a[i].primary, *b[i].primary)) || a[i].fallbacks.size() != b[i].fallbacks.size()) {
      return false;
    }
    for (std::size_t f = 0; f < a[i].fallbacks.size(); ++f) {
      if (!same(a[i].fallbacks[f], b[i].fallbacks[f])) return false;
    }
  }
  return true;
}

bool same(const std::optional<Criteria>& a, const std::optional<Criteria>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (same(a->differentiating, b->differentiating) && same(a->proprietary_data, b->proprietary_data) &&
                same(a->compliance, b->compliance) && same(a->stable, b->stable));
}


}  // namespace

/// The inventory keys whose values differ, in the order the inventory reference lists them.
std::vector<std::string> changed_fields(const Provider& a, const Provider& b) {
  std::vector<std::string> fields;
  const auto check = [&](bool equal, const char* name) {
    if (!equal) fields.emplace_back(name);
  };
  check(same(a.name, b.name), "name");
  check(same(a.kind, b.kind), "kind");
  check(same(a.hq, b.hq), "hq");
  check(same(a.ultimate_parent, b.ultimate_parent), "ultimate_parent");
  check(same(a.regions, b.regions), "regions");
  check(same(a.annual_spend, b.annual_spend), "annual_spend");
  check(same(a.notice_months, b.notice_months), "notice_months");
  check(same(a.open_weights, b.open_weights), "open_weights");
  check(same(a.substitutability, b.substitutability), "substitutability");
  check(same(a.sovereign, b.sovereign), "sovereign");
  check(same(a.price_locked_until, b.price_locked_until), "price_locked_until");
  check(same(a.max_price_increase, b.max_price_increase), "max_price_increase");
  check(same(a.exit_plan, b.exit_plan), "exit_plan");
  check(same(a.upstream, b.upstream), "upstream");
  check(same(a.operated_by, b.operated_by), "operated_by");
  check(same(a.air_gapped, b.air_gapped), "air_gapped");
  check(same(a.contract_ends, b.contract_ends), "contract_ends");
  check(same(a.renews_automatically, b.renews_automatically), "renews_automatically");
  return fields;
}

std::vector<std::string> changed_fields(const Capability& a, const Capability& b) {
  std::vector<std::string> fields;
  const auto check = [&](bool equal, const char* name) {
    if (!equal) fields.emplace_back(name);
  };
  check(same(a.name, b.name), "name");
  check(same(a.value_share, b.value_share), "value_share");
  check(same(a.sourcing, b.sourcing), "sourcing");
  check(same(a.criteria, b.criteria), "criteria");
  check(same(a.required_capabilities, b.required_capabilities), "requires");
  check(same(a.needs, b.needs), "needs");
  check(same(a.migration_weeks, b.migration_weeks), "migration_weeks");
  check(same(a.build_weeks, b.build_weeks), "build_weeks");
  check(same(a.engineers, b.engineers), "engineers");
  check(same(a.evals, b.evals), "evals");
  return fields;
}

std::vector<std::string> changed_fields(const DataFlow& a, const DataFlow& b) {
  std::vector<std::string> fields;
  const auto check = [&](bool equal, const char* name) {
    if (!equal) fields.emplace_back(name);
  };
  check(same(a.capability, b.capability), "capability");
  check(same(a.provider, b.provider), "provider");
  check(same(a.data, b.data), "data");
  check(same(a.allowed, b.allowed), "allowed");
  check(same(a.regions, b.regions), "regions");
  check(same(a.transfer_mechanism, b.transfer_mechanism), "transfer_mechanism");
  bool mechanisms_equal = a.transfer_mechanisms.size() == b.transfer_mechanisms.size();
  for (std::size_t i = 0; mechanisms_equal && i < a.transfer_mechanisms.size(); ++i) {
    mechanisms_equal = a.transfer_mechanisms[i].jurisdiction.value == b.transfer_mechanisms[i].jurisdiction.value &&
                       a.transfer_mechanisms[i].value.value == b.transfer_mechanisms[i].value.value;
  }
  check(mechanisms_equal, "transfer_mechanisms");
  return fields;
}

std::vector<std::string> changed_fields(const AcceptedRisk& a, const AcceptedRisk& b) {
  std::vector<std::string> fields;
  const auto check = [&](bool equal, const char* name) {
    if (!equal) fields.emplace_back(name);
  };
  // rule and target name the acceptance when it has no id; with an id they may change.
  check(same(a.rule, b.rule), "rule");
  check(same(a.target, b.target), "target");
  check(same(a.owner, b.owner), "owner");
  check(same(a.expires, b.expires), "expires");
  check(same(a.justification, b.justification), "justification");
  check(same(a.flows, b.flows), "flows");
  check(same(a.capabilities, b.capabilities), "capabilities");
  check(same(a.providers, b.providers), "providers");
  return fields;
}

std::string acceptance_key(const AcceptedRisk& risk) {
  return risk.id.present ? risk.id.value : risk.rule.value + " on " + risk.target.value;
}

}  // namespace sovaudit::changes
