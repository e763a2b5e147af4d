// Reading an inventory file from disk, with the size limit checked before any byte is read.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <filesystem>

#include "sovaudit/loader.hpp"

namespace sovaudit {

SourceRead read_source_file(const std::string& path, const LoadLimits& limits) {
  SourceRead result;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    result.diagnostics.error({}, "cannot open the inventory: no such file");
    return result;
  }
  if (std::filesystem::is_directory(status)) {
    result.diagnostics.error({}, "cannot read the inventory: it is a directory");
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.diagnostics.error({}, std::string("cannot open the inventory: ") + std::strerror(errno));
    return result;
  }
  // Regular files are measured before reading; pipes and devices are read up to the limit.
  std::string text;
  const bool regular = std::filesystem::is_regular_file(status);
  const std::uintmax_t size = regular ? std::filesystem::file_size(path, ec) : 0;
  if (regular && !ec && size > limits.max_file_bytes) {
    result.diagnostics.error({}, "the file is " + std::to_string(size) + " bytes, above the limit of " +
                                     std::to_string(limits.max_file_bytes) +
                                     " bytes (raise it with --max-file-size)");
    return result;
  }
  if (regular && !ec) text.reserve(static_cast<std::size_t>(size));
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limits.max_file_bytes) {
      result.diagnostics.error({}, "the input is larger than the limit of " + std::to_string(limits.max_file_bytes) +
                                       " bytes (raise it with --max-file-size)");
      return result;
    }
  }
  if (in.bad()) {
    result.io_failure = true;
    result.diagnostics.error({}, std::string("cannot read the inventory: ") + std::strerror(errno));
    return result;
  }
  result.source = SourceFile{path, std::move(text)};
  return result;
}

}  // namespace sovaudit
