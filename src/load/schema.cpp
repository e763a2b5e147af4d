// The inventory format as tables: every key of every map, how its value is read, and checks
// across keys. docs/inventory.md and schemas/inventory.schema.json describe the same format.
#include "schema.hpp"

#include <memory>

#include "field_readers.hpp"
#include "scalars.hpp"
#include "sovaudit/format.hpp"

namespace sovaudit::load {
namespace {

// Limits that keep numbers meaningful; docs/inventory.md lists them.
constexpr double kMaxMoney = 1e15;
constexpr double kMaxMonths = 240;
constexpr double kMaxWeeks = 520;
constexpr double kMaxEngineers = 10000;

ScalarRule<double> money_rule() { return number_rule(0, kMaxMoney, false, "a non-negative amount"); }
/// Amounts that divide or multiply every cost: zero would silently hide every finding that uses them,
/// and a budget of a fraction of a cent (1e-310) would make every rise trillions of percent of it.
ScalarRule<double> positive_money_rule() { return number_rule(0.01, kMaxMoney, false, "an amount of at least 0.01"); }

// ---------------------------------------------------------------- estimates

struct WeeksDraft {
  SourceLoc loc;
  Located<double> low, likely, high;
};

const MapSchema<WeeksDraft>& weeks_schema() {
  static const MapSchema<WeeksDraft> schema{
      "weeks range",
      {
          {"low", true, scalar_field(&WeeksDraft::low, number_rule(0, kMaxWeeks))},
          {"likely", true, scalar_field(&WeeksDraft::likely, number_rule(0, kMaxWeeks))},
          {"high", true, scalar_field(&WeeksDraft::high, number_rule(0, kMaxWeeks))},
      },
      [](Diagnostics& d, WeeksDraft& w, SourceLoc loc) {
        if (w.low.present && w.likely.present && w.high.present &&
            (w.low.value > w.likely.value || w.likely.value > w.high.value)) {
          d.error(loc, "a weeks range must satisfy low <= likely <= high, got low " + format_number(w.low.value) +
                           ", likely " + format_number(w.likely.value) + ", high " + format_number(w.high.value));
        }
      }};
  return schema;
}

/// Reads {low, likely, high} and stores it only once the whole range is valid.
class WeeksRangeFrame final : public Frame {
 public:
  WeeksRangeFrame(Located<WeeksRange>& out, SourceLoc loc) : out_(out), inner_(weeks_schema(), draft_, loc) {
    draft_.loc = loc;
  }
  void on_scalar(Diagnostics& d, const Scalar& s) override { inner_.on_scalar(d, s); }
  FramePtr on_open(Diagnostics& d, const Collection& c) override { return inner_.on_open(d, c); }
  void on_close(Diagnostics& d) override {
    const std::size_t before = d.error_count();
    inner_.on_close(d);
    if (d.error_count() != before || !draft_.low.present || !draft_.likely.present || !draft_.high.present) return;
    out_ = Located<WeeksRange>({draft_.low.value, draft_.likely.value, draft_.high.value}, draft_.loc);
  }

