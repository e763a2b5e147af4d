// Reading an inventory file (or standard input) with the size limit, as diagnostics.
#include "sovaudit/bounded_read.hpp"
#include "sovaudit/loader.hpp"

namespace sovaudit {

SourceRead read_source_file(const std::string& path, const LoadLimits& limits, std::string_view what) {
  const std::string name(what);
  SourceRead result;
  // A large inventory is mapped: after the parse its pages go back (load_inventory), and only the
  // lines a diagnostic or a SARIF column needs are read again.
  BoundedRead read = read_bounded(path, limits.max_file_bytes, true);
  switch (read.outcome) {
    case ReadOutcome::Ok:
      result.source = SourceFile{path == "-" ? std::string("<stdin>") : path, std::move(read.text)};
      break;
    case ReadOutcome::Missing:
      result.diagnostics.error({}, "cannot open " + name + ": no such file");
      break;
    case ReadOutcome::LinkLoop:
      result.diagnostics.error({}, "cannot open " + name + ": a loop of symbolic links");
      break;
    case ReadOutcome::Directory:
      result.diagnostics.error({}, "cannot read " + name + ": it is a directory");
      break;
    case ReadOutcome::TooLarge:
      result.diagnostics.error({}, read.size > 0 ? "the file is " + std::to_string(read.size) +
                                                       " bytes, above the limit of " +
                                                       std::to_string(limits.max_file_bytes) +
                                                       " bytes (raise it with --max-file-size)"
                                                 : "the input is larger than the limit of " +
                                                       std::to_string(limits.max_file_bytes) +
                                                       " bytes (raise it with --max-file-size)");
      break;
    case ReadOutcome::Unreadable:
      result.io_failure = true;
      result.diagnostics.error({}, "cannot read " + name + ": " + read.detail);
      break;
  }
  return result;
}

}  // namespace sovaudit
