// The `sovaudit diff` formats: what changed between two reviews, for a terminal, a review and scripts.
#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "figures_json.hpp"
#include "json_out.hpp"
#include "sovaudit/report.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {

std::size_t count(const std::vector<EntryChange>& entries, ChangeKind kind) {
  std::size_t n = 0;
  for (const EntryChange& e : entries) n += e.kind == kind ? 1 : 0;
  return n;
}

std::string entry_summary(const std::vector<EntryChange>& entries) {
  return fmt::format("{} added, {} removed, {} changed", count(entries, ChangeKind::Added),
                     count(entries, ChangeKind::Removed), count(entries, ChangeKind::Changed));
}

/// A finding's message in the words of its own side's inventory.
std::string message(const ChangesReport& r, const Finding& f, const Inventory& side) {
  const RuleInfo* rule = r.rules.rule(f.rule);
  return rule ? render_message(f, *rule, side) : std::string(f.rule);
}

std::string money(const ChangesReport& r, double amount) {
  return format_money(amount, r.after.organization.currency.value);
}

std::string headline(const ChangesReport& r) {
  const Changes& c = r.changes;
  if (c.empty()) return "No changes.";
  if (!c.regressed()) return "No regression: nothing became more critical.";
  // Only what got worse is counted, so the line reads as the list of reasons the gate trips.
  std::string reasons;
  const auto add = [&](std::size_t n, std::string_view one, std::string_view many) {
    if (n > 0) reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", n, n == 1 ? one : many);
  };
  add(c.new_severe_findings(), "new material or existential finding", "new material or existential findings");
  add(c.severity_rises(), "raised severity", "raised severities");
  add(c.worse_classifications(), "higher classification", "higher classifications");
  add(c.dropped_mechanisms(), "dropped transfer mechanism", "dropped transfer mechanisms");
  add(c.lapsed_acceptances.size(), "lapsed acceptance", "lapsed acceptances");
  return "Regression: " + reasons + ".";
}

std::string mechanism_line(const MechanismChange& m) {
  return fmt::format("{}, {}: {} -> {}{}", m.flow, m.destination, to_string(m.before), to_string(m.after),
                     m.dropped() ? " (dropped)" : "");
}

// ---- terminal ----

constexpr std::size_t kWidth = 80;

std::string date_or(const std::optional<Date>& date, std::string_view none) {
  return date ? to_string(*date) : std::string(none);
}

/// "model claude-3-5-sonnet at anthropic retires: 2027-02-15 -> 2027-01-31 (earlier)".
std::string dated_line(const DatedChange& d) {
  const std::string what = d.kind == DatedKind::ContractEnd        ? "contract with " + d.provider + " ends"
                           : d.kind == DatedKind::ProviderRetirement ? d.provider + " retires"
                                                                     : "model " + d.model + " at " + d.provider + " retires";
  return fmt::format("{}: {} -> {}{}", what, date_or(d.before, "no date"), date_or(d.after, "no date"),
                     d.earlier() ? " (earlier)" : "");
}

