// SHA-1 and name-based UUIDs (RFC 9562 version 5): deterministic identifiers for exported documents.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sovaudit {

/// The SHA-1 digest of `data` (FIPS 180-4). Used only to derive identifiers, never for security.
std::array<std::uint8_t, 20> sha1(std::string_view data);

/// `digest` as lower-case hexadecimal.
std::string to_hex(const std::array<std::uint8_t, 20>& digest);

/// The version-5 UUID of `name` in the namespace `namespace_uuid` (RFC 9562, section 5.5), written
/// as 8-4-4-4-12 lower-case hex digits. `namespace_uuid` must itself be a UUID in that spelling.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

}  // namespace sovaudit
