// Reading a whole input (an inventory, a previous inventory, a baseline report) within a size limit,
// without ever blocking on a FIFO that nobody writes to.
#pragma once

#include <cstdint>
#include <string>

#include "sovaudit/source.hpp"

namespace sovaudit {

/// How reading an input ended.
enum class ReadOutcome : std::uint8_t {
  Ok,
  Missing,     ///< no such file (a dangling link included)
  LinkLoop,    ///< too many levels of symbolic links
  Directory,   ///< the path is a directory
  TooLarge,    ///< larger than the limit: a regular file measured before reading, anything else while reading
  Unreadable,  ///< it exists but cannot be opened or read (permissions, I/O errors): `detail` says why
};

/// The text of an input, or why there is none.
struct BoundedRead {
  ReadOutcome outcome = ReadOutcome::Ok;
  SourceText text;
  std::string detail;         ///< strerror for Unreadable
  std::uint64_t size = 0;     ///< for TooLarge: the size of a regular file, or 0 when it was not known
};

/// Regular files from this size on may be mapped instead of read (`read_bounded`'s `map_large`).
inline constexpr std::uint64_t kMapFromBytes = 1u << 20;

/// Reads `path` whole ("-" is standard input) and refuses more than `max_bytes`. Opening never
/// blocks: a FIFO without a writer reads as empty, a device is read up to the limit. With
/// `map_large`, a regular file of kMapFromBytes or more is mapped rather than copied into memory.
BoundedRead read_bounded(const std::string& path, std::uint64_t max_bytes, bool map_large = false);

}  // namespace sovaudit