std::string render_terminal(const ChangesReport& r, TextStyle) {
  const Changes& c = r.changes;
  std::string out;
  out += fmt::format("sovaudit {} {}, as of {}\n  from {}\n  to   {}\n", kVersion, c.command, to_string(r.as_of),
                     terminal_safe(c.old_path), terminal_safe(c.new_path));
  out += headline(r) + "\n\n";
  const auto entries = [&](std::string_view title, const std::vector<EntryChange>& list) {
    out += fmt::format("{}: {}\n", title, entry_summary(list));
    for (const EntryChange& e : list) {
      const char mark = e.kind == ChangeKind::Added ? '+' : e.kind == ChangeKind::Removed ? '-' : '~';
      std::string fields;
      for (const std::string& f : e.fields) fields += (fields.empty() ? ": " : ", ") + f;
      out += fmt::format("  {} {}{}\n", mark, terminal_safe(e.id), fields);
    }
  };
  entries("Providers", c.providers);
  entries("Capabilities", c.capabilities);
  entries("Data flows", c.data_flows);
  entries("Accepted risks", c.accepted_risks);
  if (!c.mechanisms.empty()) {
    out += "Transfer mechanisms:\n";
    for (const MechanismChange& m : c.mechanisms) out += "  " + terminal_safe(mechanism_line(m)) + "\n";
  }
  if (!c.dates.empty()) {
    out += "Retirement and contract dates:\n";
    for (const DatedChange& d : c.dates) out += "  " + terminal_safe(dated_line(d)) + "\n";
  }
  if (!c.policy.empty()) {
    out += "Policy:\n";
    for (const PolicyChange& p : c.policy) {
      out += fmt::format("  {}: {} -> {}\n", p.before.key, terminal_safe(render_evidence_value(p.before, r.before)),
                         terminal_safe(render_evidence_value(p.after, r.after)));
    }
  }
  if (!c.classifications.empty()) {
    out += "Classifications:\n";
    for (const ClassificationChange& k : c.classifications) {
      out += fmt::format("  {} {}: {} -> {}{}\n", k.subject, terminal_safe(k.id), to_string(k.before),
                         to_string(k.after), k.worse() ? " (worse)" : "");
    }
  }
  if (!c.exposures.empty()) {
    out += "Value at risk and added cost:\n";
    for (const ExposureChange& e : c.exposures) {
      out += fmt::format("  {} {}: value at risk {} -> {}\n    added cost {} -> {}\n", e.subject,
                         terminal_safe(e.id), format_share(e.value_at_risk_before), format_share(e.value_at_risk_after),
                         money(r, e.added_cost_before), money(r, e.added_cost_after));
    }
  }
  const auto findings = [&](std::string_view title, const std::vector<FindingChange>& list, const Inventory& side) {
    out += fmt::format("{}: {}\n", title, list.size());
    for (const FindingChange& f : list) {
      const std::string before = f.before ? std::string(to_string(*f.before)) + " -> " : "";
      out += fmt::format("  {}{} {} {}\n", before, to_string(f.finding.severity), f.finding.rule,
                         terminal_safe(f.finding.target));
      for (const std::string& line : wrap(terminal_safe(message(r, f.finding, side)), kWidth - 4)) {
        out += "    " + line + "\n";
      }
    }
  };
  findings("New findings", c.new_findings, r.after);
  findings("Resolved findings", c.resolved_findings, r.before);
  findings("Severity changes", c.severity_changes, r.after);
  if (!c.lapsed_acceptances.empty()) findings("Lapsed acceptances", c.lapsed_acceptances, r.after);
  return out;
}

// ---- Markdown ----

std::string cell(std::string_view text) { return markdown_text(text); }

void table(std::string& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  const auto line = [&](const std::vector<std::string>& cells) {
    out += "|";
    for (const std::string& c : cells) out += " " + c + " |";
    out += "\n";
  };
  line(header);
  out += "|";
  for (std::size_t i = 0; i < header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : rows) line(row);
  out += "\n";
}

std::string render_markdown_report(const ChangesReport& r, TextStyle) {
  const std::string_view title = r.changes.command == "what-if" ? "What if" : "AI dependency changes";
  std::string out = fmt::format("# {}: {}\n\n", title, markdown_text(r.after.organization.name.value));
  out += fmt::format("From {} to {}, as of {}, sovaudit {}.\n\n", markdown_text(r.changes.old_path),
                     markdown_text(r.changes.new_path), to_string(r.as_of), kVersion);
  out += render_changes_markdown_body(r, 2);
  // Sections end with a blank line; a document ends with exactly one newline.
  while (out.size() > 1 && out.ends_with("\n\n")) out.pop_back();
  return out;
}

// ---- JSON ----

void finding_json(JsonOut& j, const ChangesReport& r, const FindingChange& f, const Inventory& side) {
  j.begin_object().field("rule", f.finding.rule).field("severity", to_string(f.finding.severity));
  if (f.before) j.field("before", to_string(*f.before));
  j.field("target", f.finding.target).field("fingerprint", fingerprint(f.finding));
  j.field("message", message(r, f.finding, side)).end_object();
}

void entries_json(JsonOut& j, std::string_view name, const std::vector<EntryChange>& list) {
  j.key(name).begin_array();
  for (const EntryChange& e : list) {
    j.begin_object().field("change", to_string(e.kind)).field("id", e.id).array_field("fields", e.fields).end_object();
  }
  j.end_array();
}

double rounded(double v, double scale) { return std::round(v * scale) / scale; }

