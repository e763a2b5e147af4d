// `sovaudit explain RULE` and `sovaudit rules`: what each rule means and how to fix it.
#include <fmt/format.h>

#include <ostream>

#include "commands.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/suggest.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::cli {
namespace {

/// Wraps prose at 78 columns with a two-space indent.
std::string paragraph(std::string_view text) {
  std::string out = "  ";
  std::size_t column = 2;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (column > 2 && column + 1 + word.size() > 78) {
      out += "\n  ";
      column = 2;
    } else if (column > 2) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out + "\n";
}

}  // namespace

ExitCode run_explain(const std::string& rule_id, std::ostream& out, std::ostream& err) {
  const PassRegistry& registry = builtin_passes();
  std::string wanted = rule_id;
  for (char& c : wanted) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const RuleInfo* rule = registry.rule(wanted);
  if (!rule) {
    const auto ids = registry.rule_ids();
    err << "sovaudit: error: unknown rule " << quote(rule_id) << did_you_mean(closest_match(wanted, ids))
        << "\nRun 'sovaudit rules' to list them.\n";
    return ExitCode::InvalidInput;
  }
  out << fmt::format("{} ({})\n{}\n\n", rule->id, rule->name, rule->summary);
  out << "What it means\n" << paragraph(rule->description) << "\n";
  out << "Severity\n" << paragraph(rule->severities) << "\n";
  out << "How to fix it\n" << paragraph(rule->remediation) << "\n";
  out << "Message\n" << paragraph(rule->message) << "\n";
  out << fmt::format("Accept it deliberately with an entry under accepted_risks:\n"
                     "  - {{rule: {}, target: <id>, owner: <who>, expires: <YYYY-MM-DD>, justification: <why>}}\n",
                     rule->id);
  return ExitCode::Ok;
}

ExitCode run_rules(std::ostream& out) {
  for (const RuleInfo* rule : builtin_passes().rules()) out << fmt::format("{:<24} {}\n", rule->id, rule->summary);
  return ExitCode::Ok;
}

}  // namespace sovaudit::cli
