// SOV-FALLBACK-UNTESTED, SOV-FALLBACK-STALE and SOV-FALLBACK-RETIRED: fallbacks that do not count as a
// way out (DESIGN 4.9).
#include "pass_support.hpp"
#include "sovaudit/retirements.hpp"

namespace sovaudit::passes {
namespace {

constexpr RuleInfo kRules[] = {
    {
        "SOV-FALLBACK-UNTESTED",
        "UntestedFallback",
        "A fallback provider has never been tested",
        "A fallback counts in the dependency graph only once switching to it has been tested within the "
        "policy's drill_max_age_months (calendar months). A test date after the review date has not "
        "happened yet on that day and is reported as such. An untested fallback is a hope, not a way out: it does not reduce "
        "any value at risk.",
        "Switch the slot to the fallback in a test environment, run the evaluations, and record the date "
        "in the fallback's tested key.",
        "fallback {fallback} of {target} (slot {slot}) {test_status}, so it does not count as a way out",
        "advisory",
        "practices,fallback",
        Severity::Advisory,
        TargetKind::Capability,
        "providers",
    },
    {
        "SOV-FALLBACK-STALE",
        "StaleFallback",
        "A fallback provider was last tested longer ago than the drill age",
        "The fallback's last test is older than the policy's drill_max_age_months, so it no longer counts "
        "in the dependency graph: the provider, its API or the capability may have changed since.",
        "Repeat the switch-over test and update the fallback's tested date.",
        "fallback {fallback} of {target} (slot {slot}) was last tested on {last_tested}, {age_months} ago "
        "(limit {max_age_months}), so it does not count as a way out",
        "advisory",
        "practices,fallback",
        Severity::Advisory,
        TargetKind::Capability,
        "providers",
    },
    {
        "SOV-FALLBACK-RETIRED",
        "RetiredFallback",
        "A tested fallback's model has retired or its provider's contract has ended",
        "A fallback serves only while its provider still serves its model and the contract still runs. "
        "Once its model's retirement date (`retires`, or the --lifecycle file's) or its provider's "
        "contract end has passed, it no longer counts in the dependency graph, however recently the "
        "switch-over was tested.",
        "Move the fallback to the successor model (or renew the contract) and test the switch-over again; "
        "record the new model and its date.",
        "fallback {fallback} of {target} (slot {slot}) is gone since {gone_on}: {reason}, so it does not "
        "count as a way out",
        "advisory",
        "practices,fallback,lifecycle",
        Severity::Advisory,
        TargetKind::Capability,
        "providers",
    }};

/// The finding on a fallback that was tested in time but is gone by the review date, if it is.
std::optional<Finding> retired(const PassContext& ctx, const RetirementDates& dates, const Capability& c,
                               const Need& need, const ProviderUse& fallback) {
  const auto gone = dates.gone_on(fallback);
  if (!gone || days_since_epoch(ctx.analysis.as_of) < days_since_epoch(*gone)) return std::nullopt;
  const auto model_day = fallback.model && fallback.model->name.present
                             ? dates.model_date(fallback.provider.value, fallback.model->name.value)
                             : std::nullopt;
  const bool model = model_day && *model_day == *gone;
  const Located<Date>* own = fallback.model && fallback.model->retires.present ? &fallback.model->retires : nullptr;
  Finding f = make_finding(kRules[2], Severity::Advisory, c.id.value,
                           model && own ? own->loc : fallback.provider.loc);
  f.discriminator = need.slot.value + "/" + fallback.provider.value;
  f.evidence = evidence_of(evidence_text("fallback", fallback.provider.value), evidence_text("slot", need.slot.value),
                           evidence_date("gone_on", *gone),
                           evidence_text("reason", model ? "its model has retired" : "its provider's contract or service has ended"));
  if (model) f.evidence.push_back(evidence_text("model", fallback.model->name.value));
  return f;
}

std::vector<Finding> run(const PassContext& ctx) {
  std::vector<Finding> out;
  const double max_age = ctx.analysis.policy.drill_max_age_months;
  const RetirementDates dates(ctx.inventory, ctx.analysis.lifecycle);
  for (const Capability& c : ctx.inventory.capabilities) {
    for (const Need& need : c.needs) {
      for (const ProviderUse& fallback : need.fallbacks) {
        const Located<Date>& tested = fallback.tested;
        // A test date after --as-of had not happened yet on that day.
        const bool future = tested.present && ctx.analysis.as_of < tested.value;
        const bool never = !tested.present || future;
        if (!never && tested_within(tested.value, ctx.analysis.as_of, max_age)) {
          if (auto f = dates.empty() ? std::nullopt : retired(ctx, dates, c, need, fallback)) out.push_back(std::move(*f));
          continue;
        }
        Finding f = make_finding(kRules[never ? 0 : 1], Severity::Advisory, c.id.value,
                  never && !future ? fallback.provider.loc : tested.loc);
        f.discriminator = need.slot.value + "/" + fallback.provider.value;
        f.evidence = evidence_of(evidence_text("fallback", fallback.provider.value), evidence_text("slot", need.slot.value));
        if (never) {
          f.evidence.push_back(evidence_text("test_status", future ? "records a test on " + to_string(tested.value) +
                                                                       ", after the review date"
                                                                 : "has never been tested"));
        }
        if (future) f.evidence.push_back(evidence_date("recorded_test", tested.value));
        if (!never) {
          f.evidence.push_back(evidence_date("last_tested", tested.value));
          f.evidence.push_back(evidence_number("age_months", Unit::Months, age_in_months(tested.value, ctx.analysis.as_of)));
          f.evidence.push_back(evidence_number("max_age_months", Unit::Months, max_age));
        }
        out.push_back(std::move(f));
      }
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<Pass> make_fallback_pass() { return make_table_pass(kRules, run); }

}  // namespace sovaudit::passes
