// Internal to the Markdown writers: cells, tables and the sections about findings that the review
// and the bounded summary share.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sovaudit/report.hpp"
#include "streamed_text.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::md {

using Row = std::vector<std::string>;

/// Ids are ASCII letters, digits, '-', '_' and '.': safe in a code span.
inline std::string code(std::string_view id) { return "`" + std::string(id) + "`"; }

inline std::string codes(const std::vector<std::string>& ids) {
  if (ids.empty()) return "none";
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + code(id);
  return out;
}

inline std::string provider_codes(const Inventory& inv, const std::vector<NodeIndex>& v) {
  std::vector<std::string> ids;
  for (NodeIndex i : v) ids.push_back(inv.providers[i].id.value.str());
  return codes(ids);
}

inline std::string capability_codes(const Inventory& inv, const std::vector<NodeIndex>& v) {
  std::vector<std::string> ids;
  for (NodeIndex i : v) ids.push_back(inv.capabilities[i].id.value.str());
  return codes(ids);
}

/// Tables longer than this are folded into <details>, so the sections after them stay in reach.
inline constexpr std::size_t kFoldRows = 30;

/// A Markdown document as it is rendered (see StreamedText).
using Out = StreamedText;

/// A Markdown table of `count` rows, `row_at(i)` giving row i as it is written; one of more than
/// kFoldRows rows is folded under "Show all N `what`".
template <class Text, class RowAt>
void table_of(Text& out, const Row& header, std::size_t count, std::string_view what, RowAt&& row_at) {
  const bool fold = count > kFoldRows;
  if (fold) out += fmt::format("<details>\n<summary>Show all {} {}</summary>\n\n", count, what);
  auto line = [&](const Row& cells) {
    out += "|";
    for (const std::string& c : cells) {
      out += " ";
      out += c;
      out += " |";
    }
    out += "\n";
  };
  line(header);
  out += "|";
  for (std::size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (std::size_t i = 0; i < count; ++i) line(row_at(i));
  out += "\n";
  if (fold) out += "</details>\n\n";
}

/// A Markdown table of `rows`, folded like `table_of`.
template <class Text>
void table(Text& out, const Row& header, const std::vector<Row>& rows, std::string_view what = "rows") {
  table_of(out, header, rows.size(), what, [&](std::size_t i) -> const Row& { return rows[i]; });
}

/// "`a`, `b`, `c` and 7 more": at most `limit` ids, so a line about thousands stays one line.
inline std::string capped_codes(const std::vector<std::string>& ids, std::size_t limit) {
  if (ids.size() <= limit) return codes(ids);
  const std::vector<std::string> head(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(limit));
  return fmt::format("{} and {} more", codes(head), ids.size() - limit);
}

inline std::string message_of(const Report& r, const Finding& f) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  return rule ? markdown_text(render_message(f, *rule, r.inventory, share_thresholds(r.analysis.policy))) : std::string();
}

inline std::string months(double m) { return format_months(m); }
inline std::string money(const Report& r, double amount) {
  return format_money(amount, r.inventory.organization.currency.value);
}
inline std::string cost(const Report& r, const std::optional<double>& amount) {
  return format_cost(amount, r.inventory.organization.currency.value);
}
/// A share printed so that it never seems to cross the policy's thresholds.
inline std::string share(const Report& r, double v) { return format_share(v, share_thresholds(r.analysis.policy)); }
inline std::string estimate_shares(const Report& r, const Estimate& e) {
  return share(r, e.low) + " / " + share(r, e.likely) + " / " + share(r, e.high);
}
inline std::string value_months(double v) { return format_number(std::round(v * 1000) / 1000); }

/// Worse first, then by id: the same pick whatever the order of the inventory's lists.
template <class Key>
const ProviderResult* worst_provider(const Report& r, Key key) {
  const ProviderResult* worst = nullptr;
  for (const ProviderResult& p : r.analysis.providers) {
    if (!worst || key(p) > key(*worst) ||
        (key(p) == key(*worst) && r.inventory.providers[p.provider].id.value < r.inventory.providers[worst->provider].id.value)) {
      worst = &p;
    }
  }
  return worst;
}

inline std::string jurisdictions_of(const Provider& p) {
  std::string out = p.hq.present ? p.hq.value.str() : "unknown";
  if (p.ultimate_parent) out += " (parent " + p.ultimate_parent->hq.value + ")";
  return out;
}

/// "foreign (US)", "own (DE)", "held, origin CN", or both parts: "foreign (US); held, origin CN".
inline std::string layer_cell(const LayerResult& l) {
  if (l.status == LayerStatus::NotApplicable) return "n/a";
  const auto list = [](LayerResult::Codes codes) {
    std::string out;
    for (const std::string_view code : codes) (out += out.empty() ? "" : ", ") += code;
    return out;
  };
  std::string out;
  if (!l.controllers().empty() || l.held_origins().empty()) {
    out = std::string(to_string(l.status));
    if (!l.controllers().empty()) out += " (" + list(l.controllers()) + ")";
  }
  if (!l.held_origins().empty()) out += (out.empty() ? "" : "; ") + std::string("held, origin ") + list(l.held_origins());
  return out;
}

/// One action: a rule with open findings at one severity, and their targets, largest first.
struct Action {
  std::string_view rule;
  std::vector<std::string_view> targets;
};

/// The open findings' actions by severity (index: Severity), rules in the order of their largest
/// finding: a rule existential for one target and material for another is in both lists.
std::array<std::vector<Action>, 3> actions_by_severity(const Verdict& verdict);

/// "Existential", "Material", "Advisory".
std::string severity_title(Severity s);

/// The sections about findings (src/report/markdown_findings.cpp).
void summary(Out& out, const Report& r);
void practices_section(Out& out, const Report& r);
void accepted_section(Out& out, const Report& r);
void expiring_section(Out& out, const Report& r);
void changes_section(Out& out, const Report& r);
/// "Plan for next quarter" (scan --plan), or nothing.
void plan_section(Out& out, const Report& r);
void actions_section(Out& out, const Report& r);
/// "Upcoming retirements and contract ends" (src/report/markdown_dated.cpp).
void dated_section(Out& out, const Report& r);
void appendix_section(Out& out, const Report& r);
void baseline_note(Out& out, const Report& r);
/// "**Gate: failed** at `--fail-on existential`. Open findings: ..." and a blank line.
void gate_line(Out& out, const Report& r);
/// The worst finding per target among rules starting with one prefix, indexed once per section:
/// a table of thousands of flows looked each one up in every finding (quadratic; 150 s at 50 MB).
class SeverityCells {
 public:
  SeverityCells(const Report& r, std::string_view rule_prefix);
  /// "existential", "material (accepted)", or "none" when no such finding is on `target`.
  [[nodiscard]] std::string cell(std::string_view target) const;

 private:
  std::unordered_map<std::string_view, const Finding*> worst_;
};

}  // namespace sovaudit::md