std::string render_json_report(const ChangesReport& r, TextStyle) {
  const Changes& c = r.changes;
  std::ostringstream text;
  {
    JsonOut j(text);
    j.begin_object().field("schema_version", 1);
    j.key("tool").begin_object().field("name", "sovaudit").field("version", kVersion).end_object();
    j.field("command", c.command).field("as_of", to_string(r.as_of)).field("old", c.old_path).field("new", c.new_path);
    j.field("regressed", c.regressed());
    j.key("figures").begin_object();
    figures_json(j, "before", c.figures_before);
    figures_json(j, "after", c.figures_after);
    j.end_object();
    entries_json(j, "providers", c.providers);
    entries_json(j, "capabilities", c.capabilities);
    entries_json(j, "data_flows", c.data_flows);
    entries_json(j, "accepted_risks", c.accepted_risks);
    j.key("transfer_mechanisms").begin_array();
    for (const MechanismChange& m : c.mechanisms) {
      j.begin_object().field("flow", m.flow).field("destination", m.destination).field("before", to_string(m.before));
      j.field("after", to_string(m.after)).field("dropped", m.dropped()).end_object();
    }
    j.end_array();
    j.key("dated_departures").begin_array();
    for (const DatedChange& d : c.dates) {
      j.begin_object().field("kind", to_string(d.kind)).field("provider", d.provider).key("model");
      if (d.model.empty()) {
        j.value(nullptr);
      } else {
        j.value(d.model);
      }
      j.key("before");
      if (d.before) {
        j.value(to_string(*d.before));
      } else {
        j.value(nullptr);
      }
      j.key("after");
      if (d.after) {
        j.value(to_string(*d.after));
      } else {
        j.value(nullptr);
      }
      j.field("earlier", d.earlier()).end_object();
    }
    j.end_array();
    j.key("policy").begin_array();
    for (const PolicyChange& p : c.policy) {
      j.begin_object().field("key", p.before.key).field("before", render_evidence_value(p.before, r.before));
      j.field("after", render_evidence_value(p.after, r.after)).end_object();
    }
    j.end_array();
    j.key("regression").begin_object();
    j.field("new_severe_findings", c.new_severe_findings()).field("severity_rises", c.severity_rises());
    j.field("worse_classifications", c.worse_classifications()).field("dropped_mechanisms", c.dropped_mechanisms());
    j.field("lapsed_acceptances", c.lapsed_acceptances.size()).end_object();
    j.key("classifications").begin_array();
    for (const ClassificationChange& k : c.classifications) {
      j.begin_object().field("subject", k.subject).field("id", k.id).field("before", to_string(k.before));
      j.field("after", to_string(k.after)).field("worse", k.worse()).end_object();
    }
    j.end_array();
    j.key("exposures").begin_array();
    for (const ExposureChange& e : c.exposures) {
      j.begin_object().field("subject", e.subject).field("id", e.id);
      j.key("value_at_risk").begin_object().field("before", rounded(e.value_at_risk_before, 1e4));
      j.field("after", rounded(e.value_at_risk_after, 1e4)).end_object();
      j.key("added_cost").begin_object().field("before", rounded(e.added_cost_before, 1e2));
      j.field("after", rounded(e.added_cost_after, 1e2)).end_object();
      j.end_object();
    }
    j.end_array();
    const auto findings = [&](std::string_view name, const std::vector<FindingChange>& list, const Inventory& side) {
      j.key(name).begin_array();
      for (const FindingChange& f : list) finding_json(j, r, f, side);
      j.end_array();
    };
    findings("new_findings", c.new_findings, r.after);
    findings("resolved_findings", c.resolved_findings, r.before);
    findings("severity_changes", c.severity_changes, r.after);
    findings("lapsed_acceptances", c.lapsed_acceptances, r.after);
    j.end_object();
  }
  return text.str() + "\n";
}

}  // namespace