 private:
  Located<WeeksRange>& out_;
  WeeksDraft draft_;
  MapFrame<WeeksDraft> inner_;
};

/// A number of weeks, or a {low, likely, high} range.
template <class T>
ValueReader<T> weeks_field(Located<WeeksRange> T::*member) {
  ValueReader<T> r;
  r.expected = "a number of weeks or a map {low, likely, high}";
  r.scalar = [member, parse = number_rule(0, kMaxWeeks).parse](Diagnostics& d, T& t, const Scalar& s,
                                                                const Slot& slot) {
    if (auto v = parse(d, s, slot)) t.*member = Located<WeeksRange>({*v, *v, *v}, s.loc);
  };
  r.open = [member, expected = r.expected](Diagnostics& d, T& t, const Collection& c, const Slot& slot) -> FramePtr {
    if (!c.is_map) {
      d.error(c.loc, type_error(slot.key, expected, describe(c)));
      return make_skip_frame();
    }
    return std::make_unique<WeeksRangeFrame>(t.*member, c.loc);
  };
  return r;
}

// ---------------------------------------------------------------- organization and policy

const MapSchema<Organization>& organization_schema() {
  static const MapSchema<Organization> schema{
      "organization",
      {
          {"name", true, scalar_field(&Organization::name, text_rule())},
          {"jurisdiction", true, scalar_field(&Organization::jurisdiction, country_rule())},
          {"trusted_jurisdictions", false,
           scalar_list_field(&Organization::trusted_jurisdictions, jurisdiction_rule())},
          {"annual_ai_budget", false, scalar_field(&Organization::annual_ai_budget, positive_money_rule())},
          {"currency", false, scalar_field(&Organization::currency, currency_rule())},
          {"engineer_week_cost", false, scalar_field(&Organization::engineer_week_cost, positive_money_rule())},
      },
      {}};
  return schema;
}

void check_threshold_order(Diagnostics& d, const Located<double>& material, const Located<double>& existential,
                           std::string_view what) {
  if (material.value > existential.value) {
    const SourceLoc where = material.present ? material.loc : existential.loc;
    d.error(where, "policy 'material_" + std::string(what) + "' (" + format_number(material.value) +
                       ") must not exceed 'existential_" + std::string(what) + "' (" +
                       format_number(existential.value) + ")");
  }
}

const MapSchema<Policy>& policy_schema() {
  static const MapSchema<Policy> schema{
      "policy",
      {
          {"build_threshold", false, scalar_field(&Policy::build_threshold, integer_rule(1, 4))},
          {"notice_months", false, scalar_field(&Policy::notice_months, number_rule(0, kMaxMonths))},
          {"price_multiplier", false, scalar_field(&Policy::price_multiplier, number_rule(1, 100))},
          {"horizon_months", false, scalar_field(&Policy::horizon_months, number_rule(0, kMaxMonths, true))},
          {"existential_value_share", false, scalar_field(&Policy::existential_value_share, number_rule(0, 1, true))},
          {"material_value_share", false, scalar_field(&Policy::material_value_share, number_rule(0, 1, true))},
          {"existential_budget_share", false, scalar_field(&Policy::existential_budget_share, number_rule(0, 100, true))},
          {"material_budget_share", false, scalar_field(&Policy::material_budget_share, number_rule(0, 100, true))},
          {"drill_max_age_months", false, scalar_field(&Policy::drill_max_age_months, number_rule(0, kMaxMonths, true))},
          {"min_outage_days", false, scalar_field(&Policy::min_outage_days, number_rule(0, kMaxMonths * 31))},
          {"jurisdiction_severity", false,
           jurisdiction_map_field(&Policy::jurisdiction_severity, jurisdiction_rule(), enum_rule<PolicySeverity>())},
      },
      [](Diagnostics& d, Policy& p, SourceLoc) {
        check_threshold_order(d, p.material_value_share, p.existential_value_share, "value_share");
        check_threshold_order(d, p.material_budget_share, p.existential_budget_share, "budget_share");
      }};
  return schema;
}

// ---------------------------------------------------------------- providers

const MapSchema<UltimateParent>& parent_schema() {
  static const MapSchema<UltimateParent> schema{
      "ultimate_parent",
      {
          {"name", true, scalar_field(&UltimateParent::name, text_rule())},
          {"hq", true, scalar_field(&UltimateParent::hq, country_rule())},
      },
      {}};
  return schema;
}

const MapSchema<ExitPlan>& exit_plan_schema() {
  static const MapSchema<ExitPlan> schema{
      "exit_plan",
      {
          {"exists", false, scalar_field(&ExitPlan::exists, bool_rule())},
          {"tested", false, scalar_field(&ExitPlan::tested, date_rule())},
          {"document", false, scalar_field(&ExitPlan::document, text_rule())},
      },
      [](Diagnostics& d, ExitPlan& plan, SourceLoc) {
        if (plan.tested.present && plan.exists.present && !plan.exists.value) {
          d.warning(plan.tested.loc, "exit plan has a test date but 'exists' is false; the test date is ignored", 10);
        }
      }};
  return schema;
}

const MapSchema<Detection>& detect_schema() {
  static const MapSchema<Detection> schema{
      "detect",
      {
          {"purls", false, scalar_list_field(&Detection::purls, package_url_rule())},
          {"hosts", false, scalar_list_field(&Detection::hosts, host_pattern_rule())},
      },
      [](Diagnostics& d, Detection& detect, SourceLoc loc) {
        // Entries refused as malformed leave the lists empty too; those errors already say what to fix.
        const bool refused_inside = std::any_of(d.all().begin(), d.all().end(), [&](const Diagnostic& e) {
          return e.severity == DiagSeverity::Error && e.loc >= loc;
        });
        if (detect.purls.empty() && detect.hosts.empty() && !refused_inside) {
          d.error(loc, "'detect' lists neither 'purls' nor 'hosts'; give at least one, or remove it");
        }
      }};
  return schema;
}

const MapSchema<UpstreamLink>& upstream_schema() {
  static const MapSchema<UpstreamLink> schema{
      "upstream entry",
      {
          {"provider", true, scalar_field(&UpstreamLink::provider, id_rule())},
          {"role", false, scalar_field(&UpstreamLink::role, enum_rule<UpstreamRole>())},
          {"price_passthrough", false, scalar_field(&UpstreamLink::price_passthrough, number_rule(0, 1))},
      },
      {}};
  return schema;
}

const MapSchema<Provider>& provider_schema() {
  static const MapSchema<Provider> schema{
      "provider",
      {
          {"id", true, scalar_field(&Provider::id, id_rule())},
          {"name", false, scalar_field(&Provider::name, text_rule())},
          {"kind", false, scalar_field(&Provider::kind, enum_rule<ProviderKind>())},
          {"hq", false, scalar_field(&Provider::hq, country_rule())},
          {"ultimate_parent", false, optional_object_field(&Provider::ultimate_parent, parent_schema())},
          {"regions", false, scalar_list_field(&Provider::regions, jurisdiction_rule())},
          {"annual_spend", false, scalar_field(&Provider::annual_spend, money_rule())},
          {"notice_months", false, scalar_field(&Provider::notice_months, number_rule(0, kMaxMonths))},
          {"open_weights", false, scalar_field(&Provider::open_weights, bool_rule())},
          {"substitutability", false, scalar_field(&Provider::substitutability, enum_rule<Substitutability>())},
          {"sovereign", false, scalar_field(&Provider::sovereign, bool_rule())},
          {"price_locked_until", false, scalar_field(&Provider::price_locked_until, date_rule())},
          {"max_price_increase", false, scalar_field(&Provider::max_price_increase, number_rule(0, 100))},
          {"exit_plan", false, optional_object_field(&Provider::exit_plan, exit_plan_schema())},
          {"upstream", false, object_list_field(&Provider::upstream, upstream_schema())},
          {"operated_by", false, scalar_field(&Provider::operated_by, enum_rule<Operator>())},
          {"air_gapped", false, scalar_field(&Provider::air_gapped, bool_rule())},
          {"detect", false, optional_object_field(&Provider::detect, detect_schema())},
          {"contract_ends", false, scalar_field(&Provider::contract_ends, date_rule())},
          {"renews_automatically", false, scalar_field(&Provider::renews_automatically, bool_rule())},
      },
      [](Diagnostics& d, Provider& p, SourceLoc) {
        if (p.renews_automatically.present && p.renews_automatically.value && !p.contract_ends.present) {
          d.warning(p.renews_automatically.loc,
                    "provider '" + p.id.value + "' renews automatically but gives no contract_ends; nothing to renew", 4);
        }
      }};
  return schema;
}

// ---------------------------------------------------------------- capabilities

/// A retirement date is a model's: without the model's name it could not be matched, listed or accepted.
void finish_use(Diagnostics& d, ProviderUse& use, SourceLoc) {
  if (use.model && use.model->name.present &&
      use.model->name.value.find_first_not_of(" \t") == std::string::npos) {
    d.error(use.model->name.loc, "'model' must name the model version, e.g. gpt-4o-2024-08-06; got an empty text", 1);
    use.model->name.present = false;
    return;
  }
  if (use.model && use.model->retires.present && !use.model->name.present) {
    d.error(use.model->retires.loc, "'retires' needs 'model': name the model version that retires on this date", 7);
  }
}

const MapSchema<ProviderUse>& primary_schema() {
  static const MapSchema<ProviderUse> schema{
      "primary",
      {
          {"provider", true, scalar_field(&ProviderUse::provider, id_rule())},
          {"integration", false, scalar_field(&ProviderUse::integration, enum_rule<Integration>())},
          {"features", false, scalar_list_field(&ProviderUse::features, enum_rule<Feature>())},
          {"regions", false, pinned_regions_field(&ProviderUse::regions, jurisdiction_rule())},
          {"model", false, boxed_scalar_field(&ProviderUse::model, &ModelVersion::name, text_rule())},
          {"retires", false, boxed_scalar_field(&ProviderUse::model, &ModelVersion::retires, date_rule())},
      },
      finish_use};
  return schema;
}

const MapSchema<ProviderUse>& fallback_schema() {
  static const MapSchema<ProviderUse> schema{
      "fallback",
      {
          {"provider", true, scalar_field(&ProviderUse::provider, id_rule())},
          {"tested", false, scalar_field(&ProviderUse::tested, date_rule())},
          {"integration", false, scalar_field(&ProviderUse::integration, enum_rule<Integration>())},
          {"features", false, scalar_list_field(&ProviderUse::features, enum_rule<Feature>())},
          {"regions", false, pinned_regions_field(&ProviderUse::regions, jurisdiction_rule())},
          {"model", false, boxed_scalar_field(&ProviderUse::model, &ModelVersion::name, text_rule())},
          {"retires", false, boxed_scalar_field(&ProviderUse::model, &ModelVersion::retires, date_rule())},
      },
      finish_use};
  return schema;
}

const MapSchema<Need>& need_schema() {
  static const MapSchema<Need> schema{
      "need",
      {
          {"slot", true, scalar_field(&Need::slot, id_rule())},
          {"primary", true, optional_object_field(&Need::primary, primary_schema())},
          {"fallbacks", false, object_list_field(&Need::fallbacks, fallback_schema())},
      },
      {}};
  return schema;
}

const MapSchema<Criteria>& criteria_schema() {
  static const MapSchema<Criteria> schema{
      "criteria",
      {
          {"differentiating", false, scalar_field(&Criteria::differentiating, bool_rule())},
          {"proprietary_data", false, scalar_field(&Criteria::proprietary_data, bool_rule())},
          {"compliance", false, scalar_field(&Criteria::compliance, bool_rule())},
          {"stable", false, scalar_field(&Criteria::stable, bool_rule())},
      },
      {}};
  return schema;
}

const MapSchema<Capability>& capability_schema() {
  static const MapSchema<Capability> schema{
      "capability",
      {
          {"id", true, scalar_field(&Capability::id, id_rule())},
          {"name", false, scalar_field(&Capability::name, text_rule())},
          {"value_share", false, scalar_field(&Capability::value_share, number_rule(0, 1))},
          {"sourcing", false, scalar_field(&Capability::sourcing, enum_rule<Sourcing>())},
          {"criteria", false, optional_object_field(&Capability::criteria, criteria_schema())},
          {"requires", false, scalar_list_field(&Capability::required_capabilities, id_rule())},
          {"needs", false, object_list_field(&Capability::needs, need_schema())},
          {"migration_weeks", false, weeks_field(&Capability::migration_weeks)},
          {"build_weeks", false, weeks_field(&Capability::build_weeks)},
          {"engineers", false, scalar_field(&Capability::engineers, number_rule(0, kMaxEngineers, true))},
          {"evals", false, scalar_field(&Capability::evals, bool_rule())},
      },
      {}};
  return schema;
}

// ---------------------------------------------------------------- data flows and accepted risks

/// `subjects_in` never changed a result: it is still checked, then ignored with a warning saying what
/// decides residency instead.
ValueReader<DataFlow> deprecated_subjects_in() {
  ValueReader<DataFlow> r;
  r.expected = jurisdiction_rule().expected;
  r.scalar = [parse = jurisdiction_rule().parse](Diagnostics& d, DataFlow&, const Scalar& s, const Slot& slot) {
    if (!parse(d, s, slot)) return;
    d.warning(s.loc,
              "'subjects_in' is deprecated and ignored: residency is checked against 'allowed' (by default the "
              "organisation's jurisdiction and its trusted_jurisdictions); list where this data may be processed "
              "in 'allowed' and remove 'subjects_in'",
              s.length);
  };
  return r;
}

const MapSchema<DataFlow>& data_flow_schema() {
  static const MapSchema<DataFlow> schema{
      "data flow",
      {
          {"id", true, scalar_field(&DataFlow::id, id_rule())},
          {"capability", true, scalar_field(&DataFlow::capability, id_rule())},
          {"provider", true, scalar_field(&DataFlow::provider, id_rule())},
          {"data", true, scalar_list_field(&DataFlow::data, enum_rule<DataClass>(), 1)},
          {"subjects_in", false, deprecated_subjects_in()},
          {"allowed", false, scalar_list_field(&DataFlow::allowed, jurisdiction_rule())},
          {"regions", false, scalar_list_field(&DataFlow::regions, jurisdiction_rule(), 1)},
          {"transfer_mechanism", false, scalar_field(&DataFlow::transfer_mechanism, enum_rule<TransferMechanism>())},
          {"transfer_mechanisms", false,
           jurisdiction_map_field(&DataFlow::transfer_mechanisms, jurisdiction_rule(), enum_rule<TransferMechanism>())},
      },
      {}};
  return schema;
}

const MapSchema<AcceptedRisk>& accepted_risk_schema() {
  static const MapSchema<AcceptedRisk> schema{
      "accepted risk",
      {
          {"id", false, scalar_field(&AcceptedRisk::id, id_rule())},
          {"rule", true, scalar_field(&AcceptedRisk::rule, rule_id_rule())},
          {"target", true, scalar_field(&AcceptedRisk::target, text_rule())},
          {"owner", true, scalar_field(&AcceptedRisk::owner, text_rule())},
          {"expires", true, scalar_field(&AcceptedRisk::expires, date_rule())},
          {"justification", true, scalar_field(&AcceptedRisk::justification, text_rule())},
          {"flows", false,
           with_key_loc(&AcceptedRisk::flows_loc, scalar_list_field(&AcceptedRisk::flows, id_rule(), 1))},
          {"capabilities", false,
           with_key_loc(&AcceptedRisk::capabilities_loc, scalar_list_field(&AcceptedRisk::capabilities, id_rule(), 1))},
          {"providers", false,
           with_key_loc(&AcceptedRisk::providers_loc, scalar_list_field(&AcceptedRisk::providers, id_rule(), 1))},
      },
      {}};
  return schema;
}

// ---------------------------------------------------------------- the document

ValueReader<Inventory> format_version_field() {
  ValueReader<Inventory> r;
  r.expected = "the format version 1";
  r.scalar = [parse = integer_rule(1, 1000).parse](Diagnostics& d, Inventory& inv, const Scalar& s,
                                                   const Slot& slot) {
    const auto version = parse(d, s, slot);
    if (!version) return;
    if (*version != 1) {
      d.error(s.loc, "unsupported inventory format version " + std::to_string(*version) +
                         "; this sovaudit reads version 1", s.length);
      return;
    }
    inv.format_version = Located<int>(*version, s.loc);
  };
  return r;
}

const MapSchema<Inventory>& inventory_schema() {
  static const MapSchema<Inventory> schema{
      "inventory",
      {
          {"sovaudit", true, format_version_field()},
          {"organization", true, object_field(&Inventory::organization, organization_schema())},
          {"policy", false, object_field(&Inventory::policy, policy_schema())},
          {"providers", false,
           with_key_loc(&Inventory::providers_loc, object_list_field(&Inventory::providers, provider_schema()))},
          {"capabilities", false,
           with_key_loc(&Inventory::capabilities_loc, object_list_field(&Inventory::capabilities, capability_schema()))},
          {"data_flows", false,
           with_key_loc(&Inventory::data_flows_loc, object_list_field(&Inventory::data_flows, data_flow_schema()))},
          {"accepted_risks", false,
           with_key_loc(&Inventory::accepted_risks_loc,
                        object_list_field(&Inventory::accepted_risks, accepted_risk_schema()))},
      },
      [](Diagnostics&, Inventory& inv, SourceLoc) {
        // Machines we run ourselves answer to our own law unless the provider says otherwise.
        if (!inv.organization.jurisdiction.present) return;
        for (Provider& p : inv.providers) {
          if (p.operated_by.value == Operator::Self && !p.hq.present) {
            p.hq = Located<std::string>(inv.organization.jurisdiction.value, p.operated_by.loc);
          }
        }
      }};
  return schema;
}

/// The document root: a single map read as an inventory.
class RootFrame final : public Frame {
 public:
  RootFrame(Inventory& target, const MapSchema<Inventory>& schema) : target_(target), schema_(schema) {}

