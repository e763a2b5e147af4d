// `validate --format json|sarif`: an inventory's diagnostics for scripts and for code scanning.
#include <fmt/format.h>

#include <sstream>

#include "json_out.hpp"
#include "columns.hpp"
#include "sovaudit/diagnostic_writer.hpp"
#include "sovaudit/text.hpp"
#include "sovaudit/version.hpp"

namespace sovaudit {
namespace {



/// A stable identity for a diagnostic that survives line moves: FNV-1a of path, severity and
/// message, 16 hex digits.
std::string diagnostic_fingerprint(std::string_view path, const Diagnostic& d) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const std::string_view part : {path, to_string(d.severity), std::string_view(d.message)}) {
    for (const unsigned char c : part) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    hash ^= 0xFF;
    hash *= 1099511628211ull;
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace

FileDiagnostics file_diagnostics(std::string path, std::string_view source, std::vector<Diagnostic> diagnostics,
                                 bool valid) {
  FileDiagnostics file{std::move(path), std::move(diagnostics), {}, {}, valid};
  if (file.diagnostics.empty()) return file;
  const Columns columns(source);
  for (const Diagnostic& d : file.diagnostics) {
    file.character_columns.push_back(d.loc.known() ? columns.character_column(d.loc) : 1);
    file.end_columns.push_back(d.loc.known() ? columns.place(d.loc).token_end_column : 2);
  }
  return file;
}

std::string render_diagnostics_json(const std::vector<FileDiagnostics>& files) {
  std::ostringstream text;
  {
    JsonOut j(text);
    j.begin_object().field("schema_version", 1);
    j.key("tool").begin_object().field("name", "sovaudit").field("version", kVersion).end_object();
    j.key("files").begin_array();
    for (const FileDiagnostics& file : files) {
      std::size_t errors = 0, warnings = 0;
      for (const Diagnostic& d : file.diagnostics) {
        errors += d.severity == DiagSeverity::Error ? 1 : 0;
        warnings += d.severity == DiagSeverity::Warning ? 1 : 0;
      }
      j.begin_object().field("path", file.path).field("valid", file.valid).field("errors", errors);
      j.field("warnings", warnings).key("diagnostics").begin_array();
      for (const Diagnostic& d : file.diagnostics) {
        j.begin_object().field("severity", to_string(d.severity));
        j.key("line");
        if (d.loc.known()) j.value(d.loc.line);
        else j.value(nullptr);
        j.key("column");
        if (d.loc.known()) j.value(d.loc.column);
        else j.value(nullptr);
        j.field("message", d.message).end_object();
      }
      j.end_array().end_object();
    }
    j.end_array().end_object();
    j.flush();
  }
  return text.str() + "\n";
}

std::string render_diagnostics_sarif(const std::vector<FileDiagnostics>& files) {
  std::ostringstream text;
  {
    JsonOut j(text);
    j.begin_object().field("$schema", "https://json.schemastore.org/sarif-2.1.0.json").field("version", "2.1.0");
    j.key("runs").begin_array().begin_object();
    j.key("tool").begin_object().key("driver").begin_object();
    j.field("name", "sovaudit").field("version", kVersion).field("semanticVersion", kVersion);
    j.field("informationUri", "https://github.com/sovaudit/sovaudit");
    j.key("rules").begin_array().begin_object().field("id", "SOV-INVENTORY").field("name", "InvalidInventory");
    j.key("shortDescription").begin_object().field("text", "The inventory does not read as the format defines").end_object();
    j.key("fullDescription")
        .begin_object()
        .field("text", "A key, value or reference of the inventory is wrong or missing, so sovaudit cannot analyse "
                       "it (errors) or analyses it with a gap (warnings). docs/inventory.md defines every key.")
        .end_object();
    j.field("helpUri", "https://github.com/sovaudit/sovaudit/blob/main/docs/inventory.md#the-inventory-format");
    j.key("defaultConfiguration").begin_object().field("level", "error").end_object();
    j.end_object().end_array();
    j.end_object().end_object();
    // The run itself succeeded: an invalid inventory is its result, not a failure of the tool.
    j.key("invocations").begin_array().begin_object().field("executionSuccessful", true).end_object().end_array();
    j.field("columnKind", "unicodeCodePoints");
    j.key("results").begin_array();
    for (const FileDiagnostics& file : files) {
      for (std::size_t i = 0; i < file.diagnostics.size(); ++i) {
        const Diagnostic& d = file.diagnostics[i];
        const SourceLoc where = d.loc.known() ? d.loc : SourceLoc{1, 1};
        j.begin_object().field("ruleId", "SOV-INVENTORY").field("ruleIndex", 0).field("level", to_string(d.severity));
        j.key("message").begin_object().field("text", sarif_text(d.message)).end_object();
        j.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
        j.key("artifactLocation").begin_object().field("uri", percent_encode_path(file.path)).end_object();
        j.key("region").begin_object().field("startLine", where.line);
        j.field("startColumn", d.loc.known() ? file.character_columns[i] : 1);
        j.field("endLine", where.line).field("endColumn", d.loc.known() ? file.end_columns[i] : 2);
        j.end_object().end_object().end_object().end_array();
        const std::string print = diagnostic_fingerprint(file.path, d);
        j.key("partialFingerprints").begin_object().field("primaryLocationLineHash", print + ":1");
        j.field("sovauditDiagnostic/v1", print).end_object().end_object();
      }
    }
    j.end_array();
    j.end_object().end_array().end_object();
    j.flush();
  }
  return text.str() + "\n";
}

}  // namespace sovaudit