std::string render_changes_markdown_body(const ChangesReport& r, int level) {
  const Changes& c = r.changes;
  const std::string h(static_cast<std::size_t>(level), '#');
  std::string out = "**" + headline(r) + "**\n\n";
  out += fmt::format("Providers: {}. Capabilities: {}. Data flows: {}. Accepted risks: {}. Findings: {} new, {} "
                     "resolved, {} with another severity.\n\n",
                     entry_summary(c.providers), entry_summary(c.capabilities), entry_summary(c.data_flows),
                     entry_summary(c.accepted_risks), c.new_findings.size(), c.resolved_findings.size(),
                     c.severity_changes.size());
  const auto entries = [&](std::string_view title, const std::vector<EntryChange>& list) {
    if (list.empty()) return;
    out += fmt::format("{} {}\n\n", h, title);
    std::vector<std::vector<std::string>> rows;
    for (const EntryChange& e : list) {
      std::string fields;
      for (const std::string& f : e.fields) fields += (fields.empty() ? "" : ", ") + ("`" + f + "`");
      rows.push_back({std::string(to_string(e.kind)), "`" + cell(e.id) + "`", fields.empty() ? "" : fields});
    }
    table(out, {"Change", "Id", "Changed keys"}, rows);
  };
  entries("Providers", c.providers);
  entries("Capabilities", c.capabilities);
  entries("Data flows", c.data_flows);
  entries("Accepted risks", c.accepted_risks);
  if (!c.mechanisms.empty()) {
    out += fmt::format("{} Transfer mechanisms\n\n", h);
    std::vector<std::vector<std::string>> rows;
    for (const MechanismChange& m : c.mechanisms) {
      rows.push_back({"`" + cell(m.flow) + "`", cell(m.destination), std::string(to_string(m.before)),
                      m.dropped() ? "**none (dropped)**" : std::string(to_string(m.after))});
    }
    table(out, {"Data flow", "Destination", "Before", "After"}, rows);
  }
  if (!c.dates.empty()) {
    out += fmt::format("{} Retirement and contract dates\n\n", h);
    std::vector<std::vector<std::string>> rows;
    for (const DatedChange& d : c.dates) {
      rows.push_back({std::string(to_string(d.kind)), "`" + cell(d.provider) + "`", d.model.empty() ? "" : "`" + cell(d.model) + "`",
                      date_or(d.before, "none"), date_or(d.after, "none") + (d.earlier() ? " (earlier)" : "")});
    }
    table(out, {"Kind", "Provider", "Model", "Before", "After"}, rows);
  }
  if (!c.policy.empty()) {
    out += fmt::format("{} Policy\n\n", h);
    std::vector<std::vector<std::string>> rows;
    for (const PolicyChange& p : c.policy) {
      rows.push_back({"`" + std::string(p.before.key) + "`", cell(render_evidence_value(p.before, r.before)),
                      cell(render_evidence_value(p.after, r.after))});
    }
    table(out, {"Key", "Before", "After"}, rows);
  }
  if (!c.classifications.empty()) {
    out += fmt::format("{} Classifications\n\n", h);
    std::vector<std::vector<std::string>> rows;
    for (const ClassificationChange& k : c.classifications) {
      rows.push_back({k.subject, "`" + cell(k.id) + "`", std::string(to_string(k.before)),
                      (k.worse() ? "**" + std::string(to_string(k.after)) + "**" : std::string(to_string(k.after)))});
    }
    table(out, {"Subject", "Id", "Before", "After"}, rows);
  }
  if (!c.exposures.empty()) {
    out += fmt::format("{} Value at risk and added cost\n\n", h);
    std::vector<std::vector<std::string>> rows;
    for (const ExposureChange& e : c.exposures) {
      rows.push_back({e.subject, "`" + cell(e.id) + "`", format_share(e.value_at_risk_before),
                      format_share(e.value_at_risk_after), money(r, e.added_cost_before), money(r, e.added_cost_after)});
    }
    table(out, {"Subject", "Id", "Value at risk before", "After", "Added cost before", "After"}, rows);
  }
  const auto findings = [&](std::string_view title, const std::vector<FindingChange>& list, const Inventory& side) {
    if (list.empty()) return;
    out += fmt::format("{} {}\n\n", h, title);
    std::vector<std::vector<std::string>> rows;
    for (const FindingChange& f : list) {
      const std::string severity = f.before ? fmt::format("{} → {}", to_string(*f.before), to_string(f.finding.severity))
                                            : std::string(to_string(f.finding.severity));
      rows.push_back({severity, std::string(f.finding.rule), "`" + cell(f.finding.target) + "`", cell(message(r, f.finding, side))});
    }
    table(out, {"Severity", "Rule", "Target", "Finding"}, rows);
  };
  findings("New findings", c.new_findings, r.after);
  findings("Resolved findings", c.resolved_findings, r.before);
  findings("Severity changes", c.severity_changes, r.after);
  if (!c.lapsed_acceptances.empty()) findings("Lapsed acceptances", c.lapsed_acceptances, r.after);
  return out;
}

const std::vector<ChangesWriter>& builtin_changes_writers() {
  static const std::vector<ChangesWriter> writers = {
      {"table", "changes for a terminal", render_terminal},
      {"markdown", "changes as a Markdown review", render_markdown_report},
      {"json", "changes for scripts", render_json_report},
  };
  return writers;
}

const ChangesWriter* find_changes_writer(std::string_view name) {
  for (const ChangesWriter& w : builtin_changes_writers()) {
    if (w.name == name) return &w;
  }
  return nullptr;
}

}  // namespace sovaudit