  void on_scalar(Diagnostics& d, const Scalar& s) override {
    if (s.style == ScalarStyle::Alias) return;
    if (s.style == ScalarStyle::Null) {
      d.error(SourceLoc{1, 1}, "the inventory is empty; it needs at least 'sovaudit: 1' and an 'organization'");
      return;
    }
    d.error(s.loc, "the top level of an inventory must be a map of keys such as 'sovaudit' and 'providers', got " +
                       describe(s), s.length);
  }

  FramePtr on_open(Diagnostics& d, const Collection& c) override {
    if (!c.is_map) {
      d.error(c.loc, "the top level of an inventory must be a map of keys such as 'sovaudit' and 'providers', got " +
                         describe(c));
      return make_skip_frame();
    }
    target_.loc = c.loc;
    return std::make_unique<MapFrame<Inventory>>(schema_, target_, c.loc);
  }

 private:
  Inventory& target_;
  const MapSchema<Inventory>& schema_;
};

/// The inventory's keys with none required and nothing done at its end: a piece of a split file
/// holds only some of them, and what the whole needs is checked once the pieces are joined.
const MapSchema<Inventory>& inventory_piece_schema() {
  static const MapSchema<Inventory> schema = [] {
    MapSchema<Inventory> piece{inventory_schema().what, inventory_schema().fields, {}};
    for (FieldSpec<Inventory>& field : piece.fields) field.required = false;
    return piece;
  }();
  return schema;
}

}  // namespace

FramePtr make_root_frame(Inventory& target, bool whole_document) {
  return std::make_unique<RootFrame>(target, whole_document ? inventory_schema() : inventory_piece_schema());
}

std::vector<std::string_view> required_top_level_keys() {
  std::vector<std::string_view> keys;
  for (const FieldSpec<Inventory>& field : inventory_schema().fields) {
    if (field.required) keys.push_back(field.key);
  }
  return keys;
}

void finish_inventory(Diagnostics& diags, Inventory& inventory) {
  inventory_schema().finish(diags, inventory, inventory.loc);
}
const MapSchema<Organization>& organization_format() { return organization_schema(); }
const MapSchema<Policy>& policy_format() { return policy_schema(); }
const MapSchema<Provider>& provider_format() { return provider_schema(); }
const MapSchema<Capability>& capability_format() { return capability_schema(); }
const MapSchema<DataFlow>& data_flow_format() { return data_flow_schema(); }
const MapSchema<ProviderUse>& primary_format() { return primary_schema(); }
const MapSchema<ProviderUse>& fallback_format() { return fallback_schema(); }
const MapSchema<ExitPlan>& exit_plan_format() { return exit_plan_schema(); }
const MapSchema<Criteria>& criteria_format() { return criteria_schema(); }

namespace {

template <class T>
FormatMap describe_map(const MapSchema<T>& schema) {
  FormatMap map;
  map.name = std::string(schema.what);
  for (char& c : map.name) {
    if (c == ' ') c = '_';
  }
  for (const FieldSpec<T>& field : schema.fields) {
    map.keys.emplace_back(field.key);
    if (field.required) map.required.emplace_back(field.key);
  }
  return map;
}

}  // namespace
}  // namespace sovaudit::load

namespace sovaudit {

std::vector<FormatMap> inventory_format() {
  using namespace load;
  return {describe_map(inventory_schema()),   describe_map(organization_schema()),
          describe_map(policy_schema()),      describe_map(provider_schema()),
          describe_map(parent_schema()),      describe_map(exit_plan_schema()),
          describe_map(upstream_schema()),    describe_map(detect_schema()),
          describe_map(capability_schema()),
          describe_map(criteria_schema()),    describe_map(need_schema()),
          describe_map(primary_schema()),     describe_map(fallback_schema()),
          describe_map(weeks_schema()),       describe_map(data_flow_schema()),
          describe_map(accepted_risk_schema())};
}

}  // namespace sovaudit
