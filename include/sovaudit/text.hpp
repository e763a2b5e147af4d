// Text helpers shared by the loader and the writers: UTF-8 checks and terminal-safe rendering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sovaudit/source.hpp"

namespace sovaudit {

/// The byte offset of the first invalid UTF-8 sequence in `text`, or nothing when it is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Number of Unicode code points in the first `bytes` bytes of UTF-8 `text` (invalid bytes count one each).
std::size_t count_code_points(std::string_view text, std::size_t bytes);

/// `text` made safe for a terminal: control characters become `\xNN` (or `\n`, `\t`),
/// invalid UTF-8 bytes become `\xNN` too; printable text is kept as is.
std::string terminal_safe(std::string_view text);

/// The invisible or reordering code point (C1 control, bidirectional control, zero-width character,
/// line or paragraph separator, byte order mark) whose valid UTF-8 sequence starts at byte `i` of
/// `text`, or nothing for any other character. A viewer would act on these instead of showing them.
std::optional<std::uint32_t> invisible_code_point(std::string_view text, std::size_t i);

/// `text` with every invisible_code_point shown as `\u{202e}`; everything else, ASCII controls
/// included, is left for the format's own escaping.
std::string visible_unicode(std::string_view text);

/// `value` quoted for a message: 'value', with terminal-unsafe bytes escaped and
/// long values cut to `max_chars` characters with an ellipsis.
std::string quote(std::string_view value, std::size_t max_chars = 60);

/// The shortest decimal spelling of `value` that reads back to the same double ("0.35", "12").
std::string format_number(double value);

/// A path as a relative URI reference: every byte but ASCII letters, digits, '-', '.', '_', '~' and
/// '/' percent-encoded.
std::string percent_encode_path(std::string_view path);

/// `text` cut to at most `max_bytes` bytes at a code point boundary, with "…" appended when cut
/// (the result may then be up to 3 bytes longer).
std::string clip_utf8(std::string_view text, std::size_t max_bytes);

/// Breaks `text` into lines of at most `width` code points, at spaces where possible; long words are
/// cut between code points, never inside a UTF-8 sequence.
std::vector<std::string> wrap(const std::string& text, std::size_t width);

/// Line and column (1-based, bytes) of byte `offset` in `text`; an offset past the end is placed
/// after the last byte.
SourceLoc loc_of_offset(std::string_view text, std::size_t offset);

}  // namespace sovaudit
