// `sovaudit import cyclonedx` and `sovaudit catalogue`: CycloneDX in, and what drift recognises.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <ostream>

#include "commands.hpp"
#include "output_file.hpp"
#include "sovaudit/catalogue.hpp"
#include "sovaudit/checks.hpp"
#include "sovaudit/passes.hpp"
#include "sovaudit/sbom.hpp"
#include "sovaudit/text.hpp"

namespace sovaudit::cli {
namespace {

/// The ecosystem a catalogue entry belongs to, as the catalogue's headings name it.
std::string ecosystem_of(const CatalogueEntry& e) {
  if (e.host) return "endpoint";
  const auto package = parse_purl(e.pattern);
  return package ? package->type : "";
}

std::string vendors_text(const CatalogueEntry& e) {
  if (e.sighting == Sighting::Gateway) return "unknown: providers behind a gateway";
  std::string out;
  for (std::size_t i = 0; i < e.vendors.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == e.vendors.size() ? " or " : ", ") + std::string(e.vendors[i]);
  }
  return out;
}

std::string_view sighting_text(Sighting s) {
  return s == Sighting::Gateway ? "gateway" : s == Sighting::Weights ? "weights only" : "service client";
}

}  // namespace

ExitCode run_catalogue(std::ostream& out, bool markdown) {
  if (markdown) {
    out << "| Vendor key | Name | Kind | Also recognised by id or name |\n|---|---|---|---|\n";
    for (const Vendor& v : catalogue_vendors()) {
      std::string aliases;
      for (std::string_view a : v.aliases) aliases += (aliases.empty() ? "" : ", ") + ("`" + std::string(a) + "`");
      out << "| `" << v.key << "` | " << v.name << " | " << to_string(v.kind) << " | " << (aliases.empty() ? "-" : aliases)
          << " |\n";
    }
    out << "\n| Ecosystem | Package or host | May reach | Sighting |\n|---|---|---|---|\n";
    for (const CatalogueEntry& e : catalogue_entries()) {
      out << "| " << ecosystem_of(e) << " | `" << e.pattern << "` | " << vendors_text(e) << " | " << sighting_text(e.sighting)
          << " |\n";
    }
    return ExitCode::Ok;
  }
  out << "Vendors (an inventory provider stands for one when its id or name is the key, the name or an alias):\n";
  for (const Vendor& v : catalogue_vendors()) out << fmt::format("  {:<15} {:<24} {}\n", v.key, v.name, to_string(v.kind));
  std::string heading;
  for (const CatalogueEntry& e : catalogue_entries()) {
    if (const std::string eco = ecosystem_of(e); eco != heading) {
      heading = eco;
      out << "\n" << (eco == "endpoint" ? std::string("Endpoints") : "Packages (" + eco + ")") << ":\n";
    }
    out << fmt::format("  {:<58} {}{}\n", e.pattern, vendors_text(e),
                       e.sighting == Sighting::Service ? "" : " (" + std::string(sighting_text(e.sighting)) + ")");
  }
  out << "\nA provider's detect: {purls, hosts} adds to this list and wins over it (docs/interop.md).\n";
  return ExitCode::Ok;
}

ExitCode run_import(const ImportOptions& o, std::ostream& out, std::ostream& err, TextStyle err_style) {
  const bool to_file = !o.output.empty() && o.output != "-";
  std::error_code ec;
  if (to_file) {
    if (std::filesystem::is_directory(o.output, ec)) {
      err << "sovaudit: error: --output " << quote(o.output) << " is a directory; name the inventory file to write\n";
      return ExitCode::InvalidInput;
    }
    if (!o.force && std::filesystem::symlink_status(o.output, ec).type() != std::filesystem::file_type::not_found) {
      err << "sovaudit: error: " << quote(o.output) << " already exists; sovaudit import never overwrites a file "
          << "(pass --force to replace it)\n";
      return ExitCode::InvalidInput;
    }
    if (same_file(o.output, o.file)) {
      err << "sovaudit: error: --output " << quote(o.output) << " is the BOM itself; refusing to overwrite it\n";
      return ExitCode::InvalidInput;
    }
    if (const std::string problem = check_output_directory(o.output); !problem.empty()) {
      err << "sovaudit: error: " << terminal_safe(problem) << "\n";
      return ExitCode::InvalidInput;
    }
  }
  SourceRead read = read_source_file(o.file, o.limits);
  Diagnostics diags = std::move(read.diagnostics);
  ImportedInventory imported;
  if (read.source) imported = import_cyclonedx(*read.source, o.as_of, diags, o.limits.max_entries);
  const std::string_view text = read.source ? std::string_view(read.source->text) : std::string_view();
  if (!diags.all().empty() && (!o.console.quiet || diags.has_errors())) {
    err << render_diagnostics(o.file, text, diags.sorted(), err_style);
  }
  if (!read.source) return read.io_failure ? ExitCode::Internal : ExitCode::InvalidInput;
  if (diags.has_errors()) {
    err << render_diagnostic_count(diags.error_count(), 0) << "\n";
    return ExitCode::InvalidInput;
  }
  // The starter must load and check cleanly whatever the BOM held: a name that broke the YAML
  // would otherwise reach the user as someone else's error.
  const SourceFile starter{to_file ? o.output : "imported.yaml", imported.yaml};
  const ParseResult parsed = parse_inventory(starter, o.limits);
  Diagnostics check = parsed.diagnostics;
  if (parsed.complete) check.append(check_inventory(parsed.inventory, builtin_passes().rules()));
  if (check.has_errors()) {
    err << render_diagnostics(starter.path, starter.text, check.sorted(), err_style)
        << "sovaudit: internal error: the imported inventory does not validate; please report this with the BOM\n";
    return ExitCode::Internal;
  }
  if (!to_file) {
    out << imported.yaml;
    return ExitCode::Ok;
  }
  PendingFile pending;
  if (const WriteError problem = prepare_file(o.output, [&](std::ostream& s) { s << imported.yaml; }, pending); problem) {
    err << "sovaudit: error: " << terminal_safe(problem.message) << "\n";
    return problem.code;
  }
  std::vector<PendingFile> files{pending};
  if (const std::string problem = commit_files(files); !problem.empty()) {
    err << "sovaudit: error: " << terminal_safe(problem) << "\n";
    return ExitCode::Internal;
  }
  if (!o.console.quiet) {
    out << fmt::format("wrote {}: {} provider{}, {} capabilit{}, {} data flow{}; fill in each TODO, then sovaudit validate {}\n",
                       terminal_safe(o.output), imported.providers, imported.providers == 1 ? "" : "s",
                       imported.capabilities, imported.capabilities == 1 ? "y" : "ies", imported.data_flows,
                       imported.data_flows == 1 ? "" : "s", terminal_safe(o.output));
  }
  return ExitCode::Ok;
}

}  // namespace sovaudit::cli
