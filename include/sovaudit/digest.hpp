// SHA-1 and name-based UUIDs (RFC 9562 version 5): deterministic identifiers for exported documents.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sovaudit {

/// How SHA-1 compresses its blocks: the processor's SHA instructions where it has them (x86-64
/// SHA-NI), else portable code. Both give the same digest; tests compare them.
enum class Sha1Engine : std::uint8_t { Fastest, Portable };

/// SHA-1 (FIPS 180-4) over data given in parts, so a large document is digested as it is written.
class Sha1 {
 public:
  explicit Sha1(Sha1Engine engine = Sha1Engine::Fastest);
  /// Whether this object compresses with the processor's SHA instructions.
  [[nodiscard]] bool uses_cpu_instructions() const { return accelerated_; }
  /// Adds the next bytes.
  void update(std::string_view data);
  /// The digest of every byte added; the object is spent afterwards.
  std::array<std::uint8_t, 20> finish();

 private:
  std::array<std::uint32_t, 5> h_{0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::array<std::uint8_t, 64> block_{};
  std::size_t filled_ = 0;     // bytes waiting in block_
  std::uint64_t length_ = 0;   // bytes added in all
  bool accelerated_ = false;
  void compress(const std::uint8_t* blocks, std::size_t count);
};

/// The SHA-1 digest of `data` (FIPS 180-4). Used only to derive identifiers, never for security.
std::array<std::uint8_t, 20> sha1(std::string_view data);

/// `digest` as lower-case hexadecimal.
std::string to_hex(const std::array<std::uint8_t, 20>& digest);

/// The version-5 UUID of `name` in the namespace `namespace_uuid` (RFC 9562, section 5.5), written
/// as 8-4-4-4-12 lower-case hex digits. `namespace_uuid` must itself be a UUID in that spelling.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

/// A hash started with `namespace_uuid`'s bytes: add the name with `update`, then `uuid_v5(hash)`.
Sha1 uuid_v5_hash(std::string_view namespace_uuid);
/// The version-5 UUID of everything added to a hash from `uuid_v5_hash`; the hash is spent.
std::string uuid_v5(Sha1& hash);

}  // namespace sovaudit
